/** Path arithmetic on URIs or POSIX paths without Node's `path`, so the core also runs in a browser. */

export function dirname(uri: string): string {
  const i = uri.lastIndexOf('/');
  return i === -1 ? '' : uri.slice(0, i);
}

/** A child of a folder URI or path; `name` must already be in the URI's form (escaped where needed). */
export function joinPath(folder: string, name: string): string {
  return folder.endsWith('/') ? `${folder}${name}` : `${folder}/${name}`;
}

export function basename(uri: string): string {
  return uri.slice(uri.lastIndexOf('/') + 1);
}

/** A file's name as people read it: a URI's last segment decoded ("my%20data.csv" is "my data.csv"); a path's as it is. */
export function displayName(uri: string): string {
  const name = basename(uri);
  if (!/^[a-z][a-z0-9+.-]*:/i.test(uri) || !name.includes('%')) return name;
  try {
    return decodeURIComponent(name);
  } catch {
    return name; // not valid percent-encoding: show it as written
  }
}

/**
 * What is wrong with a file path written in a worksheet (`csv:`), or undefined when it is a plain
 * relative path. Worksheets travel between computers and are read by CI, so they name files beside
 * them, never a place on one machine: no URIs, no absolute paths. Whether a `..` climbs out of the
 * workspace is decided where the workspace folders are known (WorkspaceFiles.readLinked).
 */
export function relativePathProblem(path: string): string | undefined {
  if (path.trim() === '') return 'the path is empty';
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(path)) return 'the path contains control characters';
  if (/^[a-z][a-z0-9+.-]*:/i.test(path) && !/^[a-z]:[\\/]/i.test(path))
    return 'a URI is not allowed here: write a path relative to this file, e.g. data/measure.csv';
  if (path.startsWith('/') || path.startsWith('\\') || /^[a-z]:/i.test(path) || path.startsWith('~'))
    return 'an absolute path is not allowed here: write a path relative to this file, e.g. data/measure.csv';
  if (path.includes('\\')) return 'use "/" between folders (a backslash reads differently on each system)';
  if (/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(path))
    return 'the path contains half of a character (an unpaired surrogate)';
  return undefined;
}

/**
 * One path segment in a URI's form, escaped exactly as VS Code (vscode-uri) writes file URIs: only
 * letters, digits and "-._~" stay as they are. Matching its spelling matters: the index keys CSV
 * files and team folders by URI, and compares them with the URIs the editor reports.
 */
function encodeSegment(segment: string): string {
  return encodeURIComponent(segment).replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`,
  );
}

/**
 * Resolves a relative path (as written in a worksheet, "/"-separated) against the file that names it.
 * The path is a file path, not a URI: against a URI its segments are percent-encoded ("my data" is
 * `my%20data`, and "%20" names a file called "%20"); against a plain path (the CLI) they stay as written.
 */
export function resolveRelative(fromUri: string, relative: string): string {
  if (/^[a-z][a-z0-9+.-]*:/i.test(relative) || relative.startsWith('/')) return relative;
  const base = dirname(fromUri);
  const schemeEnd = base.indexOf('://');
  const prefix =
    schemeEnd === -1
      ? ''
      : base.slice(0, base.indexOf('/', schemeEnd + 3) === -1 ? base.length : base.indexOf('/', schemeEnd + 3));
  const parts = base.slice(prefix.length).split('/');
  for (const segment of relative.split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..') {
      if (parts.length > 1) parts.pop();
    } else parts.push(prefix ? encodeSegment(segment) : segment);
  }
  return prefix + parts.join('/');
}

export type WorksheetKind = 'cycle' | 'factors' | 'collaborative';

export function worksheetKind(uri: string): WorksheetKind | undefined {
  if (/\.pdsa\.ya?ml$/i.test(uri)) return 'cycle';
  if (/\.factors\.ya?ml$/i.test(uri)) return 'factors';
  if (/\.collaborative\.ya?ml$/i.test(uri)) return 'collaborative';
  return undefined;
}

export const CONFIG_FILE_NAME = 'pdsa.config.yaml';

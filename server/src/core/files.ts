import type { AnalysisJob, BulkAnalyser, CompactWorksheet } from './compact';
import { errorText, type FileChange, type WorkspaceHost } from './host';
import { ALWAYS_SKIPPED, IgnoreRules, type Folder } from './ignore-rules';
import { basename, CONFIG_FILE_NAME, dirname, joinPath, worksheetKind } from './uri';
import type { Workspace } from './workspace';

/**
 * The workspace's files, on any host: which files are worksheets, git ignore rules, which folders
 * belong to the workspace, and reading what worksheets name (CSV files) only from inside it.
 * The CLI and the language server (desktop and browser) all discover files through here.
 */

/** Worksheet kinds found by name. Collaborative files are listed too (their own kind in the index). */
const WORKSHEET_NAME = /\.(pdsa|factors|collaborative)\.ya?ml$/i;

export function isWorksheetName(name: string): boolean {
  return WORKSHEET_NAME.test(name) || worksheetKind(name) !== undefined;
}

export function isConfigName(name: string): boolean {
  return name === CONFIG_FILE_NAME;
}

export interface ScanProblem {
  /** The folder or file that could not be scanned (the target itself or a folder inside it). */
  uri: string;
  kind: 'unreadable' | 'not-a-worksheet';
  /** Why, in words ("no such file or directory"). */
  message: string;
}

export interface Found {
  /** Worksheet files (sorted, no duplicates). */
  worksheets: string[];
  /** Config files inside the workspace that may govern what was found (sorted). */
  configs: string[];
  problems: ScanProblem[];
}

function isInside(uri: string, root: string): boolean {
  return uri === root || uri.startsWith(joinPath(root, ''));
}

/** Path segments of `uri` below `root`, decoded when they are URI segments, so ignore patterns see real names. */
function relativeSegments(root: string, uri: string): string[] {
  if (uri === root) return [];
  const segments = uri.slice(joinPath(root, '').length).split('/');
  if (!/^[a-z][a-z0-9+.-]*:/i.test(uri)) return segments;
  return segments.map((s) => {
    try {
      return decodeURIComponent(s);
    } catch {
      return s;
    }
  });
}

export class WorkspaceFiles {
  readonly ignoreRules: IgnoreRules;
  readonly roots: readonly string[];

  /** `roots`: the workspace folders (URIs or absolute paths, no trailing slash). Nothing outside them is read. */
  constructor(
    private readonly host: WorkspaceHost,
    roots: readonly string[],
  ) {
    this.roots = roots.map((r) => (r.length > 1 && r.endsWith('/') ? r.slice(0, -1) : r));
    this.ignoreRules = new IgnoreRules(host);
  }

  /**
   * The workspace folder holding `uri` (the innermost, when folders nest); undefined when outside
   * the workspace. A path that climbs (`..`) is outside, whatever it would resolve to.
   */
  rootOf(uri: string): string | undefined {
    let best: string | undefined;
    for (const root of this.roots) if (isInside(uri, root) && (!best || root.length > best.length)) best = root;
    if (best !== undefined && relativeSegments(best, uri).some((s) => s === '..' || s === '.' || s === ''))
      return undefined;
    return best;
  }

  contains(uri: string): boolean {
    return this.rootOf(uri) !== undefined;
  }

  /** The folders from the root down to `folderUri` (inclusive), with their paths below the root. */
  private chain(root: string, folderUri: string): Folder[] {
    const chain: Folder[] = [{ uri: root, rel: '' }];
    const raw = folderUri === root ? [] : folderUri.slice(joinPath(root, '').length).split('/');
    const names = relativeSegments(root, folderUri);
    let uri = root;
    raw.forEach((segment, i) => {
      uri = joinPath(uri, segment);
      chain.push({ uri, rel: names.slice(0, i + 1).join('/') });
    });
    return chain;
  }

  /**
   * Whether the ignore rules hide a file or folder (it, or a folder above it up to its workspace
   * root, is ignored or always skipped). Files outside the workspace count as ignored.
   */
  async isIgnored(uri: string, isDirectory = false): Promise<boolean> {
    const root = this.rootOf(uri);
    if (root === undefined) return true;
    const segments = relativeSegments(root, uri);
    if (segments.some((s) => ALWAYS_SKIPPED.has(s))) return true;
    const chain = this.chain(root, isDirectory ? uri : dirname(uri));
    // Folders on the way down: an ignored one hides everything in it.
    for (let depth = 1; depth < chain.length; depth++) {
      if (await this.ignoreRules.ignores(chain.slice(0, depth), chain[depth]!.rel, true)) return true;
    }
    if (isDirectory) return false;
    return this.ignoreRules.ignores(chain, segments.join('/'), false);
  }

  /**
   * Worksheets and configs under the targets (default: every workspace folder), honouring the ignore
   * rules of every folder from the workspace root down. A target that is a file is taken as it is,
   * even when ignored (it was named on purpose). Configs in the folders above a target, up to its
   * workspace root, are included: they govern what is found.
   */
  async scan(targets: readonly string[] = this.roots): Promise<Found> {
    const worksheets = new Set<string>();
    const configs = new Set<string>();
    const problems: ScanProblem[] = [];
    for (const target of targets) {
      const root = this.rootOf(target);
      if (root === undefined) {
        problems.push({ uri: target, kind: 'unreadable', message: 'outside the workspace' });
        continue;
      }
      let type;
      try {
        type = (await this.host.stat(target)).type;
      } catch (error) {
        problems.push({ uri: target, kind: 'unreadable', message: errorText(error) });
        continue;
      }
      const folder = type === 'directory' ? target : dirname(target);
      for (const above of this.chain(root, folder)) {
        if (above.uri === target) break;
        const candidate = joinPath(above.uri, CONFIG_FILE_NAME);
        if (await this.exists(candidate)) configs.add(candidate);
      }
      if (type !== 'directory') {
        if (isWorksheetName(target)) worksheets.add(target);
        else
          problems.push({
            uri: target,
            kind: 'not-a-worksheet',
            message: 'is not a worksheet (expected a *.pdsa.yaml or *.factors.yaml file)',
          });
        continue;
      }
      if (await this.isIgnored(target, true)) continue;
      await this.walk(this.chain(root, target), worksheets, configs, problems);
    }
    return { worksheets: [...worksheets].sort(), configs: [...configs].sort(), problems };
  }

  private async exists(uri: string): Promise<boolean> {
    try {
      return (await this.host.stat(uri)).type === 'file';
    } catch {
      return false;
    }
  }

  /** Depth-first with an explicit stack: folder depth is not bounded by the call stack. */
  private async walk(
    start: Folder[],
    worksheets: Set<string>,
    configs: Set<string>,
    problems: ScanProblem[],
  ): Promise<void> {
    const stack: Folder[][] = [start];
    while (stack.length) {
      const chain = stack.pop()!;
      const folder = chain[chain.length - 1]!;
      let entries;
      try {
        entries = await this.host.readDirectory(folder.uri);
      } catch (error) {
        problems.push({ uri: folder.uri, kind: 'unreadable', message: errorText(error) });
        continue;
      }
      const subfolders: Folder[][] = [];
      for (const entry of entries) {
        if (ALWAYS_SKIPPED.has(entry.name)) continue;
        const rel = folder.rel ? `${folder.rel}/${entry.name}` : entry.name;
        if (entry.type === 'directory') {
          if (!(await this.ignoreRules.ignores(chain, rel, true))) subfolders.push([...chain, { uri: entry.uri, rel }]);
        } else if (entry.type === 'file' && (isWorksheetName(entry.name) || isConfigName(entry.name))) {
          if (await this.ignoreRules.ignores(chain, rel, false)) continue;
          (isConfigName(entry.name) ? configs : worksheets).add(entry.uri);
        }
      }
      // Reversed, so folders are visited in the order listed.
      for (let i = subfolders.length - 1; i >= 0; i--) stack.push(subfolders[i]!);
    }
  }

  /** A worksheet or config inside the workspace (rejects, in words, for anything outside it). */
  async readText(uri: string): Promise<string> {
    if (!this.contains(uri)) throw new Error('outside the workspace');
    return this.host.readFile(uri);
  }

  /**
   * A file a worksheet names (a measure's CSV): its text, or why it may not or cannot be read. Only
   * regular files inside the workspace are read, after symbolic links are resolved, up to a size cap.
   */
  async readLinked(uri: string): Promise<{ text: string } | { problem: string }> {
    const root = this.rootOf(uri);
    if (root === undefined)
      return { problem: 'it is outside the workspace (a CSV file must be inside the workspace folder)' };
    try {
      let real = uri;
      if (this.host.realPath) {
        real = await this.host.realPath(uri);
        const realRoot = await this.host.realPath(root);
        if (!isInside(real, realRoot)) return { problem: 'it is a link to a file outside the workspace' };
      }
      const stat = await this.host.stat(real);
      if (stat.type === 'directory') return { problem: 'it is a folder, not a file' };
      if (stat.type !== 'file') return { problem: 'it is not a regular file (a device, pipe or socket)' };
      if (stat.size > MAX_CSV_BYTES)
        return {
          problem: `it is ${(stat.size / 1048576).toFixed(1)} MB; a CSV file is at most ${MAX_CSV_BYTES / 1048576} MB`,
        };
      return { text: await this.host.readFile(real) };
    } catch (error) {
      return { problem: errorText(error) };
    }
  }
}

/** The largest CSV file read: 1,000,000 rows of date, group and value fit with room to spare. */
export const MAX_CSV_BYTES = 64 * 1024 * 1024;

/** Loads the CSV files that worksheets name and the index has not seen yet. */
export async function loadMissingCsv(workspace: Workspace, files: WorkspaceFiles): Promise<void> {
  for (const uri of workspace.missingCsv()) setLinked(workspace, uri, await files.readLinked(uri));
}

function setLinked(workspace: Workspace, uri: string, read: { text: string } | { problem: string }): void {
  if ('text' in read) workspace.setCsv(uri, read.text);
  else workspace.setCsv(uri, null, read.problem);
}

export interface LoadOptions {
  /** Files whose text the shell already has (documents open in an editor): not read. */
  skip?: (uri: string) => boolean;
  /** A file found but not readable. */
  onError?: (uri: string, message: string) => void;
  /** Awaited between chunks of files, so a server stays responsive while it loads thousands. */
  pause?: () => Promise<void>;
  /** Analyses the worksheets read (worker threads, a cache); without one they are analysed in process. */
  analyser?: BulkAnalyser;
  /**
   * Once every file is read and before any is analysed: the configs and worksheets read, with their
   * texts (a language server publishes what the previous session published if none changed).
   */
  onRead?: (read: AnalysisJob[]) => Promise<void>;
}

const CHUNK = 100;

/**
 * Reads what a scan found into the index: configs first, then factors files (they define most
 * ids), then the rest, then the CSV files they name. Files are read a chunk at a time, in parallel
 * (on the web every read is a round trip to the editor).
 */
export async function loadFound(
  workspace: Workspace,
  files: WorkspaceFiles,
  found: Found,
  options: LoadOptions = {},
): Promise<void> {
  const skip = options.skip ?? (() => false);
  const rank = (uri: string) => (isConfigName(basename(uri)) ? 0 : worksheetKind(uri) === 'factors' ? 1 : 2);
  const all = [...found.configs, ...found.worksheets].filter((u) => !skip(u)).sort((a, b) => rank(a) - rank(b));
  const jobs: AnalysisJob[] = [];
  const read: AnalysisJob[] = [];
  for (let i = 0; i < all.length; i += CHUNK) {
    const chunk = all.slice(i, i + CHUNK);
    const texts = await Promise.all(
      chunk.map((uri) =>
        files.readText(uri).catch((error: unknown) => (options.onError?.(uri, errorText(error)), null)),
      ),
    );
    chunk.forEach((uri, j) => {
      const text = texts[j];
      if (text === null || text === undefined || skip(uri)) return;
      if (options.onRead) read.push({ uri, text });
      if (isConfigName(basename(uri))) workspace.setConfig(uri, text);
      else if (options.analyser) jobs.push({ uri, text });
      else workspace.setWorksheet(uri, text);
    });
    await options.pause?.();
  }
  await options.onRead?.(read);
  if (options.analyser && jobs.length) await analyseInto(workspace, jobs, options.analyser, skip);
  await loadMissingCsv(workspace, files);
}

/**
 * Hands worksheets to an analyser and puts the results into the index in the order of the jobs,
 * whichever finished first, so the index (and every message that lists files) does not depend on
 * how the work was shared. A file the shell took over meanwhile (`skip`) keeps the shell's text.
 */
export async function analyseInto(
  workspace: Workspace,
  jobs: AnalysisJob[],
  analyser: BulkAnalyser,
  skip: (uri: string) => boolean = () => false,
): Promise<void> {
  const done = new Map<string, CompactWorksheet | undefined>();
  let cursor = 0;
  await analyser.analyse(jobs, (job, result) => {
    done.set(job.uri, result);
    for (; cursor < jobs.length && done.has(jobs[cursor]!.uri); cursor++) {
      const next = jobs[cursor]!;
      const compact = done.get(next.uri);
      done.delete(next.uri);
      if (compact && !skip(next.uri)) workspace.setAnalysed(compact, next.text);
    }
  });
}

/**
 * After a rescan (an ignore file changed): drops from the index what is no longer found (unless the
 * shell holds it open) and loads what is new.
 */
export async function syncWithScan(
  workspace: Workspace,
  files: WorkspaceFiles,
  found: Found,
  options: LoadOptions = {},
): Promise<void> {
  const skip = options.skip ?? (() => false);
  const present = new Set([...found.worksheets, ...found.configs]);
  for (const file of [...workspace.worksheets()])
    if (!present.has(file.uri) && !skip(file.uri)) workspace.deleteWorksheet(file.uri);
  for (const uri of workspace.configUris())
    if (!present.has(uri) && !skip(uri) && files.contains(uri)) workspace.setConfig(uri, undefined);
  const known = (uri: string) => workspace.worksheet(uri) !== undefined || workspace.configUris().includes(uri);
  await loadFound(
    workspace,
    files,
    {
      ...found,
      worksheets: found.worksheets.filter((u) => !known(u)),
      configs: found.configs.filter((u) => !known(u)),
    },
    options,
  );
}

/**
 * Applies changes the editor or the file system reported to files the shell does not hold open:
 * worksheets and configs are read again (or dropped when deleted or ignored), CSV files in use are
 * read again, and a changed ignore file rescans the workspace.
 */
export async function applyChanges(
  workspace: Workspace,
  files: WorkspaceFiles,
  changes: readonly FileChange[],
  options: LoadOptions = {},
): Promise<void> {
  const skip = options.skip ?? (() => false);
  let rescan = false;
  for (const change of changes) {
    const name = basename(change.uri);
    if (name === '.gitignore') {
      files.ignoreRules.forget(dirname(change.uri));
      rescan = true;
      continue;
    }
    if (skip(change.uri)) continue;
    if (isWorksheetName(name) || isConfigName(name)) {
      const gone = change.type === 'deleted' || (await files.isIgnored(change.uri));
      const text = gone ? null : await files.readText(change.uri).catch(() => null);
      if (isConfigName(name)) workspace.setConfig(change.uri, text ?? undefined);
      else if (text === null) workspace.deleteWorksheet(change.uri);
      else workspace.setWorksheet(change.uri, text);
    } else if (workspace.csv(change.uri) !== undefined) {
      if (change.type === 'deleted') workspace.setCsv(change.uri, null);
      else setLinked(workspace, change.uri, await files.readLinked(change.uri));
    }
  }
  if (rescan) await syncWithScan(workspace, files, await files.scan(), options);
  else await loadMissingCsv(workspace, files);
}

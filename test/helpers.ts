import type { Diagnostic, Range } from '../server/src/core/diagnostics';
import type { DirectoryEntry, FileStat, WorkspaceHost } from '../server/src/core/host';
import { Workspace } from '../server/src/core/workspace';

export const TODAY = '2026-11-22';

/** An in-memory workspace: file names to text. Names ending .csv are CSV files, pdsa.config.yaml the config. */
export function workspaceOf(files: Record<string, string>, today = TODAY): Workspace {
  const ws = new Workspace({ today });
  for (const [name, text] of Object.entries(files)) {
    const uri = `file:///ws/${name}`;
    if (name.endsWith('.csv')) ws.setCsv(uri, text);
    else if (name.endsWith('pdsa.config.yaml')) ws.setConfig(uri, text);
    else ws.setWorksheet(uri, text);
  }
  for (const uri of ws.missingCsv()) ws.setCsv(uri, null);
  return ws;
}

/** Diagnostics of one file as "code line:col-line:col" with 1-based positions, the way an editor shows them. */
export function diagnosticsOf(ws: Workspace, name: string): string[] {
  return ws.diagnostics(`file:///ws/${name}`).map(show);
}

export function show(d: Diagnostic): string {
  return `${d.code} ${rangeText(d.range)}`;
}

export function rangeText(r: Range): string {
  return `${r.start.line + 1}:${r.start.character + 1}-${r.end.line + 1}:${r.end.character + 1}`;
}

export function check(files: Record<string, string>, name: string, today?: string): Diagnostic[] {
  return workspaceOf(files, today).diagnostics(`file:///ws/${name}`);
}

export const FACTORS = `version: 1
id: focus
title: Attendance
result:
  statement: Every student attends
targets:
  - id: T1
    kind: smartie
    statement: Cut chronic absence
    measure: absence
    baseline: {value: 30, date: 2025-09-01}
    target: {value: 20, date: 2026-06-01}
measures:
  - id: absence
    name: Chronic absence
    kind: outcome
    better: down
    data:
      - [2025-09-01, 30]
      - [2025-09-08, 29]
factors:
  - id: F1
    statement: Students do not feel they belong
    level: mental-model
    evidence:
      validated: {by: Students, on: 2025-09-10}
    priority: true
  - id: F2
    statement: Late buses
    level: event
    parents: [F1]
    evidence:
      validated: {by: Drivers, on: 2025-09-10}
strategies:
  - id: S1
    title: Greeters
    hypothesis: If we greet students then they come because they feel expected.
    addresses: [F1]
`;

export function cycle(id: string, extra = '', opts: { previous?: string; decision?: string } = {}): string {
  return `version: 1
id: ${id}
title: Cycle ${id}
strategy: S1
${opts.previous ? `previous: ${opts.previous}\n` : ''}measures: [absence]
plan:
  objective: Try it
  questions:
    - question: Will it work?
      prediction: Yes
  when: {start: 2026-01-05, end: 2026-01-09}
study:
  learned: It worked.
act:
  decision: ${opts.decision ?? 'adopt'}
${extra}`;
}

/**
 * A workspace host over an in-memory file system (as a browser's virtual workspace is): file names
 * ("a/b.pdsa.yaml") to text, under the root URI `memfs:/ws`, names escaped as URI segments.
 * Reads are counted, so tests can see what was read.
 */
export function memoryHost(
  files: Record<string, string>,
): WorkspaceHost & { root: string; reads: string[]; files: Record<string, string>; uri(name: string): string } {
  const root = 'memfs:/ws';
  const uri = (name: string) => (name ? `${root}/${name.split('/').map(encodeURIComponent).join('/')}` : root);
  const nameOf = (u: string) =>
    u === root
      ? ''
      : u
          .slice(root.length + 1)
          .split('/')
          .map(decodeURIComponent)
          .join('/');
  const isDir = (name: string) => name === '' || Object.keys(host.files).some((f) => f.startsWith(`${name}/`));
  const host = {
    root,
    reads: [] as string[],
    files,
    uri,
    async readDirectory(u: string): Promise<DirectoryEntry[]> {
      const dir = nameOf(u);
      if (!isDir(dir)) throw new Error('no such file or directory');
      const prefix = dir ? `${dir}/` : '';
      const names = new Set(
        Object.keys(host.files)
          .filter((f) => f.startsWith(prefix))
          .map((f) => f.slice(prefix.length).split('/')[0]!),
      );
      return [...names].sort().map((name) => ({
        name,
        uri: uri(prefix + name),
        type: isDir(prefix + name) ? ('directory' as const) : ('file' as const),
      }));
    },
    async stat(u: string): Promise<FileStat> {
      const name = nameOf(u);
      if (name in host.files) return { type: 'file', size: host.files[name]!.length, mtime: 0 };
      if (isDir(name)) return { type: 'directory', size: 0, mtime: 0 };
      throw new Error('no such file or directory');
    },
    async readFile(u: string): Promise<string> {
      const name = nameOf(u);
      host.reads.push(name);
      if (!(name in host.files)) throw new Error(isDir(name) ? 'is a directory' : 'no such file or directory');
      return host.files[name]!;
    },
  };
  return host;
}

import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { tempWorkspace } from './node-helpers';

// One workspace for the CSV rules, checked by the CLI (test/cli/csv-files.test.ts) and by the
// language server over stdio (test/lsp/csv-files.test.ts): the same rule in both shells.

/** The `csv:` values of measures m0, m1, ... in focus.factors.yaml. */
export const CSV_PATHS = [
  'good.csv',
  '../secret.csv',
  'link-out.csv',
  'random.csv',
  'pipe.csv',
  'folder.csv',
  'huge.csv',
  'my data/good two.csv',
  'bad rows.csv',
];

/** What each unreadable file's diagnostic says, by measure index. */
export const REFUSED: [number, RegExp][] = [
  [1, /cannot read secret\.csv: it is outside the workspace/],
  [2, /cannot read link-out\.csv: it is a link to a file outside the workspace/],
  [3, /cannot read random\.csv: it is a link to a file outside the workspace/],
  [4, /cannot read pipe\.csv: it is not a regular file/],
  [5, /cannot read folder\.csv: it is a folder, not a file/],
  [6, /cannot read huge\.csv: it is 100\.0 MB; a CSV file is at most 64 MB/],
];

/** The lines of "bad rows.csv" that are wrong: a date only, 0x10, out of order, month 13, an extra cell. */
export const BAD_ROWS = [3, 4, 5, 6, 7];

/** The 1-based line of measure i's `csv:` value (its column is 10). */
export const csvValueLine = (i: number): number => 6 + 5 * i + 5;

function factorsFile(): string {
  const measures = CSV_PATHS.map(
    (p, i) => `  - id: m${i}\n    name: Measure ${i}\n    kind: outcome\n    better: down\n    csv: ${p}\n`,
  ).join('');
  return `version: 1\nid: focus\ntitle: Attendance\nresult:\n  statement: Every student attends\nmeasures:\n${measures}`;
}

/** A repository `ws` (inside a folder that also holds secret.csv) with focus.factors.yaml and the files it names. */
export function csvRulesWorkspace(): string {
  const outer = tempWorkspace({ 'secret.csv': 'date,value\n1999-01-01,SECRET-LINE\n' });
  const ws = path.join(outer, 'ws');
  fs.mkdirSync(path.join(ws, '.git'), { recursive: true });
  fs.writeFileSync(path.join(ws, 'focus.factors.yaml'), factorsFile());
  fs.writeFileSync(path.join(ws, 'good.csv'), 'date,value\n2025-01-01,3\n');
  fs.symlinkSync(path.join(outer, 'secret.csv'), path.join(ws, 'link-out.csv'));
  fs.symlinkSync('/dev/urandom', path.join(ws, 'random.csv'));
  spawnSync('mkfifo', [path.join(ws, 'pipe.csv')]);
  fs.mkdirSync(path.join(ws, 'folder.csv'));
  fs.writeFileSync(path.join(ws, 'huge.csv'), '');
  fs.truncateSync(path.join(ws, 'huge.csv'), 100 * 1024 * 1024);
  // A space in a folder and in a name: the path is a file path, resolved against the worksheet's URI.
  fs.mkdirSync(path.join(ws, 'my data'));
  fs.writeFileSync(path.join(ws, 'my data', 'good two.csv'), 'date,value\n2025-01-01,4\n');
  fs.writeFileSync(
    path.join(ws, 'bad rows.csv'),
    'date,value\n2025-01-08,3\n2025-01-15\n2025-01-22,0x10\n2025-01-01,4\n2025-13-01,5\n2025-01-29,1,extra\n',
  );
  return ws;
}

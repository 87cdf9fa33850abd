import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT, tempWorkspace } from '../node-helpers';

// CSV files are read only inside the workspace, only when they are regular files, and only up to a
// size cap; everything else is a diagnostic at the `csv:` value, quickly (a pipe must never hang a run).

const CSV_PATHS = ['good.csv', '../secret.csv', 'link-out.csv', 'random.csv', 'pipe.csv', 'folder.csv', 'huge.csv'];

function factorsFile(): string {
  const measures = CSV_PATHS.map(
    (p, i) => `  - id: m${i}\n    name: Measure ${i}\n    kind: outcome\n    better: down\n    csv: ${p}\n`,
  ).join('');
  return `version: 1\nid: focus\ntitle: Attendance\nresult:\n  statement: Every student attends\nmeasures:\n${measures}`;
}

describe('pdsa check: files a worksheet names', () => {
  it('reads only regular files inside the workspace, and says why for each other one', () => {
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

    const r = spawnSync(
      process.execPath,
      [path.join(REPO_ROOT, 'dist', 'cli.js'), 'check', '.', '--today', '2026-11-22'],
      { cwd: ws, encoding: 'utf8', timeout: 20_000 },
    );
    expect(r.error).toBeUndefined();
    expect(r.stdout).not.toContain('SECRET');
    const csvLines = r.stdout.split('\n').filter((l) => l.includes('csv-error'));
    const at = (i: number) => `focus.factors.yaml:${6 + 5 * i + 5}:10`;
    const expected: [number, RegExp][] = [
      [1, /cannot read secret\.csv: it is outside the workspace/],
      [2, /cannot read link-out\.csv: it is a link to a file outside the workspace/],
      [3, /cannot read random\.csv: it is a link to a file outside the workspace/],
      [4, /cannot read pipe\.csv: it is not a regular file/],
      [5, /cannot read folder\.csv: it is a folder, not a file/],
      [6, /cannot read huge\.csv: it is 100\.0 MB; a CSV file is at most 64 MB/],
    ];
    expect(csvLines).toHaveLength(expected.length);
    for (const [i, message] of expected)
      expect(
        csvLines.find((l) => l.includes(at(i))),
        `${CSV_PATHS[i]}`,
      ).toMatch(message);
  });
});

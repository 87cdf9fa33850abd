import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { BAD_ROWS, CSV_PATHS, csvRulesWorkspace, csvValueLine, REFUSED } from '../csv-rules';
import { REPO_ROOT } from '../node-helpers';

// CSV files are read only inside the workspace, only when they are regular files, and only up to a
// size cap; everything else is a diagnostic at the `csv:` value, quickly (a pipe must never hang a run).

describe('pdsa check: files a worksheet names', () => {
  it('reads only regular files inside the workspace, says why for each other one, and names every bad row', () => {
    const ws = csvRulesWorkspace();
    const r = spawnSync(
      process.execPath,
      [path.join(REPO_ROOT, 'dist', 'cli.js'), 'check', '.', '--today', '2026-11-22'],
      { cwd: ws, encoding: 'utf8', timeout: 20_000 },
    );
    expect(r.error).toBeUndefined();
    expect(r.stdout).not.toContain('SECRET');
    const csvLines = r.stdout.split('\n').filter((l) => l.includes('csv-error'));
    const at = (i: number) => csvLines.filter((l) => l.includes(`focus.factors.yaml:${csvValueLine(i)}:10`));
    for (const [i, message] of REFUSED) {
      expect(at(i), CSV_PATHS[i]).toHaveLength(1);
      expect(at(i)[0], CSV_PATHS[i]).toMatch(message);
    }
    // Read: the two good files say nothing; every bad row is named.
    expect(at(0)).toEqual([]);
    expect(at(7)).toEqual([]);
    expect(at(8).map((l) => /bad rows\.csv line (\d+):/.exec(l)?.[1])).toEqual(BAD_ROWS.map(String));
    expect(csvLines).toHaveLength(REFUSED.length + BAD_ROWS.length);
  });
});

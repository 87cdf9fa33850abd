import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { tempWorkspace } from '../node-helpers';
import { LspClient } from './lsp-client';

// The language server reads CSV files by the rules `pdsa check` follows (test/cli/csv-files.test.ts):
// only regular files inside the workspace, up to a size cap, every bad row a diagnostic; a pipe
// never stops it publishing. Over real stdio, as an editor talks to it.

const CSV_PATHS = [
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

function factorsFile(): string {
  const measures = CSV_PATHS.map(
    (p, i) => `  - id: m${i}\n    name: Measure ${i}\n    kind: outcome\n    better: down\n    csv: ${p}\n`,
  ).join('');
  return `version: 1\nid: focus\ntitle: Attendance\nresult:\n  statement: Every student attends\nmeasures:\n${measures}`;
}

const clients: LspClient[] = [];
afterEach(async () => {
  for (const c of clients.splice(0)) await c.stop();
});

describe('language server: files a worksheet names', () => {
  it('reads only regular files inside the workspace, says why for each other one, and names every bad row', async () => {
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

    const client = new LspClient(ws);
    clients.push(client);
    await client.start();
    const uri = client.uri('focus.factors.yaml');
    const published = await client.waitFor(() => client.diagnostics.get(uri), 'the factors file', 30_000);
    const csv = published.filter((d) => d.code === 'csv-error');
    expect(JSON.stringify(published)).not.toContain('SECRET');
    const at = (i: number) => csv.filter((d) => d.range.start.line === 10 + 5 * i && d.range.start.character === 9);
    const expected: [number, RegExp][] = [
      [1, /cannot read secret\.csv: it is outside the workspace/],
      [2, /cannot read link-out\.csv: it is a link to a file outside the workspace/],
      [3, /cannot read random\.csv: it is a link to a file outside the workspace/],
      [4, /cannot read pipe\.csv: it is not a regular file/],
      [5, /cannot read folder\.csv: it is a folder, not a file/],
      [6, /cannot read huge\.csv: it is 100\.0 MB; a CSV file is at most 64 MB/],
    ];
    for (const [i, message] of expected) {
      expect(at(i), CSV_PATHS[i]).toHaveLength(1);
      expect(at(i)[0]!.message, CSV_PATHS[i]).toMatch(message);
    }
    // Read: the two good files say nothing.
    expect(at(0)).toEqual([]);
    expect(at(7)).toEqual([]);
    const rows = at(8).map((d) => d.message);
    for (const line of [3, 4, 5, 6, 7]) expect(rows.join('\n'), `line ${line}`).toContain(`bad rows.csv line ${line}:`);
    expect(rows.join('\n')).not.toContain('line 2:');

    // The editor reports a change to the file with a space by its URI (my%20data/good%20two.csv): the
    // index knows the file by the same URI, so the worksheet is checked again.
    fs.appendFileSync(path.join(ws, 'my data', 'good two.csv'), 'not a date,1\n');
    void client.connection.sendNotification('workspace/didChangeWatchedFiles', {
      changes: [{ uri: client.uri('my data/good two.csv'), type: 2 }],
    });
    const changed = await client.waitFor(() => {
      const found = client.diagnostics.get(uri)!.filter((d) => d.range.start.line === 10 + 5 * 7);
      return found.length > 0 && found;
    }, 'the changed CSV file');
    expect(changed.map((d) => d.message)).toEqual([
      'good two.csv line 3: "not a date" is not a real date: expected YYYY-MM-DD',
    ]);
  });
});

import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { BAD_ROWS, CSV_PATHS, csvRulesWorkspace, csvValueLine, REFUSED } from '../csv-rules';
import { LspClient } from './lsp-client';

// The language server reads CSV files by the rules `pdsa check` follows (test/cli/csv-files.test.ts,
// the same workspace): only regular files inside the workspace, up to a size cap, every bad row a
// diagnostic; a pipe never stops it publishing. Over real stdio, as an editor talks to it.

const clients: LspClient[] = [];
afterEach(async () => {
  for (const c of clients.splice(0)) await c.stop();
});

describe('language server: files a worksheet names', () => {
  it('reads only regular files inside the workspace, says why for each other one, and names every bad row', async () => {
    const ws = csvRulesWorkspace();
    const client = new LspClient(ws);
    clients.push(client);
    await client.start();
    const uri = client.uri('focus.factors.yaml');
    const published = await client.waitFor(() => client.diagnostics.get(uri), 'the factors file', 30_000);
    expect(JSON.stringify(published)).not.toContain('SECRET');
    const csv = published.filter((d) => d.code === 'csv-error');
    const at = (i: number) =>
      csv.filter((d) => d.range.start.line === csvValueLine(i) - 1 && d.range.start.character === 9);
    for (const [i, message] of REFUSED) {
      expect(at(i), CSV_PATHS[i]).toHaveLength(1);
      expect(at(i)[0]!.message, CSV_PATHS[i]).toMatch(message);
    }
    // Read: the two good files say nothing; every bad row is named.
    expect(at(0)).toEqual([]);
    expect(at(7)).toEqual([]);
    expect(at(8).map((d) => /^bad rows\.csv line (\d+):/.exec(String(d.message))?.[1])).toEqual(BAD_ROWS.map(String));
    expect(csv).toHaveLength(REFUSED.length + BAD_ROWS.length);

    // The editor reports a change to the file with a space by its URI (my%20data/good%20two.csv): the
    // index knows the file by the same URI, so the worksheet is checked again.
    fs.appendFileSync(path.join(ws, 'my data', 'good two.csv'), 'not a date,1\n');
    void client.connection.sendNotification('workspace/didChangeWatchedFiles', {
      changes: [{ uri: client.uri('my data/good two.csv'), type: 2 }],
    });
    const changed = await client.waitFor(() => {
      const found = client.diagnostics.get(uri)!.filter((d) => d.range.start.line === csvValueLine(7) - 1);
      return found.length > 0 && found;
    }, 'the changed CSV file');
    expect(changed.map((d) => d.message)).toEqual([
      'good two.csv line 3: "not a date" is not a real date: expected YYYY-MM-DD',
    ]);
  });
});

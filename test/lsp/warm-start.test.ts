import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { changeFiles, teams } from '../team-workspace';
import { LspClient } from './lsp-client';

const clients: LspClient[] = [];
afterEach(async () => {
  for (const c of clients.splice(0)) await c.stop();
});

interface Started {
  client: LspClient;
  /** The diagnostics published once the first scan was complete, by URI. */
  diagnostics: Map<string, unknown>;
  /** The server's "indexed ..." log line. */
  indexed: string;
  /** What it published before indexing, from the previous session; undefined when it did not. */
  early: Map<string, unknown> | undefined;
}

const EARLY = /showing the last session's diagnostics of \d+ files while indexing/;

/**
 * Starts the built server over stdio on a folder (with the extension's storage folder, or none),
 * optionally opening documents as soon as it is initialized (during its scan), and waits until the
 * scan's results are published: the first status notification.
 */
async function start(
  root: string,
  storagePath: string | undefined,
  open: Record<string, string> = {},
): Promise<Started> {
  const client = new LspClient(root);
  clients.push(client);
  await client.start(storagePath ? { storagePath } : undefined);
  for (const [name, text] of Object.entries(open)) client.open(name, text);
  let early: Map<string, unknown> | undefined;
  // Messages arrive in order: when the log line comes, the diagnostics it announces have come.
  void client
    .waitFor(() => client.logs.some((l) => EARLY.test(l)), 'the early publish', 60_000)
    .then(
      () => (early = new Map(client.diagnostics)),
      () => undefined,
    );
  await client.waitFor(
    () => client.notifications.some((n) => n.method === 'pdsa/workspaceStatus'),
    'the first scan',
    60_000,
  );
  const indexed = await client.waitFor(() => client.logs.find((l) => l.includes('indexed')), 'the scan log line');
  return { client, diagnostics: new Map(client.diagnostics), indexed, early };
}

function storage(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'pdsa-storage-'));
}

describe('language server: worker threads and the warm start', () => {
  it('publishes the same diagnostics cold, on worker threads and warm from the cache', async () => {
    const root = teams(100);
    const store = storage();
    const plain = await start(root, undefined);
    const cold = await start(root, store);
    expect(cold.indexed).toMatch(
      /indexed 404 worksheet files in \d+ ms \(0 from the cache, 404 analysed on [12] worker threads?\)/,
    );
    expect(fs.existsSync(path.join(store, 'analysis.bin'))).toBe(true);
    await cold.client.stop();
    const warm = await start(root, store);
    expect(warm.indexed).toMatch(/\(404 from the cache, 0 analysed on this thread\)/);
    expect(cold.diagnostics.size).toBeGreaterThan(0);
    expect(cold.diagnostics).toEqual(plain.diagnostics);
    expect(warm.diagnostics).toEqual(cold.diagnostics);
    // Nothing changed: the previous session's diagnostics were shown before indexing, and indexing changed none.
    expect(cold.early).toBeUndefined();
    expect(warm.early).toEqual(cold.diagnostics);
  });

  it('shows nothing early when only a CSV file changed, and then what a cold start shows', async () => {
    const root = teams(100);
    const store = storage();
    await (await start(root, store)).client.stop();
    fs.appendFileSync(path.join(root, 'team-00/belonging.csv'), 'not a date,1\n');
    const cold = await start(root, undefined);
    const warm = await start(root, store);
    expect(warm.indexed).toMatch(/\(404 from the cache, 0 analysed/);
    expect(warm.early).toBeUndefined();
    expect(warm.diagnostics).toEqual(cold.diagnostics);
    expect(JSON.stringify([...warm.diagnostics.values()])).toContain('not a date');
  });

  it('after files changed, appeared and disappeared while it was closed, publishes what a cold start does', async () => {
    const root = teams(100);
    const store = storage();
    await (await start(root, store)).client.stop();
    changeFiles(root);
    const cold = await start(root, undefined);
    const warm = await start(root, store);
    expect(warm.indexed).toMatch(/\(401 from the cache, 3 analysed on this thread\)/);
    expect(warm.early).toBeUndefined();
    expect(warm.diagnostics).toEqual(cold.diagnostics);
    const codes = new Set([...warm.diagnostics.values()].flat().map((d) => (d as { code: string }).code));
    for (const code of ['unknown-reference', 'duplicate-id', 'yaml-syntax', 'csv-error'])
      expect(codes, code).toContain(code);
  });

  it('takes the editor text of files opened during the scan', async () => {
    const root = teams(100);
    const store = storage();
    await (await start(root, store)).client.stop();
    const name = 'team-01/cycles/t01-c7.pdsa.yaml';
    const edited = fs.readFileSync(path.join(root, name), 'utf8').replace(/^strategy: .*$/m, 'strategy: t01-S77');
    const same = 'team-02/cycles/t02-c5.pdsa.yaml';
    const warm = await start(root, store, { [name]: edited, [same]: fs.readFileSync(path.join(root, same), 'utf8') });
    expect(warm.indexed).toMatch(/\(40[34] from the cache, [01] analysed/);
    const shown = warm.diagnostics.get(warm.client.uri(name)) as { code: string; message: string }[];
    expect(shown.map((d) => d.code)).toEqual(['unknown-reference']);
    expect(shown[0]!.message).toContain('t01-S77');
    // An opened file is published even when it has no problems.
    expect(warm.diagnostics.get(warm.client.uri(same))).toEqual([]);
  });
});

import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openExample, type CodeServer } from './code-server';
import { goTo, openFile, screenshot, type Workbench } from './workbench';

/** Our language server processes under this code-server: descendants whose command line runs dist/server.js. */
function languageServers(root: number): number[] {
  const children = new Map<number, number[]>();
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
      const parent = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      children.set(parent, [...(children.get(parent) ?? []), Number(entry)]);
    } catch {
      // The process ended while we looked.
    }
  }
  const out: number[] = [];
  const queue = [root];
  while (queue.length) {
    const pid = queue.pop()!;
    for (const child of children.get(pid) ?? []) {
      queue.push(child);
      try {
        if (fs.readFileSync(`/proc/${child}/cmdline`, 'utf8').includes(`dist${path.sep}server.js`)) out.push(child);
      } catch {
        // Gone.
      }
    }
  }
  return out;
}

async function poll<T>(
  what: string,
  timeoutMs: number,
  probe: () => T | undefined | Promise<T | undefined>,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('the client restarts a crashed language server', () => {
  let server: CodeServer;
  let wb: Workbench;
  let workspace: string;

  beforeAll(async () => {
    ({ workspace, server, wb } = await openExample('restart'));
  });

  afterAll(async () => {
    await wb?.close();
    await server?.stop();
  });

  it('brings the diagnostics back within 2 s after the server process is killed', async () => {
    const { page } = wb;
    await openFile(page, 'c03-greeters-side-entrance.pdsa.yaml');
    const line =
      fs
        .readFileSync(path.join(workspace, 'cycles', 'c03-greeters-side-entrance.pdsa.yaml'), 'utf8')
        .split('\n')
        .findIndex((l) => l.startsWith('  as_planned: yes')) + 1;
    await goTo(page, line, 18);
    await page.keyboard.type('s');
    await page.keyboard.press('Control+Shift+M');
    const row = page.locator('.markers-panel .monaco-list-row', { hasText: '"yess" is not allowed here' });
    await row.waitFor({ timeout: 30_000 });

    const [pid] = await poll('the language server process', 30_000, () => {
      const found = languageServers(server.pid);
      return found.length ? found : undefined;
    });
    process.kill(pid!, 'SIGKILL');
    const killed = Date.now();
    // Edit again at once: only a live (restarted) server can report the new text.
    await page.keyboard.press('Control+1');
    await page.keyboard.type('s');
    await page.keyboard.press('Control+Shift+M');
    const fresh = page.locator('.markers-panel .monaco-list-row', { hasText: '"yesss" is not allowed here' });
    await poll('the diagnostics of the restarted server', 10_000, async () =>
      (await fresh.count()) > 0 ? true : undefined,
    );
    expect(languageServers(server.pid).filter((p) => p !== pid)).toHaveLength(1);
    const back = Date.now() - killed;
    await screenshot(page, 'restart-diagnostics-back');
    console.log(`e2e: diagnostics back ${back} ms after the server was killed`);
    expect(back).toBeLessThan(2000);
  });
});

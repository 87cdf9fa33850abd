// VS Code for the Web: the extension's browser entry in the web worker extension host, its
// language server in a web worker, on a workspace served from memory (not from any disk), as
// github.dev serves a repository.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pdsa } from '../node-helpers';
import { REPO, startCodeServer, type CodeServer } from './code-server';
import type { Page } from 'playwright-core';
import {
  cursorAt,
  goTo,
  openWorkbench,
  runCommand,
  screenshot,
  visibleText,
  webviewFrame,
  type Workbench,
} from './workbench';

const EXAMPLE = path.join(REPO, 'examples', 'slc-belonging');
const C11 = 'cycles/c11-class-buddies.pdsa.yaml';
const C03 = 'cycles/c03-greeters-side-entrance.pdsa.yaml';

/** The example with problems to find: a misspelt decision and a cycle with no prediction. */
function workspaceFiles(): Record<string, string> {
  const files: Record<string, string> = {};
  const walk = (dir: string) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const abs = path.join(dir, e.name);
      if (e.isDirectory()) walk(abs);
      else files[path.relative(EXAMPLE, abs).split(path.sep).join('/')] = fs.readFileSync(abs, 'utf8');
    }
  };
  walk(EXAMPLE);
  files[C11] = files[C11]!.replace('decision: abandon', 'decision: abandonn');
  files[C03] = files[C03]!.replace(/\n {6}prediction: [^\n]*/, '');
  return files;
}

/** A browser-only extension that serves these files under memfs:/ws (see memfs/extension.ts). */
function memfsExtension(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pdsa-memfs-'));
  fs.writeFileSync(
    path.join(dir, 'package.json'),
    JSON.stringify({
      name: 'memfs',
      publisher: 'pdsa-test',
      version: '0.0.1',
      engines: { vscode: '^1.95.0' },
      browser: './extension.js',
      activationEvents: ['onFileSystem:memfs'],
      contributes: { commands: [{ command: 'memfs.describePng', title: 'Memfs: Describe PNG' }] },
    }),
  );
  fs.copyFileSync(path.join(REPO, 'dist', 'test', 'memfs', 'extension.js'), path.join(dir, 'extension.js'));
  fs.writeFileSync(
    path.join(dir, 'files.json'),
    JSON.stringify(Object.fromEntries(Object.entries(files).map(([name, text]) => [`/ws/${name}`, text]))),
  );
  return dir;
}

/**
 * Opens a file by clicking through the Explorer, as a reviewer in github.dev might: Quick Open
 * needs a search provider, which a bare memory file system does not have.
 */
async function openFromExplorer(page: Page, file: string): Promise<void> {
  const parts = file.split('/');
  for (const [i, name] of parts.entries()) {
    const row = page
      .locator('.explorer-folders-view .monaco-list-row')
      .filter({ hasText: new RegExp(`^\\s*${name.replace(/\./g, '\\.')}\\s*$`) })
      .first();
    await row.waitFor();
    if (i < parts.length - 1) {
      if ((await row.getAttribute('aria-expanded')) !== 'true') await row.click();
    } else await row.click();
  }
  await page.locator('.tabs-container .tab.active', { hasText: parts[parts.length - 1]! }).waitFor();
  await page.locator('.monaco-editor .view-lines').first().waitFor();
}

describe('VS Code for the Web: a web worker language server on a memory file system', () => {
  let server: CodeServer;
  let wb: Workbench;
  let fixture: string;
  let onDisk: string;
  const files = workspaceFiles();

  beforeAll(async () => {
    fixture = memfsExtension(files);
    // The same files on disk, for the CLI's answer.
    onDisk = fs.mkdtempSync(path.join(os.tmpdir(), 'pdsa-web-cli-'));
    for (const [name, text] of Object.entries(files)) {
      fs.mkdirSync(path.dirname(path.join(onDisk, name)), { recursive: true });
      fs.writeFileSync(path.join(onDisk, name), text);
    }
    const pkg = JSON.parse(fs.readFileSync(path.join(REPO, 'package.json'), 'utf8')) as {
      publisher: string;
      name: string;
    };
    server = await startCodeServer({
      // Run the extension's browser entry, in the web worker extension host, as vscode.dev would.
      settings: { 'remote.extensionKind': { [`${pkg.publisher}.${pkg.name}`]: ['web'] } },
      extensions: { 'pdsa-test.memfs-0.0.1': fixture },
    });
    wb = await openWorkbench(`${server.url}/?folder=${encodeURIComponent('memfs:/ws')}`);
  });

  afterAll(async () => {
    await wb?.close();
    await server?.stop();
    for (const dir of [fixture, onDisk]) if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('runs the language server in a web worker and shows the same problems as the CLI', async () => {
    const { page } = wb;
    await openFromExplorer(page, 'belonging.factors.yaml');
    const cli = JSON.parse(pdsa(['check', '.', '--format', 'json'], onDisk).stdout) as {
      path: string;
      line: number;
      column: number;
      code: string;
      message: string;
    }[];
    expect(cli.length).toBeGreaterThanOrEqual(2);
    const expected = cli
      .map((d) => `${path.basename(d.path)}: ${d.message} pdsa ${d.code} [Ln ${d.line}, Col ${d.column}]`)
      .sort();
    await page.keyboard.press('Control+Shift+M');
    const rows = page.locator('.markers-panel .monaco-list-row');
    // Rows are a file (its name, then its folder) followed by its problems ("message source code [Ln, Col]").
    const shown = async () => {
      const out: string[] = [];
      let file = '';
      for (const text of await rows.allInnerTexts()) {
        const flat = text.replace(/\s+/g, ' ').trim();
        if (/\[Ln \d+, Col \d+\]$/.test(flat)) out.push(`${file}: ${flat}`);
        else file = /^.*?\.(ya?ml|csv)/.exec(flat)?.[0] ?? flat;
      }
      return out.sort();
    };
    const deadline = Date.now() + 60_000;
    let last: string[] = [];
    while (Date.now() < deadline) {
      last = await shown();
      if (last.length >= expected.length) break;
      await page.waitForTimeout(200);
    }
    await screenshot(page, 'web-1-problems');
    expect(last).toEqual(expected);
    await runCommand(page, 'PDSA: Show Output');
    await page
      .locator('.output-view .view-lines', { hasText: 'language server started (web worker)' })
      .waitFor({ timeout: 30_000 });
  });

  it('completes a strategy id from another file and goes to its definition', async () => {
    const { page } = wb;
    await openFromExplorer(page, C03);
    const line = files[C03]!.split('\n').findIndex((l) => l.startsWith('strategy:')) + 1;
    await goTo(page, line, 11); // strategy: |S-greeters
    await page.keyboard.press('Shift+End');
    await page.keyboard.type('S-home');
    await page.keyboard.press('Control+Space');
    const suggestion = page.locator('.suggest-widget .monaco-list-row', { hasText: 'S-homeroom-first' });
    await suggestion.waitFor({ timeout: 30_000 });
    await screenshot(page, 'web-2-completion');
    await suggestion.click();
    await page.locator('.suggest-widget').waitFor({ state: 'hidden' });
    expect(await visibleText(page)).toContain('strategy: S-homeroom-first');
    // Go to definition crosses files on the memory file system too.
    await goTo(page, line, 14);
    await page.keyboard.press('F12');
    await page
      .locator('.tabs-container .tab.active', { hasText: 'belonging.factors.yaml' })
      .waitFor({ timeout: 30_000 });
    await cursorAt(
      page,
      files['belonging.factors.yaml']!.split('\n').findIndex((l) => l === '  - id: S-homeroom-first') + 1,
      9,
    );
    // Put the strategy back, so the next tests see the same files as the CLI.
    await page.locator('.tabs-container .tab', { hasText: 'c03-greeters' }).click();
    await goTo(page, line, 11);
    await page.keyboard.press('Shift+End');
    await page.keyboard.type('S-greeters');
    await page.keyboard.press('Escape');
    await page
      .locator('.editor-group-container.active .monaco-editor .view-lines', { hasText: 'strategy: S-greeters' })
      .waitFor();
  });

  it('draws the run chart of a measure whose data is in a CSV file, as the CLI does', async () => {
    const { page } = wb;
    await runCommand(page, 'PDSA: Show Run Chart');
    await page.locator('.quick-input-list .monaco-list-row', { hasText: 'belonging' }).first().waitFor();
    await page.keyboard.type('belonging');
    await page.locator('.quick-input-list .monaco-list-row', { hasText: 'greeted' }).waitFor({ state: 'detached' });
    await page.keyboard.press('Enter');
    const frame = await webviewFrame(page, 'svg.pdsa-chart circle.point');
    const svg = pdsa(['chart', 'belonging', '.'], onDisk).stdout;
    const cliPoints = svg.match(/<circle class="point/g)?.length ?? 0;
    expect(cliPoints).toBeGreaterThan(50);
    expect(await frame.locator('svg.pdsa-chart circle.point').count()).toBe(cliPoints);
    expect(await frame.locator('svg.pdsa-chart g.cycle').count()).toBe(svg.match(/<g class="cycle /g)?.length ?? 0);
    await screenshot(page, 'web-3-run-chart');

    // PNG export in the web worker host: drawn in the webview, saved through the editor's file system.
    await frame.locator('#export-png').click();
    const input = page.locator('.quick-input-widget input');
    await input.waitFor();
    await expect.poll(() => input.inputValue()).toMatch(/belonging-run\.png$/);
    await page.keyboard.press('Enter');
    await page
      .locator('.explorer-folders-view .monaco-list-row', { hasText: 'belonging-run.png' })
      .waitFor({ timeout: 30_000 });
    // What was written to the memory file system: a PNG, twice the 1000 px chart, of plausible size.
    await runCommand(page, 'Memfs: Describe PNG');
    await page.locator('.quick-input-widget input').fill('belonging-run.png');
    await page.keyboard.press('Enter');
    const described = page.locator('.notification-list-item-message', { hasText: /^belonging-run\.png: / });
    await described.waitFor({ timeout: 30_000 });
    const [, width, height, bytes] = /PNG (\d+)x(\d+), (\d+) bytes/.exec((await described.textContent()) ?? '') ?? [];
    expect(Number(width)).toBe(2000);
    expect(Number(height)).toBeGreaterThan(1000);
    expect(Number(bytes)).toBeGreaterThan(60_000);
  });

  it('draws the driver diagram of the factors file', async () => {
    const { page } = wb;
    await page.locator('.tabs-container .tab', { hasText: 'belonging.factors.yaml' }).click();
    await runCommand(page, 'PDSA: Show Driver Diagram');
    const frame = await webviewFrame(page, 'svg.pdsa-drivers g.node');
    expect(await frame.locator('g.node.primary').count()).toBe(4);
    expect(await frame.locator('g.node.idea').count()).toBe(6);
    await screenshot(page, 'web-4-driver-diagram');
  });

  it('starts the next cycle of a ramp, writing the new file to the memory file system', async () => {
    const { page } = wb;
    await openFromExplorer(page, 'cycles/c10-homeroom-first-whole-school.pdsa.yaml');
    await runCommand(page, 'PDSA: Start Next Cycle');
    const name = 'c14-district-timetable-guidance-for.pdsa.yaml'; // the workspace's numbering goes on from c13
    await page.locator('.tabs-container .tab.active', { hasText: name }).waitFor({ timeout: 30_000 });
    expect(await visibleText(page)).toContain('previous: c10-homeroom-first-whole-school');
    // It is in the workspace (the Explorer lists it) and indexed: the server reports on it.
    await page.locator('.explorer-folders-view .monaco-list-row', { hasText: name }).waitFor({ timeout: 30_000 });
    await page.keyboard.press('Control+Shift+M');
    await page
      .locator('.markers-panel .monaco-list-row', { hasText: 'the plan asks no questions' })
      .waitFor({ timeout: 30_000 });
    await screenshot(page, 'web-5-next-cycle');
  });
});

// Drives the VS Code workbench in Debian's Chromium through playwright-core: the few gestures the
// end-to-end tests need, each waiting for what a person would see before going on.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { chromium, type BrowserContext, type Frame, type Page } from 'playwright-core';

export const ARTIFACTS = path.join(__dirname, '..', '..', 'test-results', 'e2e');

export interface Workbench {
  page: Page;
  context: BrowserContext;
  close(): Promise<void>;
}

export async function openWorkbench(url: string): Promise<Workbench> {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'pdsa-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    viewport: { width: 1400, height: 900 },
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  const page = context.pages()[0] ?? (await context.newPage());
  await page.goto(url);
  await page.locator('.monaco-workbench .part.editor').waitFor({ timeout: 60_000 });
  await page.locator('.explorer-folders-view .monaco-list-row').first().waitFor({ timeout: 60_000 });
  return {
    page,
    context,
    close: async () => {
      await context.close();
      fs.rmSync(profile, { recursive: true, force: true });
    },
  };
}

export async function screenshot(page: Page, name: string): Promise<string> {
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  const file = path.join(ARTIFACTS, `${name}.png`);
  await page.screenshot({ path: file });
  return file;
}

/** Quick Open a file by name, as a person does with Ctrl+P. */
export async function openFile(page: Page, name: string): Promise<void> {
  await page.keyboard.press('Control+P');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor();
  await input.fill(name);
  await page.locator('.quick-input-list .monaco-list-row', { hasText: name }).first().waitFor();
  await page.keyboard.press('Enter');
  await page.locator('.tabs-container .tab.active', { hasText: name }).waitFor();
  await page.locator('.monaco-editor .view-lines').first().waitFor();
}

export async function runCommand(page: Page, title: string): Promise<void> {
  await page.keyboard.press('Control+Shift+P');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor();
  await input.fill(`>${title}`);
  await page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first().waitFor();
  await page.keyboard.press('Enter');
}

/** Moves the cursor to a 1-based line and column with "Go to Line" (Ctrl+G, "line:col"). */
export async function goTo(page: Page, line: number, column = 1): Promise<void> {
  await page.keyboard.press('Control+G');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor();
  await input.fill(`:${line}:${column}`);
  await page.keyboard.press('Enter');
  await cursorAt(page, line, column);
}

/** Waits until the status bar shows the cursor at this line (and column). */
export async function cursorAt(page: Page, line: number, column?: number): Promise<void> {
  const text = column === undefined ? `Ln ${line},` : `Ln ${line}, Col ${column}`;
  await page.locator('.statusbar-item', { hasText: text }).first().waitFor();
}

/** Our status bar item (VS Code gives it the id "<extension id>.<item id>"). */
export function pdsaStatus(page: Page) {
  return page.locator('.statusbar-item[id$="pdsa.status"]');
}

/** The text of the visible editor lines (Monaco renders spaces as non-breaking ones). */
export async function visibleText(page: Page): Promise<string> {
  const text = await page.locator('.editor-group-container.active .monaco-editor .view-lines').first().innerText();
  return text.replace(/\u00a0/g, ' ');
}

/** The frame of a webview whose document contains the selector (webviews nest two iframes deep). */
export async function webviewFrame(page: Page, selector: string, timeoutMs = 60_000): Promise<Frame> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    for (const frame of page.frames()) {
      if (
        await frame
          .locator(selector)
          .count()
          .catch(() => 0)
      )
        return frame;
    }
    if (Date.now() > deadline) throw new Error(`no webview shows ${selector}`);
    await page.waitForTimeout(100);
  }
}

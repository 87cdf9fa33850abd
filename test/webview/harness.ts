// A webview page as our panels build it (same CSP, a stand-in for acquireVsCodeApi, the real bundle),
// served over loopback and opened in Debian's Chromium, with VS Code's Light+ theme variables.
import * as fs from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';

const DIST = path.join(__dirname, '..', '..', 'dist', 'webview');

const THEME = {
  '--vscode-foreground': '#616161',
  '--vscode-editor-foreground': '#3b3b3b',
  '--vscode-editor-background': '#ffffff',
  '--vscode-charts-blue': '#1a85ff',
  '--vscode-charts-purple': '#652d90',
  '--vscode-charts-green': '#388a34',
  '--vscode-charts-red': '#e51400',
  '--vscode-charts-yellow': '#bf8803',
  '--vscode-charts-orange': '#d18616',
  '--vscode-charts-lines': '#61616180',
  '--vscode-editorWidget-background': '#f8f8f8',
  '--vscode-editorWidget-border': '#c8c8c8',
  '--vscode-focusBorder': '#0090f1',
  '--vscode-font-family': 'system-ui, "Segoe UI", Ubuntu, sans-serif',
  '--vscode-font-size': '13px',
  '--vscode-descriptionForeground': '#717171',
  '--vscode-button-background': '#005fb8',
  '--vscode-button-foreground': '#ffffff',
  '--vscode-button-secondaryBackground': '#e5e5e5',
  '--vscode-button-secondaryForeground': '#3b3b3b',
  '--vscode-dropdown-background': '#ffffff',
  '--vscode-dropdown-border': '#cecece',
  '--vscode-dropdown-foreground': '#3b3b3b',
};

export interface Harness {
  page: Page;
  sent(): Promise<{ type: string; [k: string]: unknown }[]>;
  post(message: unknown): Promise<void>;
  close(): Promise<void>;
}

export interface HarnessOptions {
  /** Page size (default 1200 x 800). */
  viewport?: { width: number; height: number };
  /**
   * Classic scrollbars that take layout space, as in VS Code's webviews on Windows and Linux
   * (headless Chromium hides them by default).
   */
  scrollbars?: boolean;
}

export async function openHarness(
  bundle: 'runchart' | 'drivers' | 'dashboard',
  body: string,
  options: HarnessOptions = {},
): Promise<Harness> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `pdsa-webview-${bundle}-`));
  for (const file of [`${bundle}.js`, `${bundle}.css`, 'theme.css'])
    fs.copyFileSync(path.join(DIST, file), path.join(dir, file));
  fs.writeFileSync(
    path.join(dir, 'index.html'),
    `<!DOCTYPE html><html lang="en"><head><meta charset="UTF-8"><title>${bundle}</title>
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src 'self' data:; style-src 'self'; script-src 'nonce-test'">
<link rel="stylesheet" href="theme.css"><link rel="stylesheet" href="${bundle}.css"></head><body>
${body}
<script nonce="test">window.sent = []; window.acquireVsCodeApi = () => ({ postMessage: (m) => window.sent.push(m), setState: () => {}, getState: () => undefined });</script>
<script nonce="test" src="${bundle}.js"></script></body></html>`,
  );
  const types: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css' };
  const server = http.createServer((req, res) => {
    const file = path.join(dir, path.basename(req.url === '/' ? 'index.html' : (req.url ?? '')));
    if (!fs.existsSync(file)) return void res.writeHead(404).end();
    res
      .writeHead(200, { 'content-type': types[path.extname(file)] ?? 'application/octet-stream' })
      .end(fs.readFileSync(file));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const browser: Browser = await chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu'],
    ignoreDefaultArgs: options.scrollbars ? ['--hide-scrollbars'] : [],
  });
  const page = await browser.newPage({ viewport: options.viewport ?? { width: 1200, height: 800 } });
  await page.goto(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
  await page.evaluate((theme) => {
    for (const [k, v] of Object.entries(theme)) document.documentElement.style.setProperty(k, v);
  }, THEME);
  await page.waitForFunction(() =>
    (window as unknown as { sent: { type: string }[] }).sent.some((m) => m.type === 'ready'),
  );
  return {
    page,
    sent: () => page.evaluate(() => (window as unknown as { sent: { type: string }[] }).sent),
    post: (message) => page.evaluate((m) => window.postMessage(m, '*'), message),
    close: async () => {
      await browser.close();
      server.close();
    },
  };
}

import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DASHBOARD_BODY } from '../../client/src/panels/dashboard-body';
import { buildDashboard, collaboratives, type DashboardModel } from '../../server/src/core/collab/dashboard';
import { renderReport } from '../../server/src/core/render/collab-report';
import { loadFolder } from '../collab/load';
import { COLLAB_EXAMPLE_DIR, REPO_ROOT } from '../node-helpers';
import { openHarness, type Harness } from './harness';

const AXE = fs.readFileSync(path.join(REPO_ROOT, 'node_modules', 'axe-core', 'axe.min.js'), 'utf8');
const SHOTS = process.env.PDSA_SCREENSHOTS;

const ws = loadFolder(COLLAB_EXAMPLE_DIR);
const model: DashboardModel = buildDashboard(ws, collaboratives(ws)[0]!.uri);

interface AxeResult {
  violations: { id: string; impact: string; nodes: { target: string[] }[] }[];
}

/** Runs axe-core (already on the page) and lists its serious and critical violations, each with up to three places. */
async function seriousViolations(page: Page): Promise<string[]> {
  const result = (await page.evaluate(async () =>
    (window as unknown as { axe: { run(): Promise<AxeResult> } }).axe.run(),
  )) as AxeResult;
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map(
      (v) =>
        `${v.id}: ${v.nodes
          .slice(0, 3)
          .map((n) => n.target.join(' '))
          .join(', ')}`,
    );
}

describe('collaborative dashboard webview in a real browser (Chromium)', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await openHarness('dashboard', DASHBOARD_BODY);
    await h.post({ type: 'model', model });
    await h.page.locator('section#signals').waitFor();
  });
  afterAll(async () => h?.close());

  it('shows every team and every common measure, with the state of each', async () => {
    for (const t of model.teams)
      for (const m of model.measures) {
        const card = h.page.locator(`button.card[data-team="${t.id}"][data-measure="${m.id}"]`);
        await expect(card.count()).resolves.toBe(1);
        const cell = model.cells.find((c) => c.team === t.id && c.measure === m.id)!;
        await expect(card.getAttribute('class')).resolves.toContain(cell.state);
      }
    await expect(h.page.locator('button.card svg.mini').count()).resolves.toBe(16);
    await expect(h.page.locator('#teams tbody tr').count()).resolves.toBe(4);
    await expect(h.page.locator('#signals tbody tr').count()).resolves.toBe(model.signals.length);
  });

  it("opens the team's chart, strategy and file on click", async () => {
    await h.page.locator('button.card[data-team="lincoln"][data-measure="chronic-absence"]').click();
    const lincoln = model.teams.find((t) => t.id === 'lincoln')!;
    let sent = await h.sent();
    expect(sent[sent.length - 1]).toEqual({ type: 'chart', measure: 'chronic-absence', from: lincoln.uri });
    await h.page
      .locator('#package tbody tr', { hasText: 'Greeters at every entrance' })
      .locator('td')
      .nth(1)
      .locator('button')
      .click();
    sent = await h.sent();
    expect(sent[sent.length - 1]).toMatchObject({
      type: 'open',
      uri: expect.stringMatching(/teams\/riverside\/riverside\.factors\.yaml$/),
    });
    await h.page.locator('#teams tbody tr').first().locator('th button').first().click();
    sent = await h.sent();
    expect(sent[sent.length - 1]).toMatchObject({ type: 'open', uri: model.teams[0]!.uri });
    // The team's latest cycle, and a state in the glance table (the team's chart of that measure).
    await h.page.locator('#teams tbody tr').first().locator('th button', { hasText: 'latest' }).click();
    sent = await h.sent();
    expect(sent[sent.length - 1]).toMatchObject({ type: 'open', uri: model.teams[0]!.latestCycle!.uri });
    await h.page.locator('#teams button[data-team="granger"][data-measure="belonging"]').click();
    sent = await h.sent();
    expect(sent[sent.length - 1]).toEqual({
      type: 'chart',
      measure: 'belonging',
      from: model.teams.find((t) => t.id === 'granger')!.uri,
    });
    // A signal row opens its chart; the keyboard works too.
    const row = h.page.locator('#signals tbody tr[data-team="canyon-view"]').first();
    await row.focus();
    await h.page.keyboard.press('Enter');
    sent = await h.sent();
    expect(sent[sent.length - 1]).toMatchObject({
      type: 'chart',
      from: model.teams.find((t) => t.id === 'canyon-view')!.uri,
    });
  });

  it('sorts the signals table by any column', async () => {
    await h.page.locator('#signals th button', { hasText: 'Team' }).click();
    const teams = await h.page.locator('#signals tbody tr td:nth-child(2)').allTextContents();
    expect(teams).toEqual([...teams].sort());
    await expect(h.page.locator('#signals th[aria-sort="ascending"]').textContent()).resolves.toContain('Team');
  });

  it('sets worksheet text as text', async () => {
    const evil = structuredClone(model);
    evil.collaborative.title = '<img src=x onerror="window.pwned=1">';
    evil.teams[0]!.name = '<script>window.pwned=1</script>';
    await h.post({ type: 'model', model: evil });
    await expect(h.page.locator('h1').textContent()).resolves.toBe(evil.collaborative.title);
    await expect(h.page.evaluate(() => (window as unknown as { pwned?: number }).pwned)).resolves.toBeUndefined();
    await expect(h.page.locator('#app img, #app script').count()).resolves.toBe(0);
    await h.post({ type: 'model', model });
  });

  it('has no serious or critical accessibility violations (axe-core), at 600 px and full width', async () => {
    for (const width of [600, 1400]) {
      await h.page.setViewportSize({ width, height: 900 });
      if (SHOTS) await h.page.screenshot({ path: path.join(SHOTS, `dashboard-${width}.png`), fullPage: true });
      // The page's CSP forbids inline scripts (as the webview's does): evaluate axe through the debugging protocol.
      await h.page.evaluate(`${AXE}\n;0`);
      const bad = await seriousViolations(h.page);
      expect(bad, `width ${width}`).toEqual([]);
    }
  });
});

describe('pdsa report in a real browser (Chromium)', () => {
  it('renders every team and common measure, without scripts or requests, and passes axe-core', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pdsa-report-'));
    const file = path.join(dir, 'report.html');
    fs.writeFileSync(file, renderReport(ws, model));
    const browser = await chromium.launch({
      executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu'],
    });
    try {
      const page = await browser.newPage({ viewport: { width: 1200, height: 900 }, javaScriptEnabled: true });
      const requests: string[] = [];
      page.on('request', (r) => requests.push(r.url()));
      await page.goto(`file://${file}`);
      expect(requests).toEqual([`file://${file}`]);
      for (const t of model.teams)
        await expect(page.locator(`section.team h2`, { hasText: t.name }).count()).resolves.toBe(1);
      for (const m of model.measures)
        await expect(page.locator('#measures + p + table th[scope="row"]', { hasText: m.name }).count()).resolves.toBe(
          1,
        );
      if (SHOTS) await page.screenshot({ path: path.join(SHOTS, 'report-1200.png') });
      await page.addScriptTag({ content: AXE });
      const bad = await seriousViolations(page);
      expect(bad).toEqual([]);
      // Prints: a PDF comes out with a page per team at least.
      const pdf = await page.pdf({ format: 'A4' });
      expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    } finally {
      await browser.close();
    }
  });
});

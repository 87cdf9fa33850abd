// The chart panel's variation and assurance icons and its summary table, in Chromium: the numbers and
// words are the core's, per group and phase; worksheet text stays text; readable at 600 px.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildChart, type ChartModel } from '../../server/src/core/analytics/model';
import { ASSURANCE_LABELS, VARIATION_LABELS } from '../../server/src/core/analytics/status';
import { groupLabel } from '../../server/src/core/render/signal-text';
import { summaryNumber } from '../../server/src/core/render/summary-text';
import { Workspace } from '../../server/src/core/workspace';
import { DASHBOARD_BODY } from '../../client/src/panels/dashboard-body';
import { RUN_CHART_BODY } from '../../client/src/panels/runchart-body';
import { buildDashboard, collaboratives, type DashboardModel } from '../../server/src/core/collab/dashboard';
import { loadFolder } from '../collab/load';
import { COLLAB_EXAMPLE_DIR } from '../node-helpers';
import { exampleWorkspace } from '../charts/fixtures';
import { FACTORS } from '../helpers';
import { openHarness, type Harness } from './harness';

const SHOTS = path.join(__dirname, '..', '..', 'test-results');

async function show(page: Page, model: ChartModel): Promise<void> {
  await page.evaluate(
    (m) =>
      window.postMessage(
        { type: 'chart', model: m, state: { measure: m.measure.id, rules: m.rules, type: m.type }, measures: [] },
        '*',
      ),
    model,
  );
}

/** Each table cell as the page shows it: group -> statistic -> cells (text and exact value). */
async function tables(page: Page) {
  return page.$$eval('#spc-summary-tables table', (list) =>
    list.map((t) => ({
      group: (t as HTMLElement).dataset.group!,
      caption: t.querySelector('caption')?.textContent ?? '',
      columns: [...t.querySelectorAll('thead th')].map((th) => th.textContent ?? ''),
      rows: Object.fromEntries(
        [...t.querySelectorAll('tbody tr')].map((tr) => [
          tr.querySelector('th')?.textContent ?? '',
          [...tr.querySelectorAll('td')].map((td) => ({
            text: td.firstChild?.textContent ?? '',
            value: (td as HTMLElement).dataset.value,
            flagged: td.classList.contains('spc-flag'),
          })),
        ]),
      ),
    })),
  );
}

describe('summary table and status icons in the chart panel (Chromium)', () => {
  let harness: Harness;
  let page: Page;

  beforeAll(async () => {
    harness = await openHarness('runchart', RUN_CHART_BODY, { viewport: { width: 600, height: 800 } });
    page = harness.page;
  });
  afterAll(async () => harness?.close());

  it('shows every group and phase with the core numbers, and icons labelled in words', async () => {
    // Chronic absence: two groups, phases, targets on one group; an I chart so there are limits and assurance.
    const model = buildChart(exampleWorkspace(), { measure: 'chronic-absence', type: 'i', rules: 'mdc' });
    expect(model.groups.length).toBe(2);
    expect(model.groups.some((g) => (g.summary?.length ?? 0) > 1)).toBe(true);
    expect(model.groups.some((g) => g.assurance)).toBe(true);
    await show(page, model);
    await page.locator('#spc-summary-tables table').nth(1).waitFor();

    const shown = await tables(page);
    expect(shown.map((t) => t.group)).toEqual(model.groups.map((g) => g.group));
    for (const [k, g] of model.groups.entries()) {
      const t = shown[k]!;
      const parts = g.summary!;
      expect(t.caption).toBe(groupLabel(g.group));
      expect(t.columns).toEqual(parts.map((r) => r.label ?? `Phase ${r.part}`));
      const cells = (label: string) => t.rows[label]!.map((c) => c.text);
      const values = (label: string) => t.rows[label]!.map((c) => (c.value === undefined ? null : Number(c.value)));
      expect(values('Points')).toEqual(parts.map((r) => r.points));
      expect(values('Useful points')).toEqual(parts.map((r) => r.useful));
      expect(values('Longest run')).toEqual(parts.map((r) => r.longestRun));
      expect(values('Longest run limit')).toEqual(parts.map((r) => r.longestRunLimit));
      expect(values('Crossings')).toEqual(parts.map((r) => r.crossings));
      expect(values('Minimum crossings')).toEqual(parts.map((r) => r.minimumCrossings));
      expect(cells('Runs signal')).toEqual(parts.map((r) => (r.runsSignal ? 'yes' : 'no')));
      expect(t.rows['Runs signal']!.map((c) => c.flagged)).toEqual(parts.map((r) => r.runsSignal));
      expect(values('Centre (mean)')).toEqual(parts.map((r) => r.centre));
      expect(cells('Centre (mean)')).toEqual(parts.map((r) => summaryNumber(r.centre)));
      expect(values('Lower limit (average)')).toEqual(parts.map((r) => r.lower));
      expect(values('Upper limit (average)')).toEqual(parts.map((r) => r.upper));
      expect(cells('Upper limit (average)')).toEqual(parts.map((r) => summaryNumber(r.upper)));
      expect(values('Points beyond limits')).toEqual(parts.map((r) => r.beyondLimits));
      expect(values('Signals (MDC)')).toEqual(parts.map((r) => r.signals));
    }

    // One row of icons per group, each with its words as its accessible name and tooltip.
    const rows = await page.$$eval('#spc-status .spc-status-row', (list) =>
      list.map((r) => ({
        group: (r as HTMLElement).dataset.group,
        icons: [...r.querySelectorAll('svg')].map((s) => ({
          role: s.getAttribute('role'),
          label: s.getAttribute('aria-label'),
          title: s.querySelector('title')?.textContent,
        })),
        text: r.querySelector('.spc-status-words')?.textContent ?? '',
      })),
    );
    expect(rows.map((r) => r.group)).toEqual(model.groups.map((g) => g.group));
    for (const [k, g] of model.groups.entries()) {
      const expected = [
        ...(g.variation ? [`Variation: ${VARIATION_LABELS[g.variation]}`] : []),
        ...(g.assurance ? [`Assurance: ${ASSURANCE_LABELS[g.assurance]}`] : []),
      ];
      expect(rows[k]!.icons).toEqual(expected.map((label) => ({ role: 'img', label, title: label })));
      expect(rows[k]!.text).toContain(`${groupLabel(g.group)}: ${VARIATION_LABELS[g.variation!]}`);
      if (g.assurance) expect(rows[k]!.text).toContain(ASSURANCE_LABELS[g.assurance]);
      else expect(rows[k]!.text).toContain(g.target === undefined ? 'no target' : 'no assurance');
    }

    // Readable at 600 px: no table is wider than the panel, and the icons sit above the chart.
    const overflow = await page.$$eval('.spc-summary-scroll', (list) => list.map((d) => d.scrollWidth - d.clientWidth));
    expect(Math.max(...overflow)).toBeLessThanOrEqual(0);
    const strip = await page.locator('#spc-status').boundingBox();
    const chart = await page.locator('#chart svg.pdsa-chart').boundingBox();
    expect(strip!.y + strip!.height).toBeLessThanOrEqual(chart!.y);
    fs.mkdirSync(SHOTS, { recursive: true });
    await page.screenshot({ path: path.join(SHOTS, 'webview-spc-600.png'), fullPage: true });
    await page.screenshot({
      path: path.join(SHOTS, 'webview-spc-600-top.png'),
      clip: { x: 0, y: 0, width: 600, height: 420 },
    });
    await page.locator('#spc-summary').screenshot({ path: path.join(SHOTS, 'webview-spc-600-table.png') });
  });

  it('follows the chart live: a run chart has no limit rows and says why there is no assurance', async () => {
    const model = buildChart(exampleWorkspace(), { measure: 'chronic-absence', type: 'run', rules: 'ihi' });
    await show(page, model);
    await expect
      .poll(() => page.locator('#spc-summary-tables table').first().textContent())
      .toContain('Centre (median)');
    const rows = await page.$$eval('#spc-summary-tables table:first-of-type tbody th', (l) =>
      l.map((th) => th.textContent),
    );
    expect(rows).not.toContain('Upper limit (average)');
    expect(rows).toContain('Signals (IHI)');
    expect(await page.locator('#spc-status .spc-status-row svg.assurance').count()).toBe(0);
    expect(await page.locator('#spc-status').textContent()).toContain('a run chart has no process limits');
    expect(await page.locator('#spc-summary').textContent()).toContain('A run chart has no control limits');
  });

  it('sets worksheet text as text, and clears under an error', async () => {
    const payload = '<img src=x onerror="window.__pwned=1">';
    const ws = new Workspace({ today: '2026-11-22' });
    ws.setWorksheet(
      'file:///ws/focus.factors.yaml',
      FACTORS.replace('name: Chronic absence', `name: ${JSON.stringify(payload)}`).replace(
        '    data:\n      - [2025-09-01, 30]\n      - [2025-09-08, 29]\n',
        `    chart:\n      phases:\n        - {start: 2025-09-15, label: ${JSON.stringify(payload)}}\n    data:\n      ${JSON.stringify(payload)}:\n${Array.from({ length: 12 }, (_, i) => `        - [2025-09-${String(1 + i * 2).padStart(2, '0')}, ${30 - i}]`).join('\n')}\n`,
      ),
    );
    const model = buildChart(ws, { measure: 'absence', type: 'i' });
    await show(page, model);
    await expect.poll(() => page.locator('#spc-summary-tables thead th').allTextContents()).toContain(payload);
    expect(await page.locator('#spc-summary-tables caption').first().textContent()).toBe(groupLabel(payload));
    expect(await page.locator('#spc-summary-tables img, #spc-status img').count()).toBe(0);
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();

    await harness.post({ type: 'error', message: 'No such measure', state: { measure: 'x' }, measures: [] });
    await expect.poll(() => page.locator('#spc-summary').isHidden()).toBe(true);
    expect(await page.locator('#spc-status .spc-status-row').count()).toBe(0);
  });
});

describe('variation and assurance icons on the collaborative dashboard (Chromium)', () => {
  let h: Harness;
  const ws = loadFolder(COLLAB_EXAMPLE_DIR);
  const model: DashboardModel = buildDashboard(ws, collaboratives(ws)[0]!.uri);

  beforeAll(async () => {
    h = await openHarness('dashboard', DASHBOARD_BODY, { viewport: { width: 600, height: 800 } });
    await h.post({ type: 'model', model });
    await h.page.locator('section#signals').waitFor();
  });
  afterAll(async () => h?.close());

  it("every team's card shows each group's icons, named in words, as the team's own chart judges them", async () => {
    let groups = 0;
    for (const cell of model.cells) {
      const card = h.page.locator(`button.card[data-team="${cell.team}"][data-measure="${cell.measure}"]`);
      const shown = await card.locator('.status-icons-group').evaluateAll((list) =>
        list.map((g) => ({
          group: (g as HTMLElement).dataset.group,
          labels: [...g.querySelectorAll('svg[role="img"]')].map((s) => s.getAttribute('aria-label')),
        })),
      );
      const expected = (cell.status?.groups ?? [])
        .filter((g) => g.variation)
        .map((g) => ({
          group: g.group,
          labels: [
            `Variation: ${VARIATION_LABELS[g.variation!]}`,
            ...(g.assurance ? [`Assurance: ${ASSURANCE_LABELS[g.assurance]}`] : []),
          ],
        }));
      expect(shown).toEqual(expected);
      groups += expected.length;
    }
    // Every team reports both groups of at least one measure.
    expect(groups).toBeGreaterThan(model.cells.length);
    await h.page.locator('section#measures').screenshot({ path: path.join(SHOTS, 'webview-dashboard-icons-600.png') });
  });
});

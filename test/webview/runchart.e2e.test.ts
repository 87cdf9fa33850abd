import * as path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildChart, type ChartModel } from '../../server/src/core/analytics/model';
import { Workspace } from '../../server/src/core/workspace';
import { FACTORS, cycle } from '../helpers';
import { RUN_CHART_BODY } from '../../client/src/panels/runchart-body';
import { exampleWorkspace } from '../charts/fixtures';
import { groupLabel, summariseSignals } from '../../server/src/core/render/signal-text';
import { openHarness, type Harness } from './harness';

const PAYLOADS = [
  '<img src=x onerror="window.__pwned=1">',
  '</text><script>window.__pwned=2</script>',
  '"><svg onload="window.__pwned=3">',
  "'); window.__pwned=4; //",
  '<a href="javascript:window.__pwned=5">x</a>',
];

/** A workspace whose every text that reaches the chart carries a payload. */
function hostileModel(): ChartModel {
  const p = (i: number) => JSON.stringify(PAYLOADS[i % PAYLOADS.length]);
  const factors = FACTORS.replace(
    'name: Chronic absence',
    `name: ${p(0)}\n    unit: ${p(1)}\n    definition: ${p(2)}\n    chart:\n      phases:\n        - {start: 2025-09-15, label: ${p(3)}}`,
  )
    .replace(
      '    data:\n      - [2025-09-01, 30]\n      - [2025-09-08, 29]\n',
      `    data:\n      ${p(4)}:\n${Array.from({ length: 12 }, (_, i) => `        - [2025-09-${String(1 + i * 2).padStart(2, '0')}, ${30 - i}]`).join('\n')}\n`,
    )
    .replace('    statement: Cut chronic absence', `    statement: ${p(1)}\n    group: ${p(0)}`);
  const ws = new Workspace({ today: '2026-11-22' });
  ws.setWorksheet('file:///ws/focus.factors.yaml', factors);
  ws.setWorksheet(
    'file:///ws/c.pdsa.yaml',
    cycle('c1')
      .replace('title: Cycle c1', `title: ${p(2)}`)
      .replace('when: {start: 2026-01-05, end: 2026-01-09}', 'when: {start: 2025-09-05, end: 2025-09-12}'),
  );
  return buildChart(ws, { measure: 'absence' });
}

function normalModel(): ChartModel {
  const ws = new Workspace({ today: '2026-11-22' });
  ws.setWorksheet(
    'file:///ws/focus.factors.yaml',
    FACTORS.replace(
      '    data:\n      - [2025-09-01, 30]\n      - [2025-09-08, 29]\n',
      `    data:\n${[30, 31, 29, 30, 31, 30, 24, 23, 22, 21, 20, 19, null, 18].map((v, i) => `      - [2025-${String(9 + Math.floor(i / 4)).padStart(2, '0')}-${String(1 + (i % 4) * 7).padStart(2, '0')}, ${v}]`).join('\n')}\n`,
    ),
  );
  return buildChart(ws, { measure: 'absence' });
}

/** Width and height from a PNG's header (after the 8-byte signature, the IHDR chunk). */
function pngSize(png: Buffer): { width: number; height: number } {
  expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  expect(png.subarray(12, 16).toString('latin1')).toBe('IHDR');
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

describe('run-chart webview in a real browser (Chromium)', () => {
  let harness: Harness;
  let page: Page;

  beforeAll(async () => {
    harness = await openHarness('runchart', RUN_CHART_BODY);
    page = harness.page;
  });
  afterAll(async () => harness?.close());

  const show = async (model: ChartModel, locked = false) => {
    const measures = (model.family ?? []).map((f) => ({ id: f.id, name: f.name }));
    await page.evaluate(
      ([m, list, lock]) =>
        window.postMessage(
          {
            type: 'chart',
            model: m,
            state: { measure: m.measure.id, rules: m.rules, type: m.type, locked: lock },
            measures: list,
          },
          '*',
        ),
      [model, measures, locked] as const,
    );
    await page.locator('#chart svg.pdsa-chart').waitFor();
  };

  it('draws the points, the median and the signals', async () => {
    const model = normalModel();
    await show(model);
    const present = model.groups[0]!.analysis.points.filter((p) => p.value !== null).length;
    expect(await page.locator('#chart g.group circle.point').count()).toBe(present);
    expect(await page.locator('#chart line.centre.baseline').count()).toBe(1);
    expect(await page.locator('#chart circle.point.signal').count()).toBeGreaterThan(0);
    expect(await page.locator('#signals li').allTextContents()).toEqual(
      summariseSignals(model).map((s) => `${s.headline}: ${s.detail}. ${s.meaning}`),
    );
    // Falling absence (better: down) is good news.
    expect(await page.locator('#signals li.dir-improvement').count()).toBeGreaterThan(0);
    // Hovering a point tells its date, value, group and rules.
    expect(await page.locator('#chart circle.point.signal title').first().textContent()).toMatch(
      /^\d+ (Sep|Oct|Nov|Dec) 2025: \d+ \(values\) — /,
    );
    // The stylesheet applied (CSP allows it): the data line has the theme's colour.
    expect(
      await page
        .locator('#chart polyline.line')
        .first()
        .evaluate((el) => getComputedStyle(el).stroke),
    ).toBe('rgb(59, 59, 59)'); // the first group takes the text colour (blue and orange mean improvement and concern)
    await page.screenshot({ path: path.join(__dirname, '..', '..', 'test-results', 'webview-runchart.png') });
  });

  it('renders every worksheet text as text: no payload runs or becomes markup', async () => {
    const model = hostileModel();
    await show(model);
    await page.locator('#chart circle.point').first().hover();
    await page.locator('#chart g.cycle').first().click();
    await page.locator('#measure-name').click();
    const result = await page.evaluate(() => ({
      pwned: (window as unknown as { __pwned?: number }).__pwned,
      foreign: document.querySelectorAll('img, iframe, object, embed, svg svg, foreignObject, a[href^="javascript"]')
        .length,
      scripts: document.querySelectorAll('script').length,
      handlers: [...document.querySelectorAll('*')]
        .flatMap((el) => [...el.attributes].map((a) => a.name))
        .filter((n) => n.startsWith('on')),
      text: document.body.textContent ?? '',
      svgText: document.querySelector('#chart svg')?.textContent ?? '',
    }));
    expect(result.pwned).toBeUndefined();
    expect(result.foreign).toBe(0);
    expect(result.scripts).toBe(2);
    expect(result.handlers).toEqual([]);
    // The payloads are there, as plain text, in the chart and around it.
    // (A group id is shown as a name: its dashes read as spaces.)
    for (const payload of PAYLOADS)
      expect(result.text + result.svgText).toContain(payload === PAYLOADS[4] ? groupLabel(payload) : payload);
    // The cycle mark still opens its file.
    expect(
      await page.evaluate(() =>
        (window as unknown as { sent: { type: string; uri?: string }[] }).sent.find((m) => m.type === 'openCycle'),
      ),
    ).toEqual({ type: 'openCycle', uri: 'file:///ws/c.pdsa.yaml' });
  });

  it('switches measure with the picker and the previous/next buttons, and locks', async () => {
    const ws = exampleWorkspace();
    await show(buildChart(ws, { measure: 'belonging' }));
    const picker = page.locator('#measure');
    expect(await picker.locator('option').allTextContents()).toEqual([
      'Chronic absence rate (rolling 6 weeks)',
      'Students who say they belong in their class',
      'Students with disabilities greeted by name on arrival',
      'Positive contacts with families of students with disabilities',
      'Office discipline referrals, K-3',
    ]);
    expect(await picker.inputValue()).toBe('belonging');
    await page.locator('#next').click();
    await picker.selectOption('office-referrals');
    await page.locator('#previous').click();
    await page.locator('#lock').click();
    const sent = (await harness.sent()).filter((m) => m.type === 'measure' || m.type === 'lock');
    expect(sent).toEqual([
      { type: 'measure', measure: 'greeted-by-name' },
      { type: 'measure', measure: 'office-referrals' },
      { type: 'measure', measure: 'positive-contacts' },
      { type: 'lock', locked: true },
    ]);
    // At the first measure there is no previous one; a locked panel says so.
    await show(buildChart(ws, { measure: 'chronic-absence' }), true);
    expect(await page.locator('#previous').isDisabled()).toBe(true);
    expect(await page.locator('#lock').getAttribute('aria-pressed')).toBe('true');
  });

  it('offers a P chart disabled, with the reason, for a measure without denominators', async () => {
    await show(buildChart(exampleWorkspace(), { measure: 'greeted-by-name' }));
    const p = page.locator('#type option[value="p"]');
    expect(await p.isDisabled()).toBe(true);
    expect(await p.textContent()).toBe('P chart: needs [date, count, denominator] points');
    expect(await page.locator('#type option[value="i"]').isDisabled()).toBe(false);
    expect(await page.locator('#type option').count()).toBeGreaterThanOrEqual(3);
  });

  it('shows the family of measures, grouped, with status, and opens a measure from it', async () => {
    await page.setViewportSize({ width: 600, height: 1000 });
    const ws = exampleWorkspace();
    const models = ['chronic-absence', 'belonging', 'greeted-by-name', 'positive-contacts', 'office-referrals'].map(
      (m) => buildChart(ws, { measure: m }),
    );
    await harness.post({
      type: 'family',
      models,
      state: { measure: 'chronic-absence', rules: 'ihi', type: 'run', view: 'family' },
      measures: models.map((m) => ({ id: m.measure.id, name: m.measure.name })),
    });
    await page.locator('.family-card').first().waitFor();
    // The chart's own controls are gone on the family page.
    for (const id of ['#type', '#rules', '#range', '#export-png'])
      expect(await page.locator(id).isVisible()).toBe(false);
    expect(await page.locator('#family-view h3').allTextContents()).toEqual([
      'Outcome measures: is the result improving?',
      'Process measures: are the changes happening?',
      'Balancing measures: is anything else getting worse?',
    ]);
    expect(await page.locator('.family-card').count()).toBe(5);
    expect(await page.locator('#chart-view').isHidden()).toBe(true);
    const absence = page.locator('.family-card[data-measure="chronic-absence"]');
    expect(await absence.textContent()).toMatch(
      /Students with disabilities: latest 27\.6% \(26 Oct 2026\); target 27% by 5 Jun 2026; /,
    );
    expect(await absence.locator('svg.pdsa-status-icon').count()).toBeGreaterThan(0);
    expect(await absence.locator('svg.pdsa-spark polyline.line').count()).toBeGreaterThan(0);
    await page.screenshot({ path: path.join(__dirname, '..', '..', 'test-results', 'webview-family-600.png') });
    await page.locator('.family-card[data-measure="belonging"]').click();
    expect((await harness.sent()).at(-1)).toEqual({ type: 'measure', measure: 'belonging' });
  });

  it('hides and shows a group from the legend, and reads points out from the keyboard', async () => {
    await page.setViewportSize({ width: 600, height: 900 });
    await show(buildChart(exampleWorkspace(), { measure: 'chronic-absence' }));
    expect(await page.locator('#chart g.group').count()).toBe(2);
    await page.locator('#chart g.legend-item[data-group="all-students"]').click();
    expect(await page.locator('#chart g.group').count()).toBe(1);
    expect(await page.locator('#chart g.legend-item.hidden[data-group="all-students"]').count()).toBe(1);
    await page.locator('#chart g.legend-item[data-group="all-students"]').press('Enter');
    expect(await page.locator('#chart g.group').count()).toBe(2);
    await page.locator('#chart svg.pdsa-chart').focus();
    await page.keyboard.press('ArrowRight');
    expect(await page.locator('#point-readout').textContent()).toBe('3 Nov 2025: 34.3% (Students with disabilities)');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowDown');
    expect(await page.locator('#point-readout').textContent()).toBe('10 Nov 2025: 20.9% (All students)');
    await page.keyboard.press('End');
    expect(await page.locator('#point-readout').textContent()).toMatch(/^26 Oct 2026: [\d.]+% \(All students\)/);
  });

  it('exports PNG and SVG as shown, and copies the image to the clipboard, under the strict CSP', async () => {
    await page.setViewportSize({ width: 1200, height: 800 });
    const model = buildChart(exampleWorkspace(), { measure: 'chronic-absence' });
    await show(model);
    // The viewer hid a group: the files show what they see.
    await page.locator('#chart g.legend-item[data-group="all-students"]').click();
    const exported = async (format: 'svg' | 'png') => {
      const before = (await harness.sent()).filter((m) => m.type === 'export').length;
      await page.locator(format === 'png' ? '#export-png' : '#export').click();
      await expect
        .poll(async () => (await harness.sent()).filter((m) => m.type === 'export').length, { timeout: 20_000 })
        .toBe(before + 1);
      const message = (await harness.sent()).filter((m) => m.type === 'export').pop()!;
      expect(message.format).toBe(format);
      return message.data as string;
    };
    const png = Buffer.from(await exported('png'), 'base64');
    const size = pngSize(png);
    // Twice the 1000 px drawing, for crisp text; a real picture, not an empty canvas.
    expect(size.width).toBe(2000);
    expect(size.height).toBeGreaterThan(1000);
    expect(png.length).toBeGreaterThan(60_000);
    const svg = await exported('svg');
    expect(svg).toContain(`<title id="t-chronic-absence">Run chart: ${model.measure.name}</title>`);
    expect(svg).toContain('class="signal-summary"');
    expect(svg).toContain('class="legend-item legend-group hidden"');
    expect(svg).not.toMatch(/file:|data-uri|\/ws\//);

    await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], {
      origin: new URL(page.url()).origin,
    });
    await page.locator('#copy').click();
    await page.locator('#status', { hasText: 'Copied the chart as an image.' }).waitFor();
    const copied = await page.evaluate(async () => {
      const [item] = await navigator.clipboard.read();
      const blob = await item!.getType('image/png');
      return [...new Uint8Array(await blob.arrayBuffer())];
    });
    expect(pngSize(Buffer.from(copied))).toEqual(size);
    await page.locator('#chart g.legend-item[data-group="all-students"]').click();
  });

  it('shows a date range as a window on the whole analysis, and the team notes in the chart and the table', async () => {
    await page.setViewportSize({ width: 1000, height: 800 });
    const model = buildChart(exampleWorkspace(), { measure: 'chronic-absence' });
    await show(model);
    const points = () => page.locator('#chart g.group[data-group="students-with-disabilities"] circle.point').count();
    const centres = () => page.locator('#chart g.group line.centre.baseline title').allTextContents();
    const all = await points();
    const wholeCentres = await centres();
    expect(await page.locator('#chart g.note-mark').count()).toBe(model.notes!.length);
    expect(await page.locator('#table-body tr.note-row').allTextContents()).toEqual(
      model.notes!.map((n) => `${n.date}Team note${n.text}`),
    );

    await page.locator('#range').selectOption('26');
    await expect.poll(points).toBe(26);
    expect((await harness.sent()).pop()).toEqual({ type: 'range', range: { last: 26 } });
    expect(await page.locator('#range-note').textContent()).toMatch(
      new RegExp(
        `^Showing \\d+ \\w+ 2026 to the latest point: 52 of 76 values\\. Centre lines, limits and signals are those of all`,
      ),
    );
    // The centre lines are those of the whole series (the baseline median of the first phase is not recomputed).
    const windowCentres = await centres();
    for (const c of windowCentres) expect(wholeCentres.some((w) => w.split(',')[0] === c.split(',')[0])).toBe(true);
    // Signals that reach into the window, with their whole extent.
    const listed = await page.locator('#signals li strong').allTextContents();
    expect(listed.length).toBeGreaterThan(0);
    expect(listed).toContain('Improvement: Students with disabilities, 16 Mar 2026 to 26 Oct 2026');

    await page.locator('#range').selectOption('custom');
    await page.locator('#range-from').fill('2026-09-01');
    await page.locator('#range-to').fill('2026-09-30');
    await expect.poll(points).toBe(model.groups[0]!.analysis.points.filter((p) => p.date.startsWith('2026-09')).length);
    expect(await page.locator('#chart g.note-mark').count()).toBe(1); // only the September note
    expect(await page.locator('#table-body tr.note-row').count()).toBe(1);
    expect((await harness.sent()).pop()).toEqual({ type: 'range', range: { from: '2026-09-01', to: '2026-09-30' } });

    await page.locator('#range').selectOption('all');
    await expect.poll(points).toBe(all);
    expect(await page.locator('#range-note').textContent()).toBe('');
  });

  it('clears the chart under an error, so an old chart never passes for the new one', async () => {
    await show(normalModel());
    await harness.post({
      type: 'error',
      message: 'measure "x" has errors',
      state: { measure: 'x', rules: 'ihi', type: 'run' },
      measures: [],
    });
    await page.locator('#error', { hasText: 'has errors' }).waitFor();
    expect(await page.locator('#chart svg').count()).toBe(0);
  });

  it('fills a panel beside the editor (600 x 900)', async () => {
    await page.setViewportSize({ width: 600, height: 900 });
    await show(buildChart(exampleWorkspace(), { measure: 'chronic-absence' }));
    const box = await page.locator('#chart svg').boundingBox();
    expect(box!.width).toBeGreaterThan(560);
    // The chart takes the height under the toolbar, not a fixed aspect ratio.
    expect(box!.y + box!.height).toBeGreaterThan(860);
    await page.screenshot({
      path: path.join(__dirname, '..', '..', 'test-results', 'webview-runchart-600.png'),
      fullPage: true,
    });
  });

  it('reads well at 400 px', async () => {
    await page.setViewportSize({ width: 420, height: 700 });
    await page.evaluate(() => (document.getElementById('chart')!.style.width = '400px'));
    await show(normalModel());
    const width = await page.locator('#chart svg').evaluate((svg) => svg.getBoundingClientRect().width);
    expect(width).toBeLessThanOrEqual(400);
    await page.screenshot({ path: path.join(__dirname, '..', '..', 'test-results', 'webview-runchart-400.png') });
  });
});

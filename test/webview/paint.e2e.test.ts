import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildChart } from '../../server/src/core/analytics/model';
import { Workspace } from '../../server/src/core/workspace';
import { RUN_CHART_BODY } from '../../client/src/panels/runchart-body';
import { openHarness, type Harness } from './harness';
import { paint } from './paint-probe';

/** A chart long enough that its signals and table make the page scroll. */
function message(name: string): unknown {
  const ws = new Workspace({ today: '2026-11-22' });
  ws.setWorksheet(
    'file:///ws/focus.factors.yaml',
    `version: 1\nid: focus\ntitle: T\nresult:\n  statement: S\nmeasures:\n  - id: m\n    name: ${name}\n    kind: outcome\n    better: up\n    csv: m.csv\n`,
  );
  const rows = Array.from(
    { length: 120 },
    (_, i) =>
      `${new Date(Date.UTC(2025, 0, 1) + i * 86_400_000).toISOString().slice(0, 10)},${50 + (i > 60 ? 8 : 0) + (i % 7)}`,
  );
  ws.setCsv('file:///ws/m.csv', `date,value\n${rows.join('\n')}\n`);
  const model = buildChart(ws, { measure: 'm' });
  return {
    type: 'chart',
    model,
    state: { measure: 'm', rules: model.rules, type: model.type },
    measures: [{ id: 'm', name }],
  };
}

describe('run-chart webview paints once per change (Chromium, scrollbars that take space as in VS Code)', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await openHarness('runchart', RUN_CHART_BODY, { viewport: { width: 600, height: 700 }, scrollbars: true });
  });
  afterAll(async () => h?.close());

  it('draws the first chart once, though the page starts to scroll under it', async () => {
    const first = await paint(h.page, 'chart', message('First'));
    expect(first.draws).toBe(1);
    expect(await h.page.evaluate(() => document.documentElement.scrollHeight > window.innerHeight)).toBe(true);
  });

  it('draws each change once, and redraws once when the panel is resized', async () => {
    for (const name of ['Second', 'Third']) expect((await paint(h.page, 'chart', message(name))).draws).toBe(1);
    await h.page.evaluate(() => {
      const w = window as unknown as { draws: number };
      w.draws = 0;
      new MutationObserver((records) => (w.draws += records.length)).observe(document.getElementById('chart')!, {
        childList: true,
      });
    });
    await h.page.setViewportSize({ width: 500, height: 700 });
    await h.page.waitForFunction(() =>
      /^0 0 4\d\d /.test(document.querySelector('#chart svg')?.getAttribute('viewBox') ?? ''),
    );
    // Two more frames: a second draw would land in them.
    await h.page.evaluate(
      () =>
        new Promise<void>((resolve) =>
          requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(resolve, 0))),
        ),
    );
    expect(await h.page.evaluate(() => (window as unknown as { draws: number }).draws)).toBe(1);
  });
});

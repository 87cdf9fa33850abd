// Paint timings of the webviews in Chromium with the real bundles: from the message arriving to the
// pixels on screen. `npm run bench:paint`. For each case the page gets the message its panel sends;
// the time runs from posting it to the end of the first frame painted after the last DOM change it
// caused (requestAnimationFrame, then a task: that frame has been painted). A MutationObserver counts
// the draws one message causes: one paint per change is the target, so a second draw (say, from a
// resize observer reacting to the first) is counted and its frame included in the time.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { buildDriverModel } from '../server/src/core/analytics/drivers';
import { buildChart } from '../server/src/core/analytics/model';
import { Workspace } from '../server/src/core/workspace';
import { DRIVERS_BODY } from '../client/src/panels/drivers-body';
import { RUN_CHART_BODY } from '../client/src/panels/runchart-body';
import { openHarness } from '../test/webview/harness';
import { paint, type Paint } from '../test/webview/paint-probe';
import { bigDriverWorkspace } from './generate';
import { machineLine } from './machine';

/** A measure with `n` daily points (a level shift half way, a missing value now and then) from a CSV file, and a cycle that collects it. */
function chartMessage(n: number): unknown {
  const ws = new Workspace({ today: '2026-11-22' });
  ws.setWorksheet(
    'file:///ws/focus.factors.yaml',
    'version: 1\nid: focus\ntitle: Bench\nresult:\n  statement: Every student attends\nmeasures:\n  - id: attendance\n    name: Daily attendance\n    unit: "%"\n    kind: outcome\n    better: up\n    csv: attendance.csv\n    chart:\n      baseline: 20\n',
  );
  let seed = 42;
  const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  const rows = Array.from(
    { length: n },
    (_, i) =>
      `${new Date(Date.UTC(2000, 0, 1) + i * 86_400_000).toISOString().slice(0, 10)},${i % 97 === 13 ? '' : (80 + (i > n / 2 ? 5 : 0) + random() * 10).toFixed(1)}`,
  );
  ws.setCsv('file:///ws/attendance.csv', `date,value\n${rows.join('\n')}\n`);
  const model = buildChart(ws, { measure: 'attendance' });
  const state = { measure: 'attendance', rules: model.rules, type: model.type };
  return { type: 'chart', model, state, measures: [{ id: 'attendance', name: 'Daily attendance' }] };
}

function diagramMessage(): unknown {
  const model = buildDriverModel(bigDriverWorkspace(), 'file:///big/big.factors.yaml');
  return { type: 'model', model, state: { uri: 'file:///big/big.factors.yaml', view: 'drivers', expanded: [] } };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

async function measureCase(
  bundle: 'runchart' | 'drivers',
  body: string,
  root: string,
  messages: () => unknown[],
  runs: number,
): Promise<{ first: Paint; again: number[]; draws: number }> {
  // 600 px wide, beside an editor, with scrollbars that take space as in VS Code's webviews.
  const h = await openHarness(bundle, body, { viewport: { width: 600, height: 800 }, scrollbars: true });
  try {
    const list = messages();
    // The first message into a fresh panel (cold JIT: what a user sees when opening it), then changes.
    const first = await paint(h.page, root, list[0]);
    const again: number[] = [];
    let draws = first.draws;
    for (let i = 0; i < runs; i++) {
      const p = await paint(h.page, root, list[(i % (list.length - 1)) + 1]);
      again.push(p.ms);
      draws = Math.max(draws, p.draws);
    }
    return { first, again, draws };
  } finally {
    await h.close();
  }
}

async function main(): Promise<void> {
  const before = machineLine();
  const runs = 10;
  const rows: string[] = [];
  const chartCase = async (n: number, target: number) => {
    // Alternating models (rules switched), so every message really changes the chart.
    const base = chartMessage(n) as { model: { rules: string } };
    const other = JSON.parse(JSON.stringify(base)) as { model: { rules: string; measure: { name: string } } };
    other.model.measure.name = 'Daily attendance (again)';
    const r = await measureCase('runchart', RUN_CHART_BODY, 'chart', () => [base, other, base], runs);
    rows.push(
      `| run chart, ${n.toLocaleString('en')} points | ${r.first.ms.toFixed(0)} ms | ${median(r.again).toFixed(0)} ms | ${Math.max(...r.again).toFixed(0)} ms | ${r.draws} | < ${target} ms |`,
    );
  };
  await chartCase(500, 50);
  await chartCase(10_000, 150);
  const diagram = diagramMessage() as { model: { focus: { title?: string } } };
  const changed = JSON.parse(JSON.stringify(diagram)) as { model: { focus: { title?: string } } };
  changed.model.focus.title = `${changed.model.focus.title ?? ''} (changed)`;
  const d = await measureCase('drivers', DRIVERS_BODY, 'diagram', () => [diagram, changed, diagram], runs);
  rows.push(
    `| driver diagram, 5 / 20 / 40 / 200 | ${d.first.ms.toFixed(0)} ms | ${median(d.again).toFixed(0)} ms | ${Math.max(...d.again).toFixed(0)} ms | ${d.draws} | < 100 ms |`,
  );
  const chromium = process.env.CHROMIUM ?? '/usr/bin/chromium';
  console.log(
    `Chromium ${fs.existsSync(chromium) ? path.basename(chromium) : '?'} (headless, 600 x 800 with classic scrollbars), ${runs} changes after the first message.`,
  );
  console.log(`Machine before: ${before}\nMachine after:  ${machineLine()}`);
  console.log('| view | first message, new panel | change, median | change, slowest | draws per message | target |');
  console.log('|---|---|---|---|---|---|');
  for (const r of rows) console.log(r);
}

main().then(
  () => process.exit(0),
  (e: unknown) => {
    console.error(e);
    process.exit(1);
  },
);

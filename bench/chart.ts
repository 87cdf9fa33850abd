// Times analysis plus SVG for long series (goal: 10,000 points in under 50 ms). `npm run bench:chart`.
import type { ChartModel } from '../server/src/core/analytics/model';
import { analyseSeries, type AnalysisOptions, type ChartPoint } from '../server/src/core/analytics/runchart';
import { summarise } from '../server/src/core/analytics/summary';
import { renderChart } from '../server/src/core/render/runchart-svg';

function points(n: number): ChartPoint[] {
  let seed = 42;
  const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  return Array.from({ length: n }, (_, i) => ({
    date: new Date(Date.UTC(2000, 0, 1) + i * 86_400_000).toISOString().slice(0, 10),
    // A level shift half way, some missing values: every rule has work to do.
    value: i % 97 === 13 ? null : Math.round((50 + (i > n / 2 ? 5 : 0) + random() * 20) * 10) / 10,
    count: 0,
    denominator: 0,
  }));
}

function time(fn: () => void, runs = 20): { median: number; p95: number } {
  for (let i = 0; i < 3; i++) fn();
  const t: number[] = [];
  for (let i = 0; i < runs; i++) {
    const s = performance.now();
    fn();
    t.push(performance.now() - s);
  }
  t.sort((a, b) => a - b);
  return { median: t[Math.floor(runs / 2)]!, p95: t[Math.floor(runs * 0.95)]! };
}

const rows: string[] = [];
for (const n of [1_000, 10_000]) {
  const pts = points(n);
  for (const [label, options] of [
    ['run chart, IHI', { rules: 'ihi', type: 'run' }],
    ['run chart, Anhøj', { rules: 'anhoej', type: 'run' }],
    ['I chart, IHI', { rules: 'ihi', type: 'i' }],
  ] as [string, AnalysisOptions][]) {
    let svgBytes = 0;
    const r = time(() => {
      const analysis = analyseSeries(pts, { ...options, baseline: 20 });
      const model: ChartModel = {
        measure: { id: 'm', name: 'Bench', better: 'up', uri: 'file:///m' },
        type: options.type,
        rules: options.rules,
        centreLine: options.type === 'run' ? 'median' : 'mean',
        settings: { screen: true, shift: 7, trend: 7, conflict: 'improvement' },
        groups: [{ group: 'all', analysis, summary: summarise(analysis) }],
        cycles: [],
        targets: [],
      };
      svgBytes = renderChart(model, { width: 1600 }).length;
    });
    rows.push(
      `| ${n} | ${label} | ${r.median.toFixed(1)} ms | ${r.p95.toFixed(1)} ms | ${(svgBytes / 1024).toFixed(0)} KB |`,
    );
  }
}
console.log('| points | chart | analysis + SVG, median | p95 | SVG size |');
console.log('|---|---|---|---|---|');
for (const r of rows) console.log(r);

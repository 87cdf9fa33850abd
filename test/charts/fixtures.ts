// Chart models for rendering tests: every measure of the example, the generated bench workspace's
// measures (with their PDSA cycles) and a long bench series.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { cycleFile, factorsFile } from '../../bench/generate';
import { buildChart, type ChartModel } from '../../server/src/core/analytics/model';
import { analyseSeries, type ChartPoint, type ChartType } from '../../server/src/core/analytics/runchart';
import type { Workspace } from '../../server/src/core/workspace';
import { workspaceOf } from '../helpers';

const EXAMPLE = path.join(__dirname, '..', '..', 'examples', 'slc-belonging');

function readTree(dir: string, prefix = ''): Record<string, string> {
  const files: Record<string, string> = {};
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const name = `${prefix}${entry.name}`;
    if (entry.isDirectory()) Object.assign(files, readTree(path.join(dir, entry.name), `${name}/`));
    else files[name] = fs.readFileSync(path.join(dir, entry.name), 'utf8');
  }
  return files;
}

export function exampleWorkspace(): Workspace {
  return workspaceOf(readTree(EXAMPLE));
}

/** Models of every measure with data in a workspace, for each chart type asked for. */
function modelsOf(ws: Workspace, name: string, types: ChartType[]): { name: string; model: ChartModel }[] {
  const out: { name: string; model: ChartModel }[] = [];
  for (const file of ws.worksheets()) {
    for (const m of file.factors?.measures ?? []) {
      for (const type of types) {
        const model = buildChart(ws, { measure: m.id, type });
        if (model.groups.length) out.push({ name: `${name} ${m.id} ${type}`, model });
      }
    }
  }
  return out;
}

export function exampleModels(types: ChartType[] = ['run', 'i']): { name: string; model: ChartModel }[] {
  return modelsOf(exampleWorkspace(), 'example', types);
}

/** The bench workspace's factors file with 40 cycles: 52 weekly points per measure, ramps of cycles. */
export function benchModels(): { name: string; model: ChartModel }[] {
  const files: Record<string, string> = { 'bench.factors.yaml': factorsFile(12) };
  for (let i = 0; i < 40; i++) files[`c${i}.pdsa.yaml`] = cycleFile(i, 12);
  return modelsOf(workspaceOf(files), 'bench', ['run']);
}

/** The chart bench's long series: a level shift half way and some missing values. */
export function longSeriesModel(n: number): ChartModel {
  let seed = 42;
  const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  const points: ChartPoint[] = Array.from({ length: n }, (_, i) => ({
    date: new Date(Date.UTC(2000, 0, 1) + i * 86_400_000).toISOString().slice(0, 10),
    value: i % 97 === 13 ? null : Math.round((50 + (i > n / 2 ? 5 : 0) + random() * 20) * 10) / 10,
  }));
  const analysis = analyseSeries(points, { rules: 'ihi', type: 'run', baseline: 20 });
  return {
    measure: {
      id: 'long',
      name: `Bench series of ${n} daily points`,
      better: 'up',
      uri: 'file:///ws/long.factors.yaml',
    },
    type: 'run',
    rules: 'ihi',
    groups: [{ group: 'all', analysis }],
    cycles: [],
    targets: [],
  };
}

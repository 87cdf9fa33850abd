import * as fs from 'node:fs';
import * as path from 'node:path';
import { buildChart, ChartError } from '../core/analytics/model';
import type { ChartType, RuleSet } from '../core/analytics/runchart';
import { describeChart, renderChart } from '../core/render/runchart-svg';
import { scanPaths } from './files';
import { loadWorkspace } from './check';

export interface ChartOptions {
  measure: string;
  paths: string[];
  output?: string;
  rules: RuleSet;
  type: ChartType;
  groups: string[];
  width: number;
}

/** `pdsa chart`: the same chart the editor shows, as a standalone SVG. Returns the exit code. */
export async function runChart(options: ChartOptions, out: (s: string) => void, err: (s: string) => void): Promise<number> {
  const found = await scanPaths(options.paths);
  const { workspace } = await loadWorkspace(found, undefined);
  for (const e of found.errors) err(`pdsa: ${e}\n`);
  let svg: string;
  let summary: string;
  try {
    const model = buildChart(workspace, { measure: options.measure, rules: options.rules, type: options.type, groups: options.groups });
    if (model.groups.length === 0) {
      err(`pdsa: measure "${options.measure}" has no data${options.groups.length ? ` for ${options.groups.join(', ')}` : ''}\n`);
      return 1;
    }
    svg = renderChart(model, { width: options.width, embedStyle: true });
    summary = describeChart(model);
  } catch (error) {
    if (error instanceof ChartError) {
      err(`pdsa: ${error.message}\n`);
      return 2;
    }
    throw error;
  }
  if (options.output) {
    fs.writeFileSync(options.output, `${svg}\n`);
    err(`${summary}\nwrote ${path.relative(process.cwd(), options.output) || options.output}\n`);
  } else out(`${svg}\n`);
  return found.errors.length ? 2 : 0;
}

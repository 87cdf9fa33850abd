import * as fs from 'node:fs';
import { buildChart, ChartError } from '../core/analytics/model';
import type { ChartType, RuleSet } from '../core/analytics/runchart';
import { describeChart, renderChart } from '../core/render/runchart-svg';
import { displayPath } from '../node/display-path';
import { CliError, UsageError, type Command } from './command';
import { loadWorkspace, scanPathsOrFail } from './load';

const RULE_SETS: readonly RuleSet[] = ['ihi', 'anhoej'];
const CHART_TYPES: readonly ChartType[] = ['run', 'i', 'p'];

/** `pdsa chart`: the same chart the editor shows, as a standalone SVG. */
export const chartCommand: Command = {
  name: 'chart',
  synopsis: '<measure-id> [paths...] [options]',
  summary: "Write a measure's run or control chart as SVG",
  options: {
    output: { type: 'string', short: 'o', value: 'file', help: 'Write the SVG to a file (default: standard output)' },
    rules: { type: 'string', value: 'set', choices: RULE_SETS, help: 'ihi (default: shift, trend, runs, astronomical) or anhoej (longest run, crossings)' },
    type: { type: 'string', value: 'type', choices: CHART_TYPES, help: 'run (default), i (XmR) or p (proportions with denominators)' },
    group: { type: 'string', multiple: true, value: 'name', help: 'Only this group (repeatable; default: every group)' },
    width: { type: 'string', value: 'px', help: 'Width of the chart in pixels, 320 to 4000 (default 800)' },
  },
  async run(args, io) {
    const [measure, ...rest] = args.positionals;
    if (!measure) throw new UsageError('chart needs a measure id');
    const width = Number(args.string('width') ?? 800);
    if (!Number.isFinite(width) || width < 320 || width > 4000) throw new UsageError('--width takes a number of pixels from 320 to 4000');
    const groups = args.list('group');
    const paths = rest.length ? rest : ['.'];
    const output = args.string('output');

    const found = await scanPathsOrFail(paths);
    const { workspace } = await loadWorkspace(found, undefined);
    for (const e of found.errors) io.err(`pdsa: ${e}\n`);
    let svg: string;
    let summary: string;
    try {
      const model = buildChart(workspace, { measure, rules: (args.string('rules') ?? 'ihi') as RuleSet, type: (args.string('type') ?? 'run') as ChartType, groups });
      if (model.groups.length === 0) {
        io.err(`pdsa: measure "${measure}" has no data${groups.length ? ` for ${groups.join(', ')}` : ''}\n`);
        return 1;
      }
      svg = renderChart(model, { width, embedStyle: true });
      summary = describeChart(model);
    } catch (error) {
      if (error instanceof ChartError) throw new CliError(error.message);
      throw error;
    }
    if (output) {
      fs.writeFileSync(output, `${svg}\n`);
      io.err(`${summary}\nwrote ${displayPath(output, io.cwd)}\n`);
    } else io.out(`${svg}\n`);
    return found.errors.length ? 2 : 0;
  },
};

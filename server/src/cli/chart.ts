import * as fs from 'node:fs';
import { buildChart, ChartError } from '../core/analytics/model';
import { CHART_TYPES, RULE_SETS, type ChartType, type RuleSet } from '../core/analytics/types';
import { describeChart, renderChart } from '../core/render/runchart-svg';
import { summaryJson, summaryText } from '../core/render/summary-text';
import { displayPath } from '../node/display-path';
import { svgToPng } from '../node/png';
import { CliError, UsageError, type Command } from './command';
import { loadWorkspace, scanPathsOrFail } from './load';

const SUMMARY_FORMATS = ['text', 'json'] as const;

/** `pdsa chart`: the same chart the editor shows, as a standalone SVG. */
export const chartCommand: Command = {
  name: 'chart',
  synopsis: '<measure-id> [paths...] [options]',
  summary: "Write a measure's run or control chart as SVG",
  options: {
    output: {
      type: 'string',
      short: 'o',
      value: 'file',
      help: 'Write the chart to a file: SVG, or PNG when the name ends in .png (default: SVG on standard output)',
    },
    rules: {
      type: 'string',
      value: 'set',
      choices: RULE_SETS,
      help: "ihi (shift, trend, runs, astronomical), anhoej (longest run, crossings) or mdc\n(NHS Making Data Count); default: the measure's chart.rules, then pdsa.config.yaml's, then ihi",
    },
    type: {
      type: 'string',
      value: 'type',
      choices: CHART_TYPES,
      help: "run, i (XmR), c (counts), u (rates), p (proportions), pp or up (Laney's P' and U');\ndefault: the measure's chart.type, then run",
    },
    summary: {
      type: 'boolean',
      help: 'Print the summary table (per phase: runs analysis, centre, limits, points beyond;\nvariation and assurance) instead of the SVG',
    },
    format: {
      type: 'string',
      value: 'format',
      choices: SUMMARY_FORMATS,
      help: 'With --summary: text (default) or json',
    },
    group: {
      type: 'string',
      multiple: true,
      value: 'name',
      help: 'Only this group (repeatable; default: every group)',
    },
    width: { type: 'string', value: 'px', help: 'Width of the chart in pixels, 320 to 4000 (default 800)' },
  },
  async run(args, io) {
    const [measure, ...rest] = args.positionals;
    if (!measure) throw new UsageError('chart needs a measure id');
    const width = Number(args.string('width') ?? 800);
    if (!Number.isFinite(width) || width < 320 || width > 4000)
      throw new UsageError('--width takes a number of pixels from 320 to 4000');
    const groups = args.list('group');
    const paths = rest.length ? rest : ['.'];
    const output = args.string('output');
    const format = args.string('format');
    if (format && !args.flag('summary')) throw new UsageError('--format goes with --summary');

    const found = await scanPathsOrFail(paths);
    const { workspace } = await loadWorkspace(found, undefined);
    for (const e of found.errors) io.err(`pdsa: ${e}\n`);
    let svg: string;
    let summary: string;
    try {
      const model = buildChart(workspace, {
        measure,
        rules: args.string('rules') as RuleSet | undefined,
        type: args.string('type') as ChartType | undefined,
        groups,
      });
      if (model.groups.length === 0) {
        io.err(`pdsa: measure "${measure}" has no data${groups.length ? ` for ${groups.join(', ')}` : ''}\n`);
        return 1;
      }
      if (args.flag('summary')) {
        const text = format === 'json' ? `${JSON.stringify(summaryJson(model), null, 2)}\n` : summaryText(model);
        if (output) fs.writeFileSync(output, text);
        else io.out(text);
        return found.errors.length ? 2 : 0;
      }
      // A file to share: the title, legend and the signals in words travel with the picture.
      svg = renderChart(model, { width, embedStyle: true, summary: true, portable: true });
      summary = describeChart(model);
    } catch (error) {
      if (error instanceof ChartError) throw new CliError(error.message);
      throw error;
    }
    if (output && /\.png$/i.test(output)) {
      fs.writeFileSync(output, svgToPng(svg));
      io.err(`${summary}\nwrote ${displayPath(output, io.cwd)}\n`);
    } else if (output) {
      fs.writeFileSync(output, `${svg}\n`);
      io.err(`${summary}\nwrote ${displayPath(output, io.cwd)}\n`);
    } else io.out(`${svg}\n`);
    return found.errors.length ? 2 : 0;
  },
};

import * as fs from 'node:fs';
import { buildDashboard, collaboratives, DashboardError, type DashboardModel } from '../core/collab/dashboard';
import { renderReport } from '../core/render/collab-report';
import { summaryJson, summaryMarkdown, summaryText } from '../core/render/collab-summary';
import type { Workspace } from '../core/workspace';
import { displayPath } from '../node/display-path';
import { CliError, type Command } from './command';
import { loadWorkspace, scanPathsOrFail } from './load';

/** The collaborative under the paths (the one named by --collaborative when there are several). */
async function loadDashboard(
  paths: string[],
  today: string | undefined,
  pick: string | undefined,
): Promise<{ ws: Workspace; model: DashboardModel }> {
  const found = await scanPathsOrFail(paths.length ? paths : ['.']);
  const { workspace } = await loadWorkspace(found, today);
  const all = collaboratives(workspace);
  if (!all.length)
    throw new CliError(
      'no *.collaborative.yaml file under the paths: pdsa summary and pdsa report are about a learning collaborative (several teams, common measures); for one team, use pdsa chart and pdsa diagram',
    );
  const chosen = pick ? all.find((c) => workspace.worksheet(c.uri)?.collaborative?.id === pick) : all[0];
  if (!chosen)
    throw new CliError(
      `no collaborative "${pick}" (found: ${all.map((c) => workspace.worksheet(c.uri)?.collaborative?.id ?? displayPath(c.uri)).join(', ')})`,
    );
  try {
    return { ws: workspace, model: buildDashboard(workspace, chosen.uri) };
  } catch (error) {
    if (error instanceof DashboardError) throw new CliError(`${displayPath(chosen.uri)}: ${error.message}`);
    throw error;
  }
}

const common = {
  today: {
    type: 'string',
    value: 'YYYY-MM-DD',
    help: "Judge dates as of this day (default: the config's today, then the clock)",
  },
  collaborative: { type: 'string', value: 'id', help: 'Which collaborative, when the paths hold several' },
} as const;

/** `pdsa summary`: the signals table and each team's latest state, for CI comments and emails. */
export const summaryCommand: Command = {
  name: 'summary',
  synopsis: '[paths...] [--format text|json|markdown]',
  summary: "Summarise a collaborative (needs a *.collaborative.yaml): each team's state and every signal",
  options: {
    format: {
      type: 'string',
      value: 'format',
      choices: ['text', 'json', 'markdown'],
      help: 'text (default), json, or markdown (for pull-request comments and emails)',
    },
    ...common,
  },
  async run(args, io) {
    const { model } = await loadDashboard(args.positionals, args.string('today'), args.string('collaborative'));
    const format = args.string('format') ?? 'text';
    io.out(
      format === 'json'
        ? `${JSON.stringify(summaryJson(model), null, 2)}\n`
        : format === 'markdown'
          ? summaryMarkdown(model)
          : summaryText(model),
    );
    return 0;
  },
};

/** `pdsa report -o report.html`: one self-contained HTML file for people without VS Code. */
export const reportCommand: Command = {
  name: 'report',
  synopsis: '[paths...] -o report.html',
  summary: "Write a collaborative's report (needs a *.collaborative.yaml): one self-contained HTML file",
  details:
    "The dashboard (every team on every common measure, the change package, assessment, every signal), then each team's charts, driver diagram and ramps of cycles. No scripts, no external requests, no local paths; prints to PDF.",
  options: {
    output: { type: 'string', short: 'o', value: 'file', help: 'Write the HTML to a file (default: standard output)' },
    ...common,
  },
  async run(args, io) {
    const { ws, model } = await loadDashboard(args.positionals, args.string('today'), args.string('collaborative'));
    const html = renderReport(ws, model);
    const output = args.string('output');
    if (output) {
      fs.writeFileSync(output, html);
      io.err(`wrote ${displayPath(output, io.cwd)}\n`);
    } else io.out(html);
    return 0;
  },
};

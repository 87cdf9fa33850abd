// The summary table under the chart: qicharts2's summary() per phase (part), one table per group.
// Turned on its side (a row per statistic, a column per phase) so it reads at 600 px beside the
// editor; the numbers are the core's (`pdsa chart --summary` prints the same, to six significant digits).
import type { ChartModel, GroupChart } from '../../../server/src/core/analytics/model';
import type { SummaryRow } from '../../../server/src/core/analytics/summary';
import { RULE_SET_NAMES } from '../../../server/src/core/analytics/types';
import { groupLabel, readableDate } from '../../../server/src/core/render/signal-text';
import { summaryNumber } from '../../../server/src/core/render/summary-text';
import { el } from './dom';

const RULE_SHORT: Record<ChartModel['rules'], string> = { ihi: 'IHI', anhoej: 'Anhøj', mdc: 'MDC' };

interface Stat {
  /** The row's heading, and what it means (its tooltip, with qicharts2's column name). */
  label: string;
  help: string;
  value: (r: SummaryRow) => number | boolean | string | null;
  /** A value that is a signal on its own (drawn bold, and said in words). */
  flagged?: (r: SummaryRow) => boolean;
  /** Only on charts with control limits. */
  limits?: boolean;
}

function stats(model: ChartModel): Stat[] {
  const centre = model.centreLine ?? (model.type === 'run' ? 'median' : 'mean');
  return [
    {
      label: 'Dates',
      help: 'The first and last date of the phase.',
      value: (r) => `${readableDate(r.from)} – ${readableDate(r.to)}`,
    },
    {
      label: 'Points',
      help: 'Rows of the phase, missing ones included, excluded ones not (qicharts2: n.obs).',
      value: (r) => r.points,
    },
    {
      label: 'Useful points',
      help: 'Points with a value that are not on the centre line (qicharts2: n.useful).',
      value: (r) => r.useful,
    },
    {
      label: 'Longest run',
      help: 'The most points in a row on one side of the centre line (qicharts2: longest.run).',
      value: (r) => r.longestRun,
      flagged: (r) => r.longestRun !== null && r.longestRunLimit !== null && r.longestRun > r.longestRunLimit,
    },
    {
      label: 'Longest run limit',
      help: 'A longer run than this is a signal: round(log2(useful points)) + 3 (qicharts2: longest.run.max).',
      value: (r) => r.longestRunLimit,
    },
    {
      label: 'Crossings',
      help: 'How often the line crosses the centre line (qicharts2: n.crossings).',
      value: (r) => r.crossings,
      flagged: (r) => r.crossings !== null && r.minimumCrossings !== null && r.crossings < r.minimumCrossings,
    },
    {
      label: 'Minimum crossings',
      help: 'Fewer crossings than this are a signal: the lower 5% of Binomial(useful points - 1, 0.5) (qicharts2: n.crossings.min).',
      value: (r) => r.minimumCrossings,
    },
    {
      label: 'Runs signal',
      help: 'Anhøj rules, whatever rule set the chart uses: a run longer than its limit or fewer crossings than the minimum (qicharts2: runs.signal).',
      value: (r) => r.runsSignal,
      flagged: (r) => r.runsSignal,
    },
    {
      label: `Centre (${centre})`,
      help: `The ${centre} of the phase's baseline (qicharts2: CL).`,
      value: (r) => r.centre,
    },
    {
      label: 'Lower limit (average)',
      help: "The average of the phase's lower control limits: they vary with the denominator on P and U charts (qicharts2: aLCL).",
      value: (r) => r.lower,
      limits: true,
    },
    {
      label: 'Upper limit (average)',
      help: "The average of the phase's upper control limits (qicharts2: aUCL).",
      value: (r) => r.upper,
      limits: true,
    },
    {
      label: 'Points beyond limits',
      help: 'Points outside the control limits, excluded points not counted (qicharts2: sigma.signal).',
      value: (r) => r.beyondLimits,
      flagged: (r) => r.beyondLimits > 0,
      limits: true,
    },
    {
      label: `Signals (${RULE_SHORT[model.rules]})`,
      help: `Signals of the rule set the chart uses (${RULE_SET_NAMES[model.rules]}), in this phase: listed under Signals.`,
      value: (r) => r.signals,
    },
  ];
}

/** Fills `root` with one table per group (a caption naming the group when the chart has groups). */
export function renderSummaryTables(model: ChartModel, root: HTMLElement): void {
  root.replaceChildren();
  const named = model.groups.length > 1 || model.groups.some((g) => g.group !== 'all');
  const rows = stats(model).filter((s) => !s.limits || model.type !== 'run');
  for (const g of model.groups) {
    const wrap = el('div', undefined, 'spc-summary-scroll');
    wrap.append(groupTable(model, g, rows, named));
    root.append(wrap);
  }
  if (!model.groups.length) root.append(el('p', 'No values yet.', 'meaning'));
  else if (model.type === 'run')
    root.append(el('p', 'A run chart has no control limits: choose a control chart for its limits.', 'meaning'));
}

function groupTable(model: ChartModel, g: GroupChart, rows: Stat[], named: boolean): HTMLTableElement {
  const parts = g.summary ?? [];
  const table = el('table', undefined, 'spc-summary-table');
  table.dataset.group = g.group;
  table.append(el('caption', named ? groupLabel(g.group) : model.measure.name));
  const head = el('thead');
  const tr = el('tr');
  tr.append(el('td'));
  for (const r of parts) {
    const th = el('th', r.label ?? (parts.length > 1 ? `Phase ${r.part}` : 'All points'));
    th.scope = 'col';
    th.dataset.part = String(r.part);
    tr.append(th);
  }
  head.append(tr);
  const body = el('tbody');
  for (const s of rows) {
    const row = el('tr');
    const th = el('th', s.label);
    th.scope = 'row';
    th.title = s.help;
    row.append(th);
    for (const r of parts) {
      const v = s.value(r);
      const td = el('td', cellText(v));
      if (typeof v === 'string') td.className = 'spc-text';
      // The exact number, for tools and tests (the text is rounded to six significant digits).
      if (typeof v === 'number') td.dataset.value = String(v);
      if (s.flagged?.(r)) {
        td.classList.add('spc-flag');
        td.title = 'A signal';
        td.append(el('span', ' (a signal)', 'visually-hidden'));
      }
      row.append(td);
    }
    body.append(row);
  }
  table.append(head, body);
  return table;
}

function cellText(v: number | boolean | string | null): string {
  if (typeof v === 'boolean') return v ? 'yes' : 'no';
  return typeof v === 'string' ? v : summaryNumber(v);
}

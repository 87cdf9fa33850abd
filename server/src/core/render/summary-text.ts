import type { ChartModel, GroupChart } from '../analytics/model';
import { ASSURANCE_LABELS, VARIATION_LABELS } from '../analytics/status';
import { CHART_TYPE_NAMES, RULE_SET_NAMES } from '../analytics/types';

const COLUMNS = [
  'group',
  'part',
  'from',
  'to',
  'points',
  'useful',
  'longest run',
  'max',
  'crossings',
  'min',
  'runs signal',
  'centre',
  'avg lower',
  'avg upper',
  'beyond',
] as const;

/** Six significant digits: enough to compare with a reference, short enough to read. */
export const summaryNumber = (v: number | null) => (v === null ? '-' : String(Number(v.toPrecision(6))));
const num = summaryNumber;
/** Worksheet text is untrusted: control characters (terminal escapes) never reach the terminal. */
// eslint-disable-next-line no-control-regex
const printable = (s: string) => s.replace(/[\u0000-\u001f\u007f-\u009f]/g, '?');

/**
 * The summary table of a chart as plain text, one row per group and phase (qicharts2's summary()
 * columns), then each group's variation and assurance.
 */
export function summaryText(model: ChartModel): string {
  const rows: string[][] = [];
  for (const g of model.groups) {
    for (const r of g.summary ?? []) {
      rows.push([
        printable(g.group),
        printable(`${r.part}${r.label ? ` ${r.label}` : ''}`),
        r.from,
        r.to,
        String(r.points),
        String(r.useful),
        num(r.longestRun),
        num(r.longestRunLimit),
        num(r.crossings),
        num(r.minimumCrossings),
        r.runsSignal ? 'yes' : 'no',
        num(r.centre),
        num(r.lower),
        num(r.upper),
        String(r.beyondLimits),
      ]);
    }
  }
  const widths = COLUMNS.map((c, k) => Math.max(c.length, ...rows.map((r) => r[k]!.length)));
  const line = (cells: readonly string[]) =>
    cells
      .map((c, k) => (k < 2 ? c.padEnd(widths[k]!) : c.padStart(widths[k]!)))
      .join('  ')
      .trimEnd();
  const out = [
    `${printable(model.measure.name)}: ${CHART_TYPE_NAMES[model.type]}, ${RULE_SET_NAMES[model.rules]} rules`,
    '',
    line(COLUMNS),
    ...rows.map(line),
    '',
  ];
  for (const g of model.groups) {
    const variation = g.variation ? VARIATION_LABELS[g.variation] : 'no data';
    out.push(`${printable(g.group)}: ${variation}; ${assuranceText(model, g)}`);
  }
  return `${out.join('\n')}\n`;
}

/** A group's assurance in words, or why it has none ("no target", "a run chart has no process limits"). */
export function assuranceText(model: ChartModel, g: GroupChart): string {
  return g.assurance
    ? `${ASSURANCE_LABELS[g.assurance]} (${num(g.target!)})`
    : g.target === undefined
      ? 'no target'
      : model.type === 'run'
        ? 'no assurance: a run chart has no process limits'
        : model.measure.better === 'neither'
          ? 'no assurance: neither direction is better'
          : 'no assurance: no process limits at the latest point';
}

/** The summary as data for `--format json`: the model's numbers, without the points. */
export function summaryJson(model: ChartModel): object {
  return {
    measure: model.measure.id,
    type: model.type,
    rules: model.rules,
    groups: model.groups.map((g) => ({
      group: g.group,
      variation: g.variation ?? null,
      assurance: g.assurance ?? null,
      target: g.target ?? null,
      parts: g.summary ?? [],
    })),
  };
}

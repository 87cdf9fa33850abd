// Signals in plain language: good or bad news (from the measure's `better`), for which group, from
// which date to which, and what the rule means. Shared by the chart, the panel's list, the CLI
// summary and exported images, so they all say the same thing.
import type { ChartModel } from '../analytics/model';
import type { ChartPoint, PhaseAnalysis, RuleId, Signal } from '../analytics/types';
import { fmt } from './svg';

export type Direction = 'improvement' | 'concern' | 'neither';

export interface SignalSummary {
  group: string;
  groupName: string;
  rule: RuleId;
  direction: Direction;
  from: string;
  to: string;
  /** "Improvement: Students with disabilities, 2 Mar 2026 to 1 Jun 2026" */
  headline: string;
  /** "13 points in a row below the median (shift)" */
  detail: string;
  /** What the rule means, in one line. */
  meaning: string;
  points: number[];
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** 2026-06-05 reads as "5 Jun 2026". */
export function readableDate(date: string): string {
  const m = /^(\d{4})-(\d\d)-(\d\d)$/.exec(date);
  return m ? `${Number(m[3])} ${MONTHS[Number(m[2]) - 1] ?? m[2]} ${m[1]}` : date;
}

/** "students-with-disabilities" reads as "Students with disabilities"; a measure without groups has one line, "values". */
export function groupLabel(group: string): string {
  if (group === 'all') return 'values';
  const words = group.replace(/[-_]+/g, ' ').trim();
  return words ? words[0]!.toUpperCase() + words.slice(1) : group;
}

/** One line per rule: what a coach tells a team the signal means. */
export const RULE_MEANING: Record<RuleId, string> = {
  shift:
    'A shift: 6 or more points in a row on one side of the centre line rarely happen by chance; the process has changed.',
  trend: 'A trend: 5 or more points all going up or all going down rarely happen by chance; the process is moving.',
  'too-few-runs':
    'Too few runs: the data stay on one side of the centre line too long to be chance; something changed the process.',
  'too-many-runs':
    'Too many runs: the data swap sides more often than chance; look for mixed sources or over-adjustment.',
  astronomical:
    'An astronomical point: the team judged it clearly different from all the others; find out what happened.',
  'longest-run': 'An unusually long run on one side of the centre line for this many points: the process has shifted.',
  'too-few-crossings':
    'The line crosses the centre less often than chance allows for this many points: the process has shifted.',
  'two-of-three': 'Two of three points beyond 2 sigma on the same side: an early warning that the process has moved.',
  'beyond-limits': 'Outside the control limits: special-cause variation, not the usual ups and downs.',
};

/** Short names for rules (legends, tooltips, the data table). */
export const RULE_NAMES: Record<RuleId, string> = {
  shift: 'shift',
  trend: 'trend',
  'too-few-runs': 'too few runs',
  'too-many-runs': 'too many runs',
  astronomical: 'astronomical point',
  'longest-run': 'long run',
  'too-few-crossings': 'too few crossings',
  'two-of-three': 'two of three beyond 2 sigma',
  'beyond-limits': 'beyond limits',
};

/** Rules that mark whole phases rather than particular points. */
export function isPhaseRule(rule: RuleId): boolean {
  return rule === 'too-few-runs' || rule === 'too-many-runs' || rule === 'too-few-crossings';
}

function phaseOf(phases: PhaseAnalysis[], index: number): PhaseAnalysis | undefined {
  return phases.find((p) => index >= p.from && index <= p.to);
}

/** +1 when the signal's points lie above (or rise), -1 below (or fall), 0 when it says nothing about direction. */
export function signalSide(signal: Signal, points: ChartPoint[], phases: PhaseAnalysis[]): number {
  if (isPhaseRule(signal.rule)) return 0;
  if (signal.side) return signal.side === 'high' ? 1 : -1;
  const values = signal.points.map((i) => points[i]?.value).filter((v): v is number => typeof v === 'number');
  if (!values.length) return 0;
  if (signal.rule === 'trend') return Math.sign(values[values.length - 1]! - values[0]!);
  const centre = phaseOf(phases, signal.points[0]!)?.centre;
  if (centre === undefined || !Number.isFinite(centre)) return 0;
  return Math.sign(values.reduce((a, v) => a + (v - centre), 0));
}

/** Good or bad news; a measure where neither direction is better has signals that are neither. */
export function directionOf(side: number, better: 'up' | 'down' | 'neither'): Direction {
  if (side === 0 || better === 'neither') return 'neither';
  return side > 0 === (better === 'up') ? 'improvement' : 'concern';
}

const CAPITAL: Record<Direction, string> = {
  improvement: 'Improvement',
  concern: 'Concern',
  neither: 'Unusual variation',
};

/** Every signal of the chart, in plain language, in date order within each group. */
export function summariseSignals(model: ChartModel): SignalSummary[] {
  const centre = model.type === 'run' ? 'median' : 'mean';
  const out: SignalSummary[] = [];
  for (const g of model.groups) {
    const pts = g.analysis.points;
    for (const s of g.analysis.signals) {
      const present = s.points.filter((i) => pts[i]?.value !== null && pts[i]?.value !== undefined);
      if (!present.length) continue;
      const from = pts[present[0]!]!.date;
      const to = pts[present[present.length - 1]!]!.date;
      const side = signalSide(s, pts, g.analysis.phases);
      const direction = directionOf(side, model.measure.better);
      const where = side > 0 ? 'above' : 'below';
      const first = pts[present[0]!]!.value as number;
      let detail: string;
      switch (s.rule) {
        case 'shift':
        case 'longest-run':
          detail = `${present.length} points in a row ${where} the ${centre} (${RULE_NAMES[s.rule]})`;
          break;
        case 'trend':
          detail = `${present.length} points ${side > 0 ? 'rising' : 'falling'} (trend)`;
          break;
        case 'two-of-three':
          detail = `two of three points beyond 2 sigma ${where} the ${centre}`;
          break;
        case 'beyond-limits':
          detail = `${fmt(first)} is ${side > 0 ? 'above the upper' : 'below the lower'} control limit`;
          break;
        case 'astronomical':
          detail = `${fmt(first)}, marked astronomical by the team`;
          break;
        default:
          detail = s.message;
      }
      const when = isPhaseRule(s.rule)
        ? `${readableDate(from)} to ${readableDate(to)}`
        : from === to
          ? `on ${readableDate(from)}`
          : `${readableDate(from)} to ${readableDate(to)}`;
      out.push({
        group: g.group,
        groupName: groupLabel(g.group),
        rule: s.rule,
        direction,
        from,
        to,
        headline: `${CAPITAL[direction]}: ${model.groups.length > 1 || g.group !== 'all' ? `${groupLabel(g.group)}, ` : ''}${when}`,
        detail,
        meaning: RULE_MEANING[s.rule],
        points: present,
      });
    }
  }
  return out;
}

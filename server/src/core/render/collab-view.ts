import type { Cell, DashboardModel, SignalRow } from '../collab/dashboard';
import {
  ASSESSMENT_SCALE,
  EFFECT_LABELS,
  scoreText,
  STATE_LABELS,
  STATE_MARKS,
  STATUS_LABELS,
  wholeState,
} from './collab-labels';
import { renderMini, timeRange } from './collab-svg';
import { groupLabel, RULE_LABELS } from './runchart-svg';
import { fmt } from './svg';

/**
 * What the dashboard webview, `pdsa report` and `pdsa summary` all say about a collaborative, as
 * text and pictures: one place for every table's words and every small multiple's scale, so the
 * three can never tell a coach different things. Each shell only lays it out (DOM, HTML, text).
 */

type Team = DashboardModel['teams'][number];
type Measure = DashboardModel['measures'][number];
type IdeaCell = DashboardModel['package'][number]['ideas'][number]['teams'][number];

/** Every team's cell of every measure, found without scanning the list (50 teams x 5 measures are looked up many times). */
export class CellIndex {
  private readonly cells = new Map<string, Cell>();
  constructor(d: DashboardModel) {
    for (const c of d.cells) this.cells.set(`${c.measure}\u0000${c.team}`, c);
  }
  get(measure: string, team: string): Cell {
    return this.cells.get(`${measure}\u0000${team}`)!;
  }
}

/** A value in the measure's unit: "17.8%", "45". */
export function valueText(m: Pick<Measure, 'unit'>, v: number | undefined): string {
  return v === undefined ? '' : `${fmt(v)}${m.unit === '%' ? '%' : ''}`;
}

/** "▲ improvement": a glyph as well as a word, so a state never rests on colour. */
export function stateText(state: Cell['state']): string {
  return `${STATE_MARKS[state]} ${STATE_LABELS[state]}`;
}

/** "outcome, lower is better, %". */
export function measureCaption(m: Measure): string {
  return `${m.kind}, ${m.better === 'up' ? 'higher is better' : 'lower is better'}${m.unit ? `, ${m.unit}` : ''}`;
}

/** A change-package cell: "adopted, 4 cycles". */
export function statusText(cell: IdeaCell): string {
  return `${STATUS_LABELS[cell.status]}${cell.cycles ? `, ${cell.cycles} cycle${cell.cycles === 1 ? '' : 's'}` : ''}`;
}

/** "Gap Students with disabilities − All other students: 16.5 → 15.8, closing". */
export function gapText(g: DashboardModel['gaps'][number]): string {
  return `Gap ${groupLabel(g.groups[0])} − ${groupLabel(g.groups[1])}: ${g.first !== undefined ? `${fmt(g.first)} → ${fmt(g.last!)}, ` : ''}${g.verdict === 'too-few' ? 'too few dates to judge' : g.verdict}`;
}

/** The team's latest written scores: "self 4.5, faculty 4.0 (2026-10)", or "not scored yet". */
export function writtenText(t: Team): string {
  const last = t.assessment[t.assessment.length - 1];
  return last ? `self ${scoreText(last.self)}, faculty ${scoreText(last.faculty)} (${last.month})` : 'not scored yet';
}

/** "suggested 4.5: sustainable improvement". */
export function suggestedText(t: Team): string {
  return `suggested ${scoreText(t.suggestion.score)}: ${ASSESSMENT_SCALE[String(t.suggestion.score)] ?? ''}`;
}

/**
 * How the written score (the faculty's, else the team's) stands against what the worksheets show:
 * the suggestion minus the written score; undefined when nothing is written or they agree.
 */
export function evidenceGap(t: Team): number | undefined {
  const last = t.assessment[t.assessment.length - 1];
  const written = last?.faculty ?? last?.self;
  return written === undefined || written === t.suggestion.score ? undefined : t.suggestion.score - written;
}

/** "evidence 4.5, above": the suggested score, and where it stands against the written one. */
export function evidenceText(t: Team): string {
  const gap = evidenceGap(t);
  return `evidence ${scoreText(t.suggestion.score)}${gap === undefined ? '' : gap > 0 ? ', above' : ', below'}`;
}

export type SignalColumn = 'measure' | 'team' | 'group' | 'rule' | 'start' | 'end' | 'effect';
export const SIGNAL_COLUMNS: { key: SignalColumn; label: string }[] = [
  { key: 'measure', label: 'Measure' },
  { key: 'team', label: 'Team' },
  { key: 'group', label: 'Group' },
  { key: 'rule', label: 'Rule' },
  { key: 'start', label: 'From' },
  { key: 'end', label: 'To' },
  { key: 'effect', label: 'Effect' },
];

/** The words of every signal table: a column's text for a row (names, not ids). */
export function signalTexts(d: DashboardModel): (r: SignalRow, key: SignalColumn) => string {
  const names = new Map(d.measures.map((m) => [m.id, m.name]));
  const teams = new Map(d.teams.map((t) => [t.id, t.name]));
  return (r, key) => {
    switch (key) {
      case 'measure':
        return names.get(r.measure) ?? r.measure;
      case 'team':
        return teams.get(r.team) ?? r.team;
      case 'group':
        return r.group === 'all' ? 'everyone' : groupLabel(r.group);
      case 'rule':
        return RULE_LABELS[r.rule];
      case 'effect':
        return EFFECT_LABELS[r.effect];
      default:
        return r[key];
    }
  };
}

export interface MeasureMinis {
  measure: Measure;
  /** Each team's small multiple (in the order of d.teams); undefined where the team has no data. */
  teams: (string | undefined)[];
  /** The collaborative summed, on its own scale (sums can pass any team's range). */
  whole?: string;
  wholeState: Cell['state'];
}

/**
 * Every small multiple of the dashboard as SVG: each measure on one scale for every team and one
 * time axis for the collaborative, so the teams read against each other.
 */
export function smallMultiples(d: DashboardModel, size: { width: number; height: number }): MeasureMinis[] {
  const cells = new CellIndex(d);
  const range = timeRange([...d.cells.map((c) => c.series), ...d.whole.map((w) => w.series)]);
  return d.measures.map((m) => {
    const teams = d.teams.map((t) => {
      const c = cells.get(m.id, t.id);
      if (!range || !c.series.length || m.min === undefined || m.max === undefined) return undefined;
      return renderMini(c.series, {
        ...size,
        min: m.min,
        max: m.max,
        ...range,
        label: `${m.name}, ${t.name}: ${STATE_LABELS[c.state]}`,
      });
    });
    const w = d.whole.find((x) => x.measure === m.id);
    let whole: string | undefined;
    if (range && w?.series.length) {
      let lo = m.min ?? 0;
      let hi = m.max ?? 1;
      for (const s of w.series)
        for (const [, v] of s.points)
          if (v !== null) {
            lo = Math.min(lo, v);
            hi = Math.max(hi, v);
          }
      whole = renderMini(w.series, {
        ...size,
        min: lo,
        max: hi,
        ...range,
        label: `${m.name}, the collaborative as a whole`,
      });
    }
    return { measure: m, teams, ...(whole ? { whole } : {}), wholeState: wholeState(w?.series[0]?.variation) };
  });
}

/** "Every chart: 9.86 to 39.2%, 2025-09-05 to 2026-10-30": the shared scale, said once per measure. */
export function scaleText(d: DashboardModel, m: Measure): string | undefined {
  const range = timeRange([...d.cells.map((c) => c.series), ...d.whole.map((w) => w.series)]);
  if (!range || m.min === undefined || m.max === undefined) return undefined;
  const iso = (day: number) => new Date(day * 86_400_000).toISOString().slice(0, 10);
  return `Every chart: ${fmt(m.min)} to ${fmt(m.max)}${m.unit === '%' ? '%' : m.unit ? ` ${m.unit}` : ''}, ${iso(range.fromDay)} to ${iso(range.toDay)}`;
}

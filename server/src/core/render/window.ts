// A date window on a chart: the panel's "last 12 / 26 / 52 points" and "from ... to ...". It is a view,
// not a re-analysis: centre lines, limits and signals are those of the whole series (a baseline
// frozen a year ago stays that baseline); the window only chooses which stretch of them is drawn.
import type { ChartModel, GroupChart } from '../analytics/model';
import type { PhaseAnalysis, Signal } from '../analytics/types';

export interface DateWindow {
  /** First date shown (ISO), inclusive; absent: from the first point. */
  from?: string;
  /** Last date shown (ISO), inclusive; absent: to the last point. */
  to?: string;
}

/** The window of the last `n` dates that have a value in any group (all of them when there are fewer); weeks with no value (a school break) do not count. */
export function lastPoints(model: ChartModel, n: number): DateWindow {
  const dates = new Set<string>();
  for (const g of model.groups) for (const p of g.analysis.points) if (p.value !== null) dates.add(p.date);
  const sorted = [...dates].sort();
  if (sorted.length <= n) return {};
  return { from: sorted[sorted.length - n] };
}

/** Whether a date falls in the window. */
export function inWindow(date: string, w: DateWindow): boolean {
  return (w.from === undefined || date >= w.from) && (w.to === undefined || date <= w.to);
}

/** True when the window leaves something out of the chart. */
export function isWindowed(w: DateWindow | undefined): w is DateWindow {
  return !!w && (w.from !== undefined || w.to !== undefined);
}

/**
 * The model cut to the window: each group's points in it, its phases and signals re-indexed onto
 * them, limits sliced; cycles and notes that touch it. Centre lines and limits keep their values.
 * A group with no point in the window leaves the plot (the legend still lists it).
 */
export function windowModel(model: ChartModel, w: DateWindow): ChartModel {
  if (!isWindowed(w)) return model;
  const groups: GroupChart[] = [];
  for (const g of model.groups) {
    const pts = g.analysis.points;
    // Points are in date order: the window is one stretch of them.
    let lo = 0;
    while (lo < pts.length && w.from !== undefined && pts[lo]!.date < w.from) lo++;
    let hi = pts.length - 1;
    while (hi >= lo && w.to !== undefined && pts[hi]!.date > w.to) hi--;
    if (hi < lo) continue;
    const remap = (signals: Signal[]): Signal[] =>
      signals
        .map((s) => ({ ...s, points: s.points.filter((i) => i >= lo && i <= hi).map((i) => i - lo) }))
        .filter((s) => s.points.length > 0);
    const phases: PhaseAnalysis[] = [];
    for (const ph of g.analysis.phases) {
      const from = Math.max(ph.from, lo);
      const to = Math.min(ph.to, hi);
      if (from > to) continue;
      phases.push({
        ...ph,
        from: from - lo,
        to: to - lo,
        baselineTo: Math.min(to, Math.max(from, ph.baselineTo)) - lo,
        ...(ph.upper ? { upper: ph.upper.slice(from - ph.from, to - ph.from + 1) } : {}),
        ...(ph.lower ? { lower: ph.lower.slice(from - ph.from, to - ph.from + 1) } : {}),
        signals: remap(ph.signals),
      });
    }
    groups.push({
      ...g,
      analysis: { ...g.analysis, points: pts.slice(lo, hi + 1), phases, signals: remap(g.analysis.signals) },
    });
  }
  const first = w.from ?? '0000-01-01';
  const last = w.to ?? '9999-12-31';
  return {
    ...model,
    groups,
    cycles: model.cycles.filter((c) => c.start <= last && (c.end ?? (c.decision ? c.start : last)) >= first),
    ...(model.notes ? { notes: model.notes.filter((n) => inWindow(n.date, w)) } : {}),
  };
}

/** The panel's date range: everything, the last N points, or from one date to another. */
export type ChartRange = { last: number } | { from?: string; to?: string };

/** The dates a range shows on this chart. */
export function windowOf(model: ChartModel, range: ChartRange | undefined): DateWindow {
  if (!range) return {};
  if ('last' in range) return lastPoints(model, range.last);
  return { ...(range.from ? { from: range.from } : {}), ...(range.to ? { to: range.to } : {}) };
}

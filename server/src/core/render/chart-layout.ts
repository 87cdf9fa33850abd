// Placement helpers for the run chart: time-axis ticks that fit, the PDSA-cycle lane packed into
// rows, and labels placed where they cover no data point and no other label.
import type { CycleMark } from '../analytics/model';
import { dayNumber } from './svg';
import { intersects, textWidth, type Rect } from './text';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

export interface TimeTick {
  day: number;
  label: string;
}

export interface TimeAxis {
  /** Month (or year) ticks with their labels. */
  ticks: TimeTick[];
  /** The year row under the month labels: each year once, at its first tick (or the axis start). */
  years: TimeTick[];
}

/**
 * Ticks every 1, 2, 3, 6 or 12 months (then 2, 5, 10 years): the smallest step whose labels do not
 * touch at this width. The year is always on the axis: in its own row under month labels, or as
 * the label itself when ticks are a year apart.
 */
export function timeAxis(minDay: number, maxDay: number, plotWidth: number, size: number): TimeAxis {
  const px = (day: number) => ((day - minDay) / Math.max(1, maxDay - minDay)) * plotWidth;
  const start = new Date(minDay * 86_400_000);
  const monthDays: { day: number; y: number; m: number }[] = [];
  for (let y = start.getUTCFullYear(), m = start.getUTCMonth() + 1; ; m++) {
    if (m > 11) {
      m = 0;
      y++;
    }
    const day = Date.UTC(y, m, 1) / 86_400_000;
    if (day > maxDay) break;
    monthDays.push({ day, y, m });
    if (monthDays.length > 12 * 400) break; // absurd ranges: stop, the year steps below still apply
  }
  const monthLabelWidth = textWidth('May', size) + 8;
  for (const step of [1, 2, 3, 6]) {
    const ticks = monthDays.filter((t) => t.m % step === 0);
    if (ticks.length < 2 && step > 1) break;
    const spacing = ticks.length > 1 ? px(ticks[1]!.day) - px(ticks[0]!.day) : plotWidth;
    if (spacing >= monthLabelWidth) {
      const years: TimeTick[] = [];
      let lastYear = -1;
      for (const t of ticks) {
        if (t.y !== lastYear) years.push({ day: t.day, label: String(t.y) });
        lastYear = t.y;
      }
      // A range inside one month has no tick: the year still shows, at the start.
      if (!ticks.length) years.push({ day: minDay, label: String(start.getUTCFullYear()) });
      // The first year label sits at the first tick; when that tick is late in a year, say the year from the start.
      return { ticks: ticks.map((t) => ({ day: t.day, label: MONTHS[t.m]! })), years };
    }
  }
  const yearLabelWidth = textWidth('2026', size) + 10;
  const firstYear = start.getUTCFullYear();
  const lastYear = new Date(maxDay * 86_400_000).getUTCFullYear();
  for (const step of [1, 2, 5, 10, 20, 50, 100]) {
    const ticks: TimeTick[] = [];
    for (let y = Math.ceil(firstYear / step) * step; y <= lastYear; y += step) {
      const day = Date.UTC(y, 0, 1) / 86_400_000;
      if (day >= minDay && day <= maxDay) ticks.push({ day, label: String(y) });
    }
    const spacing = ticks.length > 1 ? px(ticks[1]!.day) - px(ticks[0]!.day) : plotWidth;
    if (spacing >= yearLabelWidth)
      return { ticks: ticks.length ? ticks : [{ day: minDay, label: String(firstYear) }], years: [] };
  }
  return { ticks: [{ day: minDay, label: String(firstYear) }], years: [] };
}

export interface PlacedCycle {
  cycle: CycleMark;
  row: number;
  x1: number;
  x2: number;
  /** The label drawn, if there was room: inside the bar or just after it. */
  label?: { text: string; x: number; inside: boolean };
}

type LabelMode = 'title' | 'id' | 'short';

/** A cycle's label in one mode: its title, its id, or the id's first part ("c01"). */
function cycleLabel(c: CycleMark, mode: LabelMode): string {
  return mode === 'title' ? c.title : mode === 'id' ? c.id : (c.id.split(/[-_ ]/)[0] ?? c.id);
}

/** The cycle lane under the plot: the time scale, the days shown, the lane's ends and its text size. */
export interface Lane {
  sx: (day: number) => number;
  minDay: number;
  maxDay: number;
  left: number;
  right: number;
  size: number;
  /** Rows that may hold a label beside its bar; more rows are used only for bars without one. */
  maxRows: number;
}

/**
 * Packs cycles into rows (first row with room, in start order), so overlapping cycles never share a
 * row. Each label goes inside its bar when it fits there, else just after the bar when a row (of at
 * most `maxRows`) has room for both; otherwise the bar goes unlabelled (its tooltip still names it).
 * A cycle still under way (no end) runs to the end of the axis.
 */
export function packCycles(cycles: CycleMark[], lane: Lane): PlacedCycle[] {
  // One kind of label for the whole lane (titles where they all fit, else ids, else short ids), never a mix.
  let best: PlacedCycle[] = [];
  for (const mode of ['title', 'id', 'short'] as const) {
    const placed = packIn(mode, cycles, lane);
    const labelled = placed.filter((p) => p.label).length;
    if (labelled === placed.length) return placed;
    if (labelled > best.filter((p) => p.label).length) best = placed;
  }
  return best;
}

function packIn(mode: LabelMode, cycles: CycleMark[], lane: Lane): PlacedCycle[] {
  const { sx, minDay, maxDay, left, right, size, maxRows } = lane;
  const rowEnds: number[] = [];
  const firstRow = (x1: number, limit: number) => {
    for (let r = 0; r < Math.min(limit, rowEnds.length); r++) if (rowEnds[r]! + 3 <= x1) return r;
    return rowEnds.length < limit ? rowEnds.length : -1;
  };
  /** Where the label goes: inside the bar, after it, or (at the axis's right end) before it; with its row. */
  const place = (text: string, x1: number, x2: number): { label: PlacedCycle['label']; row: number } => {
    const w = textWidth(text, size);
    if (w + 6 <= x2 - x1) return { label: { text, x: x1 + 3, inside: true }, row: firstRow(x1, Infinity) };
    const after = x2 + 3 + w <= right ? firstRow(x1, maxRows) : -1;
    if (after >= 0) return { label: { text, x: x2 + 3, inside: false }, row: after };
    const before = x1 - 3 - w >= left ? firstRow(x1 - 6 - w, maxRows) : -1;
    if (before >= 0) return { label: { text, x: x1 - 3 - w, inside: false }, row: before };
    return { label: undefined, row: firstRow(x1, Infinity) };
  };
  const placed: PlacedCycle[] = [];
  for (const c of cycles) {
    const s = dayNumber(c.start);
    const e = c.end ? dayNumber(c.end) : c.decision ? s : maxDay;
    if (e < minDay || s > maxDay) continue;
    const x1 = sx(Math.max(minDay, s));
    const x2 = Math.max(x1 + 4, sx(Math.min(maxDay, e)));
    const { label, row } = place(cycleLabel(c, mode), x1, x2);
    rowEnds[row] = label && !label.inside && label.x > x2 ? label.x + textWidth(label.text, size) + 4 : x2;
    placed.push({ cycle: c, row, x1, x2, label });
  }
  return placed;
}

/** A straight piece of a data line, from (x1, y1) to (x2, y2) with x1 <= x2. */
export interface Segment {
  x1: number;
  y1: number;
  x2: number;
  y2: number;
}

/**
 * Obstacles for label placement: data points, the data line's segments between them, and the labels
 * already placed. Points and segments are sorted by x, so a label looks only at what lies under it:
 * fast for long series.
 */
export class Obstacles {
  private xs: number[] = [];
  private ys: number[] = [];
  private readonly segments: Segment[];
  private readonly starts: number[];
  /** The widest segment: a segment starting this far left of a label can still reach it. */
  private readonly reach: number;
  private readonly labels: Rect[] = [];

  constructor(
    points: { x: number; y: number }[],
    private readonly radius: number,
    segments: Segment[] = [],
    /** Clearance between a label and a line (half the line's width and a little air). */
    private readonly lineGap = 2,
  ) {
    const sorted = [...points].sort((a, b) => a.x - b.x);
    this.xs = sorted.map((p) => p.x);
    this.ys = sorted.map((p) => p.y);
    this.segments = segments.map((s) => (s.x1 <= s.x2 ? s : { x1: s.x2, y1: s.y2, x2: s.x1, y2: s.y1 }));
    this.segments.sort((a, b) => a.x1 - b.x1);
    this.starts = this.segments.map((s) => s.x1);
    this.reach = this.segments.reduce((m, s) => Math.max(m, s.x2 - s.x1), 0);
  }

  free(rect: Rect): boolean {
    const r = this.radius;
    for (let i = firstAtLeast(this.xs, rect.x - r); i < this.xs.length && this.xs[i]! <= rect.x + rect.width + r; i++) {
      if (this.ys[i]! + r > rect.y && this.ys[i]! - r < rect.y + rect.height) return false;
    }
    const g = this.lineGap;
    const box = { x: rect.x - g, y: rect.y - g, width: rect.width + 2 * g, height: rect.height + 2 * g };
    for (
      let i = firstAtLeast(this.starts, box.x - this.reach);
      i < this.segments.length && this.segments[i]!.x1 <= box.x + box.width;
      i++
    ) {
      if (segmentMeetsRect(this.segments[i]!, box)) return false;
    }
    return !this.labels.some((l) => intersects(l, rect));
  }

  add(rect: Rect): void {
    this.labels.push(rect);
  }
}

/** Index of the first value >= v in a sorted array. */
function firstAtLeast(sorted: number[], v: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid]! < v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Whether a segment passes through a rectangle (Liang-Barsky clipping). */
export function segmentMeetsRect(s: Segment, r: Rect): boolean {
  const dx = s.x2 - s.x1;
  const dy = s.y2 - s.y1;
  let t0 = 0;
  let t1 = 1;
  for (const [p, q] of [
    [-dx, s.x1 - r.x],
    [dx, r.x + r.width - s.x1],
    [-dy, s.y1 - r.y],
    [dy, r.y + r.height - s.y1],
  ] as const) {
    if (p === 0) {
      if (q < 0) return false;
      continue;
    }
    const t = q / p;
    if (p < 0) t0 = Math.max(t0, t);
    else t1 = Math.min(t1, t);
    if (t0 > t1) return false;
  }
  return true;
}

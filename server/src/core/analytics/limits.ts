import { mean, median } from './stats';
import type { ChartPoint, ChartType, RuleSet } from './types';

/** Nelson (1982): a moving range above 3.267 x the average is an outlier (D4 for n = 2). */
export const SCREEN_FACTOR = 3.267;
/** d2 for moving ranges of two: sigma = MR-bar / 1.128. */
export const D2 = 1.128;

export interface Limits {
  centre: number;
  /** Per row of the phase (row - from), null where no limit can be drawn. */
  upper?: (number | null)[];
  lower?: (number | null)[];
  /** I, P' and U' charts: the average moving range the limits come from (after screening). */
  averageMovingRange?: number;
  /** How many moving ranges the baseline had, and how many screening left out. */
  movingRanges?: { used: number; screened: number };
}

/**
 * The sigma multiplier of an I chart's average moving range. The NHS ("Making Data Count") and
 * Provost & Murray write 2.66; qicharts2 (the Anhøj reference) computes 3 / 1.128 = 2.6596.
 * Each rule set uses its own reference's constant so its numbers agree with that reference.
 */
export function xmrFactor(rules: RuleSet): number {
  return rules === 'anhoej' ? 3 / D2 : 2.66;
}

const present = (p: ChartPoint): boolean => p.value !== null && Number.isFinite(p.value) && p.excluded === undefined;

/**
 * Moving ranges of a sequence of rows: consecutive rows that are not excluded (an excluded point is
 * stepped over, as qicharts2's exclude and the NHS tools' "ghosted" points are), where a missing
 * value breaks the range instead of bridging it. Optionally screened (Nelson 1982): ranges of
 * 3.267 x the average or more are left out and the average recomputed once.
 */
export function averageMovingRange(
  values: (number | null | undefined)[],
  screen: boolean,
): { average: number; used: number; screened: number } {
  const ranges: number[] = [];
  let previous: number | null = null;
  for (const v of values) {
    if (v === undefined) continue; // excluded: bridged
    if (v === null || !Number.isFinite(v)) {
      previous = null;
      continue;
    }
    if (previous !== null) ranges.push(Math.abs(v - previous));
    previous = v;
  }
  let average = mean(ranges);
  let used = ranges.length;
  // A screen of zero (every range zero) would drop every range: there is nothing to screen then.
  if (screen && Number.isFinite(average) && average > 0) {
    const cut = SCREEN_FACTOR * average;
    let sum = 0;
    used = 0;
    for (const r of ranges) {
      if (r < cut) {
        sum += r;
        used++;
      }
    }
    average = used ? sum / used : NaN;
  }
  return { average, used, screened: ranges.length - used };
}

/** The rows of the baseline as the moving-range sequence sees them: undefined = excluded, null = missing. */
function baselineSequence(
  points: ChartPoint[],
  from: number,
  baselineTo: number,
  value: (p: ChartPoint) => number | null,
): (number | null | undefined)[] {
  const out: (number | null | undefined)[] = [];
  for (let i = from; i <= baselineTo; i++) {
    const p = points[i]!;
    out.push(p.excluded !== undefined ? undefined : p.value === null || !Number.isFinite(p.value) ? null : value(p));
  }
  return out;
}

/**
 * Centre line and limits of one phase, computed from the baseline rows [from, baselineTo] that are
 * present and not excluded, and drawn over every row of the phase. Formulas as qicharts2 (Montgomery;
 * Laney 2002 for P' and U'), I chart constant per rule set (see xmrFactor).
 */
export function phaseLimits(
  points: ChartPoint[],
  from: number,
  to: number,
  baselineTo: number,
  type: ChartType,
  rules: RuleSet,
  screen: boolean,
): Limits {
  const base: ChartPoint[] = [];
  for (let i = from; i <= baselineTo; i++) if (present(points[i]!)) base.push(points[i]!);
  const rows = to - from + 1;
  const perRow = (f: (p: ChartPoint) => number | null): (number | null)[] => {
    const out: (number | null)[] = new Array<number | null>(rows);
    for (let k = 0; k < rows; k++) out[k] = f(points[from + k]!);
    return out;
  };

  if (type === 'run') return { centre: median(base.map((p) => p.value as number)) };

  if (type === 'i') {
    const centre = mean(base.map((p) => p.value as number));
    const mr = averageMovingRange(
      baselineSequence(points, from, baselineTo, (p) => p.value),
      screen,
    );
    const width = Number.isFinite(mr.average) && Number.isFinite(centre) ? xmrFactor(rules) * mr.average : NaN;
    const limit = (sign: number) => perRow(() => (Number.isFinite(width) ? centre + sign * width : null));
    return {
      centre,
      upper: limit(1),
      lower: limit(-1),
      averageMovingRange: mr.average,
      movingRanges: { used: mr.used, screened: mr.screened },
    };
  }

  if (type === 'c') {
    const centre = mean(base.map((p) => p.value as number));
    const sigma = Math.sqrt(centre);
    const ok = Number.isFinite(centre);
    return {
      centre,
      upper: perRow(() => (ok ? centre + 3 * sigma : null)),
      lower: perRow(() => (ok ? Math.max(0, centre - 3 * sigma) : null)),
    };
  }

  // P, U and Laney's P' and U': a weighted centre (total count / total denominator) and a sigma per row from its denominator.
  let count = 0;
  let denominator = 0;
  for (const p of base) {
    if (p.count === undefined || !p.denominator) continue;
    count += p.count;
    denominator += p.denominator;
  }
  const centre = denominator > 0 ? count / denominator : NaN;
  const proportion = type === 'p' || type === 'pp';
  const sigmaOf = (n: number | undefined): number =>
    n && n > 0 && Number.isFinite(centre) ? Math.sqrt((proportion ? centre * (1 - centre) : centre) / n) : NaN;
  let factor = 1; // Laney's sigma_z; 1 for P and U charts
  let result: Limits = { centre };
  if (type === 'pp' || type === 'up') {
    // z-scores of the baseline rows against the P (or U) chart, then sigma_z = MR-bar(z) / 1.128.
    const z = baselineSequence(points, from, baselineTo, (p) => {
      const s = sigmaOf(p.denominator);
      return s > 0 ? ((p.value as number) - centre) / s : null;
    });
    const mr = averageMovingRange(z, screen);
    factor = mr.average / D2;
    result = { centre, averageMovingRange: mr.average, movingRanges: { used: mr.used, screened: mr.screened } };
  }
  const limit = (sign: number) =>
    perRow((p) => {
      const s = sigmaOf(p.denominator) * factor;
      if (!Number.isFinite(s)) return null;
      const v = centre + sign * 3 * s;
      return sign > 0 ? (proportion ? Math.min(1, v) : v) : Math.max(0, v);
    });
  result.upper = limit(1);
  result.lower = limit(-1);
  return result;
}

import { phaseLimits } from './limits';
import { longestRunLimit, minimumCrossings, runsLimits } from './stats';
import type {
  AnalysisOptions,
  ChartPoint,
  PhaseAnalysis,
  PhaseInput,
  PhaseStats,
  SeriesAnalysis,
  Signal,
} from './types';

export * from './types';

/** MDC defaults (NHS England SPC SQL): 7 points for a shift and for a trend; 6 to 8 allowed. */
export const MDC_DEFAULT_RUN = 7;

const isPresent = (p: ChartPoint): boolean => p.value !== null && Number.isFinite(p.value);
const isUsable = (p: ChartPoint): boolean => isPresent(p) && p.excluded === undefined;

/**
 * Analyses one series: centre line per phase from its (frozen) baseline, control limits for control
 * charts, and the rules of the chosen set. Missing values are never zero; excluded points are drawn
 * but left out of every calculation.
 */
export function analyseSeries(input: ChartPoint[], options: AnalysisOptions): SeriesAnalysis {
  const points = markExcluded(input, options.exclude);
  const phases: PhaseAnalysis[] = [];
  const starts = phaseStarts(points, options.phases ?? []);
  for (let p = 0; p < starts.length; p++) {
    const from = starts[p]!.index;
    const to = (starts[p + 1]?.index ?? points.length) - 1;
    if (to < from) continue;
    phases.push(analysePhase(points, from, to, starts[p]!.label, options));
  }
  // MDC trends run across phases (NHS SPC SQL since v2.2): a trend belongs to the phase of its last point.
  if (options.rules === 'mdc') {
    for (const trend of mdcTrends(points, clampRun(options.trend))) {
      const last = trend.points[trend.points.length - 1]!;
      phases.find((ph) => last >= ph.from && last <= ph.to)?.signals.push(trend);
    }
  }
  const signals: Signal[] = [];
  for (const ph of phases) for (const s of ph.signals) signals.push(s);
  return { points, phases, signals };
}

function clampRun(n: number | undefined): number {
  return n === undefined || !Number.isInteger(n) ? MDC_DEFAULT_RUN : Math.min(8, Math.max(6, n));
}

function markExcluded(points: ChartPoint[], exclude: AnalysisOptions['exclude']): ChartPoint[] {
  if (!exclude?.length) return points;
  const reasons = new Map<string, string>();
  for (const e of exclude) reasons.set(e.date, e.reason ?? '');
  return points.map((p) =>
    reasons.has(p.date) && p.excluded === undefined ? { ...p, excluded: reasons.get(p.date)! } : p,
  );
}

function phaseStarts(points: ChartPoint[], phases: PhaseInput[]): { index: number; label?: string }[] {
  const out: { index: number; label?: string }[] = [{ index: 0 }];
  for (const phase of phases) {
    if (!phase.start) continue;
    const index = firstIndexOnOrAfter(points, phase.start);
    if (index <= 0 || index >= points.length) continue; // a phase starting before the data, or after it, changes nothing
    if (index > out[out.length - 1]!.index) out.push({ index, label: phase.label });
  }
  return out;
}

/** Points are in date order: binary search for the first date >= d. */
function firstIndexOnOrAfter(points: ChartPoint[], date: string): number {
  let lo = 0;
  let hi = points.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (points[mid]!.date < date) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * The last row of a phase's baseline: `baseline: N` is the first N rows (missing ones included,
 * like qicharts2's freeze and NHSRplotthedots' fix_after_n_points); a date is the rows up to it.
 * Without a baseline, or with no rows before the date, the whole phase.
 */
export function baselineEnd(
  points: ChartPoint[],
  from: number,
  to: number,
  baseline: number | string | undefined,
): number {
  if (typeof baseline === 'number' && baseline >= 1) return Math.min(to, from + Math.floor(baseline) - 1);
  if (typeof baseline === 'string') {
    const end = firstIndexOnOrAfter(points, baseline);
    const last = end < points.length && points[end]!.date === baseline ? end : end - 1;
    if (last >= from) return Math.min(to, last);
  }
  return to;
}

function analysePhase(
  points: ChartPoint[],
  from: number,
  to: number,
  label: string | undefined,
  options: AnalysisOptions,
): PhaseAnalysis {
  const baselineTo = baselineEnd(points, from, to, options.baseline);
  const screen = options.screen ?? options.rules !== 'mdc';
  const limits = phaseLimits(points, from, to, baselineTo, options.type, options.rules, screen);
  const phase: PhaseAnalysis = {
    from,
    to,
    label,
    baselineTo,
    centre: limits.centre,
    signals: [],
    stats: { points: 0, useful: 0, runs: 0, crossings: 0, longestRun: 0 },
  };
  if (limits.upper) phase.upper = limits.upper;
  if (limits.lower) phase.lower = limits.lower;
  if (limits.averageMovingRange !== undefined) phase.averageMovingRange = limits.averageMovingRange;
  if (limits.movingRanges) phase.movingRanges = limits.movingRanges;
  if (!Number.isFinite(phase.centre)) return phase;

  // The rows the runs analysis sees: present and not excluded (qicharts2 drops missing and excluded rows).
  const seq: number[] = [];
  let rows = 0;
  for (let i = from; i <= to; i++) {
    if (points[i]!.excluded !== undefined) continue;
    rows++;
    if (isPresent(points[i]!)) seq.push(i);
  }
  const word = options.type === 'run' ? 'median' : 'mean';
  const runs = runsOf(points, seq, phase.centre);
  anhoejStats(phase.stats, runs, rows);

  if (options.rules === 'ihi') ihiRules(points, seq, runs, phase, word);
  else if (options.rules === 'anhoej') anhoejRules(runs, seq, phase, word);
  else mdcRules(points, from, to, phase, clampRun(options.shift), word);

  if (phase.upper && phase.lower) beyondLimits(points, seq, phase);
  for (const date of options.astronomical ?? []) {
    const i = firstIndexOnOrAfter(points, date);
    if (i >= from && i <= to && points[i]!.date === date && isUsable(points[i]!)) {
      phase.signals.push({
        rule: 'astronomical',
        points: [i],
        message: `astronomical point on ${date} (marked by the team)`,
        side: (points[i]!.value as number) >= phase.centre ? 'high' : 'low',
      });
    }
  }
  return phase;
}

/** A run of same-side useful observations: positions in seq of its first and last members, its side and length. */
interface Run {
  start: number;
  end: number;
  side: 1 | -1;
  length: number;
}

/** Runs of useful observations around the centre; points on the centre neither add to nor break a run. */
function runsOf(points: ChartPoint[], seq: number[], centre: number): Run[] {
  const runs: Run[] = [];
  let current: Run | undefined;
  for (let k = 0; k < seq.length; k++) {
    const v = points[seq[k]!]!.value as number;
    if (v === centre) continue;
    const side = v > centre ? 1 : -1;
    if (current && current.side === side) {
      current.end = k;
      current.length++;
    } else {
      current = { start: k, end: k, side, length: 1 };
      runs.push(current);
    }
  }
  return runs;
}

/** The qicharts2 runs analysis, kept for every rule set: it is what the summary table reports. */
function anhoejStats(stats: PhaseStats, runs: Run[], rows: number): void {
  let useful = 0;
  let longest = 0;
  for (const r of runs) {
    useful += r.length;
    if (r.length > longest) longest = r.length;
  }
  stats.points = rows;
  stats.useful = useful;
  stats.runs = runs.length;
  stats.crossings = Math.max(0, runs.length - 1);
  stats.longestRun = longest;
  if (useful > 0) {
    stats.longestRunLimit = longestRunLimit(useful);
    stats.minimumCrossings = minimumCrossings(useful);
  }
}

const sideWord = (side: number, word: string) => `${side > 0 ? 'above' : 'below'} the ${word}`;
const sideOf = (side: number): 'high' | 'low' => (side > 0 ? 'high' : 'low');

function ihiRules(points: ChartPoint[], seq: number[], runs: Run[], phase: PhaseAnalysis, word: string): void {
  for (const run of runs) {
    if (run.length >= 6) {
      phase.signals.push({
        rule: 'shift',
        points: seq.slice(run.start, run.end + 1),
        message: `shift: ${run.length} points in a row ${sideWord(run.side, word)} (6 or more is a signal)`,
        side: sideOf(run.side),
      });
    }
  }
  for (const trend of ihiTrends(points, seq)) phase.signals.push(trend);
  const n = phase.stats.useful;
  if (n >= 10) {
    const limits = runsLimits(n);
    phase.stats.runsLimits = limits;
    if (runs.length < limits.lower)
      phase.signals.push({
        rule: 'too-few-runs',
        points: seq.slice(),
        message: `too few runs: ${runs.length} runs in ${n} useful observations (fewer than ${limits.lower})`,
      });
    if (runs.length > limits.upper)
      phase.signals.push({
        rule: 'too-many-runs',
        points: seq.slice(),
        message: `too many runs: ${runs.length} runs in ${n} useful observations (more than ${limits.upper})`,
      });
  }
}

/**
 * IHI trend: 5 or more points all going up or all going down. A repeated value neither adds to nor
 * breaks a trend: it is skipped when counting, but stays inside the highlighted span.
 */
function ihiTrends(points: ChartPoint[], seq: number[]): Signal[] {
  const value = (k: number) => points[seq[k]!]!.value as number;
  // Positions in seq with repeated consecutive values collapsed.
  const distinct: number[] = [];
  for (let k = 0; k < seq.length; k++) {
    const last = distinct[distinct.length - 1];
    if (last === undefined || value(last) !== value(k)) distinct.push(k);
  }
  const out: Signal[] = [];
  let start = 0;
  while (start < distinct.length - 1) {
    const up = value(distinct[start + 1]!) > value(distinct[start]!);
    let end = start + 1;
    while (end + 1 < distinct.length && value(distinct[end + 1]!) > value(distinct[end]!) === up) end++;
    const length = end - start + 1;
    if (length >= 5) {
      out.push({
        rule: 'trend',
        points: seq.slice(distinct[start]!, distinct[end]! + 1),
        message: `trend: ${length} points all ${up ? 'rising' : 'falling'} (5 or more is a signal)`,
        side: up ? 'high' : 'low',
      });
    }
    start = end;
  }
  return out;
}

function anhoejRules(runs: Run[], seq: number[], phase: PhaseAnalysis, word: string): void {
  const { useful: n, longestRunLimit: limit, minimumCrossings: min, crossings } = phase.stats;
  if (n === 0 || limit === undefined || min === undefined) return;
  for (const run of runs) {
    if (run.length > limit) {
      phase.signals.push({
        rule: 'longest-run',
        points: seq.slice(run.start, run.end + 1),
        message: `unusually long run: ${run.length} points ${sideWord(run.side, word)} (more than ${limit} for ${n} useful observations)`,
        side: sideOf(run.side),
      });
    }
  }
  if (crossings < min)
    phase.signals.push({
      rule: 'too-few-crossings',
      points: seq.slice(),
      message: `too few crossings: ${crossings} (fewer than ${min} for ${n} useful observations)`,
    });
}

/**
 * Making Data Count (NHS England SPC SQL v2.6), inside one phase: a shift is N points in a row on one
 * side of the mean, where a point on the mean or a missing value breaks the run; two of three
 * consecutive points beyond 2 sigma on one side, all three on that side (points beyond the process
 * limits count). Excluded ("ghosted") points are stepped over. Trends are found across phases.
 */
function mdcRules(
  points: ChartPoint[],
  from: number,
  to: number,
  phase: PhaseAnalysis,
  shiftLength: number,
  word: string,
): void {
  const centre = phase.centre;
  const rows: number[] = [];
  for (let i = from; i <= to; i++) if (points[i]!.excluded === undefined) rows.push(i);
  const sideAt = (i: number): number => (isPresent(points[i]!) ? Math.sign((points[i]!.value as number) - centre) : 0);

  // Shifts.
  let start = 0;
  for (let k = 0; k <= rows.length; k++) {
    const side = k < rows.length ? sideAt(rows[k]!) : 0;
    if (k < rows.length && side !== 0 && side === sideAt(rows[start]!)) continue;
    const length = k - start;
    const runSide = start < rows.length ? sideAt(rows[start]!) : 0;
    if (runSide !== 0 && length >= shiftLength) {
      phase.signals.push({
        rule: 'shift',
        points: rows.slice(start, k),
        message: `shift: ${length} points in a row ${sideWord(runSide, word)} (${shiftLength} or more is a signal)`,
        side: sideOf(runSide),
      });
    }
    start = k;
  }

  // Two of three beyond 2 sigma: the 2-sigma line is two thirds of the way from the centre to each limit.
  const upper = phase.upper;
  const lower = phase.lower;
  if (!upper || !lower) return;
  const beyondTwoSigma = (i: number, side: number): boolean => {
    const v = points[i]!.value as number;
    const limit = side > 0 ? upper[i - from] : lower[i - from];
    if (limit === null || limit === undefined) return false;
    const line = centre + ((limit - centre) * 2) / 3;
    return side > 0 ? v > line : v < line;
  };
  let group: { side: number; members: number[]; lastWindow: number } | undefined;
  const flush = () => {
    if (!group) return;
    const dates = group.members.map((i) => points[i]!.date).join(', ');
    phase.signals.push({
      rule: 'two-of-three',
      points: group.members,
      message: `two of three points beyond 2 sigma ${sideWord(group.side, word)}: ${dates}`,
      side: sideOf(group.side),
    });
    group = undefined;
  };
  for (let k = 0; k + 2 < rows.length; k++) {
    const side = sideAt(rows[k]!);
    if (side === 0 || sideAt(rows[k + 1]!) !== side || sideAt(rows[k + 2]!) !== side) continue;
    const beyond = [rows[k]!, rows[k + 1]!, rows[k + 2]!].filter((i) => beyondTwoSigma(i, side));
    if (beyond.length < 2) continue;
    if (!group || group.side !== side || k > group.lastWindow + 2) {
      flush();
      group = { side, members: [], lastWindow: k };
    }
    // Overlapping windows share points: add each point once, in order.
    for (const i of beyond) {
      const last = group.members[group.members.length - 1];
      if (last === undefined || last < i) group.members.push(i);
    }
    group.lastWindow = k;
  }
  flush();
}

/**
 * MDC trend: N points (6-8, default 7) each higher (or each lower) than the one before, endpoints
 * included, across phases. An equal value or a missing value breaks it; excluded points are stepped over.
 */
function mdcTrends(points: ChartPoint[], length: number): Signal[] {
  const out: Signal[] = [];
  let segment: number[] = [];
  let direction = 0;
  const close = () => {
    if (segment.length >= length && direction !== 0) {
      out.push({
        rule: 'trend',
        points: segment,
        message: `trend: ${segment.length} points all ${direction > 0 ? 'rising' : 'falling'} (${length} or more, endpoints included, is a signal)`,
        side: direction > 0 ? 'high' : 'low',
      });
    }
  };
  for (let i = 0; i < points.length; i++) {
    const p = points[i]!;
    if (p.excluded !== undefined) continue;
    if (!isPresent(p)) {
      close();
      segment = [];
      direction = 0;
      continue;
    }
    if (segment.length === 0) {
      segment = [i];
      continue;
    }
    const last = segment[segment.length - 1]!;
    const d = Math.sign((p.value as number) - (points[last]!.value as number));
    if (d === 0) {
      close();
      segment = [i];
      direction = 0;
    } else if (direction === 0 || d === direction) {
      segment.push(i);
      direction = d;
    } else {
      close();
      segment = [last, i];
      direction = d;
    }
  }
  close();
  return out;
}

function beyondLimits(points: ChartPoint[], seq: number[], phase: PhaseAnalysis): void {
  for (const i of seq) {
    const v = points[i]!.value as number;
    const up = phase.upper?.[i - phase.from];
    const low = phase.lower?.[i - phase.from];
    const high = up !== null && up !== undefined && v > up;
    if (high || (low !== null && low !== undefined && v < low)) {
      phase.signals.push({
        rule: 'beyond-limits',
        points: [i],
        message: `${points[i]!.date}: ${v} is outside the control limits`,
        side: high ? 'high' : 'low',
      });
    }
  }
}

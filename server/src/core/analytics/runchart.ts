import { longestRunLimit, mean, median, minimumCrossings, runsLimits } from './stats';

export type RuleSet = 'ihi' | 'anhoej';
export type ChartType = 'run' | 'i' | 'p';

export type RuleId =
  | 'shift' // IHI: 6 or more points on one side
  | 'trend' // IHI: 5 or more points all rising or all falling
  | 'too-few-runs'
  | 'too-many-runs'
  | 'astronomical' // marked by the team
  | 'longest-run' // Anhøj
  | 'too-few-crossings' // Anhøj
  | 'beyond-limits'; // control charts

export interface Signal {
  rule: RuleId;
  /** Indices into the series' points (missing values included in the indexing). */
  points: number[];
  message: string;
}

export interface ChartPoint {
  date: string;
  /** The plotted value (a proportion for P charts); null when missing. */
  value: number | null;
  /** For P charts: count and denominator. */
  count?: number;
  denominator?: number;
}

export interface PhaseInput {
  /** First date of the phase (the first phase starts with the series). */
  start?: string;
  label?: string;
}

export interface AnalysisOptions {
  rules: RuleSet;
  type: ChartType;
  /** The baseline of each phase: its first N useful points, or its points up to a date. Default: the whole phase. */
  baseline?: number | string;
  /** New phases start at these dates (a new centre line), in order. */
  phases?: PhaseInput[];
  /** Dates the team judges astronomical. */
  astronomical?: string[];
}

export interface PhaseStats {
  /** Useful observations: points not missing and (for runs) not on the centre line. */
  useful: number;
  runs: number;
  crossings: number;
  longestRun: number;
  runsLimits?: { lower: number; upper: number };
  longestRunLimit?: number;
  minimumCrossings?: number;
}

export interface PhaseAnalysis {
  /** Point indices [from, to] of the phase, inclusive. */
  from: number;
  to: number;
  label?: string;
  /** Last index of the baseline the centre was computed from (the centre is frozen there and extended). */
  baselineTo: number;
  centre: number;
  /** Control limits per point (index -> limit), for I and P charts. */
  upper?: (number | null)[];
  lower?: (number | null)[];
  /** I chart: the average moving range of the baseline. */
  averageMovingRange?: number;
  signals: Signal[];
  stats: PhaseStats;
}

export interface SeriesAnalysis {
  points: ChartPoint[];
  phases: PhaseAnalysis[];
  /** All signals of all phases. */
  signals: Signal[];
}

/**
 * Analyses one series: centre line per phase from its (frozen) baseline, control limits for I and
 * P charts, and the run-chart rules of the chosen set. Missing values are skipped, never zero.
 */
export function analyseSeries(points: ChartPoint[], options: AnalysisOptions): SeriesAnalysis {
  const phases: PhaseAnalysis[] = [];
  const starts = phaseStarts(points, options.phases ?? []);
  for (let p = 0; p < starts.length; p++) {
    const from = starts[p]!.index;
    const to = (starts[p + 1]?.index ?? points.length) - 1;
    if (to < from) continue;
    phases.push(analysePhase(points, from, to, starts[p]!.label, options));
  }
  return { points, phases, signals: phases.flatMap((ph) => ph.signals) };
}

function phaseStarts(points: ChartPoint[], phases: PhaseInput[]): { index: number; label?: string }[] {
  const out: { index: number; label?: string }[] = [{ index: 0 }];
  for (const phase of phases) {
    if (!phase.start) continue;
    const index = points.findIndex((p) => p.date >= phase.start!);
    if (index <= 0) continue; // a phase starting before the data, or after it, changes nothing
    if (index > out[out.length - 1]!.index) out.push({ index, label: phase.label });
  }
  return out;
}

function analysePhase(points: ChartPoint[], from: number, to: number, label: string | undefined, options: AnalysisOptions): PhaseAnalysis {
  const indices: number[] = [];
  for (let i = from; i <= to; i++) if (points[i]!.value !== null && Number.isFinite(points[i]!.value)) indices.push(i);
  // The baseline: first N useful points, or up to a date, else the whole phase.
  let baseline = indices;
  if (typeof options.baseline === 'number') baseline = indices.slice(0, options.baseline);
  else if (typeof options.baseline === 'string') {
    const upTo = indices.filter((i) => points[i]!.date <= (options.baseline as string));
    if (upTo.length) baseline = upTo;
  }
  const baselineTo = baseline.length ? baseline[baseline.length - 1]! : to;
  const values = (list: number[]) => list.map((i) => points[i]!.value as number);

  const phase: PhaseAnalysis = { from, to, label, baselineTo, centre: NaN, signals: [], stats: { useful: 0, runs: 0, crossings: 0, longestRun: 0 } };
  if (options.type === 'run') phase.centre = median(values(baseline));
  else if (options.type === 'i') iLimits(points, baseline, from, to, phase);
  else pLimits(points, baseline, from, to, phase);
  if (!Number.isFinite(phase.centre)) return phase;

  runRules(points, indices, phase, options.rules);
  if (options.type !== 'run') beyondLimits(points, indices, phase);
  for (const date of options.astronomical ?? []) {
    const i = indices.find((j) => points[j]!.date === date);
    if (i !== undefined) phase.signals.push({ rule: 'astronomical', points: [i], message: `astronomical point on ${date} (marked by the team)` });
  }
  return phase;
}

/** I chart (XmR): centre = mean; limits = mean +/- 2.66 x the average moving range of consecutive baseline values. */
function iLimits(points: ChartPoint[], baseline: number[], from: number, to: number, phase: PhaseAnalysis): void {
  const ranges: number[] = [];
  for (let k = 1; k < baseline.length; k++) {
    const a = baseline[k - 1]!;
    const b = baseline[k]!;
    // A moving range needs two adjacent observations: a missing value between them breaks it.
    if (b === a + 1) ranges.push(Math.abs((points[b]!.value as number) - (points[a]!.value as number)));
  }
  phase.centre = mean(baseline.map((i) => points[i]!.value as number));
  const amr = mean(ranges);
  phase.averageMovingRange = amr;
  const width = Number.isFinite(amr) ? 2.66 * amr : NaN;
  phase.upper = [];
  phase.lower = [];
  for (let i = from; i <= to; i++) {
    phase.upper.push(Number.isFinite(width) ? phase.centre + width : null);
    phase.lower.push(Number.isFinite(width) ? phase.centre - width : null);
  }
}

/** P chart: centre = total count / total denominator of the baseline; 3-sigma limits per point from its denominator. */
function pLimits(points: ChartPoint[], baseline: number[], from: number, to: number, phase: PhaseAnalysis): void {
  let count = 0;
  let denominator = 0;
  for (const i of baseline) {
    const p = points[i]!;
    if (p.count === undefined || !p.denominator) continue;
    count += p.count;
    denominator += p.denominator;
  }
  phase.centre = denominator > 0 ? count / denominator : NaN;
  phase.upper = [];
  phase.lower = [];
  for (let i = from; i <= to; i++) {
    const n = points[i]!.denominator;
    if (!n || !Number.isFinite(phase.centre)) {
      phase.upper.push(null);
      phase.lower.push(null);
      continue;
    }
    const sigma = Math.sqrt((phase.centre * (1 - phase.centre)) / n);
    phase.upper.push(Math.min(1, phase.centre + 3 * sigma));
    phase.lower.push(Math.max(0, phase.centre - 3 * sigma));
  }
}

function beyondLimits(points: ChartPoint[], indices: number[], phase: PhaseAnalysis): void {
  for (const i of indices) {
    const v = points[i]!.value as number;
    const up = phase.upper?.[i - phase.from];
    const low = phase.lower?.[i - phase.from];
    if ((up !== null && up !== undefined && v > up) || (low !== null && low !== undefined && v < low)) {
      phase.signals.push({ rule: 'beyond-limits', points: [i], message: `${points[i]!.date}: ${v} is outside the control limits` });
    }
  }
}

/** Sides of the centre for the useful observations: +1 above, -1 below (points on the centre are left out). */
function runRules(points: ChartPoint[], indices: number[], phase: PhaseAnalysis, rules: RuleSet): void {
  const centre = phase.centre;
  const useful = indices.filter((i) => points[i]!.value !== centre);
  const side = (i: number) => ((points[i]!.value as number) > centre ? 1 : -1);

  // Runs of same-side useful observations.
  const runs: number[][] = [];
  for (const i of useful) {
    const last = runs[runs.length - 1];
    if (last && side(last[0]!) === side(i)) last.push(i);
    else runs.push([i]);
  }
  const n = useful.length;
  const stats = phase.stats;
  stats.useful = n;
  stats.runs = runs.length;
  stats.crossings = Math.max(0, runs.length - 1);
  stats.longestRun = Math.max(0, ...runs.map((r) => r.length));
  const span = (run: number[]) => covering(indices, run[0]!, run[run.length - 1]!);
  const where = (s: number) => (s > 0 ? 'above' : 'below');

  if (rules === 'ihi') {
    for (const run of runs) {
      if (run.length >= 6) {
        phase.signals.push({ rule: 'shift', points: span(run), message: `shift: ${run.length} points in a row ${where(side(run[0]!))} the median (6 or more is a signal)` });
      }
    }
    for (const trend of trends(points, indices)) {
      phase.signals.push({ rule: 'trend', points: trend.points, message: `trend: ${trend.length} points all ${trend.direction} (5 or more is a signal)` });
    }
    if (n >= 10) {
      const limits = runsLimits(n);
      stats.runsLimits = limits;
      if (runs.length < limits.lower) phase.signals.push({ rule: 'too-few-runs', points: indices, message: `too few runs: ${runs.length} runs in ${n} useful observations (fewer than ${limits.lower})` });
      if (runs.length > limits.upper) phase.signals.push({ rule: 'too-many-runs', points: indices, message: `too many runs: ${runs.length} runs in ${n} useful observations (more than ${limits.upper})` });
    }
  } else if (n > 0) {
    const longLimit = longestRunLimit(n);
    const minCross = minimumCrossings(n);
    stats.longestRunLimit = longLimit;
    stats.minimumCrossings = minCross;
    for (const run of runs) {
      if (run.length > longLimit) {
        phase.signals.push({ rule: 'longest-run', points: span(run), message: `unusually long run: ${run.length} points ${where(side(run[0]!))} the centre line (more than ${longLimit} for ${n} useful observations)` });
      }
    }
    if (stats.crossings < minCross) {
      phase.signals.push({ rule: 'too-few-crossings', points: indices, message: `too few crossings: ${stats.crossings} (fewer than ${minCross} for ${n} useful observations)` });
    }
  }
}

/** Indices of present points from a to b inclusive (points on the centre inside a run belong to its span). */
function covering(indices: number[], a: number, b: number): number[] {
  return indices.filter((i) => i >= a && i <= b);
}

/**
 * IHI trend: 5 or more points all going up or all going down. A repeated value neither adds to nor
 * breaks a trend: it is skipped when counting, but stays inside the highlighted span.
 */
function trends(points: ChartPoint[], indices: number[]): { points: number[]; length: number; direction: 'rising' | 'falling' }[] {
  // Collapse repeated consecutive values.
  const distinct: number[] = [];
  for (const i of indices) {
    const last = distinct[distinct.length - 1];
    if (last === undefined || points[last]!.value !== points[i]!.value) distinct.push(i);
  }
  const out: { points: number[]; length: number; direction: 'rising' | 'falling' }[] = [];
  let start = 0;
  while (start < distinct.length - 1) {
    const up = (points[distinct[start + 1]!]!.value as number) > (points[distinct[start]!]!.value as number);
    let end = start + 1;
    while (end + 1 < distinct.length && ((points[distinct[end + 1]!]!.value as number) > (points[distinct[end]!]!.value as number)) === up) end++;
    const length = end - start + 1;
    if (length >= 5) {
      out.push({ points: covering(indices, distinct[start]!, distinct[end]!), length, direction: up ? 'rising' : 'falling' });
    }
    start = end;
  }
  return out;
}

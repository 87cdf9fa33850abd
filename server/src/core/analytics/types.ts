/** The data types of run and control chart analysis, shared by the analysis, the model and the renderer. */

export const RULE_SETS = ['ihi', 'anhoej', 'mdc'] as const;
export type RuleSet = (typeof RULE_SETS)[number];

/** run chart; I (XmR); P, C, U; Laney's P' and U' (written pp and up, as qicharts2 names them). */
export const CHART_TYPES = ['run', 'i', 'p', 'c', 'u', 'pp', 'up'] as const;
export type ChartType = (typeof CHART_TYPES)[number];

export const CHART_TYPE_NAMES: Record<ChartType, string> = {
  run: 'Run chart',
  i: 'I chart (XmR)',
  p: 'P chart',
  c: 'C chart',
  u: 'U chart',
  pp: "P' chart (Laney)",
  up: "U' chart (Laney)",
};

export const RULE_SET_NAMES: Record<RuleSet, string> = { ihi: 'IHI', anhoej: 'Anhøj', mdc: 'Making Data Count' };

export type RuleId =
  | 'shift' // IHI: 6 or more points on one side; MDC: 7 (6-8) on one side of the mean
  | 'trend' // IHI: 5 or more points all rising or all falling; MDC: 7 (6-8), endpoints included
  | 'too-few-runs'
  | 'too-many-runs'
  | 'astronomical' // marked by the team
  | 'longest-run' // Anhøj
  | 'too-few-crossings' // Anhøj
  | 'two-of-three' // MDC: two of three points beyond 2 sigma on one side
  | 'beyond-limits'; // control charts

export interface Signal {
  rule: RuleId;
  /** Indices into the series' points (missing values included in the indexing). */
  points: number[];
  message: string;
  /** Which way the signal points: above the centre (or rising), or below (or falling). Whole-phase signals have none. */
  side?: 'high' | 'low';
}

export interface ChartPoint {
  date: string;
  /** The plotted value (a proportion for P and P' charts, a rate for U and U'); null when missing. */
  value: number | null;
  /** For P, U, P' and U' charts: count and denominator. */
  count?: number;
  denominator?: number;
  /** Excluded from every calculation by the team, with their reason (drawn hollow, still shown). */
  excluded?: string;
}

export interface PhaseInput {
  /** First date of the phase (the first phase starts with the series). */
  start?: string;
  label?: string;
}

export interface Exclusion {
  date: string;
  reason?: string;
}

export interface AnalysisOptions {
  rules: RuleSet;
  type: ChartType;
  /**
   * The baseline of each phase: its first N rows (the periods the team sees, missing ones included,
   * like qicharts2's freeze), or its rows up to a date. Default: the whole phase.
   */
  baseline?: number | string;
  /** New phases start at these dates (a new centre line), in order. */
  phases?: PhaseInput[];
  /** Dates the team judges astronomical. */
  astronomical?: string[];
  /** Points left out of every calculation (still drawn, hollow). */
  exclude?: Exclusion[];
  /** Screen moving ranges (I, P', U'): default on for IHI and Anhøj, off for MDC. */
  screen?: boolean;
  /** MDC: points on one side of the mean that make a shift (6-8, default 7). */
  shift?: number;
  /** MDC: points all rising or all falling, endpoints included, that make a trend (6-8, default 7). */
  trend?: number;
}

export interface PhaseStats {
  /** Anhøj runs analysis as qicharts2 does it, for every rule set: rows not excluded (missing ones included). */
  points: number;
  /** Useful observations: present, not excluded, not on the centre line. */
  useful: number;
  runs: number;
  crossings: number;
  longestRun: number;
  longestRunLimit?: number;
  minimumCrossings?: number;
  /** IHI: the runs table's limits (from 10 useful observations). */
  runsLimits?: { lower: number; upper: number };
}

export interface PhaseAnalysis {
  /** Point indices [from, to] of the phase, inclusive. */
  from: number;
  to: number;
  label?: string;
  /** Last row of the baseline the centre was computed from (the centre is frozen there and extended). */
  baselineTo: number;
  centre: number;
  /** Control limits per row of the phase (row - from -> limit), for control charts. */
  upper?: (number | null)[];
  lower?: (number | null)[];
  /** I, P' and U' charts: the average moving range of the baseline (after screening). */
  averageMovingRange?: number;
  /** I, P' and U' charts: moving ranges used, and left out by screening. */
  movingRanges?: { used: number; screened: number };
  signals: Signal[];
  stats: PhaseStats;
}

export interface SeriesAnalysis {
  points: ChartPoint[];
  phases: PhaseAnalysis[];
  /** All signals of all phases. */
  signals: Signal[];
}

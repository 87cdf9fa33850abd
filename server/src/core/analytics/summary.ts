import type { SeriesAnalysis } from './types';

/**
 * One row per phase, as qicharts2's summary(): the Anhøj runs analysis of the phase (whatever rule
 * set the chart uses), the centre, the average limits and how many points lie beyond them.
 */
export interface SummaryRow {
  /** 1-based, like qicharts2's part. */
  part: number;
  label?: string;
  from: string;
  to: string;
  /** qicharts2 n.obs: rows of the phase not excluded, missing ones included. */
  points: number;
  /** qicharts2 n.useful: present, not excluded, not on the centre line. */
  useful: number;
  longestRun: number | null;
  longestRunLimit: number | null;
  crossings: number | null;
  minimumCrossings: number | null;
  /** Longest run above its limit or crossings below their minimum. */
  runsSignal: boolean;
  centre: number | null;
  /** qicharts2 aLCL and aUCL: the mean of the phase's limits (they vary with the denominator on P and U charts). */
  lower: number | null;
  upper: number | null;
  /** qicharts2 sigma.signal: points (not excluded) beyond the limits. */
  beyondLimits: number;
  /** Signals of the chart's own rule set in this phase. */
  signals: number;
}

function average(values: (number | null)[] | undefined): number | null {
  if (!values) return null;
  let sum = 0;
  let n = 0;
  for (const v of values) {
    if (v === null || !Number.isFinite(v)) continue;
    sum += v;
    n++;
  }
  return n ? sum / n : null;
}

export function summarise(analysis: SeriesAnalysis): SummaryRow[] {
  return analysis.phases.map((ph, k) => {
    const s = ph.stats;
    const useful = s.useful > 0;
    return {
      part: k + 1,
      ...(ph.label ? { label: ph.label } : {}),
      from: analysis.points[ph.from]!.date,
      to: analysis.points[ph.to]!.date,
      points: s.points,
      useful: s.useful,
      longestRun: useful ? s.longestRun : null,
      longestRunLimit: useful ? (s.longestRunLimit ?? null) : null,
      crossings: useful ? s.crossings : null,
      minimumCrossings: useful ? (s.minimumCrossings ?? null) : null,
      runsSignal:
        useful &&
        s.longestRunLimit !== undefined &&
        s.minimumCrossings !== undefined &&
        (s.longestRun > s.longestRunLimit || s.crossings < s.minimumCrossings),
      centre: Number.isFinite(ph.centre) ? ph.centre : null,
      lower: average(ph.lower),
      upper: average(ph.upper),
      beyondLimits: ph.signals.filter((sig) => sig.rule === 'beyond-limits').length,
      signals: ph.signals.length,
    };
  });
}

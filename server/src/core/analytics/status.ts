import type { PhaseAnalysis, SeriesAnalysis } from './types';

/**
 * Variation of the latest point, as the NHS "Making Data Count" variation icon: common cause, or
 * special cause improvement / concern, high or low; "neither" high or low for a measure with no
 * better direction.
 */
export type Variation =
  | 'common-cause'
  | 'improvement-high'
  | 'improvement-low'
  | 'concern-high'
  | 'concern-low'
  | 'neither-high'
  | 'neither-low';

/** Assurance: can the process be relied on to meet the target? Judged from the latest phase's process limits. */
export type Assurance = 'pass' | 'hit-and-miss' | 'fail';

export type Better = 'up' | 'down' | 'neither';
export type Conflict = 'improvement' | 'concern';

export const VARIATION_LABELS: Record<Variation, string> = {
  'common-cause': 'common cause variation',
  'improvement-high': 'special cause improvement (high)',
  'improvement-low': 'special cause improvement (low)',
  'concern-high': 'special cause concern (high)',
  'concern-low': 'special cause concern (low)',
  'neither-high': 'special cause, neither improvement nor concern (high)',
  'neither-low': 'special cause, neither improvement nor concern (low)',
};

export const ASSURANCE_LABELS: Record<Assurance, string> = {
  pass: 'consistently passes the target',
  'hit-and-miss': 'hits and misses the target at random',
  fail: 'consistently fails the target',
};

/** The latest point that counts: present and not excluded (the NHS tools take the last non-ghosted point). */
export function latestIndex(analysis: SeriesAnalysis): number {
  const pts = analysis.points;
  for (let i = pts.length - 1; i >= 0; i--) {
    const p = pts[i]!;
    if (p.value !== null && Number.isFinite(p.value) && p.excluded === undefined) return i;
  }
  return -1;
}

/**
 * The variation of the latest point from the signals it is part of (signals with a side: shifts,
 * runs, trends, points beyond limits, two of three, astronomical points; whole-phase signals such as
 * too few crossings have no side and do not count). When it is part of both an improvement and a
 * concern signal, `conflict` decides (the NHS SPC SQL's MetricConflictRule). Undefined without data.
 */
export function variationOf(
  analysis: SeriesAnalysis,
  better: Better,
  conflict: Conflict = 'improvement',
): Variation | undefined {
  const latest = latestIndex(analysis);
  if (latest < 0) return undefined;
  let high = false;
  let low = false;
  for (const s of analysis.signals) {
    if (!s.side || !s.points.includes(latest)) continue;
    if (s.side === 'high') high = true;
    else low = true;
  }
  if (better === 'neither') return high ? 'neither-high' : low ? 'neither-low' : 'common-cause';
  const improvement = better === 'up' ? high : low;
  const concern = better === 'up' ? low : high;
  const improvementSide = better === 'up' ? 'high' : 'low';
  const concernSide = better === 'up' ? 'low' : 'high';
  if (improvement && (!concern || conflict === 'improvement')) return `improvement-${improvementSide}`;
  if (concern) return `concern-${concernSide}`;
  return 'common-cause';
}

/** The phase holding a point. */
function phaseOf(analysis: SeriesAnalysis, index: number): PhaseAnalysis | undefined {
  return analysis.phases.find((ph) => index >= ph.from && index <= ph.to);
}

/**
 * Assurance (NHS SPC SQL): the target against the process limits at the latest point. Better up: a
 * target at or below the lower limit is consistently passed, at or above the upper limit consistently
 * failed, in between hit and miss; mirrored for better down. Undefined for measures with no better
 * direction, charts without limits, or no target.
 */
export function assuranceOf(
  analysis: SeriesAnalysis,
  better: Better,
  target: number | undefined,
): Assurance | undefined {
  if (target === undefined || better === 'neither') return undefined;
  const latest = latestIndex(analysis);
  const phase = latest < 0 ? undefined : phaseOf(analysis, latest);
  const upper = phase?.upper?.[latest - phase.from];
  const lower = phase?.lower?.[latest - phase.from];
  if (upper === null || upper === undefined || lower === null || lower === undefined) return undefined;
  if (better === 'up') return target <= lower ? 'pass' : target >= upper ? 'fail' : 'hit-and-miss';
  return target >= upper ? 'pass' : target <= lower ? 'fail' : 'hit-and-miss';
}

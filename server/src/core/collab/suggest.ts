import type { ChartModel, GroupChart } from '../analytics/model';
import type { CommonMeasure } from '../schema/collaborative';
import type { Cycle } from '../schema/cycle';
import type { Factors } from '../schema/factors';
import { ALL_GROUP } from '../series';

/** Months an improvement must have lasted to count as sustained (4.5 and 5). */
export const SUSTAIN_MONTHS = 6;
/** Values an outcome measure needs before its chart can show improvement (the IHI runs table starts at 10). */
export const CHARTED_POINTS = 10;

export interface TeamEvidence {
  factors: Factors[];
  cycles: Cycle[];
  /** The team's chart of each common outcome measure (undefined: the team has none). */
  outcomes: { measure: CommonMeasure; chart?: ChartModel }[];
  /** Process and balancing common measures. */
  others: { measure: CommonMeasure; chart?: ChartModel }[];
}

export interface Reason {
  met: boolean;
  /** The score this step of evidence allows. */
  score: number;
  text: string;
}

export interface Suggestion {
  score: number;
  reasons: Reason[];
}

/** The group a team's measure is judged on: the group its target names, else "all", else the first with data. */
export function primaryGroup(chart: ChartModel): GroupChart | undefined {
  const withData = chart.groups.filter((g) => g.analysis.points.some((p) => p.value !== null));
  const targetGroup = chart.targets.find((t) => t.group && withData.some((g) => g.group === t.group))?.group;
  return withData.find((g) => g.group === targetGroup) ?? withData.find((g) => g.group === ALL_GROUP) ?? withData[0];
}

function monthsBetween(a: string, b: string): number {
  return (Number(b.slice(0, 4)) - Number(a.slice(0, 4))) * 12 + Number(b.slice(5, 7)) - Number(a.slice(5, 7));
}

function latestValue(g: GroupChart): { index: number; date: string; value: number } | undefined {
  const pts = g.analysis.points;
  for (let i = pts.length - 1; i >= 0; i--) {
    const v = pts[i]!.value;
    if (v !== null && Number.isFinite(v)) return { index: i, date: pts[i]!.date, value: v };
  }
  return undefined;
}

/** The first date of the improvement signal the latest point belongs to. */
function improvingSince(g: GroupChart, better: 'up' | 'down'): string | undefined {
  const latest = latestValue(g);
  if (!latest) return undefined;
  const side = better === 'up' ? 'high' : 'low';
  let first: number | undefined;
  for (const s of g.analysis.signals) {
    if (s.side !== side || !s.points.includes(latest.index)) continue;
    for (const p of s.points) if (first === undefined || p < first) first = p;
  }
  return first === undefined ? undefined : g.analysis.points[first]!.date;
}

/** A group as people say it: the ungrouped series is everyone. */
export function groupText(group: string): string {
  return group === ALL_GROUP ? 'everyone' : group.replace(/-/g, ' ');
}

/**
 * A suggested score on the IHI Assessment Scale from what the worksheets show, with every step of
 * evidence listed as met or not, so a coach can agree or not. It climbs the scale one step at a time
 * and stops at the first step the evidence does not reach; a concern signal at the latest point of an
 * outcome measure holds it at 3.0. It is a suggestion: the scores people write stay the scores.
 */
export function suggestScore(e: TeamEvidence): Suggestion {
  const reasons: Reason[] = [];
  const step = (score: number, met: boolean, text: string) => reasons.push({ met, score, text });

  const charter = e.factors.some((f) => f.team?.name && (f.team.members?.length ?? 0) > 0 && f.result.statement.trim());
  step(
    1.5,
    charter,
    charter
      ? 'Team and charter written: a factors file names the team, its members and the result.'
      : 'No charter yet: no factors file names the team, its members and the result.',
  );

  const done = e.cycles.filter((c) => c.do);
  step(
    2,
    done.length > 0,
    `${done.length} cycle${done.length === 1 ? '' : 's'} with a Do (of ${e.cycles.length} planned).`,
  );

  const tested = e.cycles.filter((c) => (c.study?.learned?.trim() || c.study?.results?.length) && c.act?.decision);
  step(
    2.5,
    tested.length >= 2,
    `${tested.length} cycle${tested.length === 1 ? '' : 's'} studied with an adopt, adapt or abandon decision (2 or more show changes tested).`,
  );

  const judged = e.outcomes.map((o) => {
    const g = o.chart ? primaryGroup(o.chart) : undefined;
    return { o, g, v: g?.variation };
  });
  const improving = judged.filter((j) => j.v?.startsWith('improvement'));
  const concern = judged.filter((j) => j.v?.startsWith('concern'));

  const charted = e.outcomes.filter(
    (o) =>
      o.chart &&
      primaryGroup(o.chart) &&
      primaryGroup(o.chart)!.analysis.points.filter((p) => p.value !== null).length >= CHARTED_POINTS,
  );
  const targeted = e.outcomes.filter((o) => o.chart?.targets.length);
  const chartedAll = e.outcomes.length > 0 && charted.length === e.outcomes.length && targeted.length > 0;
  const anySignal = [...e.outcomes, ...e.others].filter((o) => {
    if (!o.chart) return false;
    const side = o.measure.better === 'up' ? 'high' : 'low';
    return o.chart.groups.some((g) => g.analysis.signals.some((s) => s.side === side));
  });
  // An improvement that has since reversed is not progress: a concern at the latest point of an outcome holds the suggestion below 3.
  if (concern.length)
    step(
      3,
      false,
      `Concern at the latest point in ${concern.map((j) => `${j.o.measure.id} (${groupText(j.g!.group)})`).join(', ')}: whatever improved before has not held, so the suggestion stays at 2.5 or below.`,
    );
  step(
    3,
    chartedAll && anySignal.length > 0 && concern.length === 0,
    `${charted.length} of ${e.outcomes.length} outcome measures charted with ${CHARTED_POINTS}+ values, ${targeted.length} with a target; improvement signals in ${anySignal.map((o) => o.measure.id).join(', ') || 'no common measure'}.`,
  );

  step(
    3.5,
    improving.length > 0 && concern.length === 0,
    `Improvement at the latest point in ${improving.map((j) => `${j.o.measure.id} (${groupText(j.g!.group)})`).join(', ') || 'no outcome measure'}.`,
  );

  step(
    4,
    improving.length > 0 && improving.length === e.outcomes.length,
    `${improving.length} of ${e.outcomes.length} outcome measures improving at the latest point (all of them: significant improvement).`,
  );

  const sustained = improving.filter((j) => {
    const since = improvingSince(j.g!, j.o.measure.better);
    const latest = latestValue(j.g!);
    return since && latest && monthsBetween(since, latest.date) >= SUSTAIN_MONTHS;
  });
  step(
    4.5,
    sustained.length > 0 && sustained.length === e.outcomes.length,
    `${sustained.length} of ${e.outcomes.length} outcome measures improving for ${SUSTAIN_MONTHS} months or more (sustained).`,
  );

  const met = sustained.filter((j) => {
    const latest = latestValue(j.g!);
    const target = j.g!.target;
    return (
      latest && target !== undefined && (j.o.measure.better === 'up' ? latest.value >= target : latest.value <= target)
    );
  });
  step(
    5,
    met.length > 0 && met.length === e.outcomes.length,
    `${met.length} of ${e.outcomes.length} outcome measures at or past their target (outstanding, sustained results).`,
  );

  let score = 1;
  for (const r of reasons) {
    if (!r.met) break;
    score = r.score;
  }
  return { score, reasons };
}

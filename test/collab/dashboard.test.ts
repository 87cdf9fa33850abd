import { describe, expect, it } from 'vitest';
import type { ChartModel } from '../../server/src/core/analytics/model';
import { analyseSeries } from '../../server/src/core/analytics/runchart';
import { variationOf } from '../../server/src/core/analytics/status';
import { buildDashboard, collaboratives } from '../../server/src/core/collab/dashboard';
import { suggestScore, type TeamEvidence } from '../../server/src/core/collab/suggest';
import type { CommonMeasure } from '../../server/src/core/schema/collaborative';
import type { Cycle } from '../../server/src/core/schema/cycle';
import type { Factors } from '../../server/src/core/schema/factors';
import { COLLAB_EXAMPLE_DIR } from '../node-helpers';
import { loadFolder } from './load';

const absence: CommonMeasure = {
  id: 'absence',
  name: 'Chronic absence',
  definition: 'x',
  unit: '%',
  kind: 'outcome',
  better: 'down',
  denominator: true,
};
const charter: Factors = {
  version: 1,
  id: 'f',
  title: 'F',
  team: { name: 'North', members: [{ name: 'Ana' }] },
  result: { statement: 'Every student attends' },
};
const planned: Cycle = { version: 1, id: 'c', title: 'C', strategy: 'S', plan: { objective: 'Try' } };
const tested: Cycle = {
  ...planned,
  do: { as_planned: 'yes' },
  study: { learned: 'It works' },
  act: { decision: 'adopt' },
};

/** A chart of one group from values, 2 per month from January 2026, analysed with the IHI rules on a baseline of 8. */
function chart(values: number[], target?: number, better: 'up' | 'down' = 'down'): ChartModel {
  const points = values.map((value, i) => ({
    date: `2026-${String(1 + Math.floor(i / 2)).padStart(2, '0')}-${i % 2 ? '15' : '01'}`,
    value,
  }));
  const analysis = analyseSeries(points, { rules: 'ihi', type: 'run', baseline: 8 });
  const variation = variationOf(analysis, better);
  return {
    measure: { id: 'absence', name: 'x', better, uri: 'u' },
    type: 'run',
    rules: 'ihi',
    groups: [
      { group: 'all', analysis, ...(variation ? { variation } : {}), ...(target !== undefined ? { target } : {}) },
    ],
    cycles: [],
    targets: target !== undefined ? [{ id: 'T', value: target, date: '2027-06-01' }] : [],
  };
}

const flat = [30, 31, 29, 30, 32, 28, 30, 31, 29, 30, 31, 29, 30, 28, 31, 30];
const improving = [30, 31, 29, 30, 32, 28, 30, 31, 25, 24, 23, 24, 22, 23, 22, 21, 22, 21, 20, 21, 20, 21];
const rising = [30, 31, 29, 30, 32, 28, 30, 31, 35, 36, 37, 36, 38, 37];

function evidence(over: Partial<TeamEvidence>): TeamEvidence {
  return {
    factors: [charter],
    cycles: [tested, tested],
    outcomes: [{ measure: absence, chart: chart(flat, 20) }],
    others: [],
    ...over,
  };
}

describe('suggested assessment score', () => {
  it('stops at the first step the evidence does not reach, with every reason listed', () => {
    expect(suggestScore(evidence({ factors: [], cycles: [] })).score).toBe(1);
    expect(suggestScore(evidence({ cycles: [planned] })).score).toBe(1.5);
    expect(suggestScore(evidence({ cycles: [tested, planned] })).score).toBe(2);
    const s = suggestScore(evidence({}));
    expect(s.score).toBe(2.5);
    expect(s.reasons.map((r) => [r.score, r.met])).toEqual([
      [1.5, true],
      [2, true],
      [2.5, true],
      [3, false],
      [3.5, false],
      [4, false],
      [4.5, false],
      [5, false],
    ]);
    expect(s.reasons[3]!.text).toBe(
      '1 of 1 outcome measures charted with 10+ values, 1 with a target; improvement signals in no common measure.',
    );
  });

  it('climbs with improvement at the latest point, sustained improvement and a target met', () => {
    // A shift down from May: improvement at the latest point; 6 months of it by November; then the target.
    expect(
      suggestScore(evidence({ outcomes: [{ measure: absence, chart: chart(improving.slice(0, 14), 20) }] })).score,
    ).toBe(4);
    expect(suggestScore(evidence({ outcomes: [{ measure: absence, chart: chart(improving, 19) }] })).score).toBe(4.5);
    expect(suggestScore(evidence({ outcomes: [{ measure: absence, chart: chart(improving, 21) }] })).score).toBe(5);
    // Charted without a target: no claim of improvement at all.
    expect(suggestScore(evidence({ outcomes: [{ measure: absence, chart: chart(improving) }] })).score).toBe(2.5);
  });

  it('holds at 2.5 when an outcome measure shows concern at its latest point, whatever improved before', () => {
    const belonging = { ...absence, id: 'belonging', better: 'up' as const };
    const s = suggestScore(
      evidence({
        outcomes: [
          { measure: absence, chart: chart(rising, 20) },
          { measure: belonging, chart: chart(rising, undefined, 'up') },
        ],
      }),
    );
    expect(s.score).toBe(2.5);
    expect(s.reasons.find((r) => r.text.startsWith('Concern'))?.text).toBe(
      'Concern at the latest point in absence (everyone): whatever improved before has not held, so the suggestion stays at 2.5 or below.',
    );
  });
});

describe('dashboard model of the example', () => {
  const ws = loadFolder(COLLAB_EXAMPLE_DIR);
  const d = buildDashboard(ws, collaboratives(ws)[0]!.uri);

  it('has every team x common measure, with the state a coach would read off the charts', () => {
    expect(d.cells).toHaveLength(16);
    const state = (m: string) => d.cells.filter((c) => c.measure === m).map((c) => `${c.team}:${c.state}`);
    expect(state('chronic-absence')).toEqual([
      'granger:improvement',
      'riverside:common-cause',
      'lincoln:concern',
      'canyon-view:improvement',
    ]);
    expect(state('office-referrals')).toEqual([
      'granger:common-cause',
      'riverside:common-cause',
      'lincoln:concern',
      'canyon-view:common-cause',
    ]);
    // The same scale for every team of a measure.
    expect(d.measures.find((m) => m.id === 'chronic-absence')).toMatchObject({
      min: expect.any(Number),
      max: expect.any(Number),
    });
    expect(d.cells.find((c) => c.team === 'canyon-view')!.series[0]!.points[0]![0]).toBe('2026-01-23');
  });

  it('suggests scores from the evidence and keeps the written ones', () => {
    expect(d.teams.map((t) => [t.id, t.suggestion.score, t.assessment[t.assessment.length - 1]!.faculty])).toEqual([
      ['granger', 4.5, 4],
      ['riverside', 2.5, 2.5],
      ['lincoln', 2.5, 2],
      ['canyon-view', 4, 3.5],
    ]);
  });

  it('shows the change package as ideas x teams, and the signals of every team', () => {
    const greeters = d.package[0]!.ideas[0]!;
    expect(greeters.teams.map((t) => `${t.team}:${t.status}:${t.cycles}`)).toEqual([
      'granger:adopted:4',
      'riverside:abandoned:2',
      'lincoln:adopted:2',
      'canyon-view:not-started:0',
    ]);
    expect(greeters.teams[0]!.place?.uri).toMatch(/teams\/granger\/granger\.factors\.yaml$/);
    const lincoln = d.signals.filter(
      (s) => s.team === 'lincoln' && s.measure === 'chronic-absence' && s.group === 'students-with-disabilities',
    );
    expect(lincoln.map((s) => `${s.rule} ${s.start}..${s.end} ${s.effect}`)).toEqual([
      'shift 2026-05-29..2026-10-30 concern',
      'trend 2026-05-01..2026-10-02 concern',
    ]);
    expect(d.gaps.map((g) => g.measure)).toEqual(['chronic-absence']);
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { averageMovingRange } from '../../server/src/core/analytics/limits';
import {
  analyseSeries,
  CHART_TYPES,
  RULE_SETS,
  type AnalysisOptions,
  type ChartPoint,
} from '../../server/src/core/analytics/runchart';
import { assuranceOf, variationOf } from '../../server/src/core/analytics/status';
import { summarise } from '../../server/src/core/analytics/summary';
import type { SeriesAnalysis } from '../../server/src/core/analytics/types';

/** Weekly dates from 2025-01-06. */
const dateOf = (i: number) => new Date(Date.UTC(2025, 0, 6 + 7 * i)).toISOString().slice(0, 10);
const series = (values: (number | null)[]): ChartPoint[] => values.map((value, i) => ({ date: dateOf(i), value }));
const ratios = (counts: number[], ns: number[]): ChartPoint[] =>
  counts.map((c, i) => ({ date: dateOf(i), value: c / ns[i]!, count: c, denominator: ns[i]! }));
const signalsOf = (values: (number | null)[], options: AnalysisOptions, rule?: string) =>
  analyseSeries(series(values), options)
    .signals.filter((s) => !rule || s.rule === rule)
    .map((s) => `${s.rule}:${s.points.join(',')}`);

describe('baseline: N is the first N rows, missing ones included (qicharts2 freeze)', () => {
  it('counts a missing week as a row of the baseline', () => {
    // Rows 0-3 are 10, (missing), 20, 30: the median of the values in them is 20, not that of 10, 20, 30, 100.
    const a = analyseSeries(series([10, null, 20, 30, 100, 100]), { rules: 'ihi', type: 'run', baseline: 4 });
    expect([a.phases[0]!.centre, a.phases[0]!.baselineTo]).toEqual([20, 3]);
  });

  it('is counted from the start of each phase, like NHSRplotthedots fix_after_n_points', () => {
    const values = [1, 2, 3, 4, 50, 60, null, 70, 80, 90];
    const a = analyseSeries(series(values), { rules: 'ihi', type: 'i', baseline: 3, phases: [{ start: dateOf(5) }] });
    expect(a.phases.map((p) => [p.from, p.baselineTo, p.centre])).toEqual([
      [0, 2, 2],
      [5, 7, 65],
    ]);
  });

  it('a baseline longer than the phase is the whole phase; a date takes the rows up to it', () => {
    const pts = series([1, 2, null, 10, 11]);
    expect(analyseSeries(pts, { rules: 'ihi', type: 'run', baseline: 40 }).phases[0]!.baselineTo).toBe(4);
    expect(analyseSeries(pts, { rules: 'ihi', type: 'run', baseline: dateOf(2) }).phases[0]).toMatchObject({
      baselineTo: 2,
      centre: 1.5,
    });
  });
});

describe('moving ranges: screening, gaps and exclusions', () => {
  // Moving ranges 2,1,2,27,28,1,1,2,1: average 65/9. Screening drops 27 and 28 (>= 3.267 x 7.22 = 23.6): 10/7.
  const outlier = [10, 12, 11, 13, 40, 12, 11, 10, 12, 11];

  it('screens moving ranges of 3.267 x the average or more, once (qicharts2, NHSRplotthedots)', () => {
    expect(averageMovingRange(outlier, true)).toEqual({ average: 10 / 7, used: 7, screened: 2 });
    expect(averageMovingRange(outlier, false)).toEqual({ average: 65 / 9, used: 9, screened: 0 });
  });

  it('defaults: IHI and Anhøj screen, MDC does not (the NHS SPC SQL default)', () => {
    const limits = (options: AnalysisOptions) => {
      const [p] = analyseSeries(series(outlier), options).phases;
      return [p!.centre, p!.upper![0], p!.lower![0]].map((v) => v!.toFixed(4));
    };
    expect(limits({ rules: 'ihi', type: 'i' })).toEqual(['14.2000', '18.0000', '10.4000']); // 14.2 +/- 2.66 x 10/7
    expect(limits({ rules: 'anhoej', type: 'i' })).toEqual([
      '14.2000',
      (14.2 + (3 / 1.128) * (10 / 7)).toFixed(4),
      (14.2 - (3 / 1.128) * (10 / 7)).toFixed(4),
    ]);
    expect(limits({ rules: 'mdc', type: 'i' })).toEqual([
      '14.2000',
      (14.2 + 2.66 * (65 / 9)).toFixed(4),
      (14.2 - 2.66 * (65 / 9)).toFixed(4),
    ]);
    expect(limits({ rules: 'mdc', type: 'i', screen: true })).toEqual(['14.2000', '18.0000', '10.4000']);
    expect(analyseSeries(series(outlier), { rules: 'ihi', type: 'i' }).phases[0]!.movingRanges).toEqual({
      used: 7,
      screened: 2,
    });
  });

  it('a missing value breaks the moving range; an excluded point is stepped over', () => {
    expect(averageMovingRange([10, 12, null, 11], false)).toMatchObject({ average: 2, used: 1 });
    const pts = series([10, 12, 50, 11]);
    const a = analyseSeries(pts, {
      rules: 'mdc',
      type: 'i',
      exclude: [{ date: dateOf(2), reason: 'data entry error' }],
    });
    expect(a.points[2]!.excluded).toBe('data entry error');
    expect(a.phases[0]!.centre).toBe(11);
    expect(a.phases[0]!.averageMovingRange).toBe(1.5); // |12 - 10|, |11 - 12|
  });

  it('an excluded point is never a signal and is left out of the runs analysis', () => {
    const values = [10, 11, 11, 10, 10, 11, 10, 11, 11, 10, 11, 10, 90];
    const excluded: AnalysisOptions = { rules: 'ihi', type: 'i', baseline: 12, exclude: [{ date: dateOf(12) }] };
    expect(signalsOf(values, { rules: 'ihi', type: 'i', baseline: 12 }, 'beyond-limits')).toEqual(['beyond-limits:12']);
    expect(signalsOf(values, excluded)).toEqual([]);
    expect(analyseSeries(series(values), excluded).phases[0]!.stats).toMatchObject({ points: 12, useful: 12 });
  });
});

describe("C, U, P and Laney P' and U' charts", () => {
  it("C chart: Montgomery's printed circuit boards (Introduction to SQC, Example 7.3): centre 19.85, limits 33.21 and 6.48", () => {
    const counts = [
      21, 24, 16, 12, 15, 5, 28, 20, 31, 25, 20, 24, 16, 19, 10, 17, 13, 22, 18, 39, 30, 24, 16, 19, 17, 15,
    ];
    const a = analyseSeries(series(counts), { rules: 'anhoej', type: 'c' });
    const [p] = a.phases;
    expect([p!.centre.toFixed(2), p!.upper![0]!.toFixed(2), p!.lower![0]!.toFixed(2)]).toEqual([
      '19.85',
      '33.21',
      '6.48',
    ]);
    // Samples 6 and 20 are beyond the limits, as Montgomery finds.
    expect(a.signals.filter((s) => s.rule === 'beyond-limits').map((s) => s.points[0]! + 1)).toEqual([6, 20]);
  });

  it('C chart: the lower limit stops at zero', () => {
    const [p] = analyseSeries(series([1, 2, 0, 3, 1]), { rules: 'ihi', type: 'c' }).phases;
    expect([p!.centre, p!.lower![0]]).toEqual([1.4, 0]);
  });

  it("U chart: Montgomery's personal computers (Example 7.4, 5 units per sample): centre 1.93, limits 3.79 and 0.07", () => {
    const counts = [10, 12, 8, 14, 10, 16, 11, 7, 10, 15, 9, 5, 7, 11, 12, 6, 8, 10, 7, 5];
    const [p] = analyseSeries(ratios(counts, Array(20).fill(5) as number[]), { rules: 'anhoej', type: 'u' }).phases;
    expect([p!.centre.toFixed(2), p!.upper![0]!.toFixed(2), p!.lower![0]!.toFixed(2)]).toEqual([
      '1.93',
      '3.79',
      '0.07',
    ]);
  });

  // A district's absences among ~7,400 students a month: between-month variation far beyond the binomial.
  const counts = [760, 905, 790, 960, 868, 720, 930, 801, 842, 990, 815, 858];
  const ns = [7400, 7420, 7380, 7450, 7410, 7400, 7430, 7390, 7405, 7440, 7395, 7415];

  it("P' chart (Laney 2002): sigma_z = average moving range of the z-scores / 1.128 widens the P chart's limits", () => {
    // Worked by hand from Laney's definitions: p-bar = 10,239 / 88,935; sigma_z = 4.5440 / 1.128 = 4.0283.
    const p = analyseSeries(ratios(counts, ns), { rules: 'anhoej', type: 'p' });
    const pp = analyseSeries(ratios(counts, ns), { rules: 'anhoej', type: 'pp' });
    expect(pp.phases[0]!.centre).toBeCloseTo(0.11512902681733851, 14);
    expect(pp.phases[0]!.averageMovingRange).toBeCloseTo(4.543957757933338, 12);
    expect(p.phases[0]!.upper![0]).toBeCloseTo(0.1262601191729327, 12);
    expect(pp.phases[0]!.upper![0]).toBeCloseTo(0.15996875506509978, 12);
    expect(pp.phases[0]!.lower![0]).toBeCloseTo(0.07028929856957723, 12);
    // The P chart calls four months special; P' (the right chart at this scale) none.
    expect(p.signals.filter((s) => s.rule === 'beyond-limits').map((s) => s.points[0])).toEqual([0, 3, 5, 9]);
    expect(pp.signals.filter((s) => s.rule === 'beyond-limits')).toEqual([]);
  });

  it("U' chart (Laney 2002): the same construction on the Poisson sigma", () => {
    const up = analyseSeries(ratios(counts, ns), { rules: 'anhoej', type: 'up' });
    const u = analyseSeries(ratios(counts, ns), { rules: 'anhoej', type: 'u' });
    expect(up.phases[0]!.averageMovingRange).toBeCloseTo(4.274391129245431, 12);
    expect(up.phases[0]!.upper![0]).toBeCloseTo(0.1599687550650998, 12);
    expect(u.phases[0]!.upper![0]).toBeCloseTo(0.126962107116755, 12);
  });

  it('P chart limits stay within 0 and 1', () => {
    const [p] = analyseSeries(ratios([1, 9, 0], [10, 10, 10]), { rules: 'ihi', type: 'p' }).phases;
    expect(Math.max(...(p!.upper as number[]))).toBeLessThanOrEqual(1);
    expect(Math.min(...(p!.lower as number[]))).toBe(0);
  });
});

describe('Making Data Count rules (NHS England SPC SQL v2.6), rule by rule', () => {
  // Baseline: 12 weeks alternating 11 and 9 (ending below the mean): mean 10, MR-bar 2, limits 10 +/- 5.32, 2-sigma lines 10 +/- 3.5467.
  const base = [11, 9, 11, 9, 11, 9, 11, 9, 11, 9, 11, 9];
  const mdc: AnalysisOptions = { rules: 'mdc', type: 'i', baseline: 12 };
  const after = (tail: (number | null)[], options: AnalysisOptions = mdc, rule?: string) =>
    signalsOf([...base, ...tail], options, rule);
  const idx = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, k) => 12 + from + k).join(',');

  it('limits are mean +/- 2.66 x MR-bar, unscreened', () => {
    const [p] = analyseSeries(series(base), mdc).phases;
    expect([p!.centre, p!.upper![0]!.toFixed(2), p!.lower![0]!.toFixed(2)]).toEqual([10, '15.32', '4.68']);
  });

  it('single point beyond a process limit', () => {
    expect(after([15.4, 4.6, 15.32])).toEqual(['beyond-limits:12', 'beyond-limits:13']);
  });

  it('shift: 7 points on one side of the mean (6-8 configurable)', () => {
    expect(after([12, 12, 12, 12, 12, 12, 12], mdc, 'shift')).toEqual([`shift:${idx(0, 6)}`]);
    expect(after([12, 12, 12, 12, 12, 12], mdc, 'shift')).toEqual([]);
    expect(after([12, 12, 12, 12, 12, 12], { ...mdc, shift: 6 }, 'shift')).toEqual([`shift:${idx(0, 5)}`]);
    // The baseline's last point (9) is below the mean too: it starts the run.
    expect(after([8, 8, 8, 8, 8, 8, 8], { ...mdc, shift: 8 }, 'shift')).toEqual([`shift:11,${idx(0, 6)}`]);
  });

  it('a point on the mean breaks a shift in MDC (IHI skips it)', () => {
    const tail = [12, 12, 12, 10, 12, 12, 12];
    expect(after(tail, mdc, 'shift')).toEqual([]);
    expect(after(tail, { ...mdc, rules: 'ihi' }, 'shift')).toEqual([`shift:${idx(0, 6)}`]);
  });

  it('a missing value breaks a shift in MDC; an excluded point is stepped over', () => {
    expect(after([12, 12, 12, null, 12, 12, 12], mdc, 'shift')).toEqual([]);
    expect(after([12, 12, 12, null, 12, 12, 12], { ...mdc, rules: 'ihi' }, 'shift')).toEqual([
      `shift:${[12, 13, 14, 16, 17, 18].join(',')}`,
    ]);
    const excluded = { ...mdc, exclude: [{ date: dateOf(15), reason: 'snow day' }] };
    expect(after([12, 12, 12, 2, 12, 12, 12, 12], excluded, 'shift')).toEqual([
      `shift:${[12, 13, 14, 16, 17, 18, 19].join(',')}`,
    ]);
  });

  it('trend: 7 points all rising or all falling, endpoints included', () => {
    // The baseline ends at 9; 8 then six rises to 14 is a trend of 7.
    expect(after([8, 9, 10, 11, 12, 13, 14], mdc, 'trend')).toEqual([`trend:${idx(0, 6)}`]);
    expect(after([8, 9, 10, 11, 12, 13], mdc, 'trend')).toEqual([]);
    expect(after([8, 9, 10, 11, 12, 13], { ...mdc, trend: 6 }, 'trend')).toEqual([`trend:${idx(0, 5)}`]);
    // Falling, and the turning point belongs to both.
    expect(after([12, 11.5, 11, 10.5, 10, 9.5, 9], mdc, 'trend')).toEqual([`trend:${idx(0, 6)}`]);
    expect(after([8, 9, 10, 11, 12, 13, 14, 13, 12, 11, 10, 9, 8], mdc, 'trend')).toEqual([
      `trend:${idx(0, 6)}`,
      `trend:${idx(6, 12)}`,
    ]);
  });

  it('equal consecutive values break a trend', () => {
    expect(after([8, 9, 10, 10, 11, 12, 13, 14], mdc, 'trend')).toEqual([]);
    // After the repeat, 10 to 16 is seven points again.
    expect(after([8, 9, 10, 10, 11, 12, 13, 14, 15, 16], mdc, 'trend')).toEqual([`trend:${idx(3, 9)}`]);
  });

  it('a missing value breaks a trend in MDC (IHI skips it); an excluded point is stepped over', () => {
    const gap = [8, 9, 10, null, 11, 12, 13, 14];
    expect(after(gap, mdc, 'trend')).toEqual([]);
    expect(after(gap, { ...mdc, rules: 'ihi' }, 'trend')).toEqual([`trend:${[12, 13, 14, 16, 17, 18, 19].join(',')}`]);
    // The same week excluded (a snow day) instead of missing: the trend runs past it.
    const excluded = { ...mdc, exclude: [{ date: dateOf(15), reason: 'snow day' }] };
    expect(after([8, 9, 10, 2, 11, 12, 13, 14], excluded, 'trend')).toEqual([
      `trend:${[12, 13, 14, 16, 17, 18, 19].join(',')}`,
    ]);
  });

  it('the turning point of two trends belongs to both (endpoints included)', () => {
    const values = [5, 6, 5, 6, 5, 6, 1, 2, 3, 4, 5, 6, 7, 6, 5, 4, 3, 2, 1];
    const a = analyseSeries(series(values), { rules: 'mdc', type: 'i', screen: false });
    expect(a.signals.filter((s) => s.rule === 'trend').map((s) => `${s.side}:${s.points.join(',')}`)).toEqual([
      'high:6,7,8,9,10,11,12',
      'low:12,13,14,15,16,17,18',
    ]);
  });

  it('a trend crosses a phase boundary (MDC), but not in IHI', () => {
    const values = [...base, 8, 9, 10, 11, 12, 13, 14, 14, 14];
    const phased = { ...mdc, phases: [{ start: dateOf(15), label: 'new process' }] };
    const a = analyseSeries(series(values), phased);
    const trend = a.signals.find((s) => s.rule === 'trend');
    expect(trend?.points).toEqual([12, 13, 14, 15, 16, 17, 18]);
    // It belongs to the phase of its last point.
    expect(a.phases[1]!.signals.map((s) => s.rule)).toContain('trend');
    expect(signalsOf(values, { ...phased, rules: 'ihi' }, 'trend')).toEqual([]);
  });

  it('two of three beyond 2 sigma on one side, all three on that side', () => {
    expect(after([14, 12, 14], mdc, 'two-of-three')).toEqual(['two-of-three:12,14']);
    expect(after([14, 14, 12], mdc, 'two-of-three')).toEqual(['two-of-three:12,13']);
    expect(after([6, 6, 8], mdc, 'two-of-three')).toEqual(['two-of-three:12,13']);
    // The third point below the mean, or on it: no signal.
    expect(after([14, 9, 14], mdc, 'two-of-three')).toEqual([]);
    expect(after([14, 10, 14], mdc, 'two-of-three')).toEqual([]);
    // Only one beyond 2 sigma.
    expect(after([14, 12, 12], mdc, 'two-of-three')).toEqual([]);
  });

  it('points beyond the process limits count toward two of three (the November 2023 logic)', () => {
    expect(after([14, 16, 10.5], mdc)).toEqual(['two-of-three:12,13', 'beyond-limits:13']);
  });

  it('a missing value inside the three breaks two of three', () => {
    expect(after([14, null, 14], mdc, 'two-of-three')).toEqual([]);
  });

  it('on a run chart MDC applies shift and trend around the median', () => {
    // Median 5.5: the baseline's last 6 starts the run above it; the repeated 7s are no trend.
    expect(signalsOf([5, 6, 5, 6, 5, 6, 7, 7, 7, 7, 7, 7, 7], { rules: 'mdc', type: 'run', baseline: 6 })).toEqual([
      `shift:${[5, 6, 7, 8, 9, 10, 11, 12].join(',')}`,
    ]);
  });
});

describe('variation and assurance', () => {
  const base = [11, 9, 11, 9, 11, 9, 11, 9, 11, 9, 11, 9];
  const mdc: AnalysisOptions = { rules: 'mdc', type: 'i', baseline: 12 };
  const analysis = (tail: number[]) => analyseSeries(series([...base, ...tail]), mdc);

  it('the latest point in an upward shift: improvement when up is better, concern when down is, neither otherwise', () => {
    const a = analysis([12, 12, 12, 12, 12, 12, 12]);
    expect([variationOf(a, 'up'), variationOf(a, 'down'), variationOf(a, 'neither')]).toEqual([
      'improvement-high',
      'concern-high',
      'neither-high',
    ]);
    const low = analysis([8, 8, 8, 8, 8, 8, 8]);
    expect([variationOf(low, 'up'), variationOf(low, 'down'), variationOf(low, 'neither')]).toEqual([
      'concern-low',
      'improvement-low',
      'neither-low',
    ]);
  });

  it('common cause when the latest point is in no signal', () => {
    expect(variationOf(analysis([12, 12, 12, 12, 12, 12, 12, 9]), 'up')).toBe('common-cause');
    expect(variationOf(analyseSeries(series([null]), mdc), 'up')).toBeUndefined();
  });

  it('a point both improvement and concern: the measure says which wins', () => {
    // Seven points below the mean (a shift down) that rise seven times in a row (a trend up).
    const a = analysis([6, 6.5, 7, 7.5, 8, 8.5, 9]);
    expect(a.signals.map((s) => `${s.rule}:${s.side}`).sort()).toEqual(['shift:low', 'trend:high']);
    expect(variationOf(a, 'up', 'improvement')).toBe('improvement-high');
    expect(variationOf(a, 'up', 'concern')).toBe('concern-low');
  });

  it('assurance: the target against the latest process limits (a target on a limit passes or fails)', () => {
    const a = analysis([10, 11]); // limits 4.68 and 15.32
    expect([4, 4.68, 10, 15.32, 16].map((t) => assuranceOf(a, 'up', t))).toEqual([
      'pass',
      'pass',
      'hit-and-miss',
      'fail',
      'fail',
    ]);
    expect([4, 10, 15.32, 16].map((t) => assuranceOf(a, 'down', t))).toEqual(['fail', 'hit-and-miss', 'pass', 'pass']);
    expect(assuranceOf(a, 'neither', 10)).toBeUndefined();
    expect(assuranceOf(analyseSeries(series([1, 2, 3]), { rules: 'ihi', type: 'run' }), 'up', 2)).toBeUndefined();
  });
});

describe('summary (as qicharts2 summary())', () => {
  it('per part: points, useful, longest run and limit, crossings and minimum, runs signal, centre, limits, beyond', () => {
    const a = analyseSeries(series([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]), { rules: 'ihi', type: 'run' });
    expect(summarise(a)).toEqual([
      {
        part: 1,
        from: dateOf(0),
        to: dateOf(11),
        points: 12,
        useful: 12,
        longestRun: 6,
        longestRunLimit: 7,
        crossings: 1,
        minimumCrossings: 3,
        runsSignal: true,
        centre: 6.5,
        lower: null,
        upper: null,
        beyondLimits: 0,
        signals: 4,
      },
    ]);
  });

  it('counts missing rows as points but not as useful ones; one row per phase; average limits of a P chart', () => {
    const pts = ratios([5, 10, 8, 12], [50, 100, 100, 100]);
    pts.splice(2, 0, { date: '2025-01-16', value: null });
    const a = analyseSeries(pts, { rules: 'anhoej', type: 'p', phases: [{ start: '2025-01-16', label: 'after' }] });
    const rows = summarise(a);
    expect(rows.map((r) => [r.part, r.label, r.points, r.useful])).toEqual([
      [1, undefined, 2, 0],
      [2, 'after', 3, 2],
    ]);
    // Part 2: p-bar 0.1; limits at n = 100 (the missing row has none).
    const sigma = Math.sqrt(0.09 / 100);
    expect(rows[1]!.centre).toBeCloseTo(0.1, 12);
    expect(rows[1]!.upper).toBeCloseTo(0.1 + 3 * sigma, 12);
    expect(rows[1]!.lower).toBeCloseTo(0.1 - 3 * sigma, 12);
  });
});

describe('properties', () => {
  const value = fc.oneof(
    { weight: 6, arbitrary: fc.integer({ min: 0, max: 60 }) },
    { weight: 1, arbitrary: fc.constant(null) },
  );
  const typed = fc.constantFrom(...CHART_TYPES);
  const rules = fc.constantFrom(...RULE_SETS);
  /** Points for any chart type: a count with a denominator of 60 to 120 (values are ratios for P and U charts). */
  const pointsOf = (values: (number | null)[], ns: number[]): ChartPoint[] =>
    values.map((v, i) =>
      v === null
        ? { date: dateOf(i), value: null }
        : { date: dateOf(i), value: v / ns[i]!, count: v, denominator: ns[i]! },
    );

  it('adding a point never changes the centre or limits of earlier rows when the baseline is frozen', () => {
    fc.assert(
      fc.property(
        fc.array(value, { minLength: 2, maxLength: 40 }),
        fc.integer({ min: 1, max: 20 }),
        typed,
        rules,
        fc.boolean(),
        (vs, n, type, rs, screen) => {
          const ns = vs.map((_, i) => 60 + ((i * 37) % 61));
          const options: AnalysisOptions = {
            rules: rs,
            type,
            baseline: n,
            screen,
            phases: [{ start: dateOf(Math.floor(vs.length / 2)) }],
          };
          const pts = type === 'run' || type === 'i' || type === 'c' ? series(vs) : pointsOf(vs, ns);
          const before = analyseSeries(pts.slice(0, -1), options);
          const after = analyseSeries(pts, options);
          for (const [k, p] of before.phases.entries()) {
            const q = after.phases[k]!;
            if (p.baselineTo >= p.to && q.to > p.to) continue; // the phase's baseline was still open: it grows with the new row
            expect(Object.is(q.centre, p.centre) || q.centre === p.centre).toBe(true);
            expect(q.upper?.slice(0, p.to - p.from + 1)).toEqual(p.upper);
            expect(q.lower?.slice(0, p.to - p.from + 1)).toEqual(p.lower);
          }
        },
      ),
      { numRuns: 400, seed: 11 },
    );
  });

  it("P' limits do not depend on the size of the denominators: counts and denominators k times larger leave them unchanged", () => {
    // This is Laney's point: sigma_i shrinks by sqrt(k), the z-scores and so sigma_z grow by sqrt(k). (P chart limits would narrow.)
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: 50 }), { minLength: 3, maxLength: 30 }),
        fc.integer({ min: 2, max: 9 }),
        (counts, k) => {
          const ns = counts.map((_, i) => 100 + ((i * 13) % 40));
          const one = analyseSeries(ratios(counts, ns), { rules: 'anhoej', type: 'pp' }).phases[0]!;
          const many = analyseSeries(
            ratios(
              counts.map((c) => c * k),
              ns.map((n) => n * k),
            ),
            { rules: 'anhoej', type: 'pp' },
          ).phases[0]!;
          expect(many.centre).toBeCloseTo(one.centre, 12);
          many.upper!.forEach((u, i) => expect(u!).toBeCloseTo(one.upper![i]!, 9));
        },
      ),
      { numRuns: 200, seed: 5 },
    );
  });
});

// Properties any correct implementation has, whatever the data: the limits move with the units the
// data are written in, and the signals do not.
/** Every signal as rule, side and points: what a team is told. */
const told = (a: SeriesAnalysis) => a.signals.map((s) => `${s.rule}:${s.side ?? ''}:${s.points.join(',')}`);

/** Each phase's centre and limits, row by row, with a transform applied. */
function lines(a: SeriesAnalysis, f: (v: number) => number = (v) => v) {
  return a.phases.map((p) => ({
    centre: Number.isFinite(p.centre) ? f(p.centre) : p.centre,
    upper: p.upper?.map((v) => (v === null ? null : f(v))),
    lower: p.lower?.map((v) => (v === null ? null : f(v))),
  }));
}

function expectClose(actual: ReturnType<typeof lines>, expected: ReturnType<typeof lines>): void {
  expect(actual.length).toBe(expected.length);
  actual.forEach((p, k) => {
    const q = expected[k]!;
    if (Number.isFinite(q.centre)) expect(p.centre).toBeCloseTo(q.centre, 6);
    for (const side of ['upper', 'lower'] as const) {
      expect(p[side]?.length).toBe(q[side]?.length);
      p[side]?.forEach((v, i) => {
        const w = q[side]![i]!;
        if (w === null) expect(v).toBeNull();
        else expect(v!).toBeCloseTo(w, 6);
      });
    }
  });
}

const options = fc.record({
  rules: fc.constantFrom(...RULE_SETS),
  screen: fc.boolean(),
  baseline: fc.option(fc.integer({ min: 2, max: 20 }), { nil: undefined }),
  phased: fc.boolean(),
});

function analysisOptions(
  o: { rules: AnalysisOptions['rules']; screen: boolean; baseline?: number; phased: boolean },
  n: number,
  type: AnalysisOptions['type'],
): AnalysisOptions {
  return {
    rules: o.rules,
    type,
    screen: o.screen,
    ...(o.baseline !== undefined ? { baseline: o.baseline } : {}),
    ...(o.phased && n > 4 ? { phases: [{ start: dateOf(Math.floor(n / 2)) }] } : {}),
  };
}

describe('shift and scale: the units of the data change the numbers, never the signals', () => {
  const values = fc.array(
    fc.oneof({ weight: 8, arbitrary: fc.integer({ min: -40, max: 40 }) }, { weight: 1, arbitrary: fc.constant(null) }),
    {
      minLength: 2,
      maxLength: 50,
    },
  );

  it('I chart: a * x + b moves the centre and every limit to a * limit + b (a > 0) and leaves every signal as it was', () => {
    fc.assert(
      fc.property(
        values,
        options,
        fc.constantFrom(0.5, 2, 4, 10),
        fc.integer({ min: -500, max: 500 }),
        (vs, o, a, b) => {
          const opts = analysisOptions(o, vs.length, 'i');
          const before = analyseSeries(series(vs), opts);
          const after = analyseSeries(series(vs.map((v) => (v === null ? null : a * v + b))), opts);
          expect(told(after)).toEqual(told(before));
          expectClose(
            lines(after),
            lines(before, (v) => a * v + b),
          );
        },
      ),
      { numRuns: 300, seed: 21 },
    );
  });

  it('I chart: mirroring (x -> -x) swaps the limits and the sides of every signal', () => {
    fc.assert(
      fc.property(values, options, (vs, o) => {
        const opts = analysisOptions(o, vs.length, 'i');
        const before = analyseSeries(series(vs), opts);
        const after = analyseSeries(series(vs.map((v) => (v === null ? null : -v))), opts);
        const flip = (s: string) => s.replace(':high:', ':HIGH:').replace(':low:', ':high:').replace(':HIGH:', ':low:');
        expect(told(after)).toEqual(told(before).map(flip));
        const mirrored = lines(before, (v) => -v).map((p) => ({ ...p, upper: p.lower, lower: p.upper }));
        expectClose(lines(after), mirrored);
      }),
      { numRuns: 300, seed: 22 },
    );
  });

  it("U and U' charts: exposure in other units (per 1,000 days instead of per day) scales centre and limits, and no signal changes", () => {
    const counts = fc.array(fc.integer({ min: 0, max: 40 }), { minLength: 2, maxLength: 40 });
    fc.assert(
      fc.property(
        counts,
        options,
        fc.constantFrom('u' as const, 'up' as const),
        fc.constantFrom(0.25, 2, 8, 1000),
        (cs, o, type, k) => {
          const ns = cs.map((_, i) => 20 + ((i * 17) % 31));
          const pts = (unit: number): ChartPoint[] =>
            cs.map((c, i) => ({ date: dateOf(i), value: c / (ns[i]! * unit), count: c, denominator: ns[i]! * unit }));
          const opts = analysisOptions(o, cs.length, type);
          const before = analyseSeries(pts(1), opts);
          const after = analyseSeries(pts(k), opts);
          expect(told(after)).toEqual(told(before));
          expectClose(
            lines(after, (v) => v * k),
            lines(before),
          );
        },
      ),
      { numRuns: 300, seed: 23 },
    );
  });

  it('run chart: any increasing transform (here the cube) keeps the median point and every signal', () => {
    fc.assert(
      fc.property(values, options, (vs, o) => {
        const opts = analysisOptions(o, vs.length, 'run');
        expect(told(analyseSeries(series(vs.map((v) => (v === null ? null : v ** 3))), opts))).toEqual(
          told(analyseSeries(series(vs), opts)),
        );
      }),
      { numRuns: 300, seed: 24 },
    );
  });
});

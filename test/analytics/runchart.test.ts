import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { analyseSeries, type AnalysisOptions, type ChartPoint } from '../../server/src/core/analytics/runchart';
import {
  binomialLowerQuantile,
  longestRunLimit,
  minimumCrossings,
  runsLimits,
} from '../../server/src/core/analytics/stats';

/** Weekly points from a list of values (null = missing). */
function series(values: (number | null)[]): ChartPoint[] {
  return values.map((value, i) => ({ date: new Date(Date.UTC(2025, 0, 6 + 7 * i)).toISOString().slice(0, 10), value }));
}

const run: AnalysisOptions = { rules: 'ihi', type: 'run' };
const rulesOf = (values: (number | null)[], options: AnalysisOptions = run) =>
  analyseSeries(series(values), options).signals.map((s) => `${s.rule}:${s.points.join(',')}`);

describe('published answers', () => {
  it('NHS "Making Data Count" XmR example: mean 23.20, mean moving range 5.43, limits 37.64 and 8.76', () => {
    const values = [20, 24, 20, 26, 22, 16, 18, 16, 31, 28, 34, 26, 30, 19, 18];
    const [phase] = analyseSeries(series(values), { rules: 'ihi', type: 'i' }).phases;
    expect(phase!.centre.toFixed(2)).toBe('23.20');
    expect(phase!.averageMovingRange!.toFixed(2)).toBe('5.43');
    expect(phase!.upper![0]!.toFixed(2)).toBe('37.64');
    expect(phase!.lower![0]!.toFixed(2)).toBe('8.76');
  });

  it("Anhøj's n = 24: longest run limit 8, minimum crossings 8", () => {
    expect(longestRunLimit(24)).toBe(8);
    expect(minimumCrossings(24)).toBe(8);
  });

  it('Anhøj limits for other n, as tabulated by Anhøj (2014)', () => {
    // n: [longest run limit, minimum crossings]
    const table: Record<number, [number, number]> = {
      10: [6, 2],
      11: [6, 2],
      12: [7, 3],
      13: [7, 3],
      14: [7, 4],
      15: [7, 4],
      16: [7, 4],
      17: [7, 5],
      18: [7, 5],
      19: [7, 6],
      20: [7, 6],
      30: [8, 10],
      40: [8, 14],
      50: [9, 19],
      60: [9, 23],
      100: [10, 41],
    };
    for (const [n, [run, cross]] of Object.entries(table))
      expect([Number(n), longestRunLimit(Number(n)), minimumCrossings(Number(n))]).toEqual([Number(n), run, cross]);
  });

  it('qbinom(0.05, n, 0.5) as R computes it', () => {
    expect([binomialLowerQuantile(9), binomialLowerQuantile(23), binomialLowerQuantile(99)]).toEqual([2, 8, 41]);
  });

  it('the runs table (exact distribution, 2.5% each tail) at the published points', () => {
    expect(runsLimits(10)).toEqual({ lower: 3, upper: 9 });
    expect(runsLimits(24)).toEqual({ lower: 8, upper: 18 });
    expect(runsLimits(30)).toEqual({ lower: 11, upper: 21 });
  });
});

describe('IHI rules', () => {
  it('a shift is 6 points on one side; points on the median neither add to nor break it', () => {
    // median of the baseline (first 8) is 5; points 8..13 above with one on the median at 10.
    const values = [4, 6, 4, 6, 4, 6, 4, 6, 7, 8, 5, 9, 7, 8, 6];
    const signals = analyseSeries(series(values), { ...run, baseline: 8 }).signals.filter((s) => s.rule === 'shift');
    expect(signals.map((s) => s.points)).toEqual([[7, 8, 9, 10, 11, 12, 13, 14]]);
    // 5 above, then one on the median, then nothing: no shift.
    expect(
      rulesOf([4, 6, 4, 6, 4, 6, 7, 8, 5, 9, 7], { ...run, baseline: 6 }).filter((s) => s.startsWith('shift')),
    ).toEqual([]);
  });

  it('a trend is 5 points all rising or falling; repeated values neither add to nor break it', () => {
    expect(rulesOf([1, 2, 3, 4, 5]).filter((s) => s.startsWith('trend'))).toEqual(['trend:0,1,2,3,4']);
    // 1,2,2,3,4: the repeat does not count, so only 4 points.
    expect(rulesOf([1, 2, 2, 3, 4]).filter((s) => s.startsWith('trend'))).toEqual([]);
    // 1,2,2,3,4,5: 5 distinct rising points, the repeat inside the span.
    expect(rulesOf([1, 2, 2, 3, 4, 5]).filter((s) => s.startsWith('trend'))).toEqual(['trend:0,1,2,3,4,5']);
    expect(rulesOf([9, 7, 5, 3, 1, 2]).filter((s) => s.startsWith('trend'))).toEqual(['trend:0,1,2,3,4']);
  });

  it('skips missing values: they are neither zero nor a break', () => {
    expect(rulesOf([1, 2, null, 3, 4, 5]).filter((s) => s.startsWith('trend'))).toEqual(['trend:0,1,3,4,5']);
    const [phase] = analyseSeries(series([3, null, 1, 2]), run).phases;
    expect(phase!.centre).toBe(2);
  });

  it('flags too few runs from the table', () => {
    // 10 below then 10 above: 2 runs in 20 useful observations (the table says fewer than 7 is too few).
    const values = [...Array(10).fill(1), ...Array(10).fill(3)] as number[];
    const signals = analyseSeries(series(values), run).signals;
    expect(signals.find((s) => s.rule === 'too-few-runs')?.message).toBe(
      'too few runs: 2 runs in 20 useful observations (fewer than 7)',
    );
    // Alternating: 20 runs in 20 (more than 15 is too many).
    expect(
      analyseSeries(series(Array.from({ length: 20 }, (_, i) => (i % 2 ? 3 : 1))), run).signals.map((s) => s.rule),
    ).toContain('too-many-runs');
  });

  it('marks astronomical points the team named', () => {
    const values = [5, 6, 5, 6, 40, 5];
    const options = { ...run, astronomical: [series(values)[4]!.date] };
    expect(rulesOf(values, options)).toContain('astronomical:4');
  });
});

describe('Anhøj rules', () => {
  const anhoej: AnalysisOptions = { rules: 'anhoej', type: 'run' };
  it('flags a run longer than round(log2(n)) + 3 and too few crossings', () => {
    // 16 useful observations (median 5): 8 below, then 8 above. Limit round(log2 16) + 3 = 7; minimum crossings 4.
    const values = [1, 2, 1, 2, 1, 2, 1, 2, 8, 9, 8, 9, 8, 9, 8, 9];
    const a = analyseSeries(series(values), anhoej);
    expect(a.phases[0]!.stats).toMatchObject({
      useful: 16,
      longestRun: 8,
      crossings: 1,
      longestRunLimit: 7,
      minimumCrossings: 4,
    });
    expect(a.signals.map((s) => s.rule)).toEqual(['longest-run', 'longest-run', 'too-few-crossings']);
  });

  it('leaves points on the median out of n', () => {
    const a = analyseSeries(series([1, 2, 3, 2, 1, 3, 2]), anhoej);
    expect(a.phases[0]!.centre).toBe(2);
    expect(a.phases[0]!.stats.useful).toBe(4);
  });
});

describe('phases and baselines', () => {
  it('freezes the centre on the baseline and starts a new centre at a named phase', () => {
    const values = [10, 12, 11, 13, 20, 21, 22, 23, 30, 31, 29, 30];
    const a = analyseSeries(series(values), {
      ...run,
      baseline: 4,
      phases: [{ start: series(values)[8]!.date, label: 'after adoption' }],
    });
    expect(a.phases.map((p) => [p.from, p.to, p.baselineTo, p.centre, p.label])).toEqual([
      [0, 7, 3, 11.5, undefined],
      [8, 11, 11, 30, 'after adoption'],
    ]);
    // 11, 13, 20, 21, 22, 23 rise six times in a row: a trend in the first phase, none in the second.
    expect(a.phases.map((p) => p.signals.map((s) => s.rule))).toEqual([['trend'], []]);
  });

  it('takes a baseline up to a date', () => {
    const pts = series([1, 2, 3, 10, 11]);
    expect(analyseSeries(pts, { ...run, baseline: pts[2]!.date }).phases[0]!.centre).toBe(2);
  });
});

describe('P chart', () => {
  it('centre = total count / total denominator, limits per point from its denominator', () => {
    const points: ChartPoint[] = [
      { date: '2025-01-06', value: 0.1, count: 10, denominator: 100 },
      { date: '2025-01-13', value: 0.2, count: 20, denominator: 100 },
      { date: '2025-01-20', value: 0.6, count: 30, denominator: 50 },
    ];
    const [phase] = analyseSeries(points, { rules: 'anhoej', type: 'p' }).phases;
    expect(phase!.centre).toBe(0.24);
    const sigma100 = Math.sqrt((0.24 * 0.76) / 100);
    expect(phase!.upper![0]).toBeCloseTo(0.24 + 3 * sigma100, 12);
    expect(phase!.lower![0]).toBeCloseTo(0.24 - 3 * sigma100, 12);
    // 0.10 is under its lower limit (0.112 at n = 100), 0.60 over its upper one.
    expect(phase!.signals.filter((s) => s.rule === 'beyond-limits').map((s) => s.points)).toEqual([[0], [2]]);
  });
});

describe('properties', () => {
  const values = fc.array(fc.oneof(fc.integer({ min: -50, max: 50 }), fc.constant(null)), {
    minLength: 1,
    maxLength: 60,
  });
  const options = fc.record({
    rules: fc.constantFrom('ihi' as const, 'anhoej' as const, 'mdc' as const),
    type: fc.constantFrom('run' as const, 'i' as const),
    screen: fc.boolean(),
  });

  it('shifting every value by a constant moves the centre by it and changes no signal', () => {
    fc.assert(
      fc.property(values, options, fc.integer({ min: -1000, max: 1000 }), (vs, opts, k) => {
        const a = analyseSeries(series(vs), opts);
        const b = analyseSeries(series(vs.map((v) => (v === null ? null : v + k))), opts);
        expect(b.signals).toEqual(
          a.signals.map((s) => ({
            ...s,
            message:
              b.signals.find((t) => t.rule === s.rule && t.points.join() === s.points.join())?.message ?? s.message,
          })),
        );
        a.phases.forEach((p, i) => {
          if (Number.isFinite(p.centre)) expect(b.phases[i]!.centre).toBeCloseTo(p.centre + k, 9);
        });
      }),
      { numRuns: 300, seed: 42 },
    );
  });

  it('scaling by a positive constant changes no signal; mirroring swaps rising and falling', () => {
    fc.assert(
      fc.property(values, options, (vs, opts) => {
        const rules = (xs: (number | null)[]) =>
          analyseSeries(series(xs), opts).signals.map((s) => `${s.rule}:${s.points.join(',')}`);
        expect(rules(vs.map((v) => (v === null ? null : v * 3)))).toEqual(rules(vs));
        expect(rules(vs.map((v) => (v === null ? null : -v)))).toEqual(rules(vs));
      }),
      { numRuns: 300, seed: 7 },
    );
  });

  it('runs = crossings + 1 whenever there are useful points', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 20 }), { minLength: 1, maxLength: 80 }), (vs) => {
        const [phase] = analyseSeries(series(vs), run).phases;
        if (phase!.stats.useful > 0) expect(phase!.stats.runs).toBe(phase!.stats.crossings + 1);
        else expect([phase!.stats.runs, phase!.stats.crossings]).toEqual([0, 0]);
      }),
      { numRuns: 300, seed: 3 },
    );
  });
});

// Properties of the control charts that any correct implementation has, whatever the data: the
// limits move with the units the data are written in, and the signals do not.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  analyseSeries,
  RULE_SETS,
  type AnalysisOptions,
  type ChartPoint,
} from '../../server/src/core/analytics/runchart';
import type { SeriesAnalysis } from '../../server/src/core/analytics/types';

/** Weekly dates from 2025-01-06. */
const dateOf = (i: number) => new Date(Date.UTC(2025, 0, 6 + 7 * i)).toISOString().slice(0, 10);
const series = (values: (number | null)[]): ChartPoint[] => values.map((value, i) => ({ date: dateOf(i), value }));

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

import { describe, expect, it } from 'vitest';
import { buildChart } from '../../server/src/core/analytics/model';
import { describeChart } from '../../server/src/core/render/runchart-svg';
import { groupLabel, readableDate, summariseSignals } from '../../server/src/core/render/signal-text';
import { exampleWorkspace } from './fixtures';

describe('signals in plain language', () => {
  const ws = exampleWorkspace();

  it('names falling chronic absence (better: down) as improvement, with the group and dates', () => {
    const signals = summariseSignals(buildChart(ws, { measure: 'chronic-absence' }));
    const shift = signals.find((s) => s.rule === 'shift' && s.group === 'students-with-disabilities');
    expect(shift).toMatchObject({ direction: 'improvement', groupName: 'Students with disabilities' });
    expect(shift!.headline).toMatch(/^Improvement: Students with disabilities, \d+ \w{3} 2026 to \d+ \w{3} 2026$/);
    expect(shift!.detail).toMatch(/^\d+ points in a row below the median \(shift\)$/);
    expect(shift!.meaning).toMatch(/^A shift: 6 or more points/);
  });

  it('names rising greeting (better: up) as improvement and says "mean" on an I chart', () => {
    const run = summariseSignals(buildChart(ws, { measure: 'greeted-by-name' }));
    expect(run.length).toBeGreaterThan(0);
    for (const s of run.filter((x) => x.rule === 'shift' || x.rule === 'trend'))
      expect(s.direction, s.detail).toBe(
        s.detail.includes('below') || s.detail.includes('falling') ? 'concern' : 'improvement',
      );
    const i = summariseSignals(buildChart(ws, { measure: 'greeted-by-name', type: 'i' }));
    expect(i.filter((s) => s.rule === 'shift').every((s) => s.detail.includes('the mean'))).toBe(true);
    expect(describeChart(buildChart(ws, { measure: 'greeted-by-name', type: 'i' }))).toMatch(
      /^I chart \(XmR\) of .*: \d+ values .* mean /,
    );
  });

  it('turns the same shift into a concern when lower is worse', () => {
    const model = buildChart(ws, { measure: 'chronic-absence' });
    const flipped = { ...model, measure: { ...model.measure, better: 'up' as const } };
    expect(summariseSignals(flipped).find((s) => s.rule === 'shift')!.direction).toBe('concern');
  });

  it('reads dates and group ids as people write them', () => {
    expect(readableDate('2026-06-05')).toBe('5 Jun 2026');
    expect(groupLabel('students-with-disabilities')).toBe('Students with disabilities');
    expect(groupLabel('all')).toBe('values');
  });
});

import { describe, expect, it } from 'vitest';
import { buildChart } from '../../server/src/core/analytics/model';
import { FACTORS, workspaceOf } from '../helpers';

/** The example factors file with the measure's data and chart settings replaced. */
function factors(data: (number | null)[], chart = '', better = 'down'): string {
  const points = data
    .map((v, i) => `      - [${new Date(Date.UTC(2025, 8, 1 + 7 * i)).toISOString().slice(0, 10)}, ${v}]`)
    .join('\n');
  return FACTORS.replace('    better: down\n', `    better: ${better}\n`).replace(
    '    data:\n      - [2025-09-01, 30]\n      - [2025-09-08, 29]\n',
    `    data:\n${points}\n${chart}`,
  );
}

const base = [31, 29, 31, 29, 31, 29, 31, 29, 31, 29, 31, 29];

describe('chart model', () => {
  it('takes the rules from the request, else the measure, else pdsa.config.yaml, else IHI', () => {
    const files = {
      'focus.factors.yaml': factors(base),
      'pdsa.config.yaml': 'version: 1\nchart: {rules: mdc, shift: 6}\n',
    };
    expect(buildChart(workspaceOf(files), { measure: 'absence' })).toMatchObject({
      rules: 'mdc',
      type: 'run',
      centreLine: 'median',
      settings: { screen: false, shift: 6, trend: 7, conflict: 'improvement' },
    });
    const own = { ...files, 'focus.factors.yaml': factors(base, '    chart: {rules: anhoej, type: i}\n') };
    expect(buildChart(workspaceOf(own), { measure: 'absence' })).toMatchObject({
      rules: 'anhoej',
      type: 'i',
      centreLine: 'mean',
      settings: { screen: true },
    });
    expect(buildChart(workspaceOf(own), { measure: 'absence', rules: 'ihi' }).rules).toBe('ihi');
    expect(buildChart(workspaceOf({ 'focus.factors.yaml': factors(base) }), { measure: 'absence' }).rules).toBe('ihi');
  });

  it('reports variation, assurance against the target and the summary for each group', () => {
    // Better down, target 20: the limits (30 +/- 5.32) sit above it, so the process consistently fails it.
    const ws = workspaceOf({
      'focus.factors.yaml': factors(
        [...base, 26, 26, 26, 26, 26, 26, 26],
        '    chart: {type: i, rules: mdc, baseline: 12}\n',
      ),
    });
    const [group] = buildChart(ws, { measure: 'absence' }).groups;
    expect(group).toMatchObject({ group: 'all', variation: 'improvement-low', assurance: 'fail', target: 20 });
    expect(group!.summary).toHaveLength(1);
    expect(group!.summary![0]).toMatchObject({ points: 19, useful: 19, centre: 30 });
  });

  it('neither: a measure with no better direction has variation but no assurance', () => {
    const ws = workspaceOf({
      'focus.factors.yaml': factors(
        [...base, 26, 26, 26, 26, 26, 26, 26],
        '    chart: {type: i, rules: mdc, baseline: 12}\n',
        'neither',
      ),
    });
    const [group] = buildChart(ws, { measure: 'absence' }).groups;
    expect(group!.variation).toBe('neither-low');
    expect(group!.assurance).toBeUndefined();
  });

  it('excludes points with a reason: still in the model, out of the calculations', () => {
    const chart = '    chart:\n      type: i\n      exclude:\n        - {date: 2025-09-15, reason: Snow day}\n';
    const ws = workspaceOf({ 'focus.factors.yaml': factors([30, 30, 90, 30], chart) });
    expect(ws.diagnostics('file:///ws/focus.factors.yaml')).toEqual([]);
    const [group] = buildChart(ws, { measure: 'absence' }).groups;
    expect(group!.analysis.points[2]).toMatchObject({ value: 90, excluded: 'Snow day' });
    expect(group!.analysis.phases[0]!.centre).toBe(30);
  });

  it('C charts plot counts; U charts need a denominator', () => {
    const ws = workspaceOf({
      'focus.factors.yaml': FACTORS.replace('      - [2025-09-08, 29]\n', '      - [2025-09-08, 6, 200]\n'),
    });
    expect(buildChart(ws, { measure: 'absence', type: 'c' }).groups[0]!.analysis.points.map((p) => p.value)).toEqual([
      30, 6,
    ]);
    expect(buildChart(ws, { measure: 'absence', type: 'u' }).groups[0]!.analysis.points.map((p) => p.value)).toEqual([
      null,
      0.03,
    ]);
  });

  it('rejects settings out of range with a diagnostic at their place', () => {
    const ws = workspaceOf({
      'focus.factors.yaml': factors(base, '    chart: {rules: nhs, shift: 9}\n'),
      'pdsa.config.yaml': 'version: 1\nchart: {trend: 5}\n',
    });
    expect(ws.diagnostics('file:///ws/focus.factors.yaml').map((d) => d.code)).toEqual([
      'invalid-value',
      'invalid-value',
    ]);
    expect(ws.diagnostics('file:///ws/pdsa.config.yaml').map((d) => d.code)).toEqual(['invalid-value']);
  });
});

import { describe, expect, it } from 'vitest';
import { buildChart } from '../../server/src/core/analytics/model';
import { buildDashboard, collaboratives } from '../../server/src/core/collab/dashboard';
import { renderReport } from '../../server/src/core/render/collab-report';
import { summaryJson, summaryMarkdown, summaryText } from '../../server/src/core/render/collab-summary';
import { assuranceIcon, variationIcon } from '../../server/src/core/render/status-icons';
import { workspaceOf } from '../helpers';
import { collabFiles, teamFactors } from './fixture';

// North charts chronic absence as a P chart with a target: its own chart judges assurance. South keeps
// the default run chart, where there are no process limits to judge a target by.
const points = [12, 13, 11, 12, 14, 12, 13, 11, 12, 13, 12, 11]
  .map((c, i) => `      - [2026-${String(1 + i).padStart(2, '0')}-05, ${c}, 40]`)
  .join('\n');
const north = teamFactors('north', { points })
  .replace('    better: down\n', '    better: down\n    chart: {type: p}\n')
  .replace(
    'measures:\n',
    'targets:\n  - {id: T-north, kind: smartie, statement: Cut chronic absence, measure: absence, target: {value: 5, date: 2027-06-30}}\nmeasures:\n',
  );
const ws = workspaceOf(collabFiles({ 'teams/north/north.factors.yaml': north }));
const d = buildDashboard(ws, collaboratives(ws)[0]!.uri);
const cell = (team: string) => d.cells.find((c) => c.team === team && c.measure === 'absence')!;

describe("variation and assurance on the dashboard, from each team's own chart", () => {
  it('takes the chart type the team chose, and its assurance; states stay on run charts', () => {
    const own = buildChart(ws, { measure: 'absence', from: 'file:///ws/teams/north/north.factors.yaml' });
    expect(own.type).toBe('p');
    expect(cell('north').status).toMatchObject({ type: 'p', rules: 'ihi' });
    expect(cell('north').status!.groups).toEqual([
      expect.objectContaining({ group: 'all', variation: own.groups[0]!.variation, assurance: 'fail', target: 0.05 }),
    ]);
    expect(cell('north').series[0]!.centres.length).toBeGreaterThan(0);
    expect(cell('south').status).toMatchObject({ type: 'run' });
    expect(cell('south').status!.groups.every((g) => g.assurance === undefined)).toBe(true);
  });

  it('pdsa summary lists every team, measure and group with its variation and assurance', () => {
    const text = summaryText(d);
    expect(text).toContain('Variation and assurance at the latest point:');
    expect(text).toMatch(
      /North Elementary\s+Chronic absence\s+everyone\s+P chart\s+common cause variation\s+consistently fails the target \(0\.05\)/,
    );
    expect(text).toMatch(/South Elementary\s+Chronic absence\s+everyone\s+Run chart\s+\S.*\s+no target/);
    expect(summaryMarkdown(d)).toContain(
      '| North Elementary | Chronic absence | everyone | P chart | common cause variation | consistently fails the target (0.05) |',
    );
    const json = summaryJson(d) as { teams: { id: string; measures: Record<string, { groups: unknown[] }> }[] };
    expect(json.teams.find((t) => t.id === 'north')!.measures['absence']!.groups).toEqual([
      { group: 'all', variation: 'common-cause', assurance: 'fail', target: 0.05 },
    ]);
  });

  it("pdsa report draws each team's icons under its small multiple", () => {
    const html = renderReport(ws, d);
    expect(html).toContain(
      `<span class="status-icons-group" title="everyone">${variationIcon('common-cause', 18)}${assuranceIcon('fail', 18)}</span>`,
    );
  });
});

import { describe, expect, it } from 'vitest';
import { buildChart } from '../../server/src/core/analytics/model';
import { buildDriverModel } from '../../server/src/core/analytics/drivers';
import { completions } from '../../server/src/core/service/completion';
import { hover } from '../../server/src/core/service/hover';
import { definition, references } from '../../server/src/core/service/navigation';
import { TODAY, workspaceOf } from '../helpers';
import { collabFiles, teamCycle, teamFactors } from './fixture';

const uri = (name: string) => `file:///ws/${name}`;

describe('editor services in a collaborative', () => {
  const ws = workspaceOf(
    collabFiles({
      'teams/south/south.factors.yaml': teamFactors('south', { pkg: '' }),
      'teams/south/c2.pdsa.yaml': teamCycle('c2', {
        previous: 'c1',
        start: '2026-11-03',
        end: '2026-11-20',
        data: '      - [2026-11-13, 75]',
      }),
    }),
  );

  it('goes to the definition in the same team, and to the change package from a strategy', () => {
    // Line 4 of a cycle is "strategy: S-greeters".
    expect(definition(ws, uri('teams/north/c1.pdsa.yaml'), { line: 3, character: 12 })).toEqual([
      {
        uri: uri('teams/north/north.factors.yaml'),
        range: { start: { line: 21, character: 8 }, end: { line: 21, character: 18 } },
      },
    ]);
    // Line 26 of north's factors file is "    package: P-greeters".
    expect(
      definition(ws, uri('teams/north/north.factors.yaml'), { line: 25, character: 16 }).map((l) => l.uri),
    ).toEqual([uri('net.collaborative.yaml')]);
    expect(hover(ws, uri('teams/north/north.factors.yaml'), { line: 25, character: 16 })?.contents).toMatchObject({
      value: expect.stringContaining('**change-package idea** `P-greeters`: Greeters at every entrance'),
    });
  });

  it('finds references within the team only', () => {
    const refs = references(ws, uri('teams/south/c2.pdsa.yaml'), { line: 3, character: 12 }, false)
      .map((l) => l.uri)
      .sort();
    expect(refs).toEqual([uri('teams/south/c1.pdsa.yaml'), uri('teams/south/c2.pdsa.yaml')]);
  });

  it("completes change-package ideas after package:, and only the team's own strategies", () => {
    const south = ws.worksheet(uri('teams/south/south.factors.yaml'))!.parsed.text.split('\n');
    const line = south.findIndex((l) => l.startsWith('    package:'));
    const items = completions(
      ws,
      uri('teams/south/south.factors.yaml'),
      { line, character: south[line]!.length },
      TODAY,
    ).map((i) => i.label);
    expect(items).toEqual(expect.arrayContaining(['P-greeters', 'P-check-in']));
    expect(items).not.toContain('S-greeters');
  });

  it("charts a team's own data for a common measure, and its diagram shows its own cycles", () => {
    const north = buildChart(ws, { measure: 'greeted', from: uri('teams/north/north.factors.yaml') });
    const south = buildChart(ws, { measure: 'absence', from: uri('teams/south/c2.pdsa.yaml') });
    expect(south.measure.uri).toBe(uri('teams/south/south.factors.yaml'));
    expect(south.groups[0]!.analysis.points.map((p) => p.count)).toEqual([12, 11]);
    // North reports "greeted" only in its cycles: the common definition, north's data, north's cycle.
    expect(north.measure).toMatchObject({ uri: uri('net.collaborative.yaml'), name: 'Greeted by name', unit: '%' });
    expect(north.groups[0]!.analysis.points.map((p) => [p.date, p.value])).toEqual([['2026-09-10', 80]]);
    expect(north.cycles.map((c) => c.uri)).toEqual([uri('teams/north/c1.pdsa.yaml')]);
    const diagram = buildDriverModel(ws, uri('teams/south/south.factors.yaml'));
    expect(diagram.nodes.find((n) => n.id === 'S-greeters')?.cycles?.count).toBe(2);
  });
});

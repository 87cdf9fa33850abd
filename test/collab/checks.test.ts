import { describe, expect, it } from 'vitest';
import { rangeText, workspaceOf } from '../helpers';
import { COLLAB, collabFiles, teamCycle, teamFactors, textAt } from './fixture';

const uri = (name: string) => `file:///ws/${name}`;

/** Each diagnostic as "code range text" for one file. */
function found(files: Record<string, string>, name: string): string[] {
  const ws = workspaceOf(files);
  return ws.diagnostics(uri(name)).map((d) => `${d.code} ${rangeText(d.range)} ${textAt(ws, name, d.range)}`);
}

describe('collaborative model and scopes', () => {
  it('lets every team use its own ids and report common measures under their ids', () => {
    const files = collabFiles();
    const ws = workspaceOf(files);
    for (const name of Object.keys(files))
      if (name !== 'net.collaborative.yaml') expect(ws.diagnostics(uri(name)), name).toEqual([]);
    // Each team sees its own strategy and the collaborative's ideas and measures, not the other team's.
    expect(ws.definitions('S-greeters', uri('teams/north/c1.pdsa.yaml')).map((d) => d.uri)).toEqual([
      uri('teams/north/north.factors.yaml'),
    ]);
    expect(
      ws
        .definitions('absence', uri('teams/south/c1.pdsa.yaml'))
        .map((d) => d.uri)
        .sort(),
    ).toEqual([uri('net.collaborative.yaml'), uri('teams/south/south.factors.yaml')]);
    expect(ws.definitions('P-greeters', uri('teams/south/south.factors.yaml'))).toHaveLength(1);
    expect(ws.references('S-greeters', uri('teams/north/north.factors.yaml')).map((r) => r.uri)).toEqual([
      uri('teams/north/c1.pdsa.yaml'),
    ]);
    // Without a collaborative file the same files clash as before: ids are unique across a single-team workspace.
    const flat = workspaceOf({ ...collabFiles(), 'net.collaborative.yaml': '' });
    expect(flat.diagnostics(uri('teams/north/c1.pdsa.yaml')).map((d) => d.code)).toContain('duplicate-id');
  });

  it('still reports an id defined twice within one team, and a team id shadowing a change-package idea', () => {
    const north = teamFactors('north')
      .replace('  - id: F1\n', '  - id: S-greeters\n')
      .replace('addresses: [F1]', 'addresses: [S-greeters]');
    expect(
      found(collabFiles({ 'teams/north/north.factors.yaml': north }), 'teams/north/north.factors.yaml').filter((d) =>
        d.startsWith('duplicate-id'),
      ),
    ).toEqual(['duplicate-id 16:9-16:19 S-greeters', 'duplicate-id 22:9-22:19 S-greeters']);
    const shadow = teamFactors('north').replace('  - id: S-greeters\n', '  - id: P-check-in\n');
    expect(
      found(collabFiles({ 'teams/north/north.factors.yaml': shadow }), 'teams/north/north.factors.yaml'),
    ).toContain('duplicate-id 22:9-22:19 P-check-in');
  });

  it('validates the collaborative file: months, scores in halves, team references', () => {
    const bad = COLLAB.replace('{month: 2026-08, self: 2.0', '{month: 2026-13, self: 2.3').replace(
      '  south:\n',
      '  sout:\n',
    );
    expect(found(collabFiles({ 'net.collaborative.yaml': bad }), 'net.collaborative.yaml')).toEqual([
      'invalid-date 39:15-39:22 2026-13',
      'invalid-value 39:30-39:33 2.3',
      'unknown-reference 42:3-42:7 sout',
    ]);
  });
});

describe('cross-team checks', () => {
  it('flags a strategy naming an unknown change-package idea, with the nearest one', () => {
    const ws = workspaceOf(
      collabFiles({ 'teams/north/north.factors.yaml': teamFactors('north', { pkg: 'P-greeter' }) }),
    );
    const d = ws.diagnostics(uri('teams/north/north.factors.yaml'));
    expect(d.map((x) => `${x.code} ${rangeText(x.range)} ${x.severity}`)).toEqual([
      'unknown-package-idea 26:14-26:23 warning',
    ]);
    expect(d[0]!.message).toBe('no change-package idea "P-greeter" in the collaborative: did you mean "P-greeters"?');
    expect(d[0]!.suggestion?.newText).toBe('P-greeters');
  });

  it('flags a team that redefines a common measure: unit, kind, denominator in its data or its cycles', () => {
    const north = teamFactors('north', {
      unit: 'students',
      points: '      - [2026-09-04, 12, 40]\n      - [2026-10-02, 11]',
    }).replace('kind: outcome', 'kind: process');
    const files = collabFiles({
      'teams/north/north.factors.yaml': north,
      'teams/north/c1.pdsa.yaml': teamCycle('c1', { data: '      - [2026-09-10, 80]\n      - [2026-09-17, 41, 50]' }),
    });
    expect(found(files, 'teams/north/north.factors.yaml')).toEqual([
      'common-measure-redefined 9:11-9:21 "students"',
      'common-measure-redefined 10:11-10:18 process',
      'common-measure-redefined 14:9-14:25 [2026-10-02, 11]',
    ]);
    expect(found(files, 'teams/north/c1.pdsa.yaml')).toEqual([
      'common-measure-redefined 15:9-15:29 [2026-09-17, 41, 50]',
    ]);
  });

  it('flags a team that sent no data for a common measure in the last action period, not a team that joined later', () => {
    const north = teamFactors('north', { points: '      - [2026-08-14, 12, 40]' });
    const files = collabFiles({ 'teams/north/north.factors.yaml': north });
    expect(found(files, 'net.collaborative.yaml').filter((d) => d.startsWith('common-measure-no-data'))).toEqual([
      'common-measure-no-data 6:9-6:14 north',
    ]);
    const ws = workspaceOf(files);
    expect(
      ws.diagnostics(uri('net.collaborative.yaml')).find((d) => d.code === 'common-measure-no-data')!.message,
    ).toBe('team "north" sent no data for "absence" in AP1 (2026-08-24 to 2026-10-30)');
    // Before AP1 ended there is nothing to ask for.
    expect(
      workspaceOf(files, '2026-10-15')
        .diagnostics(uri('net.collaborative.yaml'))
        .map((d) => d.code),
    ).not.toContain('common-measure-no-data');
  });

  it('flags self and faculty scores 1 or more apart, and a score flat for 3 consecutive months', () => {
    expect(found(collabFiles(), 'net.collaborative.yaml')).toEqual([
      'assessment-disagreement 40:7-40:83 {month: 2026-09, self: 3.0, faculty: 2.0, note: Greeters tested at one door}',
      'assessment-flat 41:7-41:48 {month: 2026-10, self: 2.5, faculty: 2.0}',
    ]);
    // A gap in the months is not three months of the same score.
    const gap = COLLAB.replace('{month: 2026-08, self: 2.0', '{month: 2026-07, self: 2.0');
    expect(
      found(collabFiles({ 'net.collaborative.yaml': gap }), 'net.collaborative.yaml').map((d) => d.split(' ')[0]),
    ).toEqual(['assessment-disagreement']);
  });

  it('is configured like the coaching checks', () => {
    const files = collabFiles({
      'pdsa.config.yaml': 'version: 1\nchecks:\n  assessment-flat: off\n  assessment-disagreement: warning\n',
    });
    const ws = workspaceOf(files);
    expect(ws.diagnostics(uri('net.collaborative.yaml')).map((d) => `${d.code} ${d.severity}`)).toEqual([
      'assessment-disagreement warning',
    ]);
  });

  it("re-checks the collaborative when a team's data changes, and re-scopes when teams move", () => {
    const ws = workspaceOf(collabFiles());
    ws.takeChanges();
    ws.setWorksheet(
      uri('teams/north/north.factors.yaml'),
      teamFactors('north', { points: '      - [2026-08-14, 12, 40]' }),
    );
    const changed = ws.takeChanges();
    expect(changed.get(uri('net.collaborative.yaml'))?.map((d) => d.code)).toContain('common-measure-no-data');
    // Moving south's folder out of the way puts its files at the collaborative level, where its ids clash with nothing but its cycle misses its strategy.
    ws.setWorksheet(uri('net.collaborative.yaml'), COLLAB.replace('folder: teams/south', 'folder: elsewhere/south'));
    expect(ws.diagnostics(uri('teams/south/c1.pdsa.yaml')).map((d) => d.code)).toEqual([]);
    expect(ws.scopeOf(uri('teams/south/c1.pdsa.yaml'))).toBe(uri('net.collaborative.yaml'));
  });
});

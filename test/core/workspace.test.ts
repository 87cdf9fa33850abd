import { describe, expect, it } from 'vitest';
import { Workspace } from '../../server/src/core/workspace';
import { FACTORS, TODAY, cycle, diagnosticsOf, workspaceOf } from '../helpers';

const uri = (name: string) => `file:///ws/${name}`;

function threeCycles(): Workspace {
  const ws = workspaceOf({
    'focus.factors.yaml': FACTORS,
    'a.pdsa.yaml': cycle('a', '', { decision: 'adapt' }),
    'b.pdsa.yaml': cycle('b', '', { previous: 'a' }),
    'other.pdsa.yaml': cycle('other'),
  });
  ws.takeChanges();
  return ws;
}

describe('workspace index', () => {
  it('indexes every id with its kind, file and range', () => {
    const ws = threeCycles();
    const s1 = ws.definitions('S1');
    expect(s1).toHaveLength(1);
    expect(s1[0]).toMatchObject({
      kind: 'strategy',
      uri: uri('focus.factors.yaml'),
      title: 'Greeters',
      range: { start: { line: 34, character: 8 } },
    });
    expect(
      ws
        .references('S1')
        .map((r) => r.uri)
        .sort(),
    ).toEqual([uri('a.pdsa.yaml'), uri('b.pdsa.yaml'), uri('other.pdsa.yaml')]);
    expect(ws.references('a').map((r) => r.field)).toEqual(['previous']);
  });

  it('keeps navigation data while a file has schema errors', () => {
    const ws = workspaceOf({
      'focus.factors.yaml': FACTORS,
      'a.pdsa.yaml': cycle('a').replace('decision: adopt', 'decision: maybe'),
    });
    expect(ws.definitions('a')).toHaveLength(1);
    expect(ws.references('S1')).toHaveLength(1);
  });

  it('re-checks only the files that depend on a change', () => {
    const ws = threeCycles();
    const before = ws.stats.crossChecks;
    // A title edit changes no id and no reference: only the edited file is re-checked.
    ws.setWorksheet(uri('other.pdsa.yaml'), cycle('other').replace('title: Cycle other', 'title: Renamed'));
    expect([...ws.takeChanges().keys()]).toEqual([]);
    expect(ws.stats.crossChecks - before).toBe(1);
  });

  it('re-publishes exactly the files whose results changed when an id is renamed', () => {
    const ws = threeCycles();
    ws.setWorksheet(uri('focus.factors.yaml'), FACTORS.replace('- id: S1', '- id: S-greet'));
    const changed = ws.takeChanges();
    expect([...changed.keys()].sort()).toEqual([uri('a.pdsa.yaml'), uri('b.pdsa.yaml'), uri('other.pdsa.yaml')]);
    expect(changed.get(uri('a.pdsa.yaml'))!.map((d) => d.code)).toEqual(['unknown-reference']);
    // Renaming back clears them again.
    ws.setWorksheet(uri('focus.factors.yaml'), FACTORS);
    expect([...ws.takeChanges().values()].every((list) => list.length === 0)).toBe(true);
  });

  it('clears an "adapt without follow-up" when a later cycle builds on it, and raises it when that cycle goes', () => {
    const ws = threeCycles();
    expect(diagnosticsOf(ws, 'a.pdsa.yaml')).toEqual([]);
    ws.deleteWorksheet(uri('b.pdsa.yaml'));
    const changed = ws.takeChanges();
    expect(changed.get(uri('a.pdsa.yaml'))!.map((d) => d.code)).toEqual(['adapt-without-followup']);
    // b showed no problems, so there is nothing to clear.
    expect(changed.has(uri('b.pdsa.yaml'))).toBe(false);
  });

  it('finds a loop that a change closes three files away, and clears it when the loop opens', () => {
    const ws = workspaceOf({
      'focus.factors.yaml': FACTORS,
      'a.pdsa.yaml': cycle('a', '', { previous: 'c' }),
      'b.pdsa.yaml': cycle('b', '', { previous: 'a' }),
      'c.pdsa.yaml': cycle('c'),
    });
    ws.takeChanges();
    ws.setWorksheet(uri('c.pdsa.yaml'), cycle('c', '', { previous: 'b' }));
    const changed = ws.takeChanges();
    expect([...changed.keys()].sort()).toEqual([uri('a.pdsa.yaml'), uri('b.pdsa.yaml'), uri('c.pdsa.yaml')]);
    expect(changed.get(uri('a.pdsa.yaml'))!.map((d) => d.message)).toEqual([
      'loop: a -> c -> b -> a: a cycle cannot build on itself',
    ]);
    ws.setWorksheet(uri('c.pdsa.yaml'), cycle('c'));
    expect([...ws.takeChanges().values()].every((list) => list.length === 0)).toBe(true);
  });

  it('re-checks strategies when a factor elsewhere loses its priority', () => {
    const ws = workspaceOf({
      'focus.factors.yaml': FACTORS.replace(/factors:[\s\S]*?strategies:/, 'strategies:'),
      'drivers.factors.yaml':
        'version: 1\nid: drivers\ntitle: Drivers\nresult:\n  statement: x\nfactors:\n  - id: F1\n    statement: s\n    level: event\n    evidence: {validated: {by: us, on: 2025-01-01}}\n    priority: true\n',
    });
    ws.takeChanges();
    ws.setWorksheet(
      uri('drivers.factors.yaml'),
      'version: 1\nid: drivers\ntitle: Drivers\nresult:\n  statement: x\nfactors:\n  - id: F1\n    statement: s\n    level: event\n    evidence: {validated: {by: us, on: 2025-01-01}}\n    priority: false\n',
    );
    expect(
      ws
        .takeChanges()
        .get(uri('focus.factors.yaml'))!
        .map((d) => d.code),
    ).toEqual(['strategy-unprioritised']);
  });

  it('reads measure data from a CSV file and reports when it changes', () => {
    const factors = FACTORS.replace(
      '    data:\n      - [2025-09-01, 30]\n      - [2025-09-08, 29]\n',
      '    csv: data/absence.csv\n',
    );
    const ws = new Workspace({ today: TODAY });
    ws.setWorksheet(uri('focus.factors.yaml'), factors);
    expect(ws.missingCsv()).toEqual([uri('data/absence.csv')]);
    ws.setCsv(uri('data/absence.csv'), 'date,group,value\n2025-09-01,swd,30\n2025-09-08,swd,\n');
    expect(ws.diagnostics(uri('focus.factors.yaml'))).toEqual([]);
    expect(ws.csv(uri('data/absence.csv'))!.groups.get('swd')).toEqual([
      { date: '2025-09-01', value: 30 },
      { date: '2025-09-08', value: null },
    ]);
    ws.takeChanges();
    ws.setCsv(uri('data/absence.csv'), 'when,value\n');
    expect(
      ws
        .takeChanges()
        .get(uri('focus.factors.yaml'))!
        .map((d) => d.message),
    ).toEqual([
      'absence.csv line 1: header must name the columns date, value (optionally group, denominator); missing date',
    ]);
  });
});

describe('workspace config', () => {
  const files = {
    'focus.factors.yaml': FACTORS,
    'c.pdsa.yaml': cycle('c', '', { decision: 'adapt' }).replace('      prediction: Yes\n', ''),
  };

  it('turns coaching checks off and re-grades them', () => {
    const ws = workspaceOf({
      ...files,
      'pdsa.config.yaml': 'version: 1\nchecks:\n  no-prediction: off\n  adapt-without-followup: error\n',
    });
    expect(ws.diagnostics(uri('c.pdsa.yaml')).map((d) => `${d.code}:${d.severity}`)).toEqual([
      'adapt-without-followup:error',
    ]);
  });

  it('reports a bad config at its exact place and keeps checking with the defaults', () => {
    const ws = workspaceOf({ ...files, 'pdsa.config.yaml': 'version: 1\nchecks:\n  no-predicton: off\n' });
    expect(diagnosticsOf(ws, 'pdsa.config.yaml')).toEqual(['unknown-key 3:3-3:15']);
    expect(ws.diagnostics(uri('pdsa.config.yaml'))[0]!.message).toMatch(/did you mean "no-prediction"/);
    expect(ws.diagnostics(uri('c.pdsa.yaml')).map((d) => d.code)).toEqual(['no-prediction', 'adapt-without-followup']);
  });

  it('judges "stuck at Do" against the given today', () => {
    const stuck = cycle('c').replace('study:\n  learned: It worked.\n', '').replace('act:\n  decision: adopt\n', '');
    expect(
      workspaceOf({ 'focus.factors.yaml': FACTORS, 'c.pdsa.yaml': stuck }, '2026-01-08').diagnostics(
        uri('c.pdsa.yaml'),
      ),
    ).toEqual([]);
    expect(
      workspaceOf({ 'focus.factors.yaml': FACTORS, 'c.pdsa.yaml': stuck }, '2026-01-10')
        .diagnostics(uri('c.pdsa.yaml'))
        .map((d) => d.code),
    ).toEqual(['stuck-at-do']);
  });
});

import { describe, expect, it } from 'vitest';
import { rangeText, workspaceOf } from '../helpers';
import { newCycle, nextCycle } from '../../server/src/core/service/cycles';
import { cycleActions } from '../../server/src/core/service/actions';
import { collabFiles, teamCycle, teamFactors, textAt } from './fixture';

const uri = (name: string) => `file:///ws/${name}`;

/**
 * Two teams that number their cycles and name their factors the same way. Each team's ids are its
 * own: loops, unknown references, follow-ups and duplicates are judged within the team.
 */
function twoTeams(over: Record<string, string> = {}): Record<string, string> {
  return collabFiles({
    'teams/north/c1.pdsa.yaml': teamCycle('c1'),
    'teams/north/c2.pdsa.yaml': teamCycle('c2', { previous: 'c1' }),
    // South ran its cycles the other way round: its c1 builds on its c2.
    'teams/south/c2.pdsa.yaml': teamCycle('c2'),
    'teams/south/c1.pdsa.yaml': teamCycle('c1', { previous: 'c2' }),
    ...over,
  });
}

/** Each diagnostic as "code range text" (1-based range), with its message. */
function found(files: Record<string, string>, name: string): string[] {
  const ws = workspaceOf(files);
  return ws
    .diagnostics(uri(name))
    .map((d) => `${d.code} ${rangeText(d.range)} ${textAt(ws, name, d.range)}: ${d.message}`);
}

function allCodes(files: Record<string, string>): string[] {
  const ws = workspaceOf(files);
  // The collaborative file's own assessment checks are not about ids.
  return Object.keys(files)
    .filter((name) => name.startsWith('teams/'))
    .flatMap((name) => ws.diagnostics(uri(name)).map((d) => `${name} ${d.code}`));
}

/** Factors files whose factor trees use the same ids in opposite directions. */
function factorTree(team: string, child: string, parent: string): string {
  return teamFactors(team).replace(
    '    priority: true\n',
    `    priority: true\n  - id: ${parent}\n    statement: Parent factor of ${team}\n    level: structure\n  - id: ${child}\n    statement: Child factor of ${team}\n    level: pattern\n    parents: [${parent}]\n`,
  );
}

describe('ids are scoped per team', () => {
  it('finds no loop when two teams chain the same cycle ids in opposite directions', () => {
    const files = twoTeams();
    expect(allCodes(files)).toEqual([]);
    // Without the collaborative, the same files are one workspace: duplicates and a loop through both teams.
    const flat = workspaceOf({ ...files, 'net.collaborative.yaml': '' });
    expect(flat.diagnostics(uri('teams/north/c2.pdsa.yaml')).map((d) => d.code)).toEqual(
      expect.arrayContaining(['duplicate-id', 'reference-loop']),
    );
  });

  it('finds no loop when two teams nest the same factor ids the other way round', () => {
    const files = collabFiles({
      'teams/north/north.factors.yaml': factorTree('north', 'F2', 'F3'),
      'teams/south/south.factors.yaml': factorTree('south', 'F3', 'F2'),
    });
    expect(allCodes(files).filter((c) => c.endsWith('reference-loop'))).toEqual([]);
  });

  it("still finds a loop inside one team, at the links' exact ranges, and leaves the other team alone", () => {
    const files = twoTeams({ 'teams/north/c1.pdsa.yaml': teamCycle('c1', { previous: 'c2' }) });
    expect(found(files, 'teams/north/c1.pdsa.yaml')).toEqual([
      'reference-loop 5:11-5:13 c2: loop: c1 -> c2 -> c1: a cycle cannot build on itself',
    ]);
    expect(found(files, 'teams/north/c2.pdsa.yaml')).toEqual([
      'reference-loop 5:11-5:13 c1: loop: c2 -> c1 -> c2: a cycle cannot build on itself',
    ]);
    for (const name of ['teams/south/c1.pdsa.yaml', 'teams/south/c2.pdsa.yaml'])
      expect(found(files, name), name).toEqual([]);
  });

  it('keeps a loop found after an edit and clears it when the edit is undone, per team', () => {
    const ws = workspaceOf(twoTeams());
    const loopsIn = () =>
      [...ws.takeChanges()]
        .filter(([, ds]) => ds.some((d) => d.code === 'reference-loop'))
        .map(([u]) => u.slice('file:///ws/'.length))
        .sort();
    ws.takeChanges();
    ws.setWorksheet(uri('teams/south/c2.pdsa.yaml'), teamCycle('c2', { previous: 'c1' }));
    expect(loopsIn()).toEqual(['teams/south/c1.pdsa.yaml', 'teams/south/c2.pdsa.yaml']);
    ws.setWorksheet(uri('teams/south/c2.pdsa.yaml'), teamCycle('c2'));
    expect(ws.diagnostics(uri('teams/south/c1.pdsa.yaml'))).toEqual([]);
    expect(ws.diagnostics(uri('teams/north/c2.pdsa.yaml'))).toEqual([]);
  });

  it("reports another team's cycle as unknown, says another team has it, and suggests only the team's own ids", () => {
    const files = twoTeams({
      'teams/north/c9.pdsa.yaml': teamCycle('c9'),
      'teams/south/c3.pdsa.yaml': teamCycle('c3', { previous: 'c9' }),
    });
    expect(found(files, 'teams/south/c3.pdsa.yaml')).toEqual([
      `unknown-reference 5:11-5:13 c9: no cycle "c9" in this team's files or the collaborative (another team has one: each team has its own ids): did you mean "c1"?`,
    ]);
  });

  it("does not count another team's follow-up as building on a cycle (adapt without follow-up)", () => {
    const adapt = teamCycle('c5').replace('decision: adopt', 'decision: adapt');
    const files = twoTeams({
      'teams/north/c5.pdsa.yaml': adapt,
      'teams/south/c6.pdsa.yaml': teamCycle('c6', { previous: 'c1' }),
      'teams/south/c5.pdsa.yaml': teamCycle('c5'),
      'teams/south/c7.pdsa.yaml': teamCycle('c7', { previous: 'c5' }),
    });
    expect(found(files, 'teams/north/c5.pdsa.yaml')).toEqual([
      'adapt-without-followup 18:13-18:18 adapt: cycle "c5" decided to adapt, but no cycle builds on it yet (previous: c5): the ramp stops here',
    ]);
    // The same cycle in south, followed by south's c7: no message.
    const followed = { ...files, 'teams/south/c5.pdsa.yaml': adapt };
    expect(found(followed, 'teams/south/c5.pdsa.yaml')).toEqual([]);
  });

  it('reports an id twice within a team, not the same id in two teams', () => {
    const files = twoTeams({ 'teams/north/again.pdsa.yaml': teamCycle('c2') });
    expect(found(files, 'teams/north/again.pdsa.yaml')).toEqual([
      `duplicate-id 2:5-2:7 c2: id "c2" is also defined in c2.pdsa.yaml: ids must be unique within a team and the collaborative's ids`,
    ]);
    expect(found(files, 'teams/north/c2.pdsa.yaml').map((d) => d.split(':')[0])).toEqual(['duplicate-id 2']);
    expect(found(files, 'teams/south/c2.pdsa.yaml')).toEqual([]);
  });
});

describe('new cycles in a collaborative with shared ids', () => {
  // South numbers further than north: c1..c4 against north's c1, c2.
  const ws = workspaceOf(
    twoTeams({
      'teams/south/c3.pdsa.yaml': teamCycle('c3', { previous: 'c1' }),
      'teams/south/c4.pdsa.yaml': teamCycle('c4', { previous: 'c3' }),
    }),
  );

  it("starts a cycle for the strategy of the team it is asked from, numbered in that team's sequence", () => {
    const south = newCycle(
      ws,
      'S-greeters',
      'Greeters at the side door.',
      '2026-11-23',
      uri('teams/south/south.factors.yaml'),
    );
    expect(south).toMatchObject({
      uri: uri('teams/south/c5-greeters-at-the-side-door.pdsa.yaml'),
      id: 'c5-greeters-at-the-side-door',
    });
    const north = newCycle(
      ws,
      'S-greeters',
      'Greeters at the side door.',
      '2026-11-23',
      uri('teams/north/c2.pdsa.yaml'),
    );
    expect(north).toMatchObject({
      uri: uri('teams/north/c3-greeters-at-the-side-door.pdsa.yaml'),
      id: 'c3-greeters-at-the-side-door',
    });
  });

  it("builds the next cycle on the asking file's cycle when two teams have one with that id", () => {
    const north = nextCycle(ws, 'c2', '2026-11-23', uri('teams/north/c2.pdsa.yaml'));
    expect(north.uri.startsWith(uri('teams/north/c3-'))).toBe(true);
    expect(north.text).toContain('previous: c2');
    // South's c2 already has a follow-up (its c1); north's does not.
    expect(north.followUps).toBeUndefined();
    const south = nextCycle(ws, 'c2', '2026-11-23', uri('teams/south/c2.pdsa.yaml'));
    expect(south.uri.startsWith(uri('teams/south/c5-'))).toBe(true);
    expect(south.followUps).toEqual(['c1']);
  });

  it("passes the cycle's file with Start Next Cycle, so the command knows whose cycle it is", () => {
    const at = uri('teams/south/c2.pdsa.yaml');
    const line = ws.worksheet(at)!.parsed.text.split('\n').indexOf('act:');
    const [action] = cycleActions(ws, at, { start: { line, character: 0 }, end: { line, character: 0 } });
    expect(action?.command?.arguments).toEqual(['c2', at]);
  });
});

import { describe, expect, it } from 'vitest';
import { COLLAB_EXAMPLE_DIR } from '../node-helpers';
import { loadFolder } from './load';

describe('the collaborative example', () => {
  const ws = loadFolder(COLLAB_EXAMPLE_DIR);
  const collab = [...ws.worksheets()].find((f) => f.collaborative)!.collaborative!;

  it('is clean and has what a coach expects of a collaborative', () => {
    expect([...ws.allDiagnostics().values()].flat()).toEqual([]);
    expect(collab.teams.map((t) => t.id)).toEqual(['granger', 'riverside', 'lincoln', 'canyon-view']);
    expect(collab.package!.flatMap((d) => d.ideas).length).toBeGreaterThanOrEqual(6);
    expect(collab.measures!.map((m) => m.kind)).toEqual(['outcome', 'outcome', 'process', 'balancing']);
    const cycles = [...ws.worksheets()].filter((f) => f.cycle);
    expect(cycles.length).toBeGreaterThanOrEqual(40);
    for (const t of collab.teams) {
      expect(cycles.filter((c) => ws.scopes.teamOf(c.uri)?.team === t.id).length, t.id).toBeGreaterThanOrEqual(7);
      const months = collab.assessment![t.id]!;
      expect(months.length, t.id).toBeGreaterThanOrEqual(9);
      expect(months.length, t.id).toBeLessThanOrEqual(12);
      expect(months.every((m) => m.self !== undefined && m.faculty !== undefined)).toBe(true);
    }
    // Every team's strategies name ideas of the change package.
    const strategies = [...ws.worksheets()].flatMap((f) => f.factors?.strategies ?? []);
    expect(strategies.every((s) => s.package)).toBe(true);
  });
});

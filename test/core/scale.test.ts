import { describe, expect, it } from 'vitest';
import { cycleChain, factorChain, factorsWithOneParent, unknownKeys } from '../../bench/hostile-inputs';
import { Workspace } from '../../server/src/core/workspace';
import { TODAY, workspaceOf } from '../helpers';

// Shapes that once made a pass quadratic or worse. These check what is reported; `bench/scale.ts`
// measures the time and memory. Before the passes were linear these sizes took minutes or crashed.

const uri = (name: string) => `file:///ws/${name}`;

describe('large inputs', { timeout: 120_000 }, () => {
  it('checks 10,000 factors that share one parent, and re-checks after an edit', () => {
    const ws = new Workspace({ today: TODAY });
    ws.setWorksheet(uri('focus.factors.yaml'), factorsWithOneParent(10_000));
    expect(ws.diagnostics(uri('focus.factors.yaml')).filter((d) => d.severity === 'error')).toEqual([]);
    ws.setWorksheet(
      uri('focus.factors.yaml'),
      factorsWithOneParent(10_000).replace('level: event\n', 'level: event\n    parents: [f9999]\n'),
    );
    const loops = ws.diagnostics(uri('focus.factors.yaml')).filter((d) => d.code === 'reference-loop');
    expect(loops.map((d) => d.message)).toEqual(['loop: root -> f9999 -> root: a factor cannot be its own ancestor']);
  });

  it('reports each of 10,000 unknown keys once, with its own range', () => {
    const ws = workspaceOf({ 'c0.pdsa.yaml': unknownKeys(10_000) });
    const unknown = ws.diagnostics(uri('c0.pdsa.yaml')).filter((d) => d.code === 'unknown-key');
    expect(unknown).toHaveLength(10_000);
    expect(unknown[9_999]!.range.start.line).toBe(6 + 9_999);
    expect(unknown[9_999]!.message).toMatch(/^unknown key "extra9999": expected one of version, id/);
  });

  it('follows a chain of 2,000 factors without a loop, and reports a loop through all of them once, briefly', () => {
    expect(
      workspaceOf({ 'focus.factors.yaml': factorChain(2_000) })
        .diagnostics(uri('focus.factors.yaml'))
        .filter((d) => d.code === 'reference-loop'),
    ).toEqual([]);
    const loops = workspaceOf({ 'focus.factors.yaml': factorChain(2_000, true) })
      .diagnostics(uri('focus.factors.yaml'))
      .filter((d) => d.code === 'reference-loop');
    expect(loops).toHaveLength(1);
    expect(loops[0]!.message).toBe(
      'loop of 2000 factors: f0 -> f1999 -> f1998 -> f1997 -> f1996 -> ... 1995 more -> f0: a factor cannot be its own ancestor',
    );
    expect(loops[0]!.range.start.line).toBe(9);
  });

  it('follows a chain of 2,000 cycles, and reports a loop in each file with a bounded message', () => {
    const ws = workspaceOf(cycleChain(2_000));
    expect([...ws.allDiagnostics().values()].flat().filter((d) => d.code === 'reference-loop')).toEqual([]);
    const looped = workspaceOf(cycleChain(2_000, true));
    const loops = [...looped.allDiagnostics().values()].flat().filter((d) => d.code === 'reference-loop');
    expect(loops).toHaveLength(2_000);
    expect(Math.max(...loops.map((d) => d.message.length))).toBeLessThan(150);
    expect(looped.diagnostics(uri('c7.pdsa.yaml')).find((d) => d.code === 'reference-loop')!.message).toBe(
      'loop of 2000 cycles: c7 -> c6 -> c5 -> c4 -> c3 -> ... 1995 more -> c7: a cycle cannot build on itself',
    );
  });

  it('re-checks only the chain a change touches, once per file', () => {
    const files = cycleChain(3_000);
    const ws = workspaceOf(files);
    ws.takeChanges();
    const before = ws.stats.crossChecks;
    ws.setWorksheet(
      uri('c0.pdsa.yaml'),
      files['c0.pdsa.yaml']!.replace('title: Cycle 0', 'title: Cycle 0\nprevious: c2999'),
    );
    const changed = ws.takeChanges();
    expect(changed.size).toBe(3_000);
    expect(ws.stats.crossChecks - before).toBeLessThanOrEqual(3_001);
  });
});

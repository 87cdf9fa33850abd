import { describe, expect, it } from 'vitest';
import { references, rename } from '../../server/src/core/service/navigation';
import { FACTORS, cycle, diagnosticsOf, workspaceOf } from '../helpers';

const uri = (name: string) => `file:///ws/${name}`;

/** A chain a <- b: a decided to adapt and b builds on it. */
function chain(): Record<string, string> {
  return {
    'focus.factors.yaml': FACTORS,
    'a.pdsa.yaml': cycle('a', '', { decision: 'adapt' }),
    'b.pdsa.yaml': cycle('b', '', { previous: 'a' }),
  };
}

describe('a syntax error stays in its own file', () => {
  it('a half-typed key in the follow-up cycle does not make the earlier cycle lose its follow-up', () => {
    const files = chain();
    files['b.pdsa.yaml'] += 'deci\n';
    const ws = workspaceOf(files);
    // Line 17 of b is the half-typed key (cycle() ends with "  decision: adopt\n" on line 16).
    expect(diagnosticsOf(ws, 'b.pdsa.yaml')).toEqual(['yaml-syntax 17:1-17:5']);
    expect(diagnosticsOf(ws, 'a.pdsa.yaml')).toEqual([]);
  });

  it('a broken line in a cycle does not make the next cycle say that it does not exist', () => {
    const files = chain();
    files['a.pdsa.yaml'] = files['a.pdsa.yaml']!.replace(
      '  objective: Try it',
      '  objective: Try: it: now\n  bad "line',
    );
    const ws = workspaceOf(files);
    expect(diagnosticsOf(ws, 'a.pdsa.yaml')).toEqual(['yaml-syntax 7:14-7:15', 'yaml-syntax 8:3-9:12']);
    expect(diagnosticsOf(ws, 'b.pdsa.yaml')).toEqual([]);
  });

  it('keeps the ids a file held before a slip hid them, and lets them go when the file is fixed without them', () => {
    const ws = workspaceOf(chain());
    ws.takeChanges();
    // The slip is on the id line itself: the tree no longer has "id: a".
    ws.setWorksheet(uri('a.pdsa.yaml'), cycle('a', '', { decision: 'adapt' }).replace('id: a', 'id: [a'));
    const changed = ws.takeChanges();
    expect([...changed.keys()]).toEqual([uri('a.pdsa.yaml')]);
    expect(ws.definitions('a').map((d) => d.uri)).toEqual([uri('a.pdsa.yaml')]);
    expect(diagnosticsOf(ws, 'b.pdsa.yaml')).toEqual([]);
    // Where the kept id now is, is unknown: a rename would edit the wrong text, so it waits for the fix.
    const onPrevious = { line: 4, character: 10 }; // b's "previous: a"
    expect(() => rename(ws, uri('b.pdsa.yaml'), onPrevious, 'a-renamed')).toThrow(
      'a.pdsa.yaml has a syntax error where it uses "a": fix it first, then rename.',
    );
    expect(references(ws, uri('b.pdsa.yaml'), onPrevious, true).map((l) => l.uri)).toEqual([uri('b.pdsa.yaml')]);
    // Fixed, but under another id: now b's reference is really unknown.
    ws.setWorksheet(uri('a.pdsa.yaml'), cycle('a2', '', { decision: 'adapt' }));
    expect(
      ws
        .takeChanges()
        .get(uri('b.pdsa.yaml'))!
        .map((d) => d.code),
    ).toEqual(['unknown-reference']);
  });

  it('a broken factors file keeps its strategies, so cycles do not report them unknown', () => {
    const ws = workspaceOf({
      'focus.factors.yaml': `${FACTORS}\nstray: {open\n`,
      'a.pdsa.yaml': cycle('a'),
    });
    expect(diagnosticsOf(ws, 'a.pdsa.yaml')).toEqual([]);
    expect(diagnosticsOf(ws, 'focus.factors.yaml').every((d) => d.startsWith('yaml-syntax'))).toBe(true);
  });

  it('a file that is broken from the start reports only its syntax, not cross-file problems', () => {
    const ws = workspaceOf({
      'focus.factors.yaml': FACTORS,
      // References an unknown strategy, but it is the syntax that must be fixed first.
      'a.pdsa.yaml': cycle('a').replace('strategy: S1', 'strategy: S-nowhere\nfoo: "open'),
    });
    expect(diagnosticsOf(ws, 'a.pdsa.yaml').every((d) => d.startsWith('yaml-syntax'))).toBe(true);
  });
});

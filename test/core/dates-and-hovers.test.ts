import { describe, expect, it } from 'vitest';
import { inlineCode } from '../../server/src/core/service/common';
import { hover } from '../../server/src/core/service/hover';
import { FACTORS, cycle, workspaceOf } from '../helpers';

describe('ids in hovers', () => {
  it('are code spans without escape backslashes, and stay inert whatever they hold', () => {
    expect(inlineCode('c02-greeters-photo-cards')).toBe('`c02-greeters-photo-cards`');
    expect(inlineCode('a`b')).toBe('``a`b``');
    expect(inlineCode('`x')).toBe('`` `x ``');
    expect(inlineCode('*not bold* [no](link)')).toBe('`*not bold* [no](link)`');
  });

  it('reach the hover as written', () => {
    const ws = workspaceOf({
      'focus.factors.yaml': FACTORS.replaceAll('S1', 'S-one'),
      'c1.pdsa.yaml': cycle('c1').replace('strategy: S1', 'strategy: S-one'),
    });
    const line = cycle('c1')
      .split('\n')
      .findIndex((l) => l.startsWith('strategy: '));
    const h = hover(ws, 'file:///ws/c1.pdsa.yaml', { line, character: 12 });
    expect((h?.contents as { value: string }).value).toMatch(/^\*\*strategy\*\* `S-one`/);
  });
});

describe('impossible dates', () => {
  it('say what is impossible about them, at the value', () => {
    for (const [date, why] of [
      ['2026-13-01', 'month 13 does not exist'],
      ['2026-00-10', 'month 0 does not exist'],
      ['2026-02-30', 'February 2026 has 28 days'],
      ['2024-02-30', 'February 2024 has 29 days'],
      ['2026-04-00', 'day 0 does not exist'],
    ] as [string, string][]) {
      const text = cycle('c1').replace('end: 2026-01-09', `end: ${date}`);
      const ws = workspaceOf({ 'focus.factors.yaml': FACTORS, 'c1.pdsa.yaml': text });
      const d = ws.diagnostics('file:///ws/c1.pdsa.yaml').find((x) => x.code === 'invalid-date');
      expect(d?.message).toBe(`"${date}" is not a real date: ${why}`);
      const line = text.split('\n').findIndex((l) => l.includes(date));
      expect(d?.range.start).toEqual({ line, character: text.split('\n')[line]!.indexOf(date) });
    }
  });
});

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
    const ws = workspaceOf({ 'focus.factors.yaml': FACTORS.replaceAll('S1', 'S-one'), 'c1.pdsa.yaml': cycle('c1').replace('strategy: S1', 'strategy: S-one') });
    const line = cycle('c1').split('\n').findIndex((l) => l.startsWith('strategy: '));
    const h = hover(ws, 'file:///ws/c1.pdsa.yaml', { line, character: 12 });
    expect((h?.contents as { value: string }).value).toMatch(/^\*\*strategy\*\* `S-one`/);
  });
});

import { describe, expect, it } from 'vitest';
import { parseDocument } from 'yaml';
import { formatWorksheet } from '../../server/src/core/format';
import { pdsa, tempWorkspace } from '../node-helpers';
import * as fs from 'node:fs';
import * as path from 'node:path';

// The formatter never changes a value, always reaches a fixed point, survives aliases, and
// refuses what check refuses to read.

const CYCLE = 'version: 1\nid: c1\ntitle: T\nstrategy: S1\nplan:\n  objective: Try it\n';
const fmt = (text: string, uri = 'file:///ws/c.pdsa.yaml') => formatWorksheet(uri, text);

function expectSafe(text: string): string {
  const r = fmt(text);
  if (!r.ok) return text;
  expect(parseDocument(r.text).toJS(), 'data unchanged').toEqual(parseDocument(text).toJS());
  const again = fmt(r.text);
  expect(again.ok && again.text, 'a fixed point').toBe(r.text);
  return r.text;
}

describe('formatter safety', () => {
  it.each([
    ['a value whose first line is only spaces', `${CYCLE}title: " \\n"\n`.replace('title: T\n', '')],
    ['spaces, a line break and a tab', `${CYCLE}note: " \\n\\t\\n"\n`],
    ['trailing spaces', `${CYCLE}note: "x  "\n`],
    ['leading tab', `${CYCLE}note: "\\tx"\n`],
  ])('keeps %s exactly', (_, text) => {
    const r = fmt(text);
    expect(r.ok).toBe(true);
    expectSafe(text);
  });

  it('keeps an alias working when reordering would put it before its anchor', () => {
    const text = 'version: 1\ntitle: &t c1\nid: *t\nstrategy: S1\nplan:\n  objective: Try it\n';
    const r = fmt(text);
    expect(r.ok).toBe(true);
    expectSafe(text);
  });

  it('is idempotent when a comment follows an empty value that reordering moves', () => {
    const text = `act: # decide next week\n${CYCLE}study:\n  learned: x\n`;
    expectSafe(text);
    const text2 = `${CYCLE}act:\n  decision: # not yet\nstudy:\n  learned: x\n`;
    expectSafe(text2);
  });

  it.each([
    ['binary bytes', `${CYCLE}title: a\u0000b\n`, /binary/],
    ['a file over the size cap', `${CYCLE}note: "${'x'.repeat(5 * 1024 * 1024)}"\n`, /MB/],
    ['deep nesting', `${CYCLE}x: ${'['.repeat(500)}${']'.repeat(500)}\n`, /nesting is deeper/],
    [
      'an alias bomb',
      `a: &a [x, x, x, x, x, x, x, x, x]\n${'bcdefghi'
        .split('')
        .map((n, i) => `${n}: &${n} [${Array(9).fill(`*${'abcdefghi'[i]}`).join(', ')}]`)
        .join('\n')}\n`,
      /aliases expand/,
    ],
  ])('refuses %s, like check', (_, text, why) => {
    const r = fmt(text);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toMatch(why);
  });

  it('pdsa fmt formats the other files when one cannot be formatted, and says which', () => {
    const dir = tempWorkspace({
      'a.pdsa.yaml': `title: A\n${CYCLE.replace('title: T\n', '')}`,
      'b.pdsa.yaml': `${CYCLE}x: \u0000\n`,
      'c.pdsa.yaml': `title: C\n${CYCLE.replace('title: T\n', '').replace('id: c1', 'id: c3')}`,
    });
    const r = pdsa(['fmt'], dir);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('formatted a.pdsa.yaml\nformatted c.pdsa.yaml\n');
    expect(r.stderr).toMatch(/^b\.pdsa\.yaml: not formatted: line 7: file contains binary bytes/);
    expect(fs.readFileSync(path.join(dir, 'b.pdsa.yaml'), 'utf8')).toBe(`${CYCLE}x: \u0000\n`);
  });
});

import { describe, expect, it } from 'vitest';
import { parseDocument } from 'yaml';
import { buildChart } from '../../server/src/core/analytics/model';
import { parseYaml } from '../../server/src/core/parse';
import { MAX_DEPTH, prescan } from '../../server/src/core/prescan';
import { renderChart } from '../../server/src/core/render/runchart-svg';
import { rangeOf, terminalSafe } from '../../server/src/core/text';
import { analyseWorksheet } from '../../server/src/core/worksheet';
import { FACTORS, workspaceOf } from '../helpers';

const codes = (text: string) =>
  analyseWorksheet('file:///ws/x.pdsa.yaml', 'cycle', text).diagnostics.map((d) => d.code);
const CYCLE = 'version: 1\nid: c1\ntitle: T\nstrategy: S1\nplan:\n  objective: Try it\n';

describe('nesting depth, measured on the tokens', () => {
  it.each([
    ['"? a" then ": - - -"', `? a\n: ${'- '.repeat(900)}x\n`],
    [
      "a list at its key's column, 300 levels",
      Array.from({ length: 300 }, (_, i) => `${' '.repeat(2 * i)}- k${i}:`).join('\n'),
    ],
    ['maps indented by one space', Array.from({ length: 500 }, (_, i) => `${' '.repeat(i)}k:`).join('\n')],
    [
      'a quote at a line start inside a block scalar, then deep flow',
      `t: |\n  "unclosed\nu: ${'['.repeat(900)}${']'.repeat(900)}\n`,
    ],
    ['deep flow maps', `a: ${'{b: '.repeat(500)}1${'}'.repeat(500)}\n`],
  ])('refuses %s', (_, text) => {
    expect(prescan(text)).toMatchObject({ kind: 'too-deep' });
    expect(codes(text)).toContain('too-deep');
  });

  it('accepts a block scalar holding an unclosed [ over hundreds of lines, and a quote-led line', () => {
    const text = `${CYCLE}  who: |\n${'    [ "not yaml, just text\n'.repeat(400)}`;
    expect(prescan(text)).toBeUndefined();
    expect(codes(text)).not.toContain('too-deep');
  });

  it(`accepts real nesting up to ${MAX_DEPTH} levels, and never overflows the stack past it`, () => {
    expect(prescan(`${'- '.repeat(MAX_DEPTH - 1)}x\n`)).toBeUndefined();
    for (const n of [MAX_DEPTH + 1, 5_000, 100_000]) {
      const text = `${'- '.repeat(n)}x\n`;
      const found = analyseWorksheet('file:///ws/x.pdsa.yaml', 'cycle', text).diagnostics;
      expect(found.map((d) => d.code)).toEqual(['too-deep']);
    }
  });
});

describe('one lex for the depth check and the parse', () => {
  const deepFlow = `${'['.repeat(MAX_DEPTH + 5)}${']'.repeat(MAX_DEPTH + 5)}`;

  it.each([
    ['a worksheet', CYCLE],
    ['a syntax error', `${CYCLE}  who: [unclosed\n`],
    ['a second document', `${CYCLE}---\nid: c2\n`],
    ['three documents', `a: 1\n---\nb: 2\n---\nc: 3\n`],
    ['an unclosed quote', 'version: 1\ntitle: "runs on\nid: x\n'],
    ['aliases', 'a: &x [1, 2]\nb: *x\n'],
    ['tabs as indentation', 'a:\n\tb: 1\n'],
    ['nesting at the limit', `${'- '.repeat(MAX_DEPTH - 1)}x\n`],
  ])('gives the document and errors parseDocument gives: %s', (_, text) => {
    const expected = parseDocument(text, { prettyErrors: false, uniqueKeys: false });
    const doc = parseYaml('file:///ws/x.pdsa.yaml', text).doc!;
    expect(doc.toJS()).toEqual(expected.toJS());
    expect(doc.errors.map((e) => [e.code, e.pos, e.message])).toEqual(
      expected.errors.map((e) => [e.code, e.pos, e.message]),
    );
    expect(doc.warnings.map((e) => [e.code, e.pos])).toEqual(expected.warnings.map((e) => [e.code, e.pos]));
  });

  it.each([
    ['the first document', `a: ${deepFlow}\n---\nb: 1\n`],
    ['the second document', `a: 1\n---\nb: ${deepFlow}\n`],
    // The parser stops at the second document; the rest is still measured.
    ['the third document', `a: 1\n---\nb: 1\n---\nc: ${deepFlow}\n`],
  ])('refuses a file too deep in %s, as the depth check alone does', (_, text) => {
    const refused = prescan(text);
    expect(refused).toMatchObject({ kind: 'too-deep' });
    const parsed = parseYaml('file:///ws/x.pdsa.yaml', text);
    expect(parsed.doc).toBeUndefined();
    const at = refused?.kind === 'too-deep' ? refused.offset : -1;
    expect(parsed.diagnostics.map((d) => [d.code, d.range])).toEqual([
      ['too-deep', rangeOf(parsed.lineCounter, at, at + 1)],
    ]);
  });
});

describe('control characters and non-characters', () => {
  it.each([
    ['"\\a" (bell)', 'title: "Students\\a who"', 'U+0007'],
    ['"\\e" (escape)', 'title: "\\e[31mred"', 'U+001B'],
    ['"\\uFFFE"', 'title: "x\\uFFFE"', 'U+FFFE'],
    ['"\\U0010FFFF"', 'title: "x\\U0010FFFF"', 'U+10FFFF'],
    ['a C1 character written raw', 'title: x\u0085y', 'U+0085'],
    ['an unpaired surrogate', 'title: "x\\uD800y"', 'U+D800'],
  ])('warns at the value for %s', (_, line, code) => {
    const text = CYCLE.replace('title: T', line);
    const d = analyseWorksheet('file:///ws/x.pdsa.yaml', 'cycle', text).diagnostics.filter(
      (x) => x.code === 'unsafe-character',
    );
    expect(d).toHaveLength(1);
    expect(d[0]!.severity).toBe('warning');
    expect(d[0]!.message).toContain(code);
    expect(d[0]!.range.start).toEqual({ line: 2, character: 7 });
  });

  it('leaves tabs and line breaks in text alone', () => {
    expect(codes(CYCLE.replace('title: T', 'title: "a\\tb\\nc"'))).not.toContain('unsafe-character');
  });

  it('draws charts as well-formed XML whatever the text holds', () => {
    const factors = FACTORS.replace(
      'name: Chronic absence',
      'name: "Chronic\\a absence \\uFFFE \\x1b[31m \\uD800 <&>"',
    );
    const svg = renderChart(buildChart(workspaceOf({ 'focus.factors.yaml': factors }), { measure: 'absence' }));
    // eslint-disable-next-line no-control-regex
    expect(svg).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])/);
    expect(svg).toContain('Chronic\uFFFD absence');
  });

  it('shows control characters as escapes in terminal text', () => {
    expect(terminalSafe('a\u001b[31mb\u0007\u202e\nc')).toBe('a\\u001b[31mb\\u0007\\u202e\\u000ac');
  });
});

import * as fs from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../server/src/core/diagnostics';
import { Workspace } from '../../server/src/core/workspace';
import { analyseWorksheet } from '../../server/src/core/worksheet';

const EXAMPLE = path.join(__dirname, '..', '..', 'examples', 'slc-belonging');
const seeds = [
  fs.readFileSync(path.join(EXAMPLE, 'belonging.factors.yaml'), 'utf8'),
  ...fs.readdirSync(path.join(EXAMPLE, 'cycles')).map((f) => fs.readFileSync(path.join(EXAMPLE, 'cycles', f), 'utf8')),
];

/** Every range must lie inside the text: an editor given a range past the end misplaces or drops it. */
function expectRangesInside(text: string, diagnostics: Diagnostic[]): void {
  const lines = text.split('\n');
  for (const d of diagnostics) {
    const { start, end } = d.range;
    expect(start.line).toBeGreaterThanOrEqual(0);
    expect(end.line).toBeLessThan(lines.length);
    expect(start.line < end.line || (start.line === end.line && start.character <= end.character)).toBe(true);
    expect(end.character).toBeLessThanOrEqual(lines[end.line]!.length + 1);
    expect(d.message.length).toBeGreaterThan(0);
  }
}

function timed<T>(fn: () => T): { value: T; ms: number } {
  const t = performance.now();
  const value = fn();
  return { value, ms: performance.now() - t };
}

describe('bad input gets a clear diagnostic, never a crash or a hang', () => {
  const cases: [string, string, string][] = [
    ['not YAML at all', 'this is: not: yaml: [\n}}}', 'yaml-syntax'],
    ['binary bytes', String.fromCharCode(...Array.from({ length: 256 }, (_, i) => i)), 'not-text'],
    ['an empty file', '', 'empty-file'],
    ['a 10 MB file', `version: 1\nid: big\ntitle: "${'x'.repeat(10 * 1024 * 1024)}"\n`, 'too-large'],
    ['10,000-deep flow nesting', `${'['.repeat(10000)}${']'.repeat(10000)}`, 'too-deep'],
    ['10,000-deep block nesting', `${'- '.repeat(10000)}x`, 'too-deep'],
    ['10,000-deep flow maps', `${'{a: '.repeat(10000)}${'}'.repeat(10000)}`, 'too-deep'],
    ['a list instead of a map', '- a\n- b\n', 'not-a-map'],
    ['a bare scalar', 'just text\n', 'not-a-map'],
    ['an unresolved alias', 'version: 1\nid: *nothing\n', 'yaml-syntax'],
    [
      'a UTF-8 BOM and CRLF line ends',
      '\uFEFFversion: 1\r\nid: c1\r\ntitle: x\r\nstrategy: S1\r\nplan:\r\n  objective: y\r\n',
      'no-prediction',
    ],
  ];

  it.each(cases)('%s', (_, text, code) => {
    const { value: file, ms } = timed(() => analyseWorksheet('file:///ws/x.pdsa.yaml', 'cycle', text));
    expect(file.diagnostics.map((d) => d.code)).toContain(code);
    expectRangesInside(text, file.diagnostics);
    expect(ms).toBeLessThan(5000);
  });

  it('stops a billion-laughs alias bomb', () => {
    const lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
    for (const [name, prev] of [
      ['b', 'a'],
      ['c', 'b'],
      ['d', 'c'],
      ['e', 'd'],
      ['f', 'e'],
      ['g', 'f'],
      ['h', 'g'],
      ['i', 'h'],
    ]) {
      lines.push(`${name}: &${name} [${Array(9).fill(`*${prev}`).join(',')}]`);
    }
    const { value: file, ms } = timed(() => analyseWorksheet('file:///ws/x.pdsa.yaml', 'cycle', lines.join('\n')));
    expect(file.diagnostics.map((d) => d.code)).toEqual(['alias-limit']);
    expect(ms).toBeLessThan(1000);
  });
});

/** Edits a person (or a bad merge) makes: typing, deleting, pasting lines twice, breaking indentation. */
const edit = fc.oneof(
  fc.record({
    kind: fc.constant('insert' as const),
    at: fc.nat(),
    text: fc.constantFrom(
      ':',
      '- ',
      '"',
      "'",
      '[',
      ']',
      '{',
      '}',
      '\n',
      '  ',
      '\t',
      '#',
      '&a ',
      '*a',
      '---\n',
      'null',
      '2026-13-40',
      'x: y',
      '|',
      '>',
      '%',
      '@',
      '!!str ',
      '\u0000',
    ),
  }),
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), text: fc.string({ maxLength: 8 }) }),
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 40 }) }),
  fc.record({ kind: fc.constant('duplicate-line' as const), line: fc.nat() }),
  fc.record({ kind: fc.constant('indent' as const), line: fc.nat(), by: fc.integer({ min: -4, max: 4 }) }),
);
type Edit = typeof edit extends fc.Arbitrary<infer T> ? T : never;

function apply(text: string, e: Edit): string {
  if (e.kind === 'insert') {
    const at = e.at % (text.length + 1);
    return text.slice(0, at) + e.text + text.slice(at);
  }
  if (e.kind === 'delete') {
    const at = e.at % (text.length + 1);
    return text.slice(0, at) + text.slice(at + e.length);
  }
  const lines = text.split('\n');
  const i = e.line % lines.length;
  if (e.kind === 'duplicate-line') lines.splice(i, 0, lines[i]!);
  else lines[i] = e.by >= 0 ? ' '.repeat(e.by) + lines[i] : lines[i]!.replace(new RegExp(`^ {0,${-e.by}}`), '');
  return lines.join('\n');
}

describe('fuzz: mutated worksheets', () => {
  it('always return diagnostics with ranges inside the file, quickly, and never throw', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: seeds.length - 1 }),
        fc.array(edit, { minLength: 1, maxLength: 6 }),
        (seedIndex, edits) => {
          const text = edits.reduce(apply, seeds[seedIndex]!);
          const kind = seedIndex === 0 ? 'factors' : 'cycle';
          const ws = new Workspace({ today: '2026-11-22' });
          const uri = `file:///ws/x.${kind === 'cycle' ? 'pdsa' : 'factors'}.yaml`;
          const { value: diagnostics, ms } = timed(() => {
            ws.setWorksheet(uri, text);
            return ws.diagnostics(uri);
          });
          expectRangesInside(text, diagnostics);
          expect(ms).toBeLessThan(2000);
        },
      ),
      { numRuns: 400, seed: 20261122 },
    );
  });

  it('survive arbitrary unicode and random bytes', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ unit: 'binary', maxLength: 300 }),
          fc.uint8Array({ maxLength: 300 }).map((b) => new TextDecoder().decode(b)),
        ),
        (text) => {
          const file = analyseWorksheet('file:///ws/x.pdsa.yaml', 'cycle', text);
          expectRangesInside(text, file.diagnostics);
        },
      ),
      { numRuns: 500, seed: 7 },
    );
  });
});

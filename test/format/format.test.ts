import * as fs from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseDocument, visit } from 'yaml';
import { formatWorksheet } from '../../server/src/core/format';
import { cycleFile } from '../../bench/generate';
import { FACTORS, cycle } from '../helpers';

const EXAMPLE = path.join(__dirname, '..', '..', 'examples', 'slc-belonging');
const fixtures: [string, string][] = [
  ['focus.factors.yaml', FACTORS],
  ['c.pdsa.yaml', cycle('c1')],
  [path.join(EXAMPLE, 'belonging.factors.yaml'), fs.readFileSync(path.join(EXAMPLE, 'belonging.factors.yaml'), 'utf8')],
  ...fs
    .readdirSync(path.join(EXAMPLE, 'cycles'))
    .map((f) => [f, fs.readFileSync(path.join(EXAMPLE, 'cycles', f), 'utf8')] as [string, string]),
];

function comments(text: string): string[] {
  const out: string[] = [];
  visit(parseDocument(text), {
    Node(_, node) {
      const n = node as { commentBefore?: string | null; comment?: string | null };
      if (n.commentBefore) out.push(n.commentBefore);
      if (n.comment) out.push(n.comment);
    },
  });
  const doc = parseDocument(text);
  if (doc.commentBefore) out.push(doc.commentBefore);
  if (doc.comment) out.push(doc.comment);
  return out
    .flatMap((c) => c.split('\n').map((l) => l.trim()))
    .filter(Boolean)
    .sort();
}

/** Formatting keeps meaning and every comment, and formatting twice changes nothing. */
function expectSafe(name: string, text: string): void {
  const once = formatWorksheet(name, text);
  if (!once.ok) {
    // Broken YAML is left alone, with a message that names the line.
    expect(once.message).toMatch(/^not formatted: line \d+ has a YAML syntax error/);
    return;
  }
  expect(parseDocument(once.text).toJS()).toEqual(parseDocument(text).toJS());
  expect(comments(once.text)).toEqual(comments(text));
  const twice = formatWorksheet(name, once.text);
  expect(twice.ok && twice.text).toBe(once.text);
}

describe('formatter', () => {
  it.each(fixtures)('keeps the meaning and comments of %s, and is idempotent', (name, text) => expectSafe(name, text));

  it('orders keys as the format does: the PDSA phases, then the schema order; unknown keys last', () => {
    const text =
      'act:\n  decision: adopt\nplan:\n  objective: x\nid: c1\nzeta: 1\nversion: 1\ntitle: T\nstrategy: S1\n';
    const r = formatWorksheet('c.pdsa.yaml', text);
    expect(r.ok && r.text).toBe(
      'version: 1\nid: c1\ntitle: T\nstrategy: S1\nplan:\n  objective: x\nact:\n  decision: adopt\nzeta: 1\n',
    );
  });

  it('keeps a comment with the key it stands above when keys move', () => {
    const text =
      'version: 1\nid: c1\n# the act came first in this file\nact:\n  decision: adopt # good\ntitle: T\nstrategy: S1\nplan:\n  objective: x\n';
    const r = formatWorksheet('c.pdsa.yaml', text);
    expect(r.ok && r.text).toBe(
      'version: 1\nid: c1\ntitle: T\nstrategy: S1\nplan:\n  objective: x\n# the act came first in this file\nact:\n  decision: adopt # good\n',
    );
  });

  it('puts data points and short id lists on one line, unquotes what needs no quotes', () => {
    const text =
      'version: 1\nid: "c1"\ntitle: \'T\'\nstrategy: S1\nmeasures:\n- a\n- b\nplan:\n    objective: x\ndo:\n  data:\n    a:\n    - - 2026-01-05\n      - 3\n';
    const r = formatWorksheet('c.pdsa.yaml', text);
    expect(r.ok && r.text).toBe(
      'version: 1\nid: c1\ntitle: T\nstrategy: S1\nmeasures: [a, b]\nplan:\n  objective: x\ndo:\n  data:\n    a:\n      - [2026-01-05, 3]\n',
    );
  });

  it('keeps quotes where the text would otherwise change type', () => {
    const r = formatWorksheet(
      'c.pdsa.yaml',
      'version: 1\nid: c1\ntitle: "2026"\nteam: "yes"\nstrategy: S1\nplan:\n  objective: "a: b"\n',
    );
    expect(r.ok && parseDocument(r.text).toJS()).toEqual({
      version: 1,
      id: 'c1',
      title: '2026',
      team: 'yes',
      strategy: 'S1',
      plan: { objective: 'a: b' },
    });
  });

  it('leaves a file with syntax errors untouched, saying where', () => {
    expect(formatWorksheet('c.pdsa.yaml', 'version: 1\nid: [c1\ntitle: x\n')).toEqual({
      ok: false,
      line: 2,
      message: expect.stringMatching(/^not formatted: line 2 has a YAML syntax error/),
    });
  });

  it('is safe on thousands of generated and mutated worksheets', () => {
    const edit = fc.oneof(
      fc.record({
        at: fc.nat(),
        text: fc.constantFrom(
          '# note\n',
          '  # indented note\n',
          '\n',
          'x: 1\n',
          'zz: [a, b]\n',
          "'quoted'",
          '"q"',
          '- ',
          ': ',
          '  ',
        ),
      }),
      fc.record({ at: fc.nat(), text: fc.string({ maxLength: 6 }) }),
    );
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 5000 }), fc.array(edit, { maxLength: 3 }), (i, edits) => {
        let text = cycleFile(i, 12);
        for (const e of edits) {
          const at = e.at % (text.length + 1);
          text = text.slice(0, at) + e.text + text.slice(at);
        }
        expectSafe('g.pdsa.yaml', text);
      }),
      { numRuns: 1000, seed: 11 },
    );
    // 1,000 runs take ~5 s on an idle machine; a shared one needs room (no timing is asserted here).
  }, 120_000);
});

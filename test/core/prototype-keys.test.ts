import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseDocument, visit } from 'yaml';
import { formatWorksheet } from '../../server/src/core/format';
import { Workspace } from '../../server/src/core/workspace';

// Keys named like Object.prototype members (`constructor`, `toString`, `__proto__`, ...) must be
// plain unknown keys wherever they appear, never inherited schema entries.

const EXAMPLE = path.join(__dirname, '..', '..', 'examples', 'slc-belonging');
const FACTORS = fs.readFileSync(path.join(EXAMPLE, 'belonging.factors.yaml'), 'utf8');
const CYCLE = fs.readFileSync(path.join(EXAMPLE, 'cycles', 'c03-greeters-side-entrance.pdsa.yaml'), 'utf8');
const NAMES = Object.getOwnPropertyNames(Object.prototype);

/**
 * The key added at the end of a map, one variant per map (spread over at most 12 maps). Its value
 * is a map holding a list, so any pass that descends into it with an inherited "schema" is caught.
 */
function variants(text: string, name: string): { text: string; line: number }[] {
  const count = parseDocument(text);
  let maps = 0;
  visit(count, { Map: () => void maps++ });
  const out: { text: string; line: number }[] = [];
  const step = Math.max(1, Math.ceil(maps / 12));
  for (let target = 0; target < maps; target += step) {
    const doc = parseDocument(text);
    let i = 0;
    visit(doc, {
      Map(_, map) {
        if (i++ !== target) return undefined;
        map.add(doc.createPair(name, { x: [1, { y: 2 }] }));
        return visit.BREAK;
      },
    });
    const edited = doc.toString();
    const line = edited.split('\n').findIndex((l) => new RegExp(`(^|[\\s{,])${name}:`).test(l));
    out.push({ text: edited, line });
  }
  return out;
}

function check(uri: string, text: string) {
  const ws = new Workspace({ today: '2026-11-22' });
  ws.setWorksheet(uri, text);
  return ws.diagnostics(uri);
}

describe('Object.prototype names as keys', { timeout: 120_000 }, () => {
  for (const [label, uri, seed] of [
    ['cycle', 'file:///ws/c.pdsa.yaml', CYCLE],
    ['factors', 'file:///ws/f.factors.yaml', FACTORS],
  ] as const) {
    it(`${label}: at every map position, a diagnostic at the key and never an internal error; fmt never throws`, () => {
      for (const name of NAMES) {
        for (const v of variants(seed, name)) {
          const diagnostics = check(uri, v.text);
          expect(
            diagnostics.filter((d) => /internal error/.test(d.message)),
            `${name}`,
          ).toEqual([]);
          const atKey = diagnostics.filter((d) => d.range.start.line === v.line);
          // Record positions (measure ids in do.data, group names) may take any key; all others must say "unknown key".
          if (atKey.length === 0) {
            expect(isRecordPosition(v.line, v.text), `${name} at line ${v.line + 1}: no diagnostic`).toBe(true);
          }
          const formatted = formatWorksheet(uri, v.text);
          expect(formatted.ok, `${name}`).toBe(true);
        }
      }
    });
  }

  it('says "unknown key" for constructor, toString and __proto__ at the top level and in plan', () => {
    for (const name of ['constructor', 'toString', '__proto__', 'hasOwnProperty', 'valueOf']) {
      const text = CYCLE.replace('plan:\n', `${name}: x\nplan:\n  ${name}: y\n`);
      const unknown = check('file:///ws/c.pdsa.yaml', text).filter((d) => d.code === 'unknown-key');
      expect(unknown.map((d) => d.message)).toEqual([
        expect.stringMatching(new RegExp(`^unknown key "${name}": expected one of version, id`)),
        expect.stringMatching(new RegExp(`^unknown key "${name}" in plan: expected one of objective`)),
      ]);
    }
  });
});

/** A key the format allows any name for: a measure id under do.data, or a group under a measure's data. */
function isRecordPosition(line: number, text: string): boolean {
  const lines = text.split('\n');
  // Walk up the indentation to the enclosing keys.
  const indent = (l: string) => l.length - l.trimStart().length;
  let want = indent(lines[line]!);
  const parents: string[] = [];
  for (let i = line - 1; i >= 0 && want > 0; i--) {
    const l = lines[i]!;
    if (l.trim() === '' || indent(l) >= want) continue;
    parents.unshift(l.trim().replace(/^- /, '').replace(/:.*$/, ''));
    want = indent(l);
  }
  const p = parents.join('.');
  return /(^|\.)do\.data$/.test(p) || /(^|\.)data$/.test(p);
}

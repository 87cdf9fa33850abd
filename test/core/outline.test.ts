import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { DocumentSymbol, Position } from 'vscode-languageserver-types';
import { documentSymbols } from '../../server/src/core/service/outline';
import { analyseWorksheet } from '../../server/src/core/worksheet';

const FACTORS_FILE = path.join(__dirname, '..', '..', 'examples', 'slc-belonging', 'belonging.factors.yaml');
const text = fs.readFileSync(FACTORS_FILE, 'utf8');
const lines = text.split('\n');
const symbols = documentSymbols(analyseWorksheet('file:///ws/belonging.factors.yaml', 'factors', text));

const inside = (p: Position, s: DocumentSymbol) =>
  (p.line > s.range.start.line || (p.line === s.range.start.line && p.character >= s.range.start.character)) &&
  (p.line < s.range.end.line || (p.line === s.range.end.line && p.character <= s.range.end.character));

/** What VS Code's breadcrumbs show at a position: at each level the first symbol whose range holds it. */
function breadcrumbs(p: Position, list: DocumentSymbol[] = symbols): string[] {
  const hit = list.find((s) => inside(p, s));
  return hit ? [hit.name, ...breadcrumbs(p, hit.children ?? [])] : [];
}

/** Column 1 of the line that holds `needle`, found by text. */
function lineStart(needle: string): Position {
  const line = lines.findIndex((l) => l.includes(needle));
  if (line === -1) throw new Error(`no line with ${needle}`);
  return { line, character: 0 };
}

describe('outline and breadcrumbs of a factors file', () => {
  it("at column 1 of an item's '- id:' line, names that item, not the one before", () => {
    expect(breadcrumbs(lineStart('- id: S-homeroom-first'))).toEqual(['strategies', 'S-homeroom-first']);
    expect(breadcrumbs(lineStart('- id: F-expected-absence'))).toEqual(['factors', 'F-expected-absence']);
    // A top-level section's first column, right after the previous section.
    expect(breadcrumbs(lineStart('strategies:'))).toEqual(['strategies']);
  });

  it('shows secondary drivers nested under a parent, in the breadcrumbs too', () => {
    // Written right after one of its parents (F-late-bus): nested under it.
    expect(breadcrumbs(lineStart('- id: F-side-entrance'))).toEqual(['factors', 'F-late-bus', 'F-side-entrance']);
    // Written after other factors: under a heading named after its first parent, at its own place.
    expect(breadcrumbs(lineStart('- id: F-no-iep-followup'))).toEqual([
      'factors',
      'F-expected-absence',
      'F-no-iep-followup',
    ]);
    const factors = symbols.find((s) => s.name === 'factors')!;
    expect(factors.children!.map((c) => [c.name, (c.children ?? []).map((d) => d.name)])).toEqual([
      ['F-pullout', []],
      ['F-expected-absence', []],
      ['F-problem-calls', []],
      ['F-late-bus', ['F-side-entrance']],
      ['F-pullout', ['F-belonging-is-sped-job']],
      ['F-expected-absence', ['F-no-iep-followup']],
      ['F-problem-calls', ['F-calls-at-conferences']],
    ]);
  });

  it('keeps every child inside its parent, as breadcrumbs need', () => {
    const check = (list: DocumentSymbol[]) => {
      for (const s of list)
        for (const c of s.children ?? []) {
          expect(inside(c.range.start, s) && inside(c.range.end, s)).toBe(true);
          expect(inside(c.selectionRange.start, c)).toBe(true);
          check([c]);
        }
    };
    check(symbols);
  });
});

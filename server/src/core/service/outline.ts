import { isMap, isPair, isScalar, isSeq, visit, type Node, type Pair } from 'yaml';
import { FoldingRangeKind, SymbolKind, type DocumentSymbol, type FoldingRange } from 'vscode-languageserver-types';
import { pairOf } from '../ast';
import { rangeOf } from '../text';
import { documentOf, type WorksheetFile } from '../worksheet';

const PHASES = ['plan', 'do', 'study', 'act'];
const LISTS: Record<string, SymbolKind> = {
  targets: SymbolKind.Number,
  measures: SymbolKind.Variable,
  factors: SymbolKind.Class,
  strategies: SymbolKind.Function,
  commitments: SymbolKind.Event,
};

/** The outline: a cycle's phases; a factors file's sections with factors nested under their first parent. */
export function documentSymbols(file: WorksheetFile): DocumentSymbol[] {
  const doc = documentOf(file);
  const root = doc?.contents;
  if (!isMap(root)) return [];
  const lc = file.parsed.lineCounter;
  const pairRange = (pair: Pair) => {
    const start = (pair.key as Node).range![0];
    const end = (pair.value as Node | null)?.range?.[1] ?? (pair.key as Node).range![1];
    return rangeOf(lc, start, contentEnd(file.parsed.text, start, end));
  };
  const keyRange = (pair: Pair) => rangeOf(lc, (pair.key as Node).range![0], (pair.key as Node).range![1]);
  const symbolOf = (pair: Pair, kind: SymbolKind, children?: DocumentSymbol[], detail?: string): DocumentSymbol => ({
    name: String((pair.key as { value: unknown }).value),
    kind,
    range: pairRange(pair),
    selectionRange: keyRange(pair),
    detail,
    children,
  });

  const out: DocumentSymbol[] = [];
  for (const pair of root.items) {
    if (!isScalar(pair.key) || !pair.key.range) continue;
    const key = String(pair.key.value);
    if (file.kind === 'cycle') {
      if (PHASES.includes(key)) out.push(symbolOf(pair, SymbolKind.Module));
      continue;
    }
    if (key === 'result') out.push(symbolOf(pair, SymbolKind.Key, undefined, file.factors?.result.statement));
    else if (Object.hasOwn(LISTS, key) && isSeq(pair.value))
      out.push(symbolOf(pair, SymbolKind.Array, listItems(file, key, pair.value.items as Node[], LISTS[key]!)));
  }
  return out;
}

function listItems(file: WorksheetFile, list: string, items: Node[], kind: SymbolKind): DocumentSymbol[] {
  const lc = file.parsed.lineCounter;
  const text = file.parsed.text;
  const symbols = items.flatMap((item, i) => {
    if (!isMap(item) || !item.range) return [];
    const idNode = pairOf(item, 'id')?.value as Node | null | undefined;
    const label = isScalar(idNode)
      ? String(idNode.value)
      : list === 'commitments'
        ? String((pairOf(item, 'what')?.value as { value?: unknown } | null)?.value ?? `#${i + 1}`)
        : `#${i + 1}`;
    const def = file.symbols.definitions.find((d) => d.path[0] === list && d.path[1] === i);
    const range = rangeOf(lc, lineStart(text, item.range[0]), contentEnd(text, item.range[0], item.range[1]));
    const symbol: DocumentSymbol = {
      name: label,
      kind,
      range,
      selectionRange: def?.range ?? range,
      detail: def?.title,
      children: [],
    };
    return [{ symbol, parents: list === 'factors' ? (file.factors?.factors?.[i]?.parents ?? []) : [] }];
  });
  return list === 'factors' ? driverTree(symbols) : symbols.map((s) => s.symbol);
}

/**
 * Factors as a driver tree: a secondary driver sits under its first parent. Breadcrumbs find the
 * item at the cursor by range, so a child must lie inside its parent's range: a run of drivers
 * written right after their parent extends the parent's range over them; drivers written elsewhere
 * (usually after all primary drivers) get a heading named after their parent at their own place.
 */
function driverTree(items: { symbol: DocumentSymbol; parents: string[] }[]): DocumentSymbol[] {
  const top: DocumentSymbol[] = [];
  for (const { symbol, parents } of items) {
    // The last item written and its last descendants: the only places a child can extend over.
    const path: DocumentSymbol[] = [];
    for (let s = top.at(-1); s; s = s.children?.at(-1)) path.push(s);
    let at = -1;
    for (let j = path.length - 1; j >= 0 && at === -1; j--)
      if (path[j]!.name !== symbol.name && parents.includes(path[j]!.name)) at = j;
    const parent = parents.find((p) => p !== symbol.name);
    if (parent === undefined) {
      top.push(symbol);
    } else if (at !== -1) {
      path[at]!.children!.push(symbol);
      for (const s of path.slice(0, at + 1)) s.range = { start: s.range.start, end: symbol.range.end };
    } else {
      top.push({
        name: parent,
        detail: 'drivers under it',
        kind: symbol.kind,
        range: symbol.range,
        selectionRange: symbol.selectionRange,
        children: [symbol],
      });
    }
  }
  return top;
}

/** The start of the line holding an offset, so an item's range covers its "- " and indentation. */
function lineStart(text: string, offset: number): number {
  return text.lastIndexOf('\n', offset - 1) + 1;
}

/** The end of an item's last non-blank character (a node's range runs on over the line break and blank lines after it). */
function contentEnd(text: string, start: number, end: number): number {
  while (end > start && /\s/.test(text[end - 1]!)) end--;
  return end;
}

/** Folding for every multi-line map or list, and for runs of comment lines. */
export function foldingRanges(file: WorksheetFile): FoldingRange[] {
  const doc = documentOf(file);
  const lc = file.parsed.lineCounter;
  const out: FoldingRange[] = [];
  if (doc) {
    visit(doc, {
      Pair(_, pair) {
        if (!isPair(pair)) return;
        const value = pair.value as Node | null;
        const key = pair.key as Node | null;
        if (!value?.range || !key?.range || !(isMap(value) || isSeq(value))) return;
        const start = lc.linePos(key.range[0]).line - 1;
        // The value's range ends after its last line break; fold up to the last line with content.
        const end = lc.linePos(Math.max(key.range[0], value.range[1] - 1)).line - 1;
        if (end > start) out.push({ startLine: start, endLine: end });
      },
    });
  }
  const lines = file.parsed.text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    if (!/^\s*#/.test(lines[i]!)) continue;
    let j = i;
    while (j + 1 < lines.length && /^\s*#/.test(lines[j + 1]!)) j++;
    if (j > i) out.push({ startLine: i, endLine: j, kind: FoldingRangeKind.Comment });
    i = j;
  }
  return out;
}

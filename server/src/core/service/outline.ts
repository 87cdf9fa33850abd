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
    return rangeOf(lc, start, end);
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
  const symbols = items.flatMap((item, i) => {
    if (!isMap(item) || !item.range) return [];
    const idNode = pairOf(item, 'id')?.value as Node | null | undefined;
    const label = isScalar(idNode)
      ? String(idNode.value)
      : list === 'commitments'
        ? String((pairOf(item, 'what')?.value as { value?: unknown } | null)?.value ?? `#${i + 1}`)
        : `#${i + 1}`;
    const def = file.symbols.definitions.find((d) => d.path[0] === list && d.path[1] === i);
    const range = rangeOf(lc, item.range[0], item.range[1]);
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
  if (list !== 'factors') return symbols.map((s) => s.symbol);
  // Factors form a tree: a secondary driver sits under its first parent in this file.
  const byId = new Map(symbols.map((s) => [s.symbol.name, s.symbol]));
  const top: DocumentSymbol[] = [];
  for (const s of symbols) {
    const parent = s.parents.map((p) => byId.get(p)).find((p) => p && p !== s.symbol);
    if (parent) parent.children!.push(s.symbol);
    else top.push(s.symbol);
  }
  return top;
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

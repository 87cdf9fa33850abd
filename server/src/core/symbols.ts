import { isMap, isScalar, isSeq, type Document, type LineCounter, type Node, type YAMLMap } from 'yaml';
import { pairOf, span, type PathSegment } from './ast';
import type { Range } from './diagnostics';
import { rangeOf } from './text';
import type { WorksheetKind } from './uri';

export type ItemKind = 'focus' | 'target' | 'measure' | 'factor' | 'strategy' | 'cycle';

/** An id defined in a worksheet. Extracted from the AST, so navigation works even while the file has schema errors. */
export interface Definition {
  id: string;
  kind: ItemKind;
  uri: string;
  /** The id's value. */
  range: Range;
  /** Path of the item (for hovers, outlines, edits). */
  path: PathSegment[];
  /** The item's name or statement, for completion details and hovers. */
  title?: string;
  /** A longer text: hypothesis, definition, objective. */
  summary?: string;
}

export type ReferenceField = 'strategy' | 'previous' | 'measure' | 'parent' | 'addresses' | 'data';

/** A use of an id. `chain` references (previous cycle, parent factor) form chains that must not loop. */
export interface Reference {
  id: string;
  kind: ItemKind;
  field: ReferenceField;
  uri: string;
  range: Range;
  path: PathSegment[];
}

export interface Symbols {
  definitions: Definition[];
  references: Reference[];
}

interface Ctx {
  uri: string;
  lc: LineCounter;
  out: Symbols;
}

function get(map: unknown, key: string): Node | null | undefined {
  if (!isMap(map)) return undefined;
  return pairOf(map, key)?.value as Node | null | undefined;
}

function text(node: unknown): string | undefined {
  return isScalar(node) && (typeof node.value === 'string' || typeof node.value === 'number') ? String(node.value) : undefined;
}

function define(ctx: Ctx, map: unknown, kind: ItemKind, path: PathSegment[], titleKey: string, summaryKey?: string): void {
  const idNode = get(map, 'id');
  const id = text(idNode);
  const s = span(idNode);
  if (id === undefined || !s) return;
  ctx.out.definitions.push({
    id,
    kind,
    uri: ctx.uri,
    range: rangeOf(ctx.lc, s[0], s[1]),
    path,
    title: text(get(map, titleKey)),
    summary: summaryKey ? text(get(map, summaryKey)) : undefined,
  });
}

function refer(ctx: Ctx, node: unknown, kind: ItemKind, field: ReferenceField, path: PathSegment[]): void {
  const id = text(node);
  const s = span(node);
  if (id === undefined || !s || id === '') return;
  ctx.out.references.push({ id, kind, field, uri: ctx.uri, range: rangeOf(ctx.lc, s[0], s[1]), path });
}

function items(node: unknown): Node[] {
  return isSeq(node) ? (node.items as Node[]) : [];
}

export function extractSymbols(uri: string, kind: WorksheetKind, doc: Document, lc: LineCounter): Symbols {
  const ctx: Ctx = { uri, lc, out: { definitions: [], references: [] } };
  const root = doc.contents;
  if (!isMap(root)) return ctx.out;
  if (kind === 'cycle') cycleSymbols(ctx, root);
  else factorsSymbols(ctx, root);
  return ctx.out;
}

function cycleSymbols(ctx: Ctx, root: YAMLMap): void {
  const plan = get(root, 'plan');
  define(ctx, root, 'cycle', [], 'title');
  const def = ctx.out.definitions[0];
  if (def) def.summary = text(get(plan, 'objective'));
  refer(ctx, get(root, 'strategy'), 'strategy', 'strategy', ['strategy']);
  refer(ctx, get(root, 'previous'), 'cycle', 'previous', ['previous']);
  items(get(root, 'measures')).forEach((m, i) => refer(ctx, m, 'measure', 'measure', ['measures', i]));
  items(get(plan, 'data')).forEach((d, i) => refer(ctx, get(d, 'measure'), 'measure', 'measure', ['plan', 'data', i, 'measure']));
  refer(ctx, get(get(root, 'study'), 'chart'), 'measure', 'measure', ['study', 'chart']);
  const data = get(get(root, 'do'), 'data');
  if (isMap(data)) {
    for (const pair of data.items) refer(ctx, pair.key, 'measure', 'data', ['do', 'data', text(pair.key) ?? '']);
  }
}

function factorsSymbols(ctx: Ctx, root: YAMLMap): void {
  define(ctx, root, 'focus', [], 'title');
  const focus = ctx.out.definitions[0];
  if (focus) focus.summary = text(get(get(root, 'result'), 'statement'));
  items(get(root, 'targets')).forEach((t, i) => {
    define(ctx, t, 'target', ['targets', i], 'statement');
    refer(ctx, get(t, 'measure'), 'measure', 'measure', ['targets', i, 'measure']);
  });
  items(get(root, 'measures')).forEach((m, i) => define(ctx, m, 'measure', ['measures', i], 'name', 'definition'));
  items(get(root, 'factors')).forEach((f, i) => {
    define(ctx, f, 'factor', ['factors', i], 'statement');
    items(get(f, 'parents')).forEach((p, j) => refer(ctx, p, 'factor', 'parent', ['factors', i, 'parents', j]));
  });
  items(get(root, 'strategies')).forEach((s, i) => {
    define(ctx, s, 'strategy', ['strategies', i], 'title', 'hypothesis');
    items(get(s, 'addresses')).forEach((a, j) => {
      const node = isMap(a) ? get(a, 'factor') : a;
      refer(ctx, node, 'factor', 'addresses', isMap(a) ? ['strategies', i, 'addresses', j, 'factor'] : ['strategies', i, 'addresses', j]);
    });
  });
}

import { isAlias, isMap, isPair, isScalar, isSeq, type Document, type Node, type Pair, type YAMLMap } from 'yaml';

export type PathSegment = string | number;

/** Where a path leads in the document: the value node, and the pair holding it when its parent is a map. */
export interface Located {
  node: Node | null;
  pair?: Pair;
  parent?: Node;
}

function resolve(doc: Document, node: unknown): Node | null {
  if (isAlias(node)) return (node.resolve(doc) as Node | undefined) ?? null;
  return (node as Node | null) ?? null;
}

/** Pairs by key for large maps, so reporting on every key of a 10,000-key map stays linear. */
const pairIndex = new WeakMap<YAMLMap, { items: unknown[]; length: number; byKey: Map<string, Pair> }>();
const INDEX_FROM = 16;

export function pairOf(map: YAMLMap, key: string): Pair | undefined {
  if (map.items.length >= INDEX_FROM) {
    let index = pairIndex.get(map);
    // Rebuilt when the map's item list was replaced or resized (the formatter reorders items).
    if (!index || index.items !== map.items || index.length !== map.items.length) {
      const byKey = new Map<string, Pair>();
      for (const item of map.items) {
        const k = item.key;
        const name = isScalar(k) ? String(k.value) : typeof k === 'string' ? k : undefined;
        if (name !== undefined && !byKey.has(name)) byKey.set(name, item as Pair);
      }
      index = { items: map.items, length: map.items.length, byKey };
      pairIndex.set(map, index);
    }
    return index.byKey.get(key);
  }
  for (const item of map.items) {
    const k = item.key;
    if (isScalar(k) ? String(k.value) === key : k === key) return item as Pair;
  }
  return undefined;
}

/** Follows a data path (as zod reports it) through the YAML AST. Undefined when it leaves the document. */
export function locate(doc: Document, path: readonly PathSegment[]): Located | undefined {
  let current: Located = { node: resolve(doc, doc.contents) };
  for (const segment of path) {
    const node = current.node;
    if (isMap(node)) {
      const pair = pairOf(node, String(segment));
      if (!pair) return undefined;
      current = { node: resolve(doc, pair.value), pair, parent: node };
    } else if (isSeq(node) && typeof segment === 'number') {
      const item = node.items[segment];
      if (item === undefined) return undefined;
      current = { node: resolve(doc, item), parent: node };
    } else return undefined;
  }
  return current;
}

export function keyString(pair: Pair): string | undefined {
  return isScalar(pair.key) ? String(pair.key.value) : undefined;
}

/** [start, end) of a node's value (without trailing comments), or undefined for an implicit empty value. */
export function span(node: unknown): [number, number] | undefined {
  const range = (node as { range?: [number, number, number] | null } | null)?.range;
  return range ? [range[0], range[1]] : undefined;
}

/** The most useful span to underline for a located value: the value itself, or its key when the value is empty. */
export function valueSpan(located: Located): [number, number] | undefined {
  const value = span(located.node);
  if (value && value[1] > value[0]) return value;
  return span(located.pair?.key) ?? value;
}

/** The span of the key that names a located value (for "missing key in X"), else the value's first line. */
export function keySpan(located: Located, text: string): [number, number] | undefined {
  const key = span(located.pair?.key);
  if (key) return key;
  const value = span(located.node);
  if (!value) return undefined;
  const nl = text.indexOf('\n', value[0]);
  return [value[0], nl === -1 || nl > value[1] ? value[1] : nl];
}

/** The plain value at a scalar node, or undefined. */
export function scalarValue(node: unknown): unknown {
  return isScalar(node) ? node.value : undefined;
}

/**
 * Every node of a document (collections, then their keys and values in order; aliases not followed),
 * depth first, as the yaml library's visit() reaches them. visit() builds a frozen copy of the path
 * for every node, which made it a tenth of a file's analysis; the checks here need no path. The
 * recursion is bounded: parse.ts refuses anything nested deeper than MAX_DEPTH before composing it.
 */
export function forEachNode(doc: Document, fn: (node: Node) => void): void {
  walk(doc.contents, fn);
}

function walk(node: unknown, fn: (node: Node) => void): void {
  if (isMap(node) || isSeq(node)) {
    fn(node);
    for (const item of node.items as unknown[]) {
      if (isPair(item)) {
        walk(item.key, fn);
        walk(item.value, fn);
      } else walk(item, fn);
    }
  } else if (isScalar(node) || isAlias(node)) fn(node);
}

import { isMap, isScalar, isSeq, type Document, type LineCounter, type Node } from 'yaml';
import { pairOf, span, type PathSegment } from './ast';
import type { Range } from './diagnostics';
import { DEFINITIONS, REFERENCES, type Pattern } from './fields';
import { rangeOf } from './text';
import type { WorksheetKind } from './uri';

export type ItemKind =
  'focus' | 'target' | 'measure' | 'factor' | 'strategy' | 'cycle' | 'collaborative' | 'team' | 'idea';

/** How messages and hovers name each kind of item. */
export const KIND_LABELS: Record<ItemKind, string> = {
  focus: 'focus area',
  target: 'target',
  measure: 'measure',
  factor: 'factor',
  strategy: 'strategy',
  cycle: 'cycle',
  collaborative: 'collaborative',
  team: 'team',
  idea: 'change-package idea',
};

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
  /** Kept from before a syntax slip hid it: its range is where it was, not where it is. */
  stale?: true;
}

export type ReferenceField = 'strategy' | 'previous' | 'measure' | 'parent' | 'addresses' | 'data' | 'package' | 'team';

/** A use of an id. `previous` and `parent` references form chains that must not loop. */
export interface Reference {
  id: string;
  kind: ItemKind;
  field: ReferenceField;
  uri: string;
  range: Range;
  path: PathSegment[];
  /** For `previous` and `parent`: the id of the cycle or factor that names this link (the chain's edge starts there). */
  owner?: string;
  /** Kept from before a syntax slip hid it: its range is where it was, not where it is. */
  stale?: true;
}

export interface Symbols {
  definitions: Definition[];
  references: Reference[];
}

function get(node: unknown, key: string): Node | null | undefined {
  if (!isMap(node)) return undefined;
  return pairOf(node, key)?.value as Node | null | undefined;
}

function getPath(node: unknown, dotted: string): Node | null | undefined {
  let current: unknown = node;
  for (const key of dotted.split('.')) current = get(current, key);
  return current as Node | null | undefined;
}

function text(node: unknown): string | undefined {
  return isScalar(node) && (typeof node.value === 'string' || typeof node.value === 'number')
    ? String(node.value)
    : undefined;
}

/** Every node matching a pattern, with its concrete path. For "{key}" the node is the key scalar itself. */
function collect(root: unknown, pattern: Pattern): { node: unknown; path: PathSegment[] }[] {
  let current: { node: unknown; path: PathSegment[] }[] = [{ node: root, path: [] }];
  for (const segment of pattern) {
    const next: typeof current = [];
    for (const { node, path } of current) {
      if (segment === '*') {
        if (isSeq(node)) node.items.forEach((item, i) => next.push({ node: item, path: [...path, i] }));
      } else if (segment === '{key}') {
        if (isMap(node))
          for (const pair of node.items) next.push({ node: pair.key, path: [...path, text(pair.key) ?? ''] });
      } else {
        const child = get(node, segment);
        if (child !== undefined) next.push({ node: child, path: [...path, segment] });
      }
    }
    current = next;
  }
  return current;
}

export function extractSymbols(uri: string, kind: WorksheetKind, doc: Document, lc: LineCounter): Symbols {
  const out: Symbols = { definitions: [], references: [] };
  const root = doc.contents;
  if (!isMap(root)) return out;
  /** Definitions by the path of their item, so a chain link finds the item it belongs to in O(depth). */
  const byPath = new Map<string, Definition>();
  for (const spec of DEFINITIONS[kind]) {
    for (const { node, path } of collect(root, spec.pattern)) {
      const idNode = get(node, 'id');
      const id = text(idNode);
      const s = span(idNode);
      if (id === undefined || !s) continue;
      const definition: Definition = {
        id,
        kind: spec.kind,
        uri,
        range: rangeOf(lc, s[0], s[1]),
        path,
        title: text(get(node, spec.title)),
        summary: spec.summary ? text(getPath(node, spec.summary)) : undefined,
      };
      out.definitions.push(definition);
      if (!byPath.has(pathKey(path))) byPath.set(pathKey(path), definition);
    }
  }
  for (const spec of REFERENCES[kind]) {
    for (const { node, path } of collect(root, spec.pattern)) {
      const id = text(node);
      const s = span(node);
      if (id === undefined || id === '' || !s) continue;
      const reference: Reference = {
        id,
        kind: spec.kind,
        field: spec.field,
        uri,
        range: rangeOf(lc, s[0], s[1]),
        path,
      };
      if (spec.field === 'previous' || spec.field === 'parent') reference.owner = ownerOf(reference, byPath);
      out.references.push(reference);
    }
  }
  return out;
}

function pathKey(path: readonly PathSegment[]): string {
  return path.join('\u0000');
}

/** The nearest enclosing item of the link's own kind: the cycle for `previous`, the factor for `parents`. */
function ownerOf(ref: Reference, byPath: Map<string, Definition>): string | undefined {
  for (let n = ref.path.length - 1; n >= 0; n--) {
    const def = byPath.get(pathKey(ref.path.slice(0, n)));
    if (def?.kind === ref.kind) return def.id;
  }
  return undefined;
}

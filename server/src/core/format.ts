import { isMap, isScalar, isSeq, parseDocument, Scalar, visit, type Document, type Node } from 'yaml';
import type { z } from 'zod';
import { MAX_ALIAS_COUNT, parseYaml } from './parse';
import { WORKSHEET_SCHEMAS } from './schema/kinds';
import { configSchema } from './schema/config';
import { allowedKeys, childSchema } from './schema/walk';
import { CONFIG_FILE_NAME, worksheetKind } from './uri';

export type FormatResult = { ok: true; text: string; changed: boolean } | { ok: false; message: string; line: number };

/** Lists of plain values (ids, data points) go on one line when they fit within this width. */
const FLOW_WIDTH = 100;
const LINE_WIDTH = 100;

function schemaFor(uri: string): z.ZodType | undefined {
  const kind = worksheetKind(uri);
  if (kind) return WORKSHEET_SCHEMAS[kind];
  if (uri.endsWith(CONFIG_FILE_NAME)) return configSchema;
  return undefined;
}

/** What `check` refuses to read is not formatted either: the file stays exactly as it is. */
const REFUSED = new Set(['yaml-syntax', 'not-text', 'too-large', 'too-deep', 'alias-limit', 'multi-document']);

/**
 * The canonical layout of a worksheet: keys in the order of the format (the PDSA phases, then the
 * schema's order), two-space indentation, lists of plain values on one line when they fit, plain
 * scalars unquoted unless quoting is needed. Comments and blank-line groups stay with the key they
 * belong to. A file `check` refuses (syntax errors, binary, too large, too deep, alias bombs) is
 * returned as an error, never rewritten.
 *
 * Never changes meaning: the data of the result is compared with the data of the input (every
 * string exactly, whitespace included). When the full layout would change it (an alias moved
 * before its anchor, a value the library cannot re-quote faithfully), a gentler layout is tried
 * (no key reordering, then no requoting either); when none keeps the data, the file is refused.
 * The result is a fixed point: formatting it again changes nothing.
 */
export function formatWorksheet(uri: string, text: string): FormatResult {
  const parsed = parseYaml(uri, text);
  const refused = parsed.diagnostics.find((d) => REFUSED.has(d.code) && d.severity === 'error');
  if (refused) {
    const line = refused.range.start.line + 1;
    const what =
      refused.code === 'yaml-syntax'
        ? `line ${line} has a YAML syntax error (${refused.message})`
        : `line ${line}: ${refused.message}`;
    return { ok: false, message: `not formatted: ${what}`, line };
  }
  if (!parsed.doc || parsed.doc.contents === null) return { ok: true, text, changed: false };
  const before = parsed.doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT }) as unknown;
  const schema = schemaFor(uri);
  for (const [i, style] of STYLES.entries()) {
    // The first layout may work on the parsed tree itself; a fallback needs a fresh copy of the original.
    const formatted = fixedPoint(
      text,
      i === 0 ? parsed.doc : parseDocument(text, { prettyErrors: false, uniqueKeys: false }),
      schema,
      style,
      before,
    );
    if (formatted !== undefined) return { ok: true, text: formatted, changed: formatted !== text };
  }
  return {
    ok: false,
    message: 'not formatted: the canonical layout would change a value in this file, so it is left as it is',
    line: 1,
  };
}

interface Style {
  reorder: boolean;
  requote: boolean;
}

const STYLES: Style[] = [
  { reorder: true, requote: true },
  { reorder: false, requote: true },
  { reorder: false, requote: false },
];

/**
 * Lays the text out until it stops changing (at most a few rounds), each round's output parsed
 * once: to compare its data with the original, and to lay out again. Undefined if a round changes
 * the data or the layout does not settle.
 */
function fixedPoint(
  text: string,
  parsed: Document,
  schema: z.ZodType | undefined,
  style: Style,
  data: unknown,
): string | undefined {
  let current = text;
  let doc = parsed;
  for (let round = 0; round < 4; round++) {
    const next = layOut(doc, schema, style);
    if (next === current) return current;
    if (next === undefined) return undefined;
    const reparsed = dataOf(next);
    if (!reparsed || !deepEqual(data, reparsed.data)) return undefined;
    current = next;
    doc = reparsed.doc;
  }
  return undefined;
}

function layOut(doc: Document, schema: z.ZodType | undefined, style: Style): string | undefined {
  try {
    if (doc.contents === null) return undefined;
    // An alias must come after its anchor: with aliases, the keys keep their order.
    let hasAlias = false;
    visit(doc, { Alias: () => ((hasAlias = true), visit.BREAK) });
    if (style.reorder && !hasAlias) order(doc.contents as Node, schema);
    normalize(doc, style.requote);
    // Folded text (>-) is re-folded at LINE_WIDTH: the library has one width for all scalars, and 0 would
    // flatten every folded paragraph into one long line.
    return doc.toString({
      indent: 2,
      indentSeq: true,
      lineWidth: LINE_WIDTH,
      minContentWidth: 20,
      flowCollectionPadding: false,
    });
  } catch {
    return undefined;
  }
}

/** The text's document and data; undefined when it does not parse cleanly. */
function dataOf(text: string): { doc: Document; data: unknown } | undefined {
  try {
    const doc = parseDocument(text, { prettyErrors: false, uniqueKeys: false });
    if (doc.errors.length) return undefined;
    return { doc, data: doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT }) };
  } catch {
    return undefined;
  }
}

function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a === 'number' && typeof b === 'number') return Number.isNaN(a) && Number.isNaN(b);
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (a instanceof Date || b instanceof Date)
    return a instanceof Date && b instanceof Date && a.getTime() === b.getTime();
  if (a instanceof Uint8Array || b instanceof Uint8Array)
    return a instanceof Uint8Array && b instanceof Uint8Array && a.length === b.length && a.every((x, i) => x === b[i]);
  if (Array.isArray(a) || Array.isArray(b))
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((x, i) => deepEqual(x, b[i]));
  if (a instanceof Map || b instanceof Map || a instanceof Set || b instanceof Set) return false;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  if (ka.length !== kb.length) return false;
  const rb = b as Record<string, unknown>;
  return ka.every((k) => Object.hasOwn(b, k) && deepEqual((a as Record<string, unknown>)[k], rb[k]));
}

/** Sorts map keys by the schema's order (unknown keys last, in their own order), recursively. */
function order(node: Node | null, schema: z.ZodType | undefined): void {
  if (isMap(node)) {
    const keys = schema ? allowedKeys(schema) : [];
    const rank = (k: unknown) => {
      const i = keys.indexOf(String(isScalar(k) ? k.value : k));
      return i === -1 ? keys.length : i;
    };
    const indexed = node.items.map((item, i) => ({ item, i }));
    indexed.sort((a, b) => rank(a.item.key) - rank(b.item.key) || a.i - b.i);
    // A comment before the map's first key belongs to the map: keep it in front after sorting.
    const first = node.items[0]?.key as Node | undefined;
    const leading = first && 'commentBefore' in first ? first.commentBefore : undefined;
    if (leading && indexed[0]!.item !== node.items[0]) {
      (first as { commentBefore?: string | null }).commentBefore = undefined;
      const newFirst = indexed[0]!.item.key as { commentBefore?: string | null } | null;
      if (newFirst) newFirst.commentBefore = newFirst.commentBefore ? `${leading}\n${newFirst.commentBefore}` : leading;
    }
    node.items = indexed.map((x) => x.item);
    for (const pair of node.items)
      order(
        pair.value as Node | null,
        schema && isScalar(pair.key) ? childSchema(schema, String(pair.key.value)) : undefined,
      );
  } else if (isSeq(node)) {
    node.items.forEach((item, i) => order(item as Node, schema && childSchema(schema, i)));
  }
}

/** Quoting and list layout, the same way every time. */
function normalize(doc: Document, requote: boolean): void {
  visit(doc, {
    Scalar(_, node) {
      // Let the library choose: plain when the text stays a string, quotes only when needed. Text whose
      // lines start or end with spaces or tabs, or that holds line breaks, keeps its quotes: as plain
      // or block text those spaces would not survive.
      if (requote && (node.type === Scalar.QUOTE_DOUBLE || node.type === Scalar.QUOTE_SINGLE)) {
        if (typeof node.value === 'string' && !/\n|^[ \t]|[ \t]$/.test(node.value)) node.type = undefined;
      }
    },
    Seq(_, node) {
      const scalars = node.items.every(
        (item) => isScalar(item) || (isSeq(item) && item.items.every((x) => isScalar(x))),
      );
      const hasComments = node.items.some(
        (item) =>
          (item as { commentBefore?: string; comment?: string }).commentBefore ||
          (item as { comment?: string }).comment,
      );
      if (!scalars || hasComments || node.items.length === 0) return;
      // Points ([date, value]) and short id lists on one line; long lists of plain values stay one per line.
      const inline = node.items
        .map((item) =>
          isSeq(item)
            ? `[${item.items.map((x) => String((x as Scalar).value)).join(', ')}]`
            : String((item as Scalar).value),
        )
        .join(', ');
      const nested = node.items.some((item) => isSeq(item));
      if (nested) {
        node.flow = false;
        for (const item of node.items) (item as { flow?: boolean }).flow = true;
      } else node.flow = inline.length + 2 <= FLOW_WIDTH - 20;
    },
  });
}

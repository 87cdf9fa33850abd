import { isMap, isScalar, isSeq, parseDocument, Scalar, visit, type Document, type Node } from 'yaml';
import type { z } from 'zod';
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

/**
 * The canonical layout of a worksheet: keys in the order of the format (the PDSA phases, then the
 * schema's order), two-space indentation, lists of plain values on one line when they fit, plain
 * scalars unquoted unless quoting is needed. Comments and blank-line groups stay with the key they
 * belong to. A file with syntax errors is returned as an error, never rewritten.
 */
export function formatWorksheet(uri: string, text: string): FormatResult {
  const doc = parseDocument(text, { prettyErrors: false, keepSourceTokens: false });
  const error = doc.errors[0];
  if (error) {
    const line = text.slice(0, error.pos[0]).split('\n').length;
    return { ok: false, message: `not formatted: line ${line} has a YAML syntax error (${error.message.replace(/ at line \d+.*$/s, '')})`, line };
  }
  if (doc.contents === null) return { ok: true, text, changed: false };
  const schema = schemaFor(uri);
  order(doc.contents as Node, schema);
  normalize(doc);
  // Folded text (>-) is re-folded at LINE_WIDTH: the library has one width for all scalars, and 0 would
  // flatten every folded paragraph into one long line.
  const formatted = doc.toString({ indent: 2, indentSeq: true, lineWidth: LINE_WIDTH, minContentWidth: 20, flowCollectionPadding: false });
  return { ok: true, text: formatted, changed: formatted !== text };
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
    for (const pair of node.items) order(pair.value as Node | null, schema && isScalar(pair.key) ? childSchema(schema, String(pair.key.value)) : undefined);
  } else if (isSeq(node)) {
    node.items.forEach((item, i) => order(item as Node, schema && childSchema(schema, i)));
  }
}

/** Quoting and list layout, the same way every time. */
function normalize(doc: Document): void {
  visit(doc, {
    Scalar(_, node) {
      // Let the library choose: plain when the text stays a string, quotes only when needed.
      if (node.type === Scalar.QUOTE_DOUBLE || node.type === Scalar.QUOTE_SINGLE) {
        if (typeof node.value === 'string') node.type = undefined;
      }
    },
    Seq(_, node) {
      const scalars = node.items.every((item) => isScalar(item) || (isSeq(item) && item.items.every((x) => isScalar(x))));
      const hasComments = node.items.some((item) => (item as { commentBefore?: string; comment?: string }).commentBefore || (item as { comment?: string }).comment);
      if (!scalars || hasComments || node.items.length === 0) return;
      // Points ([date, value]) and short id lists on one line; long lists of plain values stay one per line.
      const inline = node.items.map((item) => (isSeq(item) ? `[${item.items.map((x) => String((x as Scalar).value)).join(', ')}]` : String((item as Scalar).value))).join(', ');
      const nested = node.items.some((item) => isSeq(item));
      if (nested) {
        node.flow = false;
        for (const item of node.items) (item as { flow?: boolean }).flow = true;
      } else node.flow = inline.length + 2 <= FLOW_WIDTH - 20;
    },
  });
}

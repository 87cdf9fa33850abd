import { isMap, isScalar } from 'yaml';
import {
  CompletionItemKind,
  InsertTextFormat,
  MarkupKind,
  type CompletionItem,
  type Position,
} from 'vscode-languageserver-types';
import type { z } from 'zod';
import { locate } from '../ast';
import { cursorContext, type CursorContext } from '../cursor';
import { VALUE_GUIDANCE } from '../schema/guidance';
import { referenceAt } from '../fields';
import { allowedKeys, childSchema, defOf, description, enumValues, isOptional, schemaAt, unwrap } from '../schema/walk';
import type { Workspace } from '../workspace';
import { documentOf, type WorksheetFile } from '../worksheet';
import { escapeMarkdown, firstSentence, KIND_LABELS, offsetOf, positionOf, rootSchema } from './common';
import { cycleSections, FACTOR_SNIPPET, STRATEGY_SNIPPET, type SectionSnippet } from './templates';

export function completions(ws: Workspace, uri: string, position: Position, today: string): CompletionItem[] {
  const file = ws.worksheet(uri);
  if (!file) return [];
  const offset = offsetOf(file, position);
  const ctx = cursorContext(file.parsed.text, offset);
  const range = { start: positionOf(file, ctx.start), end: position };
  const root = rootSchema(file.kind);
  const items: CompletionItem[] = [];

  if (ctx.mode === 'key') items.push(...keyItems(ws, file, ctx, root, range));
  else {
    items.push(...valueItems(ws, file, ctx, root, today, range));
    // "- |" in a list of maps: the item's first key.
    if (ctx.listItem) items.push(...keyItems(ws, file, { ...ctx, mode: 'key' }, root, range));
  }
  items.push(...snippetItems(ws, file, ctx, today, range));
  return items;
}

type Range = { start: Position; end: Position };

/** A stand-in key for asking the field table whether a map's keys are ids. */
const ANY_KEY = '\u0000any-key';

function keyItems(
  ws: Workspace,
  file: WorksheetFile,
  ctx: CursorContext,
  root: z.ZodType,
  range: Range,
): CompletionItem[] {
  // A map keyed by ids (do.data: measure -> points) offers the ids as keys.
  const keyRef = referenceAt(file.kind, [...ctx.path, ANY_KEY]);
  if (keyRef) return idItems(ws, file, keyRef.kind, range, (id) => `${id}:`);
  const schema = schemaAt(root, ctx.path);
  if (!schema) return [];
  const present = presentKeys(file, ctx);
  return allowedKeys(schema)
    .filter((key) => !present.has(key))
    .map((key, i) => {
      const child = childSchema(schema, key);
      const desc = description(child) ?? '';
      const item: CompletionItem = {
        label: key,
        kind: CompletionItemKind.Property,
        detail: desc ? firstSentence(desc) : undefined,
        documentation: desc ? { kind: MarkupKind.Markdown, value: desc } : undefined,
        textEdit: { range, newText: keyInsertText(key, child) },
        insertTextFormat: InsertTextFormat.Snippet,
        // Required keys first, then in the schema's (phase) order.
        sortText: `${child && isOptional(child) ? 1 : 0}${String(i).padStart(3, '0')}`,
      };
      return item;
    });
}

/** `key: `, or `key:` plus the first line of its block when the value is a map or a list. */
function keyInsertText(key: string, child: z.ZodType | undefined): string {
  if (!child) return `${key}: $0`;
  const type = defOf(unwrap(child)).type;
  const values = enumValues(child);
  if (values.length > 1) return `${key}: \${1|${values.join(',')}|}`;
  if (type === 'object') return `${key}:\n  $0`;
  if (type === 'array') {
    const element = defOf(unwrap(child)).element;
    return element && defOf(unwrap(element)).type === 'string' ? `${key}: [$0]` : `${key}:\n  - $0`;
  }
  if (type === 'record') return `${key}:\n  $0`;
  return `${key}: $0`;
}

function presentKeys(file: WorksheetFile, ctx: CursorContext): Set<string> {
  const doc = documentOf(file);
  const node = doc ? locate(doc, ctx.path)?.node : undefined;
  const out = new Set<string>();
  if (isMap(node)) {
    for (const pair of node.items) {
      if (!isScalar(pair.key)) continue;
      const key = String(pair.key.value);
      // The word being typed parses as a key too: keep offering it.
      if (key !== ctx.partial) out.add(key);
    }
  }
  return out;
}

function valueItems(
  ws: Workspace,
  file: WorksheetFile,
  ctx: CursorContext,
  root: z.ZodType,
  today: string,
  range: Range,
): CompletionItem[] {
  const ref = referenceAt(file.kind, ctx.path);
  if (ref) {
    const own = file.symbols.definitions.find((d) => d.kind === 'cycle')?.id;
    return idItems(ws, file, ref.kind, range, undefined, ref.kind === 'cycle' ? own : undefined);
  }
  const schema = schemaAt(root, ctx.path);
  if (!schema) return [];
  const items: CompletionItem[] = [];
  const desc = description(schema);
  for (const [i, value] of enumValues(schema).entries()) {
    const guidance = VALUE_GUIDANCE[value];
    items.push({
      label: value,
      kind: CompletionItemKind.EnumMember,
      detail: guidance ?? (desc ? firstSentence(desc) : undefined),
      documentation: desc,
      textEdit: { range, newText: value },
      sortText: String(i).padStart(3, '0'),
    });
  }
  if (isDateSchema(schema)) {
    items.push({
      label: today,
      kind: CompletionItemKind.Value,
      detail: 'today',
      textEdit: { range, newText: today },
      sortText: '0',
    });
  }
  if (defOf(unwrap(schema)).type === 'boolean') {
    for (const value of ['true', 'false'])
      items.push({ label: value, kind: CompletionItemKind.Value, textEdit: { range, newText: value } });
  }
  return items;
}

function isDateSchema(schema: z.ZodType): boolean {
  const s = unwrap(schema);
  const meta = (s as { meta?: () => Record<string, unknown> | undefined }).meta?.();
  if (meta?.format === 'date') return true;
  // A union such as "first N points or a date" also takes a date.
  const options = defOf(s).type === 'union' ? (defOf(s).options ?? []) : [];
  return options.some(isDateSchema);
}

/** Ids of one kind from the whole workspace: label the id, detail its title, documentation its summary. */
function idItems(
  ws: Workspace,
  file: WorksheetFile,
  kind: keyof typeof KIND_LABELS,
  range: Range,
  insert?: (id: string) => string,
  exclude?: string,
): CompletionItem[] {
  const items: CompletionItem[] = [];
  for (const id of ws.idsOfKind(kind)) {
    if (id === exclude) continue;
    // In a collaborative, only the ids this team can use (its own and the collaborative's).
    const def = ws.definitions(id, file.uri).find((d) => d.kind === kind);
    if (!def) continue;
    const where = def.uri === file.uri ? 'this file' : def.uri.slice(def.uri.lastIndexOf('/') + 1);
    items.push({
      label: id,
      kind: CompletionItemKind.Reference,
      detail: def.title ? `${KIND_LABELS[kind]}: ${def.title}` : KIND_LABELS[kind],
      // Shown on every row, not only the selected one: ids alone are hard to tell apart.
      ...(def.title ? { labelDetails: { description: def.title } } : {}),
      documentation: {
        kind: MarkupKind.Markdown,
        value: `${def.summary ? `${escapeMarkdown(def.summary)}\n\n` : ''}*${KIND_LABELS[kind]} in ${escapeMarkdown(where)}*`,
      },
      textEdit: { range, newText: insert ? insert(id) : id },
    });
  }
  return items;
}

function snippetItems(
  ws: Workspace,
  file: WorksheetFile,
  ctx: CursorContext,
  today: string,
  range: Range,
): CompletionItem[] {
  const snippet = (s: SectionSnippet, sortText: string): CompletionItem => ({
    label: s.label,
    kind: CompletionItemKind.Snippet,
    detail: s.detail,
    textEdit: { range, newText: s.body },
    insertTextFormat: InsertTextFormat.Snippet,
    filterText: s.label.replace(/^new /, ''),
    sortText,
  });
  if (file.kind === 'cycle' && ctx.mode === 'key' && ctx.path.length === 0) {
    const present = presentKeys(file, ctx);
    const measures = file.cycle?.measures?.length ? file.cycle.measures : [...ws.idsOfKind('measure')].sort();
    return Object.values(cycleSections(today, measures))
      .filter((s) => !present.has(s.label))
      .map((s) => ({ ...snippet(s, `2${s.label}`), label: `${s.label} (section)` }));
  }
  if (file.kind === 'factors' && ctx.listItem && ctx.path.length === 2 && typeof ctx.path[1] === 'number') {
    if (ctx.path[0] === 'factors') return [snippet(FACTOR_SNIPPET, '2')];
    if (ctx.path[0] === 'strategies') return [snippet(STRATEGY_SNIPPET, '2')];
  }
  return [];
}

import type { Position, Range } from 'vscode-languageserver-types';
import type { z } from 'zod';
import { WORKSHEET_SCHEMAS } from '../schema/kinds';
import type { Definition, ItemKind, Reference } from '../symbols';
import { offsetAt, positionAt } from '../text';
export { firstSentence } from '../text';
import type { WorksheetKind } from '../uri';
import type { WorksheetFile } from '../worksheet';

export function rootSchema(kind: WorksheetKind): z.ZodType {
  return WORKSHEET_SCHEMAS[kind];
}

export function offsetOf(file: WorksheetFile, position: Position): number {
  return offsetAt(file.parsed.lineCounter, file.parsed.text, position);
}

export function positionOf(file: WorksheetFile, offset: number): Position {
  return positionAt(file.parsed.lineCounter, offset);
}

export function contains(range: Range, p: Position): boolean {
  const afterStart = p.line > range.start.line || (p.line === range.start.line && p.character >= range.start.character);
  const beforeEnd = p.line < range.end.line || (p.line === range.end.line && p.character <= range.end.character);
  return afterStart && beforeEnd;
}

/** The id (defined or referenced) under the cursor. */
export function symbolAt(
  file: WorksheetFile,
  p: Position,
): { id: string; kind: ItemKind; range: Range; definition?: Definition; reference?: Reference } | undefined {
  for (const d of file.symbols.definitions)
    if (contains(d.range, p)) return { id: d.id, kind: d.kind, range: d.range, definition: d };
  for (const r of file.symbols.references)
    if (contains(r.range, p)) return { id: r.id, kind: r.kind, range: r.range, reference: r };
  return undefined;
}

export { KIND_LABELS } from '../symbols';

/**
 * Worksheet text as a Markdown code span. Backslash escapes are literal inside code spans (an id
 * would show as `c02\-greeters`), so nothing is escaped: the fence is longer than any run of
 * backticks in the text, which is all CommonMark needs to keep it inert.
 */
export function inlineCode(s: string): string {
  let longest = 0;
  for (const run of s.match(/`+/g) ?? []) longest = Math.max(longest, run.length);
  const fence = '`'.repeat(longest + 1);
  const pad = s.startsWith('`') || s.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${s.replace(/\r?\n/g, ' ')}${pad}${fence}`;
}

/** Text shown to users in Markdown: worksheet text is untrusted, so Markdown syntax in it is escaped. */
export function escapeMarkdown(s: string): string {
  return s.replace(/[\\`*_{}[\]()#+\-.!|<>~]/g, (c) => `\\${c}`);
}

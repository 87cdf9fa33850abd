import type { LineCounter } from 'yaml';
import type { Position, Range } from './diagnostics';

/** Converts yaml offsets to 0-based LSP positions through the file's LineCounter. */
export function positionAt(lc: LineCounter, offset: number): Position {
  const { line, col } = lc.linePos(offset);
  return { line: line - 1, character: col - 1 };
}

export function rangeOf(lc: LineCounter, start: number, end: number): Range {
  return { start: positionAt(lc, start), end: positionAt(lc, Math.max(start, end)) };
}

/** Offset of a 0-based position; used by the language server for cursor lookups. */
export function offsetAt(lc: LineCounter, text: string, pos: Position): number {
  const lineStart = lc.lineStarts[pos.line];
  if (lineStart === undefined) return text.length;
  return Math.min(lineStart + pos.character, text.length);
}

export const ZERO_RANGE: Range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };

/** The first sentence of a description, for one-line details ("Id of a strategy." -> "Id of a strategy"). */
export function firstSentence(s: string): string {
  const m = /^(.*?[.:])(\s|$)/.exec(s);
  return (m ? m[1]! : s).replace(/[.:]$/, '');
}

/**
 * Text for a terminal or a CI log: control characters (an escape sequence in a value could recolour
 * or rewrite the screen), bidirectional overrides and line breaks are shown as visible \u escapes.
 */
export function terminalSafe(s: string): string {
  // eslint-disable-next-line no-control-regex
  return s.replace(
    /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069\ufffe\uffff]|[\ud800-\udfff]/gu,
    (c) => `\\u${c.codePointAt(0)!.toString(16).padStart(4, '0')}`,
  );
}

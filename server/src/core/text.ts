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

import type { Range, TextEdit } from 'vscode-languageserver-types';
import { formatWorksheet } from '../format';
import { positionAt } from '../text';
import type { WorksheetFile } from '../worksheet';

/**
 * The formatting edit for a document: the smallest replacement (common prefix and suffix kept), so
 * the editor's cursor and undo history move only where the text changed. None for broken YAML.
 */
export function formattingEdits(file: WorksheetFile, range?: Range): TextEdit[] {
  const text = file.parsed.text;
  const result = formatWorksheet(file.uri, text);
  if (!result.ok || !result.changed) return [];
  const next = result.text;
  let start = 0;
  while (start < text.length && start < next.length && text[start] === next[start]) start++;
  let end = 0;
  while (
    end < text.length - start &&
    end < next.length - start &&
    text[text.length - 1 - end] === next[next.length - 1 - end]
  )
    end++;
  // Whole lines: cleaner edits, and range formatting can test them against the selection.
  start = text.lastIndexOf('\n', start - 1) + 1;
  const edit: TextEdit = {
    range: {
      start: positionAt(file.parsed.lineCounter, start),
      end: positionAt(file.parsed.lineCounter, text.length - end),
    },
    newText: next.slice(start, next.length - end),
  };
  if (range && (edit.range.end.line < range.start.line || edit.range.start.line > range.end.line)) return [];
  return [edit];
}

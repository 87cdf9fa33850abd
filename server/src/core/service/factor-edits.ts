import { isMap, isScalar, type Node, type Pair } from 'yaml';
import type { TextEdit } from 'vscode-languageserver-types';
import { locate, pairOf } from '../ast';
import { documentOf, type WorksheetFile } from '../worksheet';
import { positionOf } from './common';

/**
 * Moves a factor to another quadrant of the four-blocker: replaces its `impact` and `influence`
 * values where they are written, or adds the missing keys after the factor's last line. Nothing else
 * in the file changes, so comments and layout stay as they are (and the edit is one undo step).
 */
export function moveFactorEdits(
  file: WorksheetFile,
  factorId: string,
  impact: 'high' | 'low',
  influence: 'high' | 'low',
): TextEdit[] {
  const index = file.factors?.factors?.findIndex((f) => f.id === factorId) ?? -1;
  const doc = documentOf(file);
  const node = doc && index >= 0 ? locate(doc, ['factors', index])?.node : undefined;
  if (!isMap(node) || node.flow || !node.range) return [];
  const text = file.parsed.text;
  const edits: TextEdit[] = [];
  const missing: string[] = [];
  for (const [key, value] of [
    ['impact', impact],
    ['influence', influence],
  ] as const) {
    const pair = pairOf(node, key) as Pair<Node, Node | null> | undefined;
    const v = pair?.value;
    if (isScalar(v) && v.range) {
      if (v.value !== value)
        edits.push({
          range: { start: positionOf(file, v.range[0]), end: positionOf(file, v.range[1]) },
          newText: value,
        });
    } else missing.push(`${key}: ${value}`);
  }
  if (missing.length) {
    const first = node.items[0]?.key as Node | undefined;
    const column = first?.range ? first.range[0] - (text.lastIndexOf('\n', first.range[0] - 1) + 1) : 4;
    let end = node.range[1];
    while (end > 0 && /\s/.test(text[end - 1]!)) end--;
    const at = positionOf(file, end);
    edits.push({ range: { start: at, end: at }, newText: missing.map((m) => `\n${' '.repeat(column)}${m}`).join('') });
  }
  return edits;
}

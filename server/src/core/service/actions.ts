import { isMap, type Node } from 'yaml';
import {
  CodeActionKind,
  type CodeAction,
  type Diagnostic as LspDiagnostic,
  type Range,
  type TextEdit,
} from 'vscode-languageserver-types';
import type { z } from 'zod';
import { locate, type PathSegment } from '../ast';
import { allowedKeys, childSchema, defOf, isOptional, schemaAt, unwrap } from '../schema/walk';
import type { Workspace } from '../workspace';
import { documentOf, type WorksheetFile } from '../worksheet';
import { positionOf, rootSchema } from './common';

/** What the core attaches to a diagnostic (LSP `data`) so a quick fix can act on it. */
export interface DiagnosticData {
  suggestion?: string;
  missing?: { path: PathSegment[]; key: string };
}

export function codeActions(ws: Workspace, uri: string, diagnostics: LspDiagnostic[]): CodeAction[] {
  const file = ws.worksheet(uri);
  if (!file) return [];
  const actions: CodeAction[] = [];
  for (const d of diagnostics) {
    const data = d.data as DiagnosticData | undefined;
    if (data?.suggestion !== undefined) {
      actions.push({
        title: `Change to "${data.suggestion}"`,
        kind: CodeActionKind.QuickFix,
        diagnostics: [d],
        isPreferred: true,
        edit: { changes: { [uri]: [{ range: d.range, newText: data.suggestion }] } },
      });
    }
    if (data?.missing) {
      const edit = insertKey(file, data.missing.path, data.missing.key);
      if (edit)
        actions.push({
          title: `Add the missing "${data.missing.key}"`,
          kind: CodeActionKind.QuickFix,
          diagnostics: [d],
          edit: { changes: { [uri]: [edit] } },
        });
    }
  }
  return actions;
}

/** YAML lines for a key with the skeleton of its required sub-keys, indented by `indent`. */
function skeleton(key: string, schema: z.ZodType | undefined, indent: string): string[] {
  const type = schema ? defOf(unwrap(schema)).type : 'string';
  if (type === 'object' && schema) {
    const required = allowedKeys(schema).filter((k) => {
      const child = childSchema(schema, k);
      return child && !isOptional(child);
    });
    return [`${indent}${key}:`, ...required.flatMap((k) => skeleton(k, childSchema(schema, k), `${indent}  `))];
  }
  if (type === 'array') return [`${indent}${key}:`, `${indent}  - `];
  return [`${indent}${key}: `];
}

/** Inserts a missing key at the end of the map at `path`, at that map's indentation. */
function insertKey(file: WorksheetFile, path: PathSegment[], key: string): TextEdit | undefined {
  const doc = documentOf(file);
  const map = doc ? locate(doc, path)?.node : undefined;
  if (!isMap(map) || map.flow || !map.range) return undefined;
  const text = file.parsed.text;
  const first = map.items[0]?.key as Node | undefined;
  const column = first?.range ? first.range[0] - (text.lastIndexOf('\n', first.range[0] - 1) + 1) : 0;
  const lines = skeleton(key, schemaAt(rootSchema(file.kind), [...path, key]), ' '.repeat(column));
  // After the map's last content (its range runs to the next key's line start).
  let end = map.range[1];
  while (end > 0 && /\s/.test(text[end - 1]!)) end--;
  const at = positionOf(file, end);
  return { range: { start: at, end: at }, newText: `\n${lines.join('\n')}` };
}

/** "Start the next cycle" on a cycle whose Act is filled (offered anywhere in the act section). */
export function cycleActions(ws: Workspace, uri: string, range: Range): CodeAction[] {
  const file = ws.worksheet(uri);
  const cycle = file?.cycle;
  if (!file || !cycle?.act) return [];
  const doc = documentOf(file);
  const act = doc ? locate(doc, ['act']) : undefined;
  const actLine =
    act?.pair?.key && (act.pair.key as Node).range
      ? positionOf(file, (act.pair.key as Node).range![0]).line
      : undefined;
  if (actLine === undefined || range.end.line < actLine) return [];
  return [
    {
      title: `Start the next cycle after ${cycle.id}`,
      kind: CodeActionKind.Refactor,
      command: { title: 'Start Next Cycle', command: 'pdsa.startNextCycle', arguments: [cycle.id, uri] },
    },
  ];
}

import { MarkupKind, type Hover, type Position } from 'vscode-languageserver-types';
import { measureStatus, statusHeading, statusLines } from '../analytics/measure-status';
import { statusIconsMarkdown } from '../render/status-icons';
import { cursorContext } from '../cursor';
import { description, enumValues, schemaAt } from '../schema/walk';
import type { Workspace } from '../workspace';
import { escapeMarkdown, inlineCode, KIND_LABELS, offsetOf, positionOf, rootSchema, symbolAt } from './common';

/** The field's description on a key; the referenced item on an id. Worksheet text is escaped: it is untrusted. */
export function hover(ws: Workspace, uri: string, position: Position): Hover | null {
  const file = ws.worksheet(uri);
  if (!file) return null;
  const symbol = symbolAt(file, position);
  if (symbol) {
    const def = symbol.definition ?? ws.definitions(symbol.id, uri).find((d) => d.kind === symbol.kind);
    if (!def)
      return {
        contents: {
          kind: MarkupKind.Markdown,
          value: `No ${KIND_LABELS[symbol.kind]} ${inlineCode(symbol.id)} in the workspace.`,
        },
        range: symbol.range,
      };
    const where = def.uri.slice(def.uri.lastIndexOf('/') + 1);
    const uses = ws.references(def.id, def.uri).length;
    const lines = [
      `**${KIND_LABELS[def.kind]}** ${inlineCode(def.id)}${def.title ? `: ${escapeMarkdown(def.title)}` : ''}`,
    ];
    if (def.summary) lines.push('', escapeMarkdown(def.summary));
    if (def.kind === 'measure') lines.push(...measureHover(ws, def.id, uri));
    lines.push(
      '',
      `*${escapeMarkdown(where)}, line ${def.range.start.line + 1} · ${uses} reference${uses === 1 ? '' : 's'}*`,
    );
    return { contents: { kind: MarkupKind.Markdown, value: lines.join('\n') }, range: symbol.range };
  }

  // A key: find its text on the line, then ask the schema about its path.
  const text = file.parsed.text;
  const offset = offsetOf(file, position);
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  const lineEnd = text.indexOf('\n', offset) === -1 ? text.length : text.indexOf('\n', offset);
  const line = text.slice(lineStart, lineEnd);
  const m = /^(\s*(?:-\s+)*)(?:\{\s*)?([\w-]+)\s*:/.exec(line);
  const root = rootSchema(file.kind);
  if (m) {
    const keyStart = lineStart + m[0].indexOf(m[2]!, m[1]!.length);
    const keyEnd = keyStart + m[2]!.length;
    if (offset >= keyStart && offset <= keyEnd) {
      const ctx = cursorContext(text, keyEnd + 1);
      const schema = schemaAt(root, ctx.path);
      const desc = description(schema);
      if (!desc) return null;
      const values = schema ? enumValues(schema) : [];
      const value = `**${ctx.path.filter((s) => typeof s === 'string').join('.')}**\n\n${desc}${values.length > 1 ? `\n\nOne of: ${values.map((v) => `\`${v}\``).join(', ')}` : ''}`;
      return {
        contents: { kind: MarkupKind.Markdown, value },
        range: { start: positionOf(file, keyStart), end: positionOf(file, keyEnd) },
      };
    }
  }
  return null;
}

/** A measure's variation and assurance per group: the NHS-style icons (alt text in words), then the same in words. */
function measureHover(ws: Workspace, measure: string, from: string): string[] {
  const status = measureStatus(ws, measure, from);
  if (!status || status.groups.length === 0) return [];
  const lines = statusLines(status);
  return [
    '',
    `**Latest point** (${escapeMarkdown(statusHeading(status))}):`,
    '',
    ...status.groups.map((g, k) => `- ${statusIconsMarkdown(g.variation, g.assurance)}${escapeMarkdown(lines[k]!)}`),
  ];
}

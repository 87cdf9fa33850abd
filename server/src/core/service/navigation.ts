import type { Location, Position, Range, TextEdit, WorkspaceEdit } from 'vscode-languageserver-types';
import { ID_PATTERN } from '../schema/common';
import type { Workspace } from '../workspace';
import { KIND_LABELS, symbolAt } from './common';

export function definition(ws: Workspace, uri: string, position: Position): Location[] {
  const file = ws.worksheet(uri);
  const symbol = file && symbolAt(file, position);
  if (!symbol) return [];
  const defs = ws.definitions(symbol.id, uri);
  const ofKind = defs.filter((d) => d.kind === symbol.kind);
  return (ofKind.length ? ofKind : defs).map((d) => ({ uri: d.uri, range: d.range }));
}

export function references(ws: Workspace, uri: string, position: Position, includeDeclaration: boolean): Location[] {
  const file = ws.worksheet(uri);
  const symbol = file && symbolAt(file, position);
  if (!symbol) return [];
  const at = anchor(ws, uri, symbol);
  const refs = ws
    .references(symbol.id, at)
    .filter((r) => r.kind === symbol.kind && !r.stale)
    .map((r) => ({ uri: r.uri, range: r.range }));
  const defs = includeDeclaration
    ? ws
        .definitions(symbol.id, at)
        .filter((d) => d.kind === symbol.kind && !d.stale)
        .map((d) => ({ uri: d.uri, range: d.range }))
    : [];
  return [...defs, ...refs];
}

export function prepareRename(
  ws: Workspace,
  uri: string,
  position: Position,
): { range: Range; placeholder: string } | null {
  const file = ws.worksheet(uri);
  const symbol = file && symbolAt(file, position);
  return symbol ? { range: symbol.range, placeholder: symbol.id } : null;
}

export class RenameError extends Error {}

/** Renames an id everywhere it is defined or used, across files. Quoted ids stay quoted. */
export function rename(ws: Workspace, uri: string, position: Position, newId: string): WorkspaceEdit {
  const file = ws.worksheet(uri);
  const symbol = file && symbolAt(file, position);
  if (!symbol) throw new RenameError('Only ids can be renamed: put the cursor on an id or a reference to one.');
  if (!ID_PATTERN.test(newId))
    throw new RenameError(
      `"${newId}" is not a valid id: start with a letter, then letters, digits, "-" or "_" (at most 64).`,
    );
  if (newId !== symbol.id && ws.definitions(newId).length)
    throw new RenameError(`"${newId}" is already the id of a ${KIND_LABELS[ws.definitions(newId)[0]!.kind]}.`);
  const changes: Record<string, TextEdit[]> = {};
  const add = (target: { uri: string; range: Range }) => {
    const text = ws.worksheet(target.uri)?.parsed.text;
    const quote = text ? quoteAt(ws, target.uri, target.range) : '';
    (changes[target.uri] ??= []).push({ range: target.range, newText: `${quote}${newId}${quote}` });
  };
  const at = anchor(ws, uri, symbol);
  const targets = [
    ...ws.definitions(symbol.id, at).filter((d) => d.kind === symbol.kind),
    ...ws.references(symbol.id, at).filter((r) => r.kind === symbol.kind),
  ];
  // A place kept from before a syntax slip may have moved: editing it could overwrite other text.
  const hidden = targets.find((t) => t.stale);
  if (hidden)
    throw new RenameError(
      `${ws.fileLabel(hidden.uri)} has a syntax error where it uses "${symbol.id}": fix it first, then rename.`,
    );
  targets.forEach(add);
  return { changes };
}

/**
 * The file defining the id the cursor means: in a collaborative each team has its own ids, so
 * references and renames stay within the team (or span every team for a collaborative's own id).
 */
function anchor(
  ws: Workspace,
  uri: string,
  symbol: { id: string; kind: string; definition?: { uri: string } },
): string {
  if (symbol.definition) return symbol.definition.uri;
  const defs = ws.definitions(symbol.id, uri).filter((d) => d.kind === symbol.kind);
  return (defs.find((d) => ws.scopeOf(d.uri) === ws.scopeOf(uri)) ?? defs[0])?.uri ?? uri;
}

function quoteAt(ws: Workspace, uri: string, range: Range): string {
  const file = ws.worksheet(uri)!;
  const start = file.parsed.lineCounter.lineStarts[range.start.line]! + range.start.character;
  const c = file.parsed.text[start];
  return c === '"' || c === "'" ? c : '';
}

import type { PathSegment } from './ast';

/**
 * Where the cursor is in YAML structure, worked out from indentation rather than the syntax tree:
 * while someone types, the document is usually broken, and the tree then says little.
 */
export interface CursorContext {
  /** 'key': typing a key of the map at `path`; 'value': typing the value at `path`. */
  mode: 'key' | 'value';
  /** For 'key', the map's path; for 'value', the value's path. */
  path: PathSegment[];
  /** The text typed so far of the word being completed. */
  partial: string;
  /** Offset where `partial` starts: the completion replaces from here to the cursor. */
  start: number;
  /** Column where a key at this level starts, for indenting inserted blocks. */
  column: number;
  /** True right after "- " at the start of a list item: the item may be a scalar or a map. */
  listItem: boolean;
}

interface Entry {
  col: number;
  seg: PathSegment;
  kind: 'key' | 'item';
  /** A key whose value starts on the next lines (so a list may sit at the key's own column). */
  block: boolean;
}

const KEY = /^("[^"]*"|'[^']*'|[A-Za-z0-9_][\w.-]*)\s*:(?:\s+|$)(.*)$/;

function unquote(s: string): string {
  return /^["']/.test(s) ? s.slice(1, -1) : s;
}

/** Applies one line's structure to the stack; returns the column after its dashes, what is left of it, and whether it had any. */
function applyLine(stack: Entry[], line: string): { pos: number; rest: string; dashes: boolean } {
  const indent = /^ */.exec(line)![0].length;
  let pos = indent;
  let rest = line.slice(indent);
  const dash = /^-(\s|$)/.test(rest);
  let popped: Entry | undefined;
  while (stack.length) {
    const top = stack[stack.length - 1]!;
    if (top.col < pos) break;
    // "key:\n- item": YAML lets a list sit at its key's column.
    if (top.col === pos && top.kind === 'key' && top.block && dash) break;
    popped = stack.pop();
  }
  let sibling = popped && popped.kind === 'item' && popped.col === pos ? popped : undefined;
  const dashes = dash;
  while (/^-(\s|$)/.test(rest)) {
    stack.push({ col: pos, seg: sibling ? (sibling.seg as number) + 1 : 0, kind: 'item', block: false });
    sibling = undefined;
    const m = /^-\s*/.exec(rest)![0];
    pos += m.length;
    rest = rest.slice(m.length);
  }
  return { pos, rest, dashes };
}

export function cursorContext(text: string, offset: number): CursorContext {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  const stack: Entry[] = [];
  let blockScalarCol: number | undefined;
  // Structure of every line above the cursor's.
  for (const line of text.slice(0, Math.max(0, lineStart - 1)).split('\n')) {
    if (/^\s*(#.*)?$/.test(line)) continue;
    const indent = /^ */.exec(line)![0].length;
    if (blockScalarCol !== undefined) {
      if (indent > blockScalarCol) continue;
      blockScalarCol = undefined;
    }
    const { pos, rest } = applyLine(stack, line);
    const key = KEY.exec(rest);
    if (key) {
      const value = key[2]!.replace(/(^|\s)#.*$/, '').trim();
      stack.push({ col: pos, seg: unquote(key[1]!), kind: 'key', block: value === '' });
      if (/^[|>]/.test(value)) blockScalarCol = pos;
    }
  }

  const prefix = text.slice(lineStart, offset);
  const { pos, rest, dashes } = applyLine(stack, prefix);
  const path = stack.map((e) => e.seg);
  const restStart = lineStart + pos;
  const itemFlow = flowContext(rest);
  if (itemFlow) {
    // "- {factor: F1, strength: |" or "- [a, |": a flow collection as a list item.
    return {
      mode: itemFlow.mode,
      path: [...path, ...itemFlow.path],
      partial: itemFlow.partial,
      start: restStart + itemFlow.offset,
      column: pos,
      listItem: false,
    };
  }

  const key = KEY.exec(rest);
  if (!key) {
    // A bare word: a key of the map here, or (after "- ") perhaps a scalar list item.
    const word = /[\w.-]*$/.exec(rest)![0];
    const listItem = dashes && rest === word;
    return {
      mode: listItem ? 'value' : 'key',
      path,
      partial: word,
      start: offset - word.length,
      column: pos,
      listItem,
    };
  }
  const keyName = unquote(key[1]!);
  const valueText = key[2]!;
  const valueStart = restStart + rest.length - valueText.length;
  const inFlow = flowContext(valueText);
  if (inFlow) {
    const flowPath = [...path, keyName, ...inFlow.path];
    return {
      mode: inFlow.mode,
      path: flowPath,
      partial: inFlow.partial,
      start: valueStart + inFlow.offset,
      column: pos,
      listItem: false,
    };
  }
  return {
    mode: 'value',
    path: [...path, keyName],
    partial: valueText,
    start: valueStart,
    column: pos,
    listItem: false,
  };
}

/** Inside a flow collection on the cursor's line: `[a, b, |` or `{start: 2026-01-05, end: |`. */
function flowContext(
  value: string,
): { mode: 'key' | 'value'; path: PathSegment[]; partial: string; offset: number } | undefined {
  if (!/^[[{]/.test(value)) return undefined;
  const path: PathSegment[] = [];
  const frames: { kind: '[' | '{'; index: number; key?: string }[] = [];
  let tokenStart = 0;
  for (let i = 0; i < value.length; i++) {
    const c = value[i];
    if (c === '[' || c === '{') {
      frames.push({ kind: c, index: 0 });
      tokenStart = i + 1;
    } else if (c === ']' || c === '}') {
      frames.pop();
      tokenStart = i + 1;
    } else if (c === ',') {
      const top = frames[frames.length - 1];
      if (top) {
        top.index++;
        top.key = undefined;
      }
      tokenStart = i + 1;
    } else if (c === ':' && frames[frames.length - 1]?.kind === '{') {
      frames[frames.length - 1]!.key = value.slice(tokenStart, i).trim();
      tokenStart = i + 1;
    } else if (c === '"' || c === "'") {
      const end = value.indexOf(c, i + 1);
      if (end === -1) break;
      i = end;
    }
  }
  if (frames.length === 0) return undefined;
  for (let f = 0; f < frames.length - 1; f++) {
    const frame = frames[f]!;
    path.push(frame.kind === '[' ? frame.index : (frame.key ?? ''));
  }
  const top = frames[frames.length - 1]!;
  const raw = value.slice(tokenStart);
  const partial = raw.trimStart();
  const offset = tokenStart + (raw.length - partial.length);
  if (top.kind === '[') return { mode: 'value', path: [...path, top.index], partial, offset };
  if (top.key !== undefined) return { mode: 'value', path: [...path, top.key], partial, offset };
  return { mode: 'key', path, partial, offset };
}

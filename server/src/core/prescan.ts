/**
 * Cheap checks that run before the YAML parser sees the text. The `yaml` library recurses per
 * nesting level, and at ~10,000 levels it aborts the whole process (out of memory in V8's regexp
 * compiler) instead of throwing, so depth has to be bounded before parsing, not caught after.
 */

export const MAX_BYTES = 4 * 1024 * 1024;
export const MAX_DEPTH = 200;

export type PrescanProblem =
  | { kind: 'not-text'; offset: number }
  | { kind: 'too-large'; size: number }
  | { kind: 'too-deep'; offset: number; depth: number };

export function prescan(text: string): PrescanProblem | undefined {
  if (text.length > MAX_BYTES) return { kind: 'too-large', size: text.length };
  // NUL or most C0 controls never occur in a text worksheet; YAML forbids them anyway.
  // eslint-disable-next-line no-control-regex
  const control = /[\u0000-\u0008\u000e-\u001f]/.exec(text);
  if (control) return { kind: 'not-text', offset: control.index };
  return depthProblem(text);
}

/** Estimates nesting: indentation levels (as a stack, like Python's tokenizer) + leading "- " / "? " indicators + flow brackets. */
function depthProblem(text: string): PrescanProblem | undefined {
  const indents: number[] = [];
  let flow = 0;
  let i = 0;
  const n = text.length;
  while (i < n) {
    // Start of a line.
    let col = 0;
    while (i < n && text.charCodeAt(i) === 32) {
      i++;
      col++;
    }
    const lineStartDepth = (): number => {
      while (indents.length && indents[indents.length - 1]! >= col) indents.pop();
      indents.push(col);
      return indents.length;
    };
    let depth = flow === 0 && i < n && text[i] !== '\n' && text[i] !== '#' ? lineStartDepth() : indents.length;
    // Leading block indicators on the same line each open a level.
    while (i + 1 < n && (text[i] === '-' || text[i] === '?') && (text[i + 1] === ' ' || text[i + 1] === '\t')) {
      if (++depth + flow > MAX_DEPTH) return { kind: 'too-deep', offset: i, depth: depth + flow };
      i += 2;
      while (i < n && text[i] === ' ') i++;
    }
    if (depth + flow > MAX_DEPTH) return { kind: 'too-deep', offset: i, depth: depth + flow };
    // Rest of the line: flow brackets outside quotes and comments.
    while (i < n && text[i] !== '\n') {
      const c = text[i]!;
      if (c === '#' && (i === 0 || /\s/.test(text[i - 1]!))) {
        while (i < n && text[i] !== '\n') i++;
        break;
      }
      if ((c === '"' || c === "'") && opensScalar(text, i)) {
        i = skipQuoted(text, i, c);
        continue;
      }
      if (c === '[' || c === '{') {
        flow++;
        if (depth + flow > MAX_DEPTH) return { kind: 'too-deep', offset: i, depth: depth + flow };
      } else if ((c === ']' || c === '}') && flow > 0) flow--;
      i++;
    }
    i++;
  }
  return undefined;
}

/** A quote starts a quoted scalar only where a value starts (an apostrophe inside plain text does not). */
function opensScalar(text: string, i: number): boolean {
  let j = i - 1;
  while (j >= 0 && (text[j] === ' ' || text[j] === '\t')) j--;
  return j < 0 || ':-[{,?\n'.includes(text[j]!);
}

function skipQuoted(text: string, start: number, quote: string): number {
  let i = start + 1;
  while (i < text.length) {
    const c = text[i];
    if (quote === '"' && c === '\\') i += 2;
    else if (c === quote) {
      if (quote === "'" && text[i + 1] === "'") i += 2;
      else return i + 1;
    } else i++;
  }
  return i;
}

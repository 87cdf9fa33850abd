import { Lexer } from 'yaml';

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

/**
 * Real nesting, measured on the yaml library's own tokens (its Lexer is iterative, so this is safe
 * at any depth, and it knows what is a block scalar or a quoted string, so `[` in prose or a quote
 * at a line start never count). A block collection opens where a `-`, `?` or `key:` starts, at its
 * column; a later one at the same or a smaller column closes the levels it passes (a list written
 * at its key's own column, `key:\n- item`, is still one level deeper than the map). Flow brackets
 * add their own levels. Linear in the text.
 */
function depthProblem(text: string): PrescanProblem | undefined {
  const stack: { col: number; map: boolean }[] = [];
  let flow = 0;
  let offset = 0;
  let lineStart = 0;
  let keyCol = -1;
  const tooDeep = (at: number): PrescanProblem | undefined =>
    stack.length + flow > MAX_DEPTH ? { kind: 'too-deep', offset: at, depth: stack.length + flow } : undefined;
  const open = (col: number, map: boolean, at: number): PrescanProblem | undefined => {
    // A `-` at its map key's column is that key's value: it nests inside, it does not close it.
    while (
      stack.length &&
      (stack[stack.length - 1]!.col > col ||
        (stack[stack.length - 1]!.col === col && (map || !stack[stack.length - 1]!.map)))
    )
      stack.pop();
    stack.push({ col, map });
    return tooDeep(at);
  };
  for (const token of new Lexer().lex(text)) {
    // The lexer's markers (document, scalar, flow error end) stand for no text.
    if (token === '\u0002' || token === '\u001f' || token === '\u0018') continue;
    const at = offset;
    const col = at - lineStart;
    offset += token.length;
    let problem: PrescanProblem | undefined;
    switch (token) {
      case '[':
      case '{':
        flow++;
        problem = tooDeep(at);
        break;
      case ']':
      case '}':
        if (flow > 0) flow--;
        break;
      case '-':
      case '?':
        if (flow === 0) problem = open(col, token === '?', at);
        break;
      case ':':
        if (flow === 0) problem = open(keyCol >= 0 ? keyCol : col, true, at);
        break;
      case '---':
        stack.length = 0;
        flow = 0;
        break;
      default: {
        const nl = token.lastIndexOf('\n');
        if (nl !== -1) {
          lineStart = at + nl + 1;
          keyCol = -1;
        } else if (flow === 0 && keyCol < 0 && token[0] !== ' ' && token[0] !== '#' && token[0] !== '\t') keyCol = col;
      }
    }
    if (problem) return problem;
  }
  return undefined;
}

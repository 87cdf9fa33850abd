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
  const problem = textProblem(text);
  if (problem) return problem;
  const gauge = new DepthGauge();
  for (const token of new Lexer().lex(text)) {
    const deep = gauge.step(token);
    if (deep) return deep;
  }
  return undefined;
}

/** The checks on the raw text: size and binary bytes. Depth needs the tokens (DepthGauge). */
export function textProblem(text: string): PrescanProblem | undefined {
  if (text.length > MAX_BYTES) return { kind: 'too-large', size: text.length };
  // NUL or most C0 controls never occur in a text worksheet; YAML forbids them anyway.
  // eslint-disable-next-line no-control-regex
  const control = /[\u0000-\u0008\u000e-\u001f]/.exec(text);
  if (control) return { kind: 'not-text', offset: control.index };
  return undefined;
}

/**
 * Real nesting, measured on the yaml library's own tokens (its Lexer is iterative, so this is safe
 * at any depth, and it knows what is a block scalar or a quoted string, so `[` in prose or a quote
 * at a line start never count). A block collection opens where a `-`, `?` or `key:` starts, at its
 * column; a later one at the same or a smaller column closes the levels it passes (a list written
 * at its key's own column, `key:\n- item`, is still one level deeper than the map). Flow brackets
 * add their own levels. Linear in the text.
 *
 * Fed one token at a time, so the parser can take the same tokens (parse.ts lexes each text once):
 * step() says "too deep" at the first token past the limit, before the parser has seen it.
 */
export class DepthGauge {
  private readonly stack: { col: number; map: boolean }[] = [];
  private flow = 0;
  private offset = 0;
  private lineStart = 0;
  private keyCol = -1;

  step(token: string): PrescanProblem | undefined {
    // The lexer's markers (document, scalar, flow error end) stand for no text.
    if (token === '\u0002' || token === '\u001f' || token === '\u0018') return undefined;
    const at = this.offset;
    const col = at - this.lineStart;
    this.offset += token.length;
    switch (token) {
      case '[':
      case '{':
        this.flow++;
        return this.tooDeep(at);
      case ']':
      case '}':
        if (this.flow > 0) this.flow--;
        return undefined;
      case '-':
      case '?':
        return this.flow === 0 ? this.open(col, token === '?', at) : undefined;
      case ':':
        return this.flow === 0 ? this.open(this.keyCol >= 0 ? this.keyCol : col, true, at) : undefined;
      case '---':
        this.stack.length = 0;
        this.flow = 0;
        return undefined;
      default: {
        const nl = token.lastIndexOf('\n');
        if (nl !== -1) {
          this.lineStart = at + nl + 1;
          this.keyCol = -1;
        } else if (this.flow === 0 && this.keyCol < 0 && token[0] !== ' ' && token[0] !== '#' && token[0] !== '\t')
          this.keyCol = col;
        return undefined;
      }
    }
  }

  private tooDeep(at: number): PrescanProblem | undefined {
    const depth = this.stack.length + this.flow;
    return depth > MAX_DEPTH ? { kind: 'too-deep', offset: at, depth } : undefined;
  }

  private open(col: number, map: boolean, at: number): PrescanProblem | undefined {
    const stack = this.stack;
    // A `-` at its map key's column is that key's value: it nests inside, it does not close it.
    while (
      stack.length &&
      (stack[stack.length - 1]!.col > col ||
        (stack[stack.length - 1]!.col === col && (map || !stack[stack.length - 1]!.map)))
    )
      stack.pop();
    stack.push({ col, map });
    return this.tooDeep(at);
  }
}

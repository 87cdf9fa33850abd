import {
  Composer,
  Document,
  isAlias,
  isMap,
  isScalar,
  Lexer,
  LineCounter,
  Parser,
  visit,
  YAMLParseError,
  type YAMLError,
} from 'yaml';
import type { Diagnostic, DiagnosticCode, Range, Severity } from './diagnostics';
import { CODES } from './diagnostics';
import { DepthGauge, MAX_BYTES, MAX_DEPTH, textProblem, type PrescanProblem } from './prescan';
import { rangeOf } from './text';
import { forEachNode } from './ast';

/** The most aliases a worksheet may expand; stops "billion laughs" documents. */
export const MAX_ALIAS_COUNT = 100;

/** Past this many syntax errors the rest are noise from the first ones. */
const MAX_SYNTAX_ERRORS = 20;

export interface ParsedYaml {
  uri: string;
  text: string;
  lineCounter: LineCounter;
  /** Absent when the text was refused before parsing (binary, too large, too deep). */
  doc?: Document.Parsed;
  /** Plain data of the document; undefined when it could not be built. */
  value: unknown;
  diagnostics: Diagnostic[];
  /** True when the structure is too broken for schema validation to say anything useful. */
  fatal: boolean;
}

/** Messages of the yaml library that read better with a hint of what to do. */
const YAML_HINTS: Partial<Record<string, string>> = {
  MULTILINE_IMPLICIT_KEY: 'expected "key: value" on one line (is a ":" missing?)',
  BLOCK_AS_IMPLICIT_KEY:
    'a nested map cannot start on the same line as its key: move it to the next line and indent it, or quote a value that contains ": "',
};

/** How YAML names the closing character the parser missed (flow collections). */
const UNCLOSED = /^Flow (sequence|map)\b.*end with an? ?([\]}])/;

export function diagnostic(
  uri: string,
  range: Range,
  code: DiagnosticCode,
  message: string,
  severity: Severity = CODES[code].severity,
): Diagnostic {
  return { uri, range, severity, code, message };
}

export function parseYaml(uri: string, text: string): ParsedYaml {
  const lineCounter = lineCounterOf(text);
  const result: ParsedYaml = { uri, text, lineCounter, value: undefined, diagnostics: [], fatal: true };
  const refuse = (start: number, end: number, code: DiagnosticCode, message: string): ParsedYaml => {
    result.diagnostics.push(diagnostic(uri, rangeOf(lineCounter, start, end), code, message));
    return result;
  };

  const { problem, doc } = parseMeasured(text);
  if (problem?.kind === 'too-large') {
    return refuse(
      0,
      0,
      'too-large',
      `file is ${(problem.size / 1048576).toFixed(1)} MB; a worksheet is at most ${MAX_BYTES / 1048576} MB (move large data to a CSV file)`,
    );
  }
  if (problem?.kind === 'not-text') {
    return refuse(
      problem.offset,
      problem.offset + 1,
      'not-text',
      'file contains binary bytes (control characters): expected a YAML text worksheet',
    );
  }
  if (problem?.kind === 'too-deep') {
    return refuse(
      problem.offset,
      problem.offset + 1,
      'too-deep',
      `nesting is deeper than ${MAX_DEPTH} levels; no worksheet nests this deep`,
    );
  }
  if (!doc) return result; // not reached: without a problem the composer always gives a document
  result.doc = doc;
  let broken = false;
  let lostStructure = false;
  const seenLines = new Set<number>();
  // A tab used for indentation makes the parser misread every line after it in the same block: the
  // tab is the one thing to fix, so it is the one thing said.
  const tabs = doc.errors.filter((e) => e.code === 'TAB_AS_INDENT');
  for (const error of tabs.length ? tabs : doc.errors) {
    // Once the parser has lost the document's structure ("... in YAML stream"), every later line
    // repeats the same complaint: the first one is the real error.
    const streamError = / in YAML stream/.test(error.message);
    if (streamError && lostStructure) continue;
    lostStructure ||= streamError;
    const d = yamlErrorDiagnostic(uri, lineCounter, text, error, undefined, doc);
    // Keep one error per line: a single slip often yields several errors on the same spot.
    if (seenLines.has(d.range.start.line) || seenLines.size >= MAX_SYNTAX_ERRORS) continue;
    seenLines.add(d.range.start.line);
    result.diagnostics.push(d);
    if (d.code === 'yaml-syntax') broken = true;
  }
  for (const warning of doc.warnings) {
    result.diagnostics.push(yamlErrorDiagnostic(uri, lineCounter, text, warning, 'warning'));
  }
  // After a real syntax error the parser often sees phantom duplicate keys: report only the syntax errors.
  if (broken) return result;
  result.diagnostics.push(...duplicateKeys(uri, lineCounter, doc));

  if (doc.contents === null || isScalarNull(doc.contents)) {
    result.diagnostics.push(
      diagnostic(
        uri,
        rangeOf(lineCounter, 0, 0),
        'empty-file',
        'empty worksheet: expected a map starting with "version: 1"',
      ),
    );
    return result;
  }
  if (!isMap(doc.contents)) {
    const [start, end] = doc.contents.range ?? [0, 0];
    const found = Array.isArray((doc.contents as { items?: unknown }).items) ? 'a list' : 'a single value';
    result.diagnostics.push(
      diagnostic(
        uri,
        rangeOf(lineCounter, start, firstLineEnd(text, start, end)),
        'not-a-map',
        `expected a map of keys ("version: 1", "id: ...") at the top level, found ${found}`,
      ),
    );
    return result;
  }

  try {
    result.value = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (error) {
    const alias = firstAlias(doc);
    const [start, end] = alias?.range ?? [0, 0];
    const message = error instanceof Error ? error.message : String(error);
    const excessive = /alias count/i.test(message);
    result.diagnostics.push(
      diagnostic(
        uri,
        rangeOf(lineCounter, start, end),
        excessive ? 'alias-limit' : 'yaml-syntax',
        excessive
          ? `aliases expand to too much data (more than ${MAX_ALIAS_COUNT} alias uses)`
          : `cannot resolve the document: ${message}`,
      ),
    );
    return result;
  }
  result.fatal = false;
  return result;
}

/**
 * The yaml library's parseDocument, with the depth check (prescan.ts) fed the same tokens: each text
 * is lexed once, not once to measure and once to parse (the second lex was a fifth of a file's
 * analysis). The gauge sees every token before the parser does, so nothing deeper than the limit
 * reaches the parser or the (recursive) composer. The options, the documents and the errors are
 * parseDocument's own: the library's duplicate-key check compares each key with every earlier one
 * (quadratic in a map's size: 10,000 keys took seconds), so duplicateKeys below does it instead.
 */
function parseMeasured(text: string): { problem?: PrescanProblem; doc?: Document.Parsed } {
  const problem = textProblem(text);
  if (problem) return { problem };
  const gauge = new DepthGauge();
  const tokens = new Lexer().lex(text);
  const parser = new Parser();
  let deep: PrescanProblem | undefined;
  // Iterated by hand, not with for-of: when the composer stops at a second document the lexer must
  // stay open, so the depth of the rest can still be measured (a too-deep file is refused whole).
  function* cst() {
    for (let t = tokens.next(); !t.done; t = tokens.next()) {
      deep = gauge.step(t.value);
      if (deep) return;
      yield* parser.next(t.value);
    }
    yield* parser.end();
  }
  const composer = new Composer({ prettyErrors: false, uniqueKeys: false });
  let doc: Document.Parsed | undefined;
  for (const next of composer.compose(cst(), true, text.length)) {
    if (deep) break;
    if (!doc) doc = next;
    else {
      doc.errors.push(
        new YAMLParseError(
          next.range.slice(0, 2) as [number, number],
          'MULTIPLE_DOCS',
          'Source contains multiple documents; please use YAML.parseAllDocuments()',
        ),
      );
      break;
    }
  }
  for (let t = tokens.next(); !deep && !t.done; t = tokens.next()) deep = gauge.step(t.value);
  return deep ? { problem: deep } : { doc };
}

function yamlErrorDiagnostic(
  uri: string,
  lc: LineCounter,
  text: string,
  error: YAMLError,
  severity?: Severity,
  doc?: Document.Parsed,
): Diagnostic {
  const start = error.pos[0];
  let end = error.pos[1];
  if (end <= start) end = Math.min(text.length, start + 1);
  const range = rangeOf(lc, start, end);
  if (error.code === 'MULTIPLE_DOCS') {
    // The error spans the whole extra document; the "---" line is what to point at.
    return diagnostic(
      uri,
      rangeOf(lc, start, firstLineEnd(text, start, end)),
      'multi-document',
      'a worksheet holds one YAML document: remove the "---" and what follows, or split it into its own file',
    );
  }
  if (error.code === 'TAB_AS_INDENT') {
    let tabEnd = start;
    while (text[tabEnd] === '\t' || text[tabEnd] === ' ') tabEnd++;
    return diagnostic(
      uri,
      rangeOf(lc, start, Math.max(tabEnd, start + 1)),
      'yaml-syntax',
      'this line is indented with a tab: YAML indents with spaces only, so replace the tab with spaces',
    );
  }
  const unclosed = UNCLOSED.exec(error.message);
  if (unclosed && doc) {
    // The parser notices a missing "]" or "}" where the next line starts, or at the end of the file;
    // the opening bracket is where the list or map began.
    const open = unclosedFlowAt(doc, text, start, unclosed[2]!);
    if (open !== undefined) {
      const what = unclosed[1] === 'sequence' ? 'list' : 'map';
      return diagnostic(
        uri,
        rangeOf(lc, open, open + 1),
        'yaml-syntax',
        `this "${text[open]}" is never closed: end the ${what} with "${unclosed[2]}" (on this line, or on lines indented more than its key)`,
      );
    }
  }
  if (error.code === 'MISSING_CHAR' && /quote/.test(error.message) && doc) {
    // The parser notices a missing closing quote where the file ends; the opening quote is where the slip is.
    const open = quotedScalarAround(doc, start);
    if (open !== undefined) {
      return diagnostic(
        uri,
        rangeOf(lc, open, open + 1),
        'yaml-syntax',
        'this quoted text has no closing quote, so it runs on to the end of the file: add the closing quote',
      );
    }
  }
  const message = error.message.replace(/ at line \d+, column \d+.*$/s, '');
  const hint = YAML_HINTS[error.code];
  return diagnostic(uri, range, 'yaml-syntax', hint ? `${message}: ${hint}` : message, severity);
}

/** Keys that appear twice in one map (equal scalar values, as the YAML spec and the yaml library compare them). */
function duplicateKeys(uri: string, lc: LineCounter, doc: Document.Parsed): Diagnostic[] {
  const out: Diagnostic[] = [];
  forEachNode(doc, (map) => {
    if (!isMap(map) || map.items.length < 2) return;
    const seen = new Set<unknown>();
    for (const pair of map.items) {
      const key = pair.key;
      if (!isScalar(key)) continue;
      if (!seen.has(key.value)) {
        seen.add(key.value);
        continue;
      }
      const [start, end] = key.range ?? [0, 0];
      out.push(
        diagnostic(
          uri,
          rangeOf(lc, start, end),
          'duplicate-key',
          `duplicate key "${String(key.value)}": each key may appear once in a map`,
        ),
      );
    }
  });
  return out;
}

function quotedScalarAround(doc: Document.Parsed, offset: number): number | undefined {
  let found: number | undefined;
  visit(doc, {
    Scalar(_, node) {
      const r = node.range;
      if (r && (node.type === 'QUOTE_DOUBLE' || node.type === 'QUOTE_SINGLE') && r[0] < offset && r[1] >= offset)
        found = r[0];
    },
  });
  return found;
}

/** The flow collection (`[` or `{`) that the parser was still inside at `offset`: the innermost one ending there unclosed. */
function unclosedFlowAt(doc: Document.Parsed, text: string, offset: number, closer: string): number | undefined {
  let found: number | undefined;
  const check = (node: { flow?: boolean; range?: [number, number, number] | null }) => {
    const r = node.range;
    if (!node.flow || !r || r[0] >= offset || r[1] < offset - 1 || r[1] > offset) return;
    if (text.slice(r[0], r[1]).trimEnd().endsWith(closer)) return;
    if (found === undefined || r[0] > found) found = r[0];
  };
  visit(doc, { Map: (_, node) => check(node), Seq: (_, node) => check(node) });
  return found;
}

function isScalarNull(node: unknown): boolean {
  return typeof node === 'object' && node !== null && 'value' in node && (node as { value: unknown }).value === null;
}

function firstAlias(doc: Document.Parsed): { range?: [number, number, number] | null } | undefined {
  let found: { range?: [number, number, number] | null } | undefined;
  visit(doc, {
    Alias(_, node) {
      if (isAlias(node)) {
        found = node;
        return visit.BREAK;
      }
      return undefined;
    },
  });
  return found;
}

function firstLineEnd(text: string, start: number, end: number): number {
  const nl = text.indexOf('\n', start);
  return nl === -1 ? end : Math.min(end, nl);
}

/**
 * Line starts of a text. Filled from the text, not by the parser: inside some broken tokens the
 * parser skips line breaks, which would map later offsets to the wrong line.
 */
export function lineCounterOf(text: string): LineCounter {
  const lc = new LineCounter();
  lc.addNewLine(0);
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) lc.addNewLine(i + 1);
  return lc;
}

import { isMap, isScalar, isSeq, type Document, type LineCounter, type Pair } from 'yaml';
import type { z } from 'zod';
import { keySpan, locate, type Located, type PathSegment, span, valueSpan } from './ast';
import type { Diagnostic, DiagnosticCode } from './diagnostics';
import { diagnostic } from './parse';
import { FORMAT_VERSION, whyNotADate } from './schema/common';
import { allowedKeys, childSchema, description, schemaAt } from './schema/walk';
import { nearest } from './suggest';
import { firstSentence, rangeOf } from './text';

/** The slice of a zod 4 issue this module reads. */
interface Issue {
  code: string;
  path: PathSegment[];
  message: string;
  expected?: string;
  values?: unknown[];
  keys?: string[];
  errors?: Issue[][];
  origin?: string;
  minimum?: number | bigint;
  format?: string;
}

interface Context {
  uri: string;
  doc: Document;
  text: string;
  lc: LineCounter;
  root: z.ZodType;
  out: Diagnostic[];
  /** Missing keys by parent path, and keys an unknown key was taken for: a misspelt key is one error, not two. */
  missing: Map<string, Diagnostic>;
  suggested: Set<string>;
  /** Per map with unknown keys: its pairs by key and the keys it may still take, built once however many keys are unknown. */
  maps: Map<string, MapFacts>;
}

interface MapFacts {
  node: unknown;
  pairs: Map<string, Pair>;
  allowed: string[];
  /** Allowed keys the map does not have yet: what a misspelt key may have meant. */
  absent: string[];
}

export interface Validation<T> {
  data?: T;
  diagnostics: Diagnostic[];
}

/** Validates a parsed document against a zod schema, reporting each problem at the exact key or value. */
export function validateAgainst<T>(
  schema: z.ZodType<T>,
  uri: string,
  doc: Document,
  text: string,
  lc: LineCounter,
  value: unknown,
): Validation<T> {
  const reserved: PathSegment[][] = [];
  const cleaned = withoutEmptyMembers(value, schema, [], reserved);
  const result = schema.safeParse(cleaned);
  const ctx: Context = {
    uri,
    doc,
    text,
    lc,
    root: schema,
    out: [],
    missing: new Map(),
    suggested: new Set(),
    maps: new Map(),
  };
  for (const path of reserved) unknownKey(ctx, path, '__proto__');
  // zod returns a copy; the schemas transform nothing, so keep the original and let the copy go
  // (the index holds thousands of these).
  if (result.success) return { data: cleaned as T, diagnostics: ctx.out };
  for (const issue of result.error.issues as unknown as Issue[]) report(ctx, issue, []);
  for (const [key, d] of ctx.missing) if (!ctx.suggested.has(key)) ctx.out.push(d);
  return { diagnostics: ctx.out };
}

/**
 * `prediction:` with nothing after it means "not written yet": an empty member of a key the format
 * knows is treated as absent. Unknown empty keys stay, so `{note: one class, 22 students}` still
 * reports "22 students" instead of silently losing it. Lists keep their nulls (missing data points).
 * Works in place: the value is a fresh toJS() result that nothing else holds.
 */
function withoutEmptyMembers(
  value: unknown,
  schema: z.ZodType | undefined,
  path: PathSegment[],
  reserved: PathSegment[][],
): unknown {
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      path.push(i);
      withoutEmptyMembers(value[i], schema && childSchema(schema, i), path, reserved);
      path.pop();
    }
    return value;
  }
  if (value === null || typeof value !== 'object') return value;
  const record = value as Record<string, unknown>;
  const known = schema ? allowedKeys(schema) : [];
  for (const k of Object.keys(record)) {
    const v = record[k];
    if (k === '__proto__') {
      // The yaml library keeps `__proto__:` as an own key, but zod skips it in records (do.data,
      // groups) and would let it through unchecked: it is never a valid name, so it goes here.
      reserved.push([...path]);
      delete record[k];
    } else if (v === null && known.includes(k)) delete record[k];
    else if (v !== null && typeof v === 'object') {
      path.push(k);
      withoutEmptyMembers(v, schema && childSchema(schema, k), path, reserved);
      path.pop();
    }
  }
  return value;
}

function report(ctx: Context, issue: Issue, base: PathSegment[]): void {
  const path = [...base, ...issue.path];
  switch (issue.code) {
    case 'unrecognized_keys':
      for (const key of issue.keys ?? []) unknownKey(ctx, path, key);
      return;
    case 'invalid_union':
      return union(ctx, issue, path);
    case 'invalid_type':
      return invalidType(ctx, issue, path);
    case 'invalid_value':
      return invalidValue(ctx, issue, path);
    case 'invalid_format':
      if (issue.message.startsWith('expected a month'))
        return at(
          ctx,
          path,
          'invalid-date',
          `"${valueText(ctx, path)}" is not a month: expected YYYY-MM, e.g. 2026-03`,
        );
      return at(
        ctx,
        path,
        'invalid-id',
        `"${valueText(ctx, path)}" is not a valid id: ${issue.message.replace(/^expected an id: /, 'use ')}`,
      );
    case 'custom': {
      const text = valueText(ctx, path);
      const why = whyNotADate(text);
      return at(
        ctx,
        path,
        'invalid-date',
        why
          ? `"${text}" is not a real date: ${why}`
          : `"${text}" is not a real date: expected YYYY-MM-DD, e.g. 2026-03-02`,
      );
    }
    case 'too_small':
    case 'too_big':
      if (issue.origin === 'array')
        return at(ctx, path, 'wrong-type', `expected ${expectation(ctx, path) ?? 'a different number of items'}`);
      return at(
        ctx,
        path,
        'invalid-value',
        `${valueText(ctx, path)} is out of range: ${issue.message.replace(/^Too (small|big): /, '')}`,
      );
    case 'not_multiple_of':
      return at(
        ctx,
        path,
        'invalid-value',
        `${valueText(ctx, path)} is not on the scale: use 1.0 to 5.0 in steps of 0.5`,
      );
    default:
      return at(ctx, path, 'wrong-type', issue.message);
  }
}

/** Picks the union branch that got furthest; if every branch failed on the value's type, says what the union expects. */
function union(ctx: Context, issue: Issue, path: PathSegment[]): void {
  let best: Issue[] | undefined;
  let bestScore = -1;
  for (const branch of issue.errors ?? []) {
    const rootTypeMismatch = branch.some(
      (e) => e.path.length === 0 && (e.code === 'invalid_type' || e.code === 'too_small' || e.code === 'too_big'),
    );
    const score = rootTypeMismatch ? 0 : Math.max(1, ...branch.map((e) => e.path.length + 1));
    if (score > bestScore) {
      best = branch;
      bestScore = score;
    }
  }
  if (best && bestScore > 0) {
    for (const e of best) report(ctx, e, path);
    return;
  }
  if (missingKey(ctx, path)) return;
  at(ctx, path, 'wrong-type', `expected ${expectation(ctx, path) ?? 'a different value'}, found ${found(ctx, path)}`);
}

/** A required key that is not there: reported at the key of the map it belongs in. True when it was one. */
function missingKey(ctx: Context, path: PathSegment[]): boolean {
  const parentPath = path.slice(0, -1);
  const key = path[path.length - 1];
  if (typeof key !== 'string' || locate(ctx.doc, path)) return false;
  {
    const parent = locate(ctx.doc, parentPath);
    const what = description(schemaAt(ctx.root, path));
    const where = parentPath.length ? ` in ${pathText(parentPath)}` : '';
    const span = parent ? keySpan(parent, ctx.text) : undefined;
    const [start, end] = span ?? [0, 0];
    const message = `missing required key "${key}"${where}${what ? `: ${firstSentence(what)}` : ''}`;
    const d = diagnostic(ctx.uri, rangeOf(ctx.lc, start, end), 'missing-key', message);
    d.missing = { path: parentPath, key };
    ctx.missing.set(JSON.stringify(path), d);
    return true;
  }
}

/**
 * A key written with nothing after it (`decision:`, `strategy:`): says what to write there, at the
 * place where it goes (from the ":" to the end of the line). True when it was one.
 */
function emptyValue(ctx: Context, path: PathSegment[], allowed?: string[]): boolean {
  const located = locate(ctx.doc, path);
  const key = located?.pair?.key;
  const node = located?.node;
  if (!key || !(node === null || (isScalar(node) && node.value === null && !node.source))) return false;
  const keyEnd = span(key)?.[1];
  if (keyEnd === undefined) return false;
  const colon = ctx.text.indexOf(':', keyEnd);
  const nl = ctx.text.indexOf('\n', colon);
  const lineEnd = nl === -1 ? ctx.text.length : ctx.text[nl - 1] === '\r' ? nl - 1 : nl;
  const name = String(path[path.length - 1]);
  const what = description(schemaAt(ctx.root, path));
  // An enum's description that explains each value ("adopt: keep the change...") says what to pick.
  const explained = what && allowed?.every((v) => what.includes(`${v}:`)) ? ` (${what.replace(/\.$/, '')})` : '';
  const write = allowed
    ? `write ${allowed.slice(0, -1).join(', ')} or ${allowed[allowed.length - 1]}${explained}`
    : what
      ? `write ${lowerFirst(firstSentence(what))}`
      : 'write a value, or remove the key';
  const range: [number, number] | undefined = colon === -1 ? undefined : [colon, Math.max(lineEnd, colon + 1)];
  push(ctx, range, allowed ? 'invalid-value' : 'wrong-type', `"${name}" is empty: ${write}`);
  return true;
}

function invalidType(ctx: Context, issue: Issue, path: PathSegment[]): void {
  if (missingKey(ctx, path) || emptyValue(ctx, path)) return;
  const expected = TYPE_NAMES[issue.expected ?? ''] ?? issue.expected ?? 'another type';
  const foundText = found(ctx, path);
  const hint =
    expected === 'text' && /number|true or false/.test(foundText) ? ' (put it in quotes to make it text)' : '';
  at(ctx, path, 'wrong-type', `expected ${expected}, found ${foundText}${hint}`);
}

function invalidValue(ctx: Context, issue: Issue, path: PathSegment[]): void {
  const actual = valueText(ctx, path);
  if (path.length === 1 && path[0] === 'version') {
    const node = locate(ctx.doc, path)?.node;
    const quoted = isScalar(node) && typeof node.value === 'string' && node.value.trim() === String(FORMAT_VERSION);
    const message = !node
      ? `missing "version: ${FORMAT_VERSION}": the format version comes first in every worksheet`
      : quoted
        ? `version must be the number ${FORMAT_VERSION}, not the text "${actual}": write version: ${FORMAT_VERSION} without quotes`
        : `unsupported format version ${actual}: this tool reads version ${FORMAT_VERSION}`;
    at(ctx, path, 'unsupported-version', message);
    return;
  }
  const allowed = (issue.values ?? []).map(String);
  // An enum key that is absent (kind, better, level, outcome): a missing key, not a wrong value.
  if (missingKey(ctx, path) || emptyValue(ctx, path, allowed)) return;
  const guess = nearest(actual, allowed);
  const located = locate(ctx.doc, path);
  const span = located ? valueSpan(located) : undefined;
  const message = guess
    ? `"${actual}" is not allowed here: did you mean "${guess}"? (one of ${allowed.join(', ')})`
    : `"${actual}" is not allowed here: expected one of ${allowed.join(', ')}`;
  push(ctx, span, 'invalid-value', message, guess);
}

function mapFacts(ctx: Context, path: PathSegment[]): MapFacts {
  const key = JSON.stringify(path);
  let facts = ctx.maps.get(key);
  if (facts) return facts;
  const node = locate(ctx.doc, path)?.node;
  const pairs = new Map<string, Pair>();
  if (isMap(node)) {
    for (const p of node.items) {
      const name = isScalar(p.key) ? String(p.key.value) : '';
      if (!pairs.has(name)) pairs.set(name, p as Pair);
    }
  }
  const schema = schemaAt(ctx.root, path);
  const allowed = schema ? allowedKeys(schema) : [];
  facts = { node, pairs, allowed, absent: allowed.filter((k) => !pairs.has(k)) };
  ctx.maps.set(key, facts);
  return facts;
}

function unknownKey(ctx: Context, path: PathSegment[], key: string): void {
  const { node, pairs, allowed, absent } = mapFacts(ctx, path);
  const pair = pairs.get(key);
  const r = (pair?.key as { range?: [number, number, number] } | undefined)?.range;
  const span: [number, number] | undefined = r ? [r[0], r[1]] : undefined;
  const guess = nearest(key, absent);
  if (guess) ctx.suggested.add(JSON.stringify([...path, guess]));
  const where = path.length ? ` in ${pathText(path)}` : '';
  if (isMap(node) && node.flow && pair && pair.value === null && !guess) {
    // `{note: one class, 22 students}` splits at the comma: the tail becomes a key with no value.
    push(
      ctx,
      span,
      'unknown-key',
      `"${key}" became a key because a comma inside { } separates entries: put the text before it in quotes`,
    );
    return;
  }
  const message = guess
    ? `unknown key "${key}"${where}: did you mean "${guess}"?`
    : `unknown key "${key}"${where}: expected one of ${allowed.join(', ')}`;
  push(ctx, span, 'unknown-key', message, guess);
}

function at(ctx: Context, path: PathSegment[], code: DiagnosticCode, message: string): void {
  const located = locate(ctx.doc, path);
  push(ctx, located ? valueSpan(located) : undefined, code, message);
}

function push(
  ctx: Context,
  span: [number, number] | undefined,
  code: DiagnosticCode,
  message: string,
  replacement?: string,
): void {
  const [start, end] = span ?? [0, 0];
  const d = diagnostic(ctx.uri, rangeOf(ctx.lc, start, end), code, message);
  if (replacement !== undefined && span) d.suggestion = { range: d.range, newText: replacement };
  ctx.out.push(d);
}

const TYPE_NAMES: Record<string, string> = {
  string: 'text',
  number: 'a number',
  int: 'a whole number',
  boolean: 'true or false',
  object: 'a map of keys',
  record: 'a map of keys',
  array: 'a list',
  tuple: 'a list',
  null: 'nothing',
};

function found(ctx: Context, path: PathSegment[]): string {
  const located: Located | undefined = locate(ctx.doc, path);
  const node = located?.node;
  if (!node) return 'nothing (an empty value)';
  if (isMap(node)) return 'a map of keys';
  if (isSeq(node)) return `a list of ${node.items.length}`;
  if (isScalar(node)) {
    const v = node.value;
    if (v === null) return 'nothing (an empty value)';
    if (typeof v === 'number') return `a number (${v})`;
    if (typeof v === 'boolean') return `true or false (${v})`;
    // Tags such as !!binary and !!timestamp build values a worksheet cannot hold.
    if (v instanceof Uint8Array) return 'binary data (!!binary is not allowed in a worksheet)';
    if (v instanceof Date) return `a timestamp (!!timestamp): write the date as YYYY-MM-DD`;
    if (typeof v === 'object' && v !== null)
      return `a ${node.tag ?? 'tagged'} value (YAML tags are not allowed in a worksheet)`;
    return `text ("${truncate(String(v))}")`;
  }
  return 'another kind of value';
}

function valueText(ctx: Context, path: PathSegment[]): string {
  const node = locate(ctx.doc, path)?.node;
  return isScalar(node) ? truncate(String(node.value)) : found(ctx, path);
}

function expectation(ctx: Context, path: PathSegment[]): string | undefined {
  const d = description(schemaAt(ctx.root, path));
  return d ? lowerFirst(firstSentence(d)) : undefined;
}

function pathText(path: PathSegment[]): string {
  return path.map((s, i) => (typeof s === 'number' ? `[${s}]` : i === 0 ? s : `.${s}`)).join('');
}

function lowerFirst(s: string): string {
  return /^[A-Z]([a-z]| )/.test(s) ? s[0]!.toLowerCase() + s.slice(1) : s;
}

function truncate(s: string): string {
  return s.length > 60 ? `${s.slice(0, 57)}...` : s;
}

import { parseYaml } from './parse';
import { seriesByGroup, type Point } from './series';
import { worksheetKind } from './uri';

/**
 * What changed between two versions of a worksheet, in worksheet terms:
 * "act.decision: adapt -> adopt", "plan.questions[1].prediction rewritten",
 * "do.data.chronic-absence: +4 values (2026-03-02..2026-03-23)", "new factor F12 under F3".
 */
export function semanticDiff(uri: string, oldText: string | null, newText: string | null): string[] {
  // Read through the same guards as `check` (binary, size, depth, alias bombs): a diff runs inside
  // every `git log -p`, so a bad version must give one line saying why, never a stack trace.
  const before = oldText === null ? undefined : plainData(uri, oldText);
  const after = newText === null ? undefined : plainData(uri, newText);
  const problems = [before, after].flatMap((side, i) =>
    side && 'problem' in side ? [`${i === 0 ? 'old' : 'new'} version not compared: ${side.problem}`] : [],
  );
  if (problems.length) return problems;
  return compareData(uri, (before as { data: Json } | undefined)?.data, (after as { data: Json } | undefined)?.data);
}

function plainData(uri: string, text: string): { data: Json } | { problem: string } {
  const parsed = parseYaml(uri, text);
  if (parsed.value !== undefined) return { data: parsed.value };
  const error = parsed.diagnostics.find(
    (d) => d.severity === 'error' && d.code !== 'empty-file' && d.code !== 'not-a-map',
  );
  // An empty file or a bare value still compares (as nothing, or as that value).
  if (error) return { problem: `line ${error.range.start.line + 1}: ${error.message}` };
  try {
    return { data: parsed.doc?.toJS({ maxAliasCount: 100 }) ?? null };
  } catch (e) {
    return { problem: e instanceof Error ? e.message : String(e) };
  }
}

function compareData(uri: string, before: Json, after: Json): string[] {
  const kind = worksheetKind(uri);
  const what =
    kind === 'cycle'
      ? 'cycle'
      : kind === 'factors'
        ? 'focus area'
        : kind === 'collaborative'
          ? 'collaborative'
          : 'file';
  if (before === undefined && after !== undefined) return [`new ${what} ${idOf(after)}${titleOf(after)}`];
  if (after === undefined && before !== undefined) return [`${what} ${idOf(before)} removed`];
  const out: string[] = [];
  compare([], before, after, out);
  return out;
}

type Json = unknown;
const isObject = (v: Json): v is Record<string, Json> => typeof v === 'object' && v !== null && !Array.isArray(v);
const idOf = (v: Json) => (isObject(v) && typeof v.id === 'string' ? v.id : '?');
const titleOf = (v: Json) => (isObject(v) && typeof v.title === 'string' ? `: ${v.title}` : '');

/** Lists of items with ids, compared item by item; the label names the kind of item. */
const ITEM_LISTS: Record<string, string> = {
  targets: 'target',
  measures: 'measure',
  factors: 'factor',
  strategies: 'strategy',
};

function pathText(path: (string | number)[]): string {
  return path.map((s, i) => (typeof s === 'number' ? `[${s}]` : i === 0 ? s : `.${s}`)).join('');
}

function isPointList(v: Json): boolean {
  return (
    Array.isArray(v) &&
    v.length > 0 &&
    v.every((p) => Array.isArray(p) && typeof p[0] === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(p[0]))
  );
}

function isSeriesData(v: Json): boolean {
  return isPointList(v) || (isObject(v) && Object.keys(v).length > 0 && Object.values(v).every(isPointList));
}

function compare(path: (string | number)[], a: Json, b: Json, out: string[]): void {
  if (JSON.stringify(a) === JSON.stringify(b)) return;
  const key = path[path.length - 1];
  const where = pathText(path);
  // Data first, even when one side is missing: "+4 values (dates)" says more than "added".
  if (
    (isSeriesData(a) || a === undefined) &&
    (isSeriesData(b) || b === undefined) &&
    (isSeriesData(a) || isSeriesData(b))
  )
    return series(where, a, b, out);
  if (a === undefined) {
    // A new section says what it holds: "do.data.x: +4 values", "study.learned written".
    if (isObject(b) && Object.keys(b).length) return compare(path, {}, b, out);
    if (typeof b === 'string' && b.length > 40) out.push(`${where} written`);
    else out.push(isObject(b) || Array.isArray(b) ? `${where} added` : `${where}: ${show(b)} (new)`);
    return;
  }
  if (b === undefined) {
    out.push(`${where} removed`);
    return;
  }
  if (
    path.length === 1 &&
    typeof key === 'string' &&
    Object.hasOwn(ITEM_LISTS, key) &&
    Array.isArray(a) &&
    Array.isArray(b)
  )
    return items(key, a, b, out);
  if (isObject(a) && isObject(b)) {
    // Own keys only: a key named `constructor` on one side must not meet Object.prototype's on the other.
    for (const k of new Set([...Object.keys(a), ...Object.keys(b)]))
      compare([...path, k], Object.hasOwn(a, k) ? a[k] : undefined, Object.hasOwn(b, k) ? b[k] : undefined, out);
    return;
  }
  if (
    Array.isArray(a) &&
    Array.isArray(b) &&
    a.every((x) => typeof x !== 'object') &&
    b.every((x) => typeof x !== 'object')
  ) {
    const inA = new Set(a);
    const inB = new Set(b);
    const added = b.filter((x) => !inA.has(x));
    const removed = a.filter((x) => !inB.has(x));
    const parts = [...added.map((x) => `+${String(x)}`), ...removed.map((x) => `-${String(x)}`)];
    out.push(`${where}: ${parts.length ? parts.join(', ') : 'reordered'}`);
    return;
  }
  if (Array.isArray(a) && Array.isArray(b)) {
    for (let i = 0; i < Math.max(a.length, b.length); i++) compare([...path, i], a[i], b[i], out);
    return;
  }
  if (typeof a === 'string' && typeof b === 'string' && (a.length > 40 || b.length > 40)) {
    out.push(`${where} rewritten`);
    return;
  }
  out.push(`${where}: ${show(a)} -> ${show(b)}`);
}

function show(v: Json): string {
  return typeof v === 'string' ? v : JSON.stringify(v);
}

/** Data points compared by date: what was added, removed or changed, per group. */
function series(where: string, a: Json, b: Json, out: string[]): void {
  const before = seriesByGroup((a ?? undefined) as Parameters<typeof seriesByGroup>[0]);
  const after = seriesByGroup((b ?? undefined) as Parameters<typeof seriesByGroup>[0]);
  for (const group of new Set([...before.keys(), ...after.keys()])) {
    const label = group === 'all' && !isObject(a) && !isObject(b) ? where : `${where}.${group}`;
    const olds = new Map((before.get(group) ?? []).map((p) => [p.date, p]));
    const news = new Map((after.get(group) ?? []).map((p) => [p.date, p]));
    const added = [...news.keys()].filter((d) => !olds.has(d)).sort();
    const removed = [...olds.keys()].filter((d) => !news.has(d)).sort();
    const changed = [...news.keys()].filter((d) => olds.has(d) && !same(olds.get(d)!, news.get(d)!)).sort();
    const span = (dates: string[]) => (dates.length === 1 ? dates[0] : `${dates[0]}..${dates[dates.length - 1]}`);
    const parts: string[] = [];
    if (added.length) parts.push(`+${added.length} value${added.length === 1 ? '' : 's'} (${span(added)})`);
    if (removed.length) parts.push(`-${removed.length} value${removed.length === 1 ? '' : 's'} (${span(removed)})`);
    if (changed.length)
      parts.push(
        `${changed.length} changed (${changed.map((d) => `${d}: ${olds.get(d)!.value} -> ${news.get(d)!.value}`).join(', ')})`,
      );
    if (parts.length) out.push(`${label}: ${parts.join(', ')}`);
  }
}

function same(a: Point, b: Point): boolean {
  return a.value === b.value && a.denominator === b.denominator;
}

/** Items matched by id: new, removed, and what changed in each, in the words a coach would use. */
function items(list: string, a: Json[], b: Json[], out: string[]): void {
  const noun = ITEM_LISTS[list]!;
  const olds = new Map(a.filter(isObject).map((x) => [idOf(x), x]));
  const news = new Map(b.filter(isObject).map((x) => [idOf(x), x]));
  for (const [id, item] of news) {
    const old = olds.get(id);
    if (!old) {
      const parents = Array.isArray(item.parents) && item.parents.length ? ` under ${item.parents.join(', ')}` : '';
      out.push(`new ${noun} ${id}${parents}`);
      continue;
    }
    if (noun === 'strategy') {
      const targets = (x: Json) =>
        isObject(x) && Array.isArray(x.addresses)
          ? x.addresses.map((l) => (isObject(l) ? String(l.factor) : String(l)))
          : [];
      const added = targets(item).filter((f) => !targets(old).includes(f));
      const dropped = targets(old).filter((f) => !targets(item).includes(f));
      if (added.length) out.push(`strategy ${id} now addresses ${added.join(', ')}`);
      if (dropped.length) out.push(`strategy ${id} no longer addresses ${dropped.join(', ')}`);
      const { addresses: _a, ...restNew } = item;
      const { addresses: _b, ...restOld } = old;
      compareItem(noun, id, restOld, restNew, out);
    } else compareItem(noun, id, old, item, out);
  }
  for (const id of olds.keys()) if (!news.has(id)) out.push(`${noun} ${id} removed`);
}

function compareItem(noun: string, id: string, a: Record<string, Json>, b: Record<string, Json>, out: string[]): void {
  const inner: string[] = [];
  compare([], a, b, inner);
  for (const line of inner) out.push(`${noun} ${id}: ${line.replace(/^: /, '')}`);
}

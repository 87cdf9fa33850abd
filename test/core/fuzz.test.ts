import * as fs from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isMap, parseDocument, Scalar, visit, type Document, type Node } from 'yaml';
import { formatWorksheet } from '../../server/src/core/format';
import { Workspace } from '../../server/src/core/workspace';

// Generated worksheets with hostile mutations: Object.prototype names as keys, control characters
// and non-characters, aliases, deep nesting and huge lists. check and fmt never throw, never
// report an internal error and never take long on one file; fmt's result is a fixed point with the
// same data. Fast: a few seconds.

const EXAMPLE = path.join(__dirname, '..', '..', 'examples', 'slc-belonging');
const SEEDS: [string, string][] = [
  ['file:///ws/f.factors.yaml', fs.readFileSync(path.join(EXAMPLE, 'belonging.factors.yaml'), 'utf8')],
  ...fs
    .readdirSync(path.join(EXAMPLE, 'cycles'))
    .slice(0, 4)
    .map((f): [string, string] => [`file:///ws/${f}`, fs.readFileSync(path.join(EXAMPLE, 'cycles', f), 'utf8')]),
];
const PROTO = Object.getOwnPropertyNames(Object.prototype);
const NASTY = [
  '\u0007',
  '\u001b[31m',
  '\uFFFE',
  '\uFFFF',
  '\u0085',
  '\uD800',
  '\u202E',
  '\t',
  ' \n',
  '\n\t\n',
  '<&>"\'',
];
/** 200 ms of CPU per file of up to 50 KB (worksheets are rarely a tenth of that); bigger files (huge lists) get the same budget per 50 KB: linear, not worse. */
const limitFor = (text: string) => 200 * Math.max(1, text.length / 50_000);

type Mutation =
  | { kind: 'proto-key'; at: number; name: string; nested: boolean }
  | { kind: 'control'; at: number; text: string }
  | { kind: 'alias'; from: number; to: number }
  | { kind: 'deep'; at: number; depth: number; flow: boolean }
  | { kind: 'huge-list'; at: number; length: number };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({
    kind: fc.constant('proto-key' as const),
    at: fc.nat(),
    name: fc.constantFrom(...PROTO),
    nested: fc.boolean(),
  }),
  fc.record({ kind: fc.constant('control' as const), at: fc.nat(), text: fc.constantFrom(...NASTY) }),
  fc.record({ kind: fc.constant('alias' as const), from: fc.nat(), to: fc.nat() }),
  fc.record({
    kind: fc.constant('deep' as const),
    at: fc.nat(),
    depth: fc.integer({ min: 50, max: 400 }),
    flow: fc.boolean(),
  }),
  fc.record({ kind: fc.constant('huge-list' as const), at: fc.nat(), length: fc.integer({ min: 1000, max: 5_000 }) }),
);

function nodes(doc: Document): { maps: Node[]; scalars: Scalar[] } {
  const maps: Node[] = [];
  const scalars: Scalar[] = [];
  visit(doc, { Map: (_, n) => void maps.push(n as Node), Scalar: (_, n) => void scalars.push(n) });
  return { maps, scalars };
}

function mutate(text: string, m: Mutation): string {
  const doc = parseDocument(text);
  const { maps, scalars } = nodes(doc);
  const map = maps[('at' in m ? m.at : 0) % maps.length];
  // A key a previous mutation already added to this map: the yaml library refuses it twice.
  if (
    isMap(map) &&
    map.has(
      m.kind === 'proto-key' ? m.name : m.kind === 'deep' ? 'deep' : m.kind === 'huge-list' ? 'many' : 'alias-here',
    )
  )
    return text;
  if (m.kind === 'alias' && scalars[m.from % scalars.length]?.anchor) return text;
  switch (m.kind) {
    case 'proto-key':
      if (isMap(map)) map.add(doc.createPair(m.name, m.nested ? { x: [1, { y: 'z' }] } : 'x'));
      break;
    case 'control': {
      const s = scalars[m.at % scalars.length];
      if (s) {
        s.value = `${String(s.value)}${m.text}`;
        s.type = Scalar.QUOTE_DOUBLE;
      }
      break;
    }
    case 'alias': {
      const target = scalars[m.from % scalars.length];
      const holder = maps[m.to % maps.length];
      if (target && isMap(holder)) {
        target.anchor = 'a1';
        holder.add(doc.createPair('alias-here', doc.createAlias(target, 'a1')));
      }
      break;
    }
    case 'deep':
      if (isMap(map)) {
        let value: unknown = 'leaf';
        for (let i = 0; i < m.depth; i++) value = [value];
        const node = doc.createNode(value, { flow: m.flow });
        map.add(doc.createPair('deep', node));
      }
      break;
    case 'huge-list':
      if (isMap(map))
        map.add(
          doc.createPair(
            'many',
            Array.from({ length: m.length }, (_, i) => `item ${i}`),
          ),
        );
      break;
  }
  try {
    return doc.toString();
  } catch {
    return text;
  }
}

/**
 * Milliseconds of CPU time (a busy machine stretches wall time, not the work done), re-measured
 * (best of three) when one run still looks slow.
 */
function timeOf(fn: () => void, limit: number): number {
  const once = () => {
    const t = process.cpuUsage();
    fn();
    const d = process.cpuUsage(t);
    return (d.user + d.system) / 1000;
  };
  const first = once();
  return first <= limit ? first : Math.min(first, once(), once());
}

function checkFile(uri: string, text: string): void {
  const ws = new Workspace({ today: '2026-11-22' });
  ws.setWorksheet(uri, text);
  const internal = ws.diagnostics(uri).filter((d) => /internal error/.test(d.message));
  expect(internal).toEqual([]);
}

describe('fuzz: hostile worksheets', { timeout: 120_000 }, () => {
  it('check and fmt never throw or take long; fmt keeps the data and reaches a fixed point', () => {
    fc.assert(
      fc.property(
        fc.nat({ max: SEEDS.length - 1 }),
        fc.array(mutation, { minLength: 1, maxLength: 3 }),
        (seed, mutations) => {
          const [uri, base] = SEEDS[seed]!;
          const text = mutations.reduce(mutate, base);
          const limit = limitFor(text);
          expect(timeOf(() => checkFile(uri, text), limit)).toBeLessThan(limit);
          let result: ReturnType<typeof formatWorksheet> | undefined;
          expect(timeOf(() => (result = formatWorksheet(uri, text)), limit)).toBeLessThan(limit);
          if (result?.ok && result.changed) {
            expect(parseDocument(result.text).toJS({ maxAliasCount: 100 })).toEqual(
              parseDocument(text).toJS({ maxAliasCount: 100 }),
            );
            const again = formatWorksheet(uri, result.text);
            expect(again.ok && again.text).toBe(result.text);
          }
        },
      ),
      { numRuns: 25, seed: 1313 },
    );
  });
});

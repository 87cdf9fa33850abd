import type { PathSegment } from '../ast';
import type { Collaborative } from '../schema/collaborative';
import type { Cycle } from '../schema/cycle';
import type { Factors } from '../schema/factors';

/** Where a diagnostic is placed at a path: on the value, or on the key that names it. */
export type Prefer = 'value' | 'key';

export interface Anchor {
  path: PathSegment[];
  prefer: Prefer;
}

/**
 * Every place a cross-file check may put a diagnostic, beyond ids and references (whose ranges the
 * symbols carry). Their ranges are computed while the syntax tree exists, so the cross-file checks
 * never need a tree: a file analysed on a worker thread or restored from a cache, which arrives
 * without one, gets exactly the same diagnostics as one analysed in process. A check that places
 * a diagnostic at a new path adds the path here.
 */
export function crossFileAnchors(data: { cycle?: Cycle; factors?: Factors; collaborative?: Collaborative }): Anchor[] {
  const out: Anchor[] = [];
  if (data.cycle) {
    out.push(
      { path: ['do'], prefer: 'key' },
      { path: ['plan', 'when', 'end'], prefer: 'key' },
      { path: ['act', 'decision'], prefer: 'value' },
    );
  }
  data.factors?.strategies?.forEach((_, i) => out.push({ path: ['strategies', i, 'addresses'], prefer: 'key' }));
  data.factors?.measures?.forEach((m, i) => {
    out.push({ path: ['measures', i, 'id'], prefer: 'value' });
    // A team's measure under a common measure's id (checks/collaborative.ts).
    for (const key of ['unit', 'kind', 'better']) out.push({ path: ['measures', i, key], prefer: 'value' });
    if (m.data) shapeAnchors(['measures', i, 'data'], m.data as RawData, out);
  });
  for (const [id, d] of Object.entries(data.cycle?.do?.data ?? {})) shapeAnchors(['do', 'data', id], d as RawData, out);
  data.collaborative?.teams.forEach((_, i) => out.push({ path: ['teams', i, 'id'], prefer: 'value' }));
  return out;
}

type RawData = unknown[][] | Record<string, unknown[][]>;

/** The first point with and the first without a denominator in each series: one of them may not match a common measure. */
function shapeAnchors(path: PathSegment[], data: RawData, out: Anchor[]): void {
  const all: [PathSegment[], unknown[][]][] = Array.isArray(data)
    ? [[path, data]]
    : Object.entries(data).map(([g, s]) => [[...path, g], s]);
  for (const [p, series] of all) {
    for (const three of [true, false]) {
      const i = series.findIndex((pt) => (pt.length === 3) === three);
      if (i !== -1) out.push({ path: [...p, i], prefer: 'value' });
    }
  }
}

/** The key an anchor is stored under. Path segments never contain a NUL. */
export function anchorKey(path: readonly PathSegment[], prefer: Prefer): string {
  return `${prefer}\u0000${path.join('\u0000')}`;
}

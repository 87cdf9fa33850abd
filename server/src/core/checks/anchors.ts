import type { PathSegment } from '../ast';
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
export function crossFileAnchors(data: { cycle?: Cycle; factors?: Factors }): Anchor[] {
  const out: Anchor[] = [];
  if (data.cycle) {
    out.push({ path: ['do'], prefer: 'key' }, { path: ['plan', 'when', 'end'], prefer: 'key' }, { path: ['act', 'decision'], prefer: 'value' });
  }
  data.factors?.strategies?.forEach((_, i) => out.push({ path: ['strategies', i, 'addresses'], prefer: 'key' }));
  data.factors?.measures?.forEach((_, i) => out.push({ path: ['measures', i, 'id'], prefer: 'value' }));
  return out;
}

/** The key an anchor is stored under. Path segments never contain a NUL. */
export function anchorKey(path: readonly PathSegment[], prefer: Prefer): string {
  return `${prefer}\u0000${path.join('\u0000')}`;
}

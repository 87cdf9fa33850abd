/**
 * Which points of a dense series to draw. A chart a thousand pixels wide cannot show a million
 * points; drawing them all made SVGs of 100+ MB. Per pixel column this keeps the first, last,
 * lowest and highest point (so the line's envelope, every spike and every dip look exactly as
 * they would unthinned), separately for points in a signal (so a signal is never hidden by its
 * neighbours), and the first missing value of each gap (so a line still breaks where data is
 * missing). Linear in the number of points; sparse series are returned whole.
 */

/** Below this many points per pixel column nothing is thinned. */
const DENSE = 2;

export interface ThinInput {
  /** The points' horizontal positions in pixels, in drawing order (non-decreasing). */
  x: (i: number) => number;
  /** The points' values; null for a missing one. */
  values: readonly (number | null)[];
  /** Points that belong to a signal. */
  signal: (i: number) => boolean;
  /** Width of the plot in pixels. */
  width: number;
}

/** A mask of the points to draw, or undefined when every point is drawn. */
export function pointsToDraw(input: ThinInput): Uint8Array | undefined {
  const n = input.values.length;
  if (n <= Math.max(1, input.width) * DENSE) return undefined;
  const keep = new Uint8Array(n);
  // Per column and kind (0: plain, 1: signal): first, last, lowest, highest index.
  let column = Number.NaN;
  const first = [-1, -1];
  const last = [-1, -1];
  const low = [-1, -1];
  const high = [-1, -1];
  const flush = () => {
    for (let k = 0; k < 2; k++) {
      for (const i of [first[k]!, last[k]!, low[k]!, high[k]!]) if (i >= 0) keep[i] = 1;
      first[k] = last[k] = low[k] = high[k] = -1;
    }
  };
  let previousMissing = true;
  for (let i = 0; i < n; i++) {
    const v = input.values[i];
    if (v === null || v === undefined) {
      // The first missing value after data: the line must break here.
      if (!previousMissing) keep[i] = 1;
      previousMissing = true;
      continue;
    }
    // The first point after a gap starts a new line segment: keep it.
    if (previousMissing) keep[i] = 1;
    previousMissing = false;
    const col = Math.floor(input.x(i));
    if (col !== column) {
      flush();
      column = col;
    }
    const k = input.signal(i) ? 1 : 0;
    if (first[k]! < 0) first[k] = i;
    last[k] = i;
    if (low[k]! < 0 || v < (input.values[low[k]!] as number)) low[k] = i;
    if (high[k]! < 0 || v > (input.values[high[k]!] as number)) high[k] = i;
  }
  flush();
  return keep;
}

import { textWidth, wrapText } from '../render/text';
import type { DiagramEdge, DiagramNode, NodeKind } from './drivers';

export interface Box {
  key: string;
  x: number;
  y: number;
  width: number;
  height: number;
}

/** A box's text, wrapped in full (never cut): statement lines, then badge lines in the small size. */
export interface BoxText {
  lines: string[];
  badge: string[];
}

export interface Route {
  from: string;
  to: string;
  /** Orthogonal polyline: alternating horizontal and vertical segments. */
  points: { x: number; y: number }[];
}

/** A column's title: at its left edge, its last line's baseline at `y` (in the layout's coordinates). */
export interface ColumnTitle {
  column: number;
  x: number;
  y: number;
  lines: string[];
}

export const COLUMN_TITLES = ['Aim', 'Primary drivers', 'Secondary drivers', 'Change ideas', 'PDSA cycles'];
/** The column titles' size (bold). */
export const TITLE = 12;
export const TITLE_LINE = 15;

export interface Layout {
  boxes: Map<string, Box>;
  texts: Map<string, BoxText>;
  routes: Route[];
  titles: ColumnTitle[];
  width: number;
  height: number;
}

const COLUMN: Record<NodeKind, number> = { aim: 0, primary: 1, secondary: 2, idea: 3, cycles: 4 };
const WIDTHS = [200, 200, 200, 210, 160];
const GAP_X = 64;
const GAP_Y = 14;
export const FONT = 11;
export const SMALL = 10;
export const LINE = 13;
const PAD = 6;

/** The badge under an item's statement: the id and priority of a factor, the cycles of an idea. */
export function badgeOf(n: DiagramNode): string {
  if (n.kind === 'idea')
    return n.cycles && n.cycles.count
      ? `${n.cycles.count} cycle${n.cycles.count === 1 ? '' : 's'} · latest: ${n.cycles.latest ?? 'under way'}${n.cycles.rampUnderWay ? ' · ramp under way' : ''}`
      : 'not tested yet';
  if (n.kind === 'cycles') return n.detail ?? '';
  if (n.kind === 'aim') return '';
  return `${n.id}${n.muted ? ' · not priority' : ''}`;
}

/** Every word of the statement, wrapped to the box; the aim adds its SMARTIE target. */
export function boxText(n: DiagramNode, width: number): BoxText {
  const inner = width - 2 * PAD;
  const lines =
    n.kind === 'aim'
      ? [...wrapText(n.label, inner, FONT), ...(n.detail ? ['', ...wrapText(`Target: ${n.detail}`, inner, FONT)] : [])]
      : wrapText(n.label, inner, FONT);
  const badge = badgeOf(n);
  return { lines, badge: badge ? wrapText(badge, inner, SMALL) : [] };
}

function heightOf(t: BoxText): number {
  return PAD + t.lines.length * LINE + (t.badge.length ? 3 + t.badge.length * (LINE - 1) : 0) + PAD;
}

/** Below this panel width the aim becomes a banner over the columns, so four columns share the width. */
export const NARROW = 900;
/** Below this width the collapsed cycle counts are left out, so three columns share the width. */
export const TINY = 520;

/**
 * Left-to-right columns (aim, primary drivers, secondary drivers, change ideas, cycles), drawn as a
 * layered (Sugiyama-style) diagram. Each column is ordered by the barycentre heuristic: first by the
 * average position of what links into it, then in alternating sweeps back (by what it links to) and
 * forth, keeping the order whose routed edges cross least. Boxes are stacked top-down, so they never
 * overlap, and grow to hold their whole text. Edges are routed orthogonally: across the free gap
 * after their source column, along a free horizontal lane between boxes through any columns they
 * skip, and into their target from the gap before it, so no edge passes through a box that is not
 * its end. Within a gap, the vertical tracks are ordered so that they cross the fewest other edges.
 *
 * Laid out for a narrow panel (beside the editor), the aim spans the top as a banner and a trunk down
 * the left margin feeds the primary drivers: the four other columns then share the whole width, so
 * the diagram is drawn at full size (11 px text) and scrolls vertically instead of shrinking.
 */
export function layoutDiagram(nodes: DiagramNode[], edges: DiagramEdge[], targetWidth?: number): Layout {
  const columns: DiagramNode[][] = [[], [], [], [], []];
  for (const n of nodes) columns[COLUMN[n.kind]]!.push(n);
  const narrow = targetWidth !== undefined && targetWidth < NARROW && columns[0]!.length === 1;
  // Collapsed cycle counts ("3 cycles", "latest: adopt") need little width; listed cycles need more.
  const cyclesListed = columns[4]!.some((n) => n.key.startsWith('cycle:'));
  // Narrower still (a panel beside the editor and a side bar), the collapsed counts are left out: each
  // idea's badge already says how many cycles it has and what the latest decided.
  const tiny = narrow && targetWidth < TINY;
  if (tiny && !cyclesListed) columns[4] = [];
  const present = columns.filter((c, i) => c.length && !(narrow && i === 0)).length;
  let gapX = targetWidth !== undefined && targetWidth < 1000 ? 40 : GAP_X;
  if (narrow) gapX = tiny ? 16 : 22;
  const trunkX = tiny ? 10 : 24;
  const left = narrow ? trunkX + (tiny ? 8 : 12) : 16;
  let widths: number[];
  if (!narrow) {
    const fit =
      targetWidth !== undefined
        ? Math.max(120, Math.min(230, (targetWidth - 32 - (present - 1) * gapX) / Math.max(1, present)))
        : undefined;
    widths = WIDTHS.map((w, c) => (fit === undefined ? w : Math.round(c === 4 ? Math.max(110, fit * 0.8) : fit)));
  } else {
    const cyclesW = columns[4]!.length && !cyclesListed ? 84 : 0;
    const shared = present - (cyclesW ? 1 : 0);
    // Never so narrow that a statement's longest word has to be cut (up to 140 px: longer ones are);
    // a hyphenated word may break after its hyphens, as wrapText does.
    let longest = 0;
    for (const column of columns.slice(1))
      for (const n of column)
        for (const word of n.label.split(/\s+|(?<=[-_/.])(?=\S)/)) longest = Math.max(longest, textWidth(word, FONT));
    const least = Math.min(140, Math.max(tiny ? 72 : 96, Math.ceil(longest) + 2 * PAD + 1));
    const w = Math.floor(
      Math.max(least, Math.min(230, (targetWidth - left - 8 - cyclesW - (present - 1) * gapX) / Math.max(1, shared))),
    );
    widths = [0, w, w, w, cyclesW || w];
  }
  const texts = new Map<string, BoxText>();
  const titles: ColumnTitle[] = [];
  const xs: number[] = [];
  let x = left;
  columns.forEach((column, c) => {
    if (!column.length || (narrow && c === 0)) return;
    xs[c] = x;
    x += widths[c]! + gapX;
  });
  const right = x - gapX;
  // Column titles wrap to their column (two lines when a narrow panel needs them).
  const titleLines = columns.map((_, c) => wrapText(COLUMN_TITLES[c]!, widths[c]!, TITLE, true));
  const extra = Math.max(0, ...titleLines.map((l, c) => (columns[c]!.length && c > 0 ? l.length - 1 : 0))) * TITLE_LINE;
  let top = 20 + extra;
  const aimBox = new Map<string, Box>();
  if (narrow) {
    const aim = columns[0]![0]!;
    const t = boxText(aim, right - 16);
    texts.set(aim.key, t);
    aimBox.set(aim.key, { key: aim.key, x: 16, y: 20, width: right - 16, height: heightOf(t) });
    titles.push({ column: 0, x: 16, y: 12, lines: [COLUMN_TITLES[0]!] });
    top = 20 + heightOf(t) + 30 + extra;
  }
  const sizes = new Map<string, number>();
  columns.forEach((column, c) => {
    if (narrow && c === 0) return;
    for (const n of column) {
      const t = boxText(n, widths[c]!);
      texts.set(n.key, t);
      sizes.set(n.key, heightOf(t));
    }
    if (column.length) titles.push({ column: c, x: xs[c]!, y: top - 8, lines: titleLines[c]! });
  });
  const stacked = narrow ? [[], ...columns.slice(1)] : columns;
  const routed = narrow ? edges.filter((e) => e.from !== aimKey(columns)) : edges;
  const into = new Map<string, string[]>();
  const outOf = new Map<string, string[]>();
  for (const e of routed) {
    into.set(e.to, [...(into.get(e.to) ?? []), e.from]);
    outOf.set(e.from, [...(outOf.get(e.from) ?? []), e.to]);
  }

  /** Stacks the columns in the given orders, centres shorter ones, routes the edges. */
  const place = (orders: DiagramNode[][]) => {
    const boxes = new Map<string, Box>(aimBox);
    let height = 0;
    orders.forEach((column, c) => {
      let y = top;
      for (const n of column) {
        const h = sizes.get(n.key)!;
        boxes.set(n.key, { key: n.key, x: xs[c]!, y, width: widths[c]!, height: h });
        y += h + GAP_Y;
      }
      height = Math.max(height, y);
    });
    // Centre shorter columns against the tallest, so edges run level where they can.
    for (const column of orders) {
      if (!column.length) continue;
      const last = boxes.get(column[column.length - 1]!.key)!;
      const offset = Math.max(0, (height - (last.y + last.height + GAP_Y)) / 2);
      for (const n of column) boxes.get(n.key)!.y += offset;
    }
    const routes = routeEdges(orders, boxes, routed, gapX);
    return { boxes, routes, height, crossings: edgeCrossings({ routes }) };
  };
  /** Orders every column after `from` (or before, going back) by the barycentre of its neighbours in `placed`. */
  const sweep = (orders: DiagramNode[][], placed: Map<string, Box>, back: boolean): DiagramNode[][] => {
    const next = orders.map((c) => [...c]);
    const centre = (b: Box) => b.y + b.height / 2;
    const positions = new Map([...placed].map(([k, b]) => [k, centre(b)]));
    const sequence = back ? [3, 2, 1, 0] : [1, 2, 3, 4];
    for (const c of sequence) {
      const column = next[c]!;
      if (!column.length) continue;
      const current = new Map(column.map((n, i) => [n.key, i]));
      const links = back ? outOf : into;
      const key = (n: DiagramNode) => {
        const ys = (links.get(n.key) ?? []).map((k) => positions.get(k)).filter((v): v is number => v !== undefined);
        return ys.length ? ys.reduce((a, b) => a + b, 0) / ys.length : positions.get(n.key)!;
      };
      const keys = new Map(column.map((n) => [n.key, key(n)]));
      column.sort((a, b) => keys.get(a.key)! - keys.get(b.key)! || current.get(a.key)! - current.get(b.key)!);
      // Re-stack this column so the next one in the sweep sees its new positions.
      let y = top;
      for (const n of column) {
        const h = sizes.get(n.key)!;
        positions.set(n.key, y + h / 2);
        y += h + GAP_Y;
      }
    }
    return next;
  };
  // The first order: file order, then one forward sweep from it; then sweeps back and forth.
  let orders = sweep(stacked, place(stacked).boxes, false);
  let current = place(orders);
  let best = current;
  for (let i = 0; i < 8 && best.crossings > 0; i++) {
    orders = sweep(orders, current.boxes, i % 2 === 0);
    current = place(orders);
    if (current.crossings < best.crossings) best = current;
  }
  const { boxes, routes } = best;
  if (narrow) {
    // The trunk: down the left margin from the aim's banner, then into each primary driver.
    const aim = boxes.get(aimKey(columns)!)!;
    for (const e of edges) {
      const b = e.from === aim.key ? boxes.get(e.to) : undefined;
      if (!b) continue;
      const y = b.y + b.height / 2;
      routes.push({
        from: e.from,
        to: e.to,
        points: [
          { x: trunkX, y: aim.y + aim.height },
          { x: trunkX, y },
          { x: b.x, y },
        ],
      });
    }
  }
  return { boxes, texts, routes, titles, width: narrow ? right + 8 : right + 16, height: best.height + 4 };
}

function aimKey(columns: DiagramNode[][]): string | undefined {
  return columns[0]![0]?.key;
}

/** Free horizontal lanes of a column: the gaps above, between and below its boxes. */
function freeLanes(column: DiagramNode[], boxes: Map<string, Box>): [number, number][] {
  const spans = column.map((n) => boxes.get(n.key)!).sort((a, b) => a.y - b.y);
  const lanes: [number, number][] = [];
  let top = -1e6;
  for (const b of spans) {
    lanes.push([top, b.y - 3]);
    top = b.y + b.height + 3;
  }
  lanes.push([top, 1e6]);
  return lanes;
}

/** A vertical run of an edge in a gap: it comes in from the left at `a` and leaves to the right at `b`. */
interface Run {
  a: number;
  b: number;
  x?: number;
}

const within = (y: number, r: Run) => y > Math.min(r.a, r.b) + 0.5 && y < Math.max(r.a, r.b) - 0.5;

/** Crossings if `p` takes a track left of `q`: q's run crosses p's way out, p's run crosses q's way in. */
const cost = (p: Run, q: Run) => (within(p.b, q) ? 1 : 0) + (within(q.a, p) ? 1 : 0);

/**
 * Tracks for the runs sharing a gap, spread across its middle, ordered so their horizontal parts
 * cross the fewest other runs: a pairwise-cost sort, then swaps of neighbours while they help.
 */
function assignTracks(runs: Run[], gapLeft: number, gap: number): void {
  if (!runs.length) return;
  const order = [...runs].sort((p, q) => cost(p, q) - cost(q, p) || p.a - q.a || p.b - q.b);
  for (let pass = 0, swapped = true; swapped && pass < order.length; pass++) {
    swapped = false;
    for (let i = 0; i + 1 < order.length; i++) {
      if (cost(order[i + 1]!, order[i]!) < cost(order[i]!, order[i + 1]!)) {
        [order[i], order[i + 1]] = [order[i + 1]!, order[i]!];
        swapped = true;
      }
    }
  }
  const spread = Math.min(gap - 12, (order.length - 1) * 4);
  order.forEach((r, i) => {
    r.x = gapLeft + gap / 2 - spread / 2 + (order.length > 1 ? (i / (order.length - 1)) * spread : 0);
  });
}

function routeEdges(columns: DiagramNode[][], boxes: Map<string, Box>, edges: DiagramEdge[], gap: number): Route[] {
  const colOf = new Map<string, number>();
  columns.forEach((col, c) => col.forEach((n) => colOf.set(n.key, c)));
  const present = columns.map((col) => col.length > 0);
  const lanes = columns.map((col) => freeLanes(col, boxes));
  const rightOf = (c: number) => Math.max(...columns[c]!.map((n) => boxes.get(n.key)!.x + boxes.get(n.key)!.width));
  const leftOf = (c: number) => Math.min(...columns[c]!.map((n) => boxes.get(n.key)!.x));
  // Runs per gap, keyed by the column the gap follows.
  const gaps = new Map<number, Run[]>();
  const addRun = (c: number, r: Run) => gaps.set(c, [...(gaps.get(c) ?? []), r]);
  const plans: {
    e: DiagramEdge;
    x1: number;
    y1: number;
    x2: number;
    y2: number;
    first: Run;
    second?: Run;
    lane?: number;
  }[] = [];
  for (const e of edges) {
    const a = boxes.get(e.from);
    const b = boxes.get(e.to);
    const ca = colOf.get(e.from);
    const cb = colOf.get(e.to);
    if (!a || !b || ca === undefined || cb === undefined || cb <= ca) continue;
    const y1 = a.y + a.height / 2;
    const y2 = b.y + b.height / 2;
    const skipped: number[] = [];
    for (let c = ca + 1; c < cb; c++) if (present[c]) skipped.push(c);
    if (!skipped.length) {
      const first: Run = { a: y1, b: y2 };
      addRun(ca, first);
      plans.push({ e, x1: a.x + a.width, y1, x2: b.x, y2, first });
      continue;
    }
    // A lane free in every skipped column, nearest the straight line between the ends.
    const want = (y1 + y2) / 2;
    let best: number | undefined;
    for (const c of skipped) {
      for (const [lo, hi] of lanes[c]!) {
        if (hi < lo) continue;
        const candidate = Math.min(hi, Math.max(lo, want));
        if (
          skipped.every((k) => lanes[k]!.some(([l, h]) => candidate >= l && candidate <= h)) &&
          (best === undefined || Math.abs(candidate - want) < Math.abs(best - want))
        )
          best = candidate;
      }
    }
    const lane = best ?? want;
    const first: Run = { a: y1, b: lane };
    const second: Run = { a: lane, b: y2 };
    addRun(ca, first);
    addRun(skipped[skipped.length - 1]!, second);
    plans.push({ e, x1: a.x + a.width, y1, x2: b.x, y2, first, second, lane });
  }
  for (const [c, runs] of gaps) {
    const next = columns.findIndex((col, k) => k > c && col.length);
    const from = rightOf(c);
    assignTracks(runs, from, next > c ? leftOf(next) - from : gap);
  }
  return plans.map(({ e, x1, y1, x2, y2, first, second, lane }) => ({
    from: e.from,
    to: e.to,
    points: straighten(
      second
        ? [
            { x: x1, y: y1 },
            { x: first.x!, y: y1 },
            { x: first.x!, y: lane! },
            { x: second.x!, y: lane! },
            { x: second.x!, y: y2 },
            { x: x2, y: y2 },
          ]
        : [
            { x: x1, y: y1 },
            { x: first.x!, y: y1 },
            { x: first.x!, y: y2 },
            { x: x2, y: y2 },
          ],
    ),
  }));
}

/** Drops points that add no bend: a level edge is one straight segment. */
function straighten(points: { x: number; y: number }[]): { x: number; y: number }[] {
  const out: { x: number; y: number }[] = [];
  for (const p of points) {
    const a = out[out.length - 2];
    const b = out[out.length - 1];
    if (b && Math.abs(b.x - p.x) < 0.01 && Math.abs(b.y - p.y) < 0.01) continue;
    if (
      a &&
      b &&
      ((Math.abs(a.x - b.x) < 0.01 && Math.abs(b.x - p.x) < 0.01) ||
        (Math.abs(a.y - b.y) < 0.01 && Math.abs(b.y - p.y) < 0.01))
    )
      out[out.length - 1] = p;
    else out.push(p);
  }
  return out;
}

/** True if any two boxes overlap (used by tests and guarded in the renderer). */
export function overlaps(layout: Pick<Layout, 'boxes'>): boolean {
  const list = [...layout.boxes.values()];
  for (let i = 0; i < list.length; i++) {
    for (let j = i + 1; j < list.length; j++) {
      const a = list[i]!;
      const b = list[j]!;
      if (a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height) return true;
    }
  }
  return false;
}

/** Edge segments that pass through a box that is not one of the edge's ends. */
export function edgesThroughBoxes(layout: Pick<Layout, 'boxes' | 'routes'>): string[] {
  const out: string[] = [];
  for (const r of layout.routes) {
    for (let i = 1; i < r.points.length; i++) {
      const p = r.points[i - 1]!;
      const q = r.points[i]!;
      const [x0, x1] = [Math.min(p.x, q.x), Math.max(p.x, q.x)];
      const [y0, y1] = [Math.min(p.y, q.y), Math.max(p.y, q.y)];
      for (const b of layout.boxes.values()) {
        if (b.key === r.from || b.key === r.to) continue;
        if (x1 > b.x + 0.5 && x0 < b.x + b.width - 0.5 && y1 > b.y + 0.5 && y0 < b.y + b.height - 0.5)
          out.push(`${r.from} -> ${r.to} through ${b.key}`);
      }
    }
  }
  return out;
}

/** Crossings between segments of different edges (a measure of how tangled the diagram reads). */
export function edgeCrossings(layout: Pick<Layout, 'routes'>): number {
  const h: { x0: number; x1: number; y: number; e: number }[] = [];
  const v: { y0: number; y1: number; x: number; e: number }[] = [];
  layout.routes.forEach((r, e) => {
    for (let i = 1; i < r.points.length; i++) {
      const p = r.points[i - 1]!;
      const q = r.points[i]!;
      if (Math.abs(p.y - q.y) < 0.01) h.push({ x0: Math.min(p.x, q.x), x1: Math.max(p.x, q.x), y: p.y, e });
      else v.push({ y0: Math.min(p.y, q.y), y1: Math.max(p.y, q.y), x: p.x, e });
    }
  });
  let n = 0;
  for (const s of h)
    for (const t of v)
      if (s.e !== t.e && t.x > s.x0 + 0.5 && t.x < s.x1 - 0.5 && s.y > t.y0 + 0.5 && s.y < t.y1 - 0.5) n++;
  return n;
}

/** The width of a text in the diagram's fonts (exposed for the geometry tests). */
export function diagramTextWidth(text: string, small = false): number {
  return textWidth(text, small ? SMALL : FONT);
}

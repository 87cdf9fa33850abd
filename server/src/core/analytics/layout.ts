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

/** A column's title: at its left edge, baseline `y` (in the layout's coordinates). */
export interface ColumnTitle {
  column: number;
  x: number;
  y: number;
}

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

/**
 * Left-to-right columns (aim, primary drivers, secondary drivers, change ideas, cycles). Each column
 * is ordered by the average position of the nodes it links from (the barycentre heuristic), which
 * keeps edges short and crossings few, then stacked top-down, so boxes never overlap. Boxes grow
 * to hold their whole text. Edges are routed orthogonally: across the free gap after their source
 * column, along a free horizontal lane between boxes through any columns they skip, and into their
 * target from the gap before it, so no edge passes through a box that is not its end.
 *
 * Laid out for a narrow panel (beside the editor), the aim spans the top as a banner and a trunk down
 * the left margin feeds the primary drivers: the four other columns then share the whole width, so
 * the diagram is drawn at full size (11 px text) and scrolls vertically instead of shrinking.
 */
export function layoutDiagram(nodes: DiagramNode[], edges: DiagramEdge[], targetWidth?: number): Layout {
  const columns: DiagramNode[][] = [[], [], [], [], []];
  for (const n of nodes) columns[COLUMN[n.kind]]!.push(n);
  const narrow = targetWidth !== undefined && targetWidth < NARROW && columns[0]!.length === 1;
  const present = columns.filter((c, i) => c.length && !(narrow && i === 0)).length;
  const gapX = narrow ? 22 : targetWidth !== undefined && targetWidth < 1000 ? 40 : GAP_X;
  // Collapsed cycle counts ("3 cycles", "latest: adopt") need little width; listed cycles need more.
  const cyclesListed = columns[4]!.some((n) => n.key.startsWith('cycle:'));
  const left = narrow ? TRUNK_X + 12 : 16;
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
    const w = Math.floor(
      Math.max(96, Math.min(230, (targetWidth - left - 8 - cyclesW - (present - 1) * gapX) / Math.max(1, shared))),
    );
    widths = [0, w, w, w, cyclesW || w];
  }
  const incoming = new Map<string, string[]>();
  for (const e of edges) incoming.set(e.to, [...(incoming.get(e.to) ?? []), e.from]);
  const position = new Map<string, number>();
  const boxes = new Map<string, Box>();
  const texts = new Map<string, BoxText>();
  const titles: ColumnTitle[] = [];
  let top = 20;
  let x = left;
  let right = 0;
  if (narrow) {
    // The banner's width is known only once the columns are: lay them out first, then the aim above.
    for (let c = 1; c < columns.length; c++) if (columns[c]!.length) x += widths[c]! + gapX;
    right = x - gapX;
    const aim = columns[0]![0]!;
    const t = boxText(aim, right - 16);
    const h = heightOf(t);
    texts.set(aim.key, t);
    boxes.set(aim.key, { key: aim.key, x: 16, y: 20, width: right - 16, height: h });
    position.set(aim.key, 0);
    titles.push({ column: 0, x: 16, y: 12 });
    top = 20 + h + 30;
    x = left;
  }
  let height = 0;
  columns.forEach((column, c) => {
    if (narrow && c === 0) return;
    if (c > 0) {
      const order = new Map(column.map((n, i) => [n.key, i]));
      const centre = (n: DiagramNode) => {
        const from = (incoming.get(n.key) ?? [])
          .map((k) => position.get(k))
          .filter((v): v is number => v !== undefined);
        return from.length ? from.reduce((a, b) => a + b, 0) / from.length : Number.MAX_SAFE_INTEGER;
      };
      column.sort((a, b) => centre(a) - centre(b) || order.get(a.key)! - order.get(b.key)!);
    }
    let y = top;
    const w = widths[c]!;
    for (const n of column) {
      const t = boxText(n, w);
      const h = heightOf(t);
      texts.set(n.key, t);
      boxes.set(n.key, { key: n.key, x, y, width: w, height: h });
      position.set(n.key, y + h / 2);
      y += h + GAP_Y;
    }
    height = Math.max(height, y);
    if (column.length) {
      titles.push({ column: c, x, y: top - 8 });
      x += w + gapX;
    }
  });
  // Centre shorter columns against the tallest, so edges run level where they can.
  columns.forEach((column, c) => {
    if (!column.length || (narrow && c === 0)) return;
    const last = boxes.get(column[column.length - 1]!.key)!;
    const offset = Math.max(0, (height - (last.y + last.height + GAP_Y)) / 2);
    for (const n of column) boxes.get(n.key)!.y += offset;
  });
  const routes = routeEdges(
    narrow ? [[], ...columns.slice(1)] : columns,
    boxes,
    narrow ? edges.filter((e) => e.from !== 'aim') : edges,
    gapX,
  );
  if (narrow) {
    // The trunk: down the left margin from the aim's banner, then into each primary driver.
    const aim = boxes.get(columns[0]![0]!.key)!;
    for (const e of edges) {
      const b = e.from === aim.key ? boxes.get(e.to) : undefined;
      if (!b) continue;
      const y = b.y + b.height / 2;
      routes.push({
        from: e.from,
        to: e.to,
        points: [
          { x: TRUNK_X, y: aim.y + aim.height },
          { x: TRUNK_X, y },
          { x: b.x, y },
        ],
      });
    }
  }
  return { boxes, texts, routes, titles, width: narrow ? right + 8 : x - gapX + 16, height: height + 4 };
}

/** The x of the trunk that feeds the primary drivers when the aim is a banner. */
const TRUNK_X = 24;

/** Free horizontal lanes of a column: the gaps above, between and below its boxes. */
function freeLanes(column: DiagramNode[], boxes: Map<string, Box>, height: number): [number, number][] {
  const spans = column.map((n) => boxes.get(n.key)!).sort((a, b) => a.y - b.y);
  const lanes: [number, number][] = [];
  let top = -1e6;
  for (const b of spans) {
    lanes.push([top, b.y - 3]);
    top = b.y + b.height + 3;
  }
  lanes.push([top, height + 1e6]);
  return lanes;
}

function routeEdges(columns: DiagramNode[][], boxes: Map<string, Box>, edges: DiagramEdge[], GAP: number): Route[] {
  const colOf = new Map<string, number>();
  columns.forEach((col, c) => col.forEach((n) => colOf.set(n.key, c)));
  const present = columns.map((col) => col.length > 0);
  const lanes = columns.map((col) => freeLanes(col, boxes, 0));
  // Each gap between columns has vertical tracks; edges leaving the same column share its gap, spread apart.
  const gapUse = new Map<number, number>();
  const trackOf = new Map<DiagramEdge, number>();
  for (const e of edges) {
    const c = colOf.get(e.from);
    if (c === undefined) continue;
    trackOf.set(e, gapUse.get(c) ?? 0);
    gapUse.set(c, (gapUse.get(c) ?? 0) + 1);
  }
  const routes: Route[] = [];
  for (const e of edges) {
    const a = boxes.get(e.from);
    const b = boxes.get(e.to);
    const ca = colOf.get(e.from);
    const cb = colOf.get(e.to);
    if (!a || !b || ca === undefined || cb === undefined || cb <= ca) continue;
    const y1 = a.y + a.height / 2;
    const y2 = b.y + b.height / 2;
    const x1 = a.x + a.width;
    const x2 = b.x;
    // Tracks spread across the middle of the gap after the source column.
    const used = gapUse.get(ca) ?? 1;
    const spread = Math.min(GAP - 16, used * 4);
    const gx1 = x1 + GAP / 2 - spread / 2 + (used > 1 ? (trackOf.get(e)! / (used - 1)) * spread : spread / 2);
    const skipped: number[] = [];
    for (let c = ca + 1; c < cb; c++) if (present[c]) skipped.push(c);
    if (!skipped.length) {
      routes.push({
        from: e.from,
        to: e.to,
        points: [
          { x: x1, y: y1 },
          { x: gx1, y: y1 },
          { x: gx1, y: y2 },
          { x: x2, y: y2 },
        ],
      });
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
    const gx2 = x2 - GAP / 2;
    routes.push({
      from: e.from,
      to: e.to,
      points: [
        { x: x1, y: y1 },
        { x: gx1, y: y1 },
        { x: gx1, y: lane },
        { x: gx2, y: lane },
        { x: gx2, y: y2 },
        { x: x2, y: y2 },
      ],
    });
  }
  return routes;
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
      if (p.y === q.y) h.push({ x0: Math.min(p.x, q.x), x1: Math.max(p.x, q.x), y: p.y, e });
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

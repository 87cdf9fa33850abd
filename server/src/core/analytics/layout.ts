import type { DiagramEdge, DiagramNode, NodeKind } from './drivers';

export interface Box {
  key: string;
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface Layout {
  boxes: Map<string, Box>;
  width: number;
  height: number;
}

const COLUMN: Record<NodeKind, number> = { aim: 0, primary: 1, secondary: 2, idea: 3, cycles: 4 };
const WIDTHS = [190, 200, 200, 210, 150];
const GAP_X = 56;
const GAP_Y = 12;

export function boxHeight(node: DiagramNode): number {
  return node.kind === 'cycles' ? 40 : node.kind === 'aim' ? 160 : 58;
}

/**
 * Left-to-right columns (aim, primary drivers, secondary drivers, change ideas, cycles). Each column
 * is ordered by the average position of the nodes it links from (the barycentre heuristic), which
 * keeps edges short and crossings few, then stacked top-down, so boxes never overlap.
 */
export function layoutDiagram(nodes: DiagramNode[], edges: DiagramEdge[]): Layout {
  const columns: DiagramNode[][] = [[], [], [], [], []];
  for (const n of nodes) columns[COLUMN[n.kind]]!.push(n);
  const incoming = new Map<string, string[]>();
  for (const e of edges) incoming.set(e.to, [...(incoming.get(e.to) ?? []), e.from]);
  const position = new Map<string, number>();
  const boxes = new Map<string, Box>();
  let height = 0;
  let x = 16;
  columns.forEach((column, c) => {
    if (c > 0) {
      const order = new Map(column.map((n, i) => [n.key, i]));
      const centre = (n: DiagramNode) => {
        const from = (incoming.get(n.key) ?? []).map((k) => position.get(k)).filter((v): v is number => v !== undefined);
        return from.length ? from.reduce((a, b) => a + b, 0) / from.length : Number.MAX_SAFE_INTEGER;
      };
      column.sort((a, b) => centre(a) - centre(b) || order.get(a.key)! - order.get(b.key)!);
    }
    let y = 16;
    const w = WIDTHS[c]!;
    for (const n of column) {
      const h = boxHeight(n);
      boxes.set(n.key, { key: n.key, x, y, width: w, height: h });
      position.set(n.key, y + h / 2);
      y += h + GAP_Y;
    }
    height = Math.max(height, y);
    if (column.length) x += w + GAP_X;
  });
  // Centre shorter columns against the tallest, so edges run level where they can.
  for (const column of columns) {
    if (!column.length) continue;
    const last = boxes.get(column[column.length - 1]!.key)!;
    const offset = Math.max(0, (height - (last.y + last.height + GAP_Y)) / 2);
    for (const n of column) boxes.get(n.key)!.y += offset;
  }
  return { boxes, width: x - GAP_X + 16, height: height + 4 };
}

/** True if any two boxes overlap (used by tests and guarded in the renderer). */
export function overlaps(layout: Layout): boolean {
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

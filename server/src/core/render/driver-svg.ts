import type { DiagramNode, DriverModel } from '../analytics/drivers';
import { FONT, layoutDiagram, LINE, SMALL, TITLE_LINE, type Layout } from '../analytics/layout';
import { escapeXml as x } from './svg';
import { textWidth } from './text';

export const DRIVER_STYLE = `
svg.pdsa-drivers { font-family: system-ui, -apple-system, "Segoe UI", sans-serif; font-size: 11px; background: var(--pdsa-background, #fff); }
.pdsa-drivers text { fill: var(--pdsa-foreground, #333); }
.pdsa-drivers .column-title { font-weight: 600; font-size: 12px; }
.pdsa-drivers .node rect, .pdsa-drivers .legend rect { fill: var(--pdsa-box, #f5f7fa); stroke: var(--pdsa-box-border, #8a9bb0); stroke-width: 1.2; }
.pdsa-drivers .aim rect { fill: var(--pdsa-aim, #e3f2e5); stroke: var(--pdsa-target, #2e7d32); stroke-width: 2; }
.pdsa-drivers .muted rect { stroke-dasharray: 4 3; fill-opacity: 0.4; }
.pdsa-drivers .node.muted text { fill-opacity: 0.7; }
.pdsa-drivers .node.cycles rect { fill: var(--pdsa-cycles, #fff8e1); }
.pdsa-drivers .decision-adopt rect { stroke: var(--pdsa-adopt, #2e7d32); stroke-width: 2; }
.pdsa-drivers .decision-adapt rect { stroke: var(--pdsa-adapt, #b7791f); stroke-width: 2; }
.pdsa-drivers .decision-abandon rect { stroke: var(--pdsa-abandon, #c62828); stroke-width: 2; }
.pdsa-drivers .edge { fill: none; stroke: var(--pdsa-grid, #9aa5b1); stroke-width: 1.4; }
.pdsa-drivers .edge.weak { stroke-dasharray: 5 4; stroke-width: 1; }
.pdsa-drivers .edge.strong { stroke-width: 2.6; }
.pdsa-drivers .highlight rect, .pdsa-drivers .edge.highlight { stroke: var(--pdsa-signal, #ff9800); stroke-width: 2.6; }
.pdsa-drivers .badge { font-size: 10px; }
`;

function nodeClass(n: DiagramNode): string {
  const decision =
    n.kind === 'cycles' && n.key.startsWith('cycle:')
      ? ` decision-${n.detail}`
      : n.cycles?.latest
        ? ` decision-${n.cycles.latest}`
        : '';
  return `node ${n.kind}${n.muted ? ' muted' : ''}${decision}`;
}

/** Legend items: what borders, dashes and line weights mean. */
const LEGEND: { cls: string; label: string; kind: 'box' | 'edge' }[] = [
  { cls: 'aim', label: 'aim (result and target)', kind: 'box' },
  { cls: 'decision-adopt', label: 'latest cycle: adopt', kind: 'box' },
  { cls: 'decision-adapt', label: 'adapt', kind: 'box' },
  { cls: 'decision-abandon', label: 'abandon', kind: 'box' },
  { cls: 'muted', label: 'dashed, faded: factor not a priority, or idea not tested yet', kind: 'box' },
  { cls: 'strong', label: 'strong link', kind: 'edge' },
  { cls: '', label: 'link', kind: 'edge' },
  { cls: 'weak', label: 'weak link', kind: 'edge' },
];

export interface DiagramRenderOptions {
  embedStyle?: boolean;
  /** For a file to share: no file paths or line numbers in the SVG. */
  portable?: boolean;
  /** The width to lay the diagram out for (narrower columns, taller boxes); default: roomy. */
  width?: number;
}

/**
 * The driver diagram as an SVG string. Every statement is shown in full (boxes grow); text is
 * escaped; each box carries its id (and, unless portable, its file and line for navigation).
 */
export function renderDriverDiagram(model: DriverModel, options: DiagramRenderOptions = {}): string {
  const layout: Layout = layoutDiagram(model.nodes, model.edges, options.width);
  const W = layout.width;
  // The legend: rows of items, wrapped to the diagram's width.
  const legend: { item: (typeof LEGEND)[number]; x: number; row: number }[] = [];
  let lx = 16;
  let row = 0;
  for (const item of LEGEND) {
    const w = 28 + textWidth(item.label, SMALL);
    if (lx > 16 && lx + w > W - 16) {
      row++;
      lx = 16;
    }
    legend.push({ item, x: lx, row });
    lx += w + 12;
  }
  const legendH = (row + 1) * 16 + 6;
  const top = legendH + 4;
  const H = layout.height + top;
  const out: string[] = [];
  out.push(
    `<svg xmlns="http://www.w3.org/2000/svg" class="pdsa-drivers" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" role="img" aria-labelledby="d-title d-desc">`,
  );
  out.push(`<title id="d-title">${x(`Driver diagram: ${model.focus.title}`)}</title>`);
  const counts = ['primary', 'secondary', 'idea'].map((k) => model.nodes.filter((n) => n.kind === k).length);
  out.push(
    `<desc id="d-desc">${x(`${counts[0]} primary drivers, ${counts[1]} secondary drivers, ${counts[2]} change ideas. Dashed boxes: factors not marked priority, or ideas not yet tested.`)}</desc>`,
  );
  if (options.embedStyle) out.push(`<style>${DRIVER_STYLE}</style>`);
  out.push(`<g class="legend">`);
  for (const l of legend) {
    const y = 8 + l.row * 16;
    if (l.item.kind === 'box')
      out.push(`<g class="${l.item.cls}"><rect x="${l.x}" y="${y}" width="20" height="11" rx="3"/></g>`);
    else out.push(`<path class="edge ${l.item.cls}" d="M${l.x},${y + 6} L${l.x + 20},${y + 6}"/>`);
    out.push(`<text class="badge" x="${l.x + 26}" y="${y + 9.5}">${x(l.item.label)}</text>`);
  }
  out.push(`</g>`);
  out.push(`<g transform="translate(0 ${top})">`);
  for (const t of layout.titles)
    t.lines.forEach((line, i) =>
      out.push(
        `<text class="column-title" x="${t.x}" y="${t.y - (t.lines.length - 1 - i) * TITLE_LINE}">${x(line)}</text>`,
      ),
    );
  for (const r of layout.routes) {
    const e = model.edges.find((d) => d.from === r.from && d.to === r.to);
    const d = r.points.map((p, i) => `${i ? 'L' : 'M'}${p.x.toFixed(1)},${p.y.toFixed(1)}`).join(' ');
    out.push(
      `<path class="edge${e?.strength ? ` ${e.strength}` : ''}" data-from="${x(r.from)}" data-to="${x(r.to)}" d="${d}"/>`,
    );
  }
  for (const n of model.nodes) {
    const b = layout.boxes.get(n.key);
    const t = layout.texts.get(n.key);
    // Left out by a very narrow layout (collapsed cycle counts: the idea's badge has them).
    if (!b || !t) continue;
    const line = n.range ? n.range.start.line + 1 : undefined;
    const tip = [
      n.label,
      n.detail && n.kind !== 'cycles' ? n.detail : undefined,
      n.kind === 'primary' || n.kind === 'secondary'
        ? `${n.level ?? ''}${n.muted ? ', not marked priority' : ', priority'}`
        : undefined,
    ]
      .filter(Boolean)
      .join('\n');
    const where = options.portable
      ? ''
      : `${n.uri ? ` data-uri="${x(n.uri)}"` : ''}${line ? ` data-line="${line}"` : ''}`;
    out.push(
      `<g class="${nodeClass(n)}" data-key="${x(n.key)}" data-id="${x(n.id)}"${where} tabindex="0" role="link">`,
    );
    out.push(`<rect x="${b.x}" y="${b.y.toFixed(1)}" width="${b.width}" height="${b.height.toFixed(1)}" rx="5"/>`);
    t.lines.forEach((l, i) => {
      if (l) out.push(`<text x="${b.x + 6}" y="${(b.y + 6 + FONT + i * LINE - 1).toFixed(1)}">${x(l)}</text>`);
    });
    const badgeTop = b.y + 6 + t.lines.length * LINE + 3;
    t.badge.forEach((l, i) =>
      out.push(
        `<text class="badge" x="${b.x + 6}" y="${(badgeTop + SMALL + i * (LINE - 1) - 1).toFixed(1)}">${x(l)}</text>`,
      ),
    );
    out.push(`<title>${x(tip)}</title></g>`);
  }
  out.push('</g></svg>');
  return out.join('\n');
}

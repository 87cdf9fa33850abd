import type { DiagramNode, DriverModel } from '../analytics/drivers';
import { layoutDiagram } from '../analytics/layout';
import { escapeXml as x } from './svg';

export const DRIVER_STYLE = `
svg.pdsa-drivers { font-family: system-ui, -apple-system, "Segoe UI", sans-serif; font-size: 11px; background: var(--pdsa-background, #fff); }
.pdsa-drivers text { fill: var(--pdsa-foreground, #333); }
.pdsa-drivers .column-title { font-weight: 600; font-size: 12px; }
.pdsa-drivers .node rect { fill: var(--pdsa-box, #f5f7fa); stroke: var(--pdsa-box-border, #8a9bb0); stroke-width: 1.2; }
.pdsa-drivers .node.aim rect { fill: var(--pdsa-aim, #e3f2e5); stroke: var(--pdsa-target, #2e7d32); }
.pdsa-drivers .node.muted rect { stroke-dasharray: 4 3; fill-opacity: 0.4; }
.pdsa-drivers .node.muted text { fill-opacity: 0.7; }
.pdsa-drivers .node.cycles rect { fill: var(--pdsa-cycles, #fff8e1); }
.pdsa-drivers .node.decision-adopt rect { stroke: var(--pdsa-adopt, #2e7d32); }
.pdsa-drivers .node.decision-adapt rect { stroke: var(--pdsa-adapt, #f9a825); }
.pdsa-drivers .node.decision-abandon rect { stroke: var(--pdsa-abandon, #c62828); }
.pdsa-drivers .edge { fill: none; stroke: var(--pdsa-grid, #9aa5b1); stroke-width: 1.4; }
.pdsa-drivers .edge.weak { stroke-dasharray: 5 4; stroke-width: 1; }
.pdsa-drivers .edge.strong { stroke-width: 2.2; }
.pdsa-drivers .highlight rect, .pdsa-drivers .edge.highlight { stroke: var(--pdsa-signal, #ff9800); stroke-width: 2.6; }
.pdsa-drivers .badge { font-size: 10px; }
`;

const COLUMN_TITLES = ['Aim', 'Primary drivers', 'Secondary drivers', 'Change ideas', 'PDSA cycles'];

/** Wraps text into at most `lines` lines of about `chars` characters, with an ellipsis when cut. */
export function wrap(text: string, chars: number, lines: number): string[] {
  const words = text.replace(/\s+/g, ' ').trim().split(' ');
  const out: string[] = [];
  let line = '';
  for (const word of words) {
    if ((line ? `${line} ${word}` : word).length <= chars) line = line ? `${line} ${word}` : word;
    else {
      if (line) out.push(line);
      line = word.length > chars ? `${word.slice(0, chars - 1)}…` : word;
    }
    if (out.length === lines) break;
  }
  if (out.length < lines && line) out.push(line);
  if (out.length === lines && out.join(' ').length < text.replace(/\s+/g, ' ').trim().length) out[lines - 1] = `${out[lines - 1]!.replace(/…$/, '').slice(0, chars - 1)}…`;
  return out;
}

function nodeClass(n: DiagramNode): string {
  const decision = n.kind === 'cycles' && n.key.startsWith('cycle:') ? ` decision-${n.detail}` : n.cycles?.latest ? ` decision-${n.cycles.latest}` : '';
  return `node ${n.kind}${n.muted ? ' muted' : ''}${decision}`;
}

/** The driver diagram as an SVG string. Text is escaped; each box carries its id, file and line for navigation. */
export function renderDriverDiagram(model: DriverModel, options: { embedStyle?: boolean } = {}): string {
  const layout = layoutDiagram(model.nodes, model.edges);
  const top = 28;
  const W = layout.width;
  const H = layout.height + top;
  const out: string[] = [];
  out.push(`<svg xmlns="http://www.w3.org/2000/svg" class="pdsa-drivers" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" role="img" aria-labelledby="d-title d-desc">`);
  out.push(`<title id="d-title">${x(`Driver diagram: ${model.focus.title}`)}</title>`);
  const counts = ['primary', 'secondary', 'idea'].map((k) => model.nodes.filter((n) => n.kind === k).length);
  out.push(`<desc id="d-desc">${x(`${counts[0]} primary drivers, ${counts[1]} secondary drivers, ${counts[2]} change ideas. Dashed boxes: factors not marked priority, or ideas not yet tested.`)}</desc>`);
  if (options.embedStyle) out.push(`<style>${DRIVER_STYLE}</style>`);
  const columnX = new Map<string, number>();
  for (const n of model.nodes) {
    const b = layout.boxes.get(n.key)!;
    const col = ['aim', 'primary', 'secondary', 'idea', 'cycles'].indexOf(n.kind);
    if (!columnX.has(String(col))) columnX.set(String(col), b.x);
  }
  for (const [col, colX] of columnX) out.push(`<text class="column-title" x="${colX}" y="16">${x(COLUMN_TITLES[Number(col)]!)}</text>`);

  out.push(`<g transform="translate(0 ${top})">`);
  for (const e of model.edges) {
    const a = layout.boxes.get(e.from);
    const b = layout.boxes.get(e.to);
    if (!a || !b) continue;
    const x1 = a.x + a.width;
    const y1 = a.y + a.height / 2;
    const x2 = b.x;
    const y2 = b.y + b.height / 2;
    const mid = (x1 + x2) / 2;
    out.push(`<path class="edge${e.strength ? ` ${e.strength}` : ''}" data-from="${x(e.from)}" data-to="${x(e.to)}" d="M${x1},${y1.toFixed(1)} C${mid},${y1.toFixed(1)} ${mid},${y2.toFixed(1)} ${x2},${y2.toFixed(1)}"/>`);
  }
  for (const n of model.nodes) {
    const b = layout.boxes.get(n.key)!;
    const chars = Math.floor((b.width - 12) / 6.1);
    // The aim states the result, then its SMARTIE target.
    const lines = n.kind === 'aim' ? [...wrap(n.label, chars, 4), ...(n.detail ? ['', ...wrap(`Target: ${n.detail}`, chars, 5)] : [])] : wrap(n.label, chars, n.kind === 'cycles' ? 1 : 2);
    const badge = n.kind === 'idea' ? (n.cycles && n.cycles.count ? `${n.cycles.count} cycle${n.cycles.count === 1 ? '' : 's'} · ${n.cycles.latest ?? 'under way'}${n.cycles.rampUnderWay ? ' · ramp' : ''}` : 'not tested yet') : n.kind === 'cycles' ? n.detail ?? '' : n.kind === 'aim' ? '' : `${n.id}${n.muted ? ' · not priority' : ''}`;
    const line = n.range ? n.range.start.line + 1 : undefined;
    const tip = [n.label, n.detail && n.kind !== 'cycles' ? n.detail : undefined, n.kind === 'primary' || n.kind === 'secondary' ? `${n.level ?? ''}${n.muted ? ', not marked priority' : ', priority'}` : undefined].filter(Boolean).join('\n');
    out.push(`<g class="${nodeClass(n)}" data-key="${x(n.key)}" data-id="${x(n.id)}"${n.uri ? ` data-uri="${x(n.uri)}"` : ''}${line ? ` data-line="${line}"` : ''} tabindex="0" role="link">`);
    out.push(`<rect x="${b.x}" y="${b.y}" width="${b.width}" height="${b.height}" rx="5"/>`);
    lines.forEach((l, i) => out.push(`<text x="${b.x + 6}" y="${b.y + 14 + i * 13}">${x(l)}</text>`));
    if (badge) out.push(`<text class="badge" x="${b.x + 6}" y="${b.y + b.height - 6}">${x(badge)}</text>`);
    out.push(`<title>${x(tip)}</title></g>`);
  }
  out.push('</g></svg>');
  return out.join('\n');
}

import type { MiniSeries } from '../collab/dashboard';
import type { AssessmentEntry } from '../schema/collaborative';
import { dayNumber, escapeXml, fmt } from './svg';

/**
 * Small multiples for the collaborative dashboard and report: one measure for one team, on the
 * measure's shared scale and the collaborative's shared time axis, so every team's chart reads
 * against every other's. Colours come from classes (the webview themes them; the report embeds
 * COLLAB_STYLE). All text is escaped: it comes from worksheets.
 */
export interface MiniOptions {
  width: number;
  height: number;
  /** The measure's scale across teams. */
  min: number;
  max: number;
  /** The collaborative's time axis (day numbers). */
  fromDay: number;
  toDay: number;
  /** The accessible name of the chart (what a screen reader announces). */
  label: string;
}

export const COLLAB_STYLE = `
svg.mini { display: block; }
.mini .frame { fill: none; stroke: var(--pdsa-grid, #c8c8c8); }
.mini .centre { stroke: var(--pdsa-muted, #777); stroke-width: 1; stroke-dasharray: 3 2; fill: none; }
.mini .line { fill: none; stroke-width: 1.4; }
.mini .series-0 { stroke: var(--pdsa-series-0, #1f77b4); } .mini circle.series-0 { fill: var(--pdsa-series-0, #1f77b4); stroke: none; }
.mini .series-1 { stroke: var(--pdsa-series-1, #9467bd); } .mini circle.series-1 { fill: var(--pdsa-series-1, #9467bd); stroke: none; }
.mini .series-2 { stroke: var(--pdsa-series-2, #17becf); } .mini circle.series-2 { fill: var(--pdsa-series-2, #17becf); stroke: none; }
.mini .span { fill: none; stroke-width: 7; stroke-opacity: 0.35; stroke-linecap: round; }
.mini .span.improvement { stroke: var(--pdsa-improvement, #1565c0); }
.mini .span.concern { stroke: var(--pdsa-concern, #e65100); }
.mini .span.neither { stroke: var(--pdsa-muted, #999); }
.mini text { font: 9px system-ui, sans-serif; fill: var(--pdsa-muted, #555); }
.scores .self { stroke: var(--pdsa-series-1, #9467bd); fill: none; stroke-width: 1.5; stroke-dasharray: 4 2; }
.scores .faculty { stroke: var(--pdsa-series-0, #1f77b4); fill: none; stroke-width: 2; }
.scores circle.self { fill: var(--pdsa-series-1, #9467bd); stroke: none; }
.scores circle.faculty { fill: var(--pdsa-series-0, #1f77b4); stroke: none; }
.scores .suggested { fill: none; stroke: var(--pdsa-target, #2e7d32); stroke-width: 2; }
.scores .grid { stroke: var(--pdsa-grid, #e0e0e0); }
`;

export function timeRange(series: MiniSeries[][]): { fromDay: number; toDay: number } | undefined {
  let lo: string | undefined;
  let hi: string | undefined;
  for (const list of series) {
    for (const s of list) {
      const first = s.points[0]?.[0];
      const last = s.points[s.points.length - 1]?.[0];
      if (first && (!lo || first < lo)) lo = first;
      if (last && (!hi || last > hi)) hi = last;
    }
  }
  return lo && hi ? { fromDay: dayNumber(lo), toDay: dayNumber(hi) } : undefined;
}

/** One small multiple: each group's line, its centre line, and the signals as coloured bands. */
export function renderMini(series: MiniSeries[], o: MiniOptions): string {
  const pad = 3;
  const span = o.max - o.min || 1;
  const days = o.toDay - o.fromDay || 1;
  const x = (date: string) => pad + ((dayNumber(date) - o.fromDay) / days) * (o.width - 2 * pad);
  const y = (v: number) => o.height - pad - ((v - o.min) / span) * (o.height - 2 * pad);
  const out = [
    `<svg xmlns="http://www.w3.org/2000/svg" class="mini" width="${o.width}" height="${o.height}" viewBox="0 0 ${o.width} ${o.height}" role="img" aria-label="${escapeXml(o.label)}">`,
  ];
  out.push(`<rect class="frame" x="0.5" y="0.5" width="${o.width - 1}" height="${o.height - 1}"/>`);
  series.forEach((s, i) => {
    const cls = `series-${Math.min(i, 2)}`;
    for (const [from, to, effect] of s.spans) {
      const pts = pathOf(s, from, to, x, y);
      if (pts) out.push(`<path class="span ${effect}" d="${pts}"/>`);
    }
    for (const [from, to, centre] of s.centres) {
      const a = s.points[from]?.[0];
      const b = s.points[to]?.[0];
      if (a && b)
        out.push(
          `<line class="centre" x1="${x(a).toFixed(1)}" x2="${x(b).toFixed(1)}" y1="${y(centre).toFixed(1)}" y2="${y(centre).toFixed(1)}"/>`,
        );
    }
    const line = pathOf(s, 0, s.points.length - 1, x, y);
    if (line) out.push(`<path class="line ${cls}" d="${line}"/>`);
    const last = lastPresent(s);
    if (last) out.push(`<circle class="${cls}" cx="${x(last[0]).toFixed(1)}" cy="${y(last[1]).toFixed(1)}" r="2.2"/>`);
  });
  out.push('</svg>');
  return out.join('');
}

function lastPresent(s: MiniSeries): [string, number] | undefined {
  for (let i = s.points.length - 1; i >= 0; i--) {
    const [d, v] = s.points[i]!;
    if (v !== null) return [d, v];
  }
  return undefined;
}

/** A polyline through the present points from..to; a missing value breaks the line. */
function pathOf(s: MiniSeries, from: number, to: number, x: (d: string) => number, y: (v: number) => number): string {
  const parts: string[] = [];
  let pen = false;
  for (let i = from; i <= to && i < s.points.length; i++) {
    const [d, v] = s.points[i]!;
    if (v === null) {
      pen = false;
      continue;
    }
    parts.push(`${pen ? 'L' : 'M'}${x(d).toFixed(1)} ${y(v).toFixed(1)}`);
    pen = true;
  }
  return parts.join('');
}

/** A team's assessment over time: self (dashed) and faculty scores on the 1-5 scale, and the suggested score now (a ring). */
export function renderScores(
  entries: AssessmentEntry[],
  suggested: number,
  o: { width: number; height: number; fromMonth: string; toMonth: string; label: string },
): string {
  const m = (s: string) => Number(s.slice(0, 4)) * 12 + Number(s.slice(5, 7)) - 1;
  const left = 18;
  const pad = 6;
  const months = Math.max(1, m(o.toMonth) - m(o.fromMonth));
  const x = (month: string) => left + ((m(month) - m(o.fromMonth)) / months) * (o.width - left - 2 * pad);
  const bottom = 12;
  const y = (v: number) => o.height - bottom - ((v - 1) / 4) * (o.height - bottom - pad);
  const out = [
    `<svg xmlns="http://www.w3.org/2000/svg" class="mini scores" width="${o.width}" height="${o.height}" viewBox="0 0 ${o.width} ${o.height}" role="img" aria-label="${escapeXml(o.label)}">`,
  ];
  for (const v of [1, 2, 3, 4, 5])
    out.push(
      `<line class="grid" x1="${left}" x2="${o.width - pad}" y1="${y(v)}" y2="${y(v)}"/><text x="2" y="${y(v) + 3}">${v}</text>`,
    );
  for (const key of ['self', 'faculty'] as const) {
    const pts = entries.filter((e) => e[key] !== undefined).map((e) => [x(e.month), y(e[key]!)] as const);
    if (pts.length)
      out.push(
        `<path class="${key}" d="${pts.map(([a, b], i) => `${i ? 'L' : 'M'}${a.toFixed(1)} ${b.toFixed(1)}`).join('')}"/>`,
      );
    for (const [a, b] of pts) out.push(`<circle class="${key}" cx="${a.toFixed(1)}" cy="${b.toFixed(1)}" r="2"/>`);
  }
  out.push(
    `<text x="${left}" y="${o.height - 1}">${escapeXml(o.fromMonth)}</text><text x="${o.width - pad}" y="${o.height - 1}" text-anchor="end">${escapeXml(o.toMonth)}</text>`,
  );
  out.push(
    `<circle class="suggested" cx="${x(o.toMonth).toFixed(1)}" cy="${y(suggested).toFixed(1)}" r="5"><title>suggested ${fmt(suggested)}</title></circle>`,
  );
  out.push('</svg>');
  return out.join('');
}

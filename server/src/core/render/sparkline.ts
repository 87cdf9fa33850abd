// A small multiple of a measure: its lines, centre lines and targets, no text (the family-of-measures
// page writes the name, latest value and status beside it).
import type { ChartModel } from '../analytics/model';
import { brokenLine, dayNumber } from './svg';

export function renderSparkline(model: ChartModel, width = 240, height = 64): string {
  const pad = 4;
  let minDay = Infinity;
  let maxDay = -Infinity;
  let minY = Infinity;
  let maxY = -Infinity;
  const see = (v: number | null | undefined) => {
    if (v === null || v === undefined || !Number.isFinite(v)) return;
    minY = Math.min(minY, v);
    maxY = Math.max(maxY, v);
  };
  for (const g of model.groups) {
    for (const p of g.analysis.points) {
      const d = dayNumber(p.date);
      minDay = Math.min(minDay, d);
      maxDay = Math.max(maxDay, d);
      see(p.value);
    }
    for (const ph of g.analysis.phases) see(ph.centre);
  }
  for (const t of model.targets) see(t.value);
  if (!Number.isFinite(minDay) || !Number.isFinite(minY))
    return `<svg xmlns="http://www.w3.org/2000/svg" class="pdsa-spark" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" aria-hidden="true"></svg>`;
  if (maxDay === minDay) maxDay = minDay + 1;
  if (maxY === minY) {
    minY -= 1;
    maxY += 1;
  }
  const sx = (d: number) => (pad + ((d - minDay) / (maxDay - minDay)) * (width - 2 * pad)).toFixed(1);
  const sy = (v: number) => (pad + (1 - (v - minY) / (maxY - minY)) * (height - 2 * pad)).toFixed(1);
  const out = [
    `<svg xmlns="http://www.w3.org/2000/svg" class="pdsa-spark" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" aria-hidden="true">`,
  ];
  for (const t of model.targets)
    out.push(`<line class="target" x1="${pad}" x2="${width - pad}" y1="${sy(t.value)}" y2="${sy(t.value)}"/>`);
  model.groups.forEach((g, k) => {
    const cls = `series-${k % 4}`;
    const pts = g.analysis.points;
    for (const ph of g.analysis.phases) {
      if (!Number.isFinite(ph.centre)) continue;
      out.push(
        `<line class="centre ${cls}" x1="${sx(dayNumber(pts[ph.from]!.date))}" x2="${sx(dayNumber(pts[ph.to]!.date))}" y1="${sy(ph.centre)}" y2="${sy(ph.centre)}"/>`,
      );
    }
    out.push(...brokenLine(pts, (d) => sx(dayNumber(d)), sy, cls));
  });
  out.push('</svg>');
  return out.join('');
}

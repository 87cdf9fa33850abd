/** Escapes text for XML content and attribute values: worksheet text is untrusted input. */
export function escapeXml(s: string): string {
  return s
    .replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&#39;' })[c]!)
    .replace(NOT_XML, '\uFFFD');
}

/** Characters XML 1.0 does not allow at all (not even as &#...;): drawn as U+FFFD so the SVG stays well-formed. */
// eslint-disable-next-line no-control-regex
const NOT_XML =
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

export function fmt(n: number): string {
  return Number.isInteger(n) ? String(n) : n.toFixed(Math.abs(n) >= 100 ? 0 : Math.abs(n) >= 10 ? 1 : 2);
}

/** "Nice" axis ticks (1, 2, 5 x 10^k steps) covering [min, max]. */
export function niceTicks(min: number, max: number, count: number): number[] {
  if (!(max > min)) return [min];
  const raw = (max - min) / Math.max(1, count);
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * mag).find((s) => s >= raw) ?? 10 * mag;
  const ticks: number[] = [];
  for (let v = Math.ceil(min / step) * step; v <= max + step * 1e-9; v += step) ticks.push(Number(v.toPrecision(12)));
  return ticks;
}

export function dayNumber(date: string): number {
  return Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))) / 86_400_000;
}

/** A series as polylines broken at missing values: a gap in the data is never bridged. */
export function brokenLine(
  pts: readonly { date: string; value: number | null }[],
  X: (date: string) => string,
  Y: (v: number) => string,
  cls: string,
): string[] {
  const out: string[] = [];
  let segment: string[] = [];
  const flush = () => {
    if (segment.length > 1) out.push(`<polyline class="line ${cls}" points="${segment.join(' ')}"/>`);
    segment = [];
  };
  for (const p of pts) {
    if (p.value === null) flush();
    else segment.push(`${X(p.date)},${Y(p.value)}`);
  }
  flush();
  return out;
}

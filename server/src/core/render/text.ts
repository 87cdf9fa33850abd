// Text measurement without a DOM: the renderers run in the CLI and the language server as well as in
// webviews, so label placement estimates widths from a table. The table is DejaVu Sans (the widest
// common UI sans serif), so real text in Segoe UI, SF or Liberation Sans is never wider than planned.

/** Advance widths of printable ASCII (32..126) in 1/100 em, DejaVu Sans. */
const WIDTHS = [
  32, 40, 46, 84, 64, 95, 78, 27, 39, 39, 50, 84, 32, 36, 32, 34, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 34, 34, 84,
  84, 84, 53, 100, 68, 69, 70, 77, 63, 58, 77, 75, 29, 29, 66, 56, 86, 75, 79, 60, 79, 69, 63, 61, 73, 68, 99, 69, 61,
  69, 39, 34, 39, 84, 50, 50, 61, 63, 55, 63, 62, 35, 63, 63, 28, 28, 58, 28, 97, 63, 61, 63, 63, 41, 52, 39, 63, 59,
  82, 59, 59, 52, 64, 34, 64, 84,
];

/** Estimated width in px of `text` at `size` px (bold text is about 8% wider). */
export function textWidth(text: string, size: number, bold = false): number {
  let units = 0;
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    units += code >= 32 && code < 127 ? WIDTHS[code - 32]! : code >= 0x1100 ? 100 : 70;
  }
  return (units / 100) * size * (bold ? 1.08 : 1);
}

/** Greedy word wrap to lines no wider than `width`; a word longer than a line is cut at characters. */
export function wrapText(text: string, width: number, size: number, bold = false): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const candidate = line ? `${line} ${word}` : word;
    if (textWidth(candidate, size, bold) <= width) {
      line = candidate;
      continue;
    }
    if (line) lines.push(line);
    line = word;
    // A single word wider than the line (a long id or URL): break it after a hyphen, underscore,
    // slash or dot that fits ("F-belonging-is-" / "sped-job"), mid-word only when none does.
    while (textWidth(line, size, bold) > width && line.length > 1) {
      let cut = line.length - 1;
      while (cut > 1 && textWidth(line.slice(0, cut), size, bold) > width) cut--;
      const soft = Math.max(...['-', '_', '/', '.'].map((c) => line.lastIndexOf(c, cut - 1)));
      if (soft > 0) cut = soft + 1;
      lines.push(line.slice(0, cut));
      line = line.slice(cut);
    }
  }
  if (line) lines.push(line);
  return lines.length ? lines : [''];
}

/** `text` cut with an ellipsis to fit `width` (the caller keeps the full text in a tooltip). */
export function shorten(text: string, width: number, size: number): string {
  if (textWidth(text, size) <= width) return text;
  let end = text.length;
  while (end > 0 && textWidth(`${text.slice(0, end)}…`, size) > width) end--;
  return end > 0 ? `${text.slice(0, end).trimEnd()}…` : '';
}

/** An axis-aligned rectangle. */
export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export function intersects(a: Rect, b: Rect): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

/** The box of a text drawn at (x, baseline y) with the given anchor, in px. */
export function textBox(
  x: number,
  y: number,
  text: string,
  size: number,
  anchor: 'start' | 'middle' | 'end' = 'start',
  bold = false,
): Rect {
  const width = textWidth(text, size, bold);
  const left = anchor === 'start' ? x : anchor === 'middle' ? x - width / 2 : x - width;
  // Ascent ~0.78 em above the baseline, descent ~0.24 em below (DejaVu Sans).
  return { x: left, y: y - size * 0.78, width, height: size * 1.02 };
}

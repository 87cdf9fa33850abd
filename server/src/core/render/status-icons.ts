import { ASSURANCE_LABELS, VARIATION_LABELS, type Assurance, type Variation } from '../analytics/status';
import { escapeXml as x } from './svg';

/** NHS "Making Data Count" colours: improvement (and passing), concern (and failing), common cause. */
export const STATUS_COLOURS = { improvement: '#00B0F0', concern: '#E46C0A', common: '#A6A6A6' } as const;

/**
 * Glyphs are drawn in near-black on the colour (contrast 5:1 or more on all three), and every icon has
 * a light ring so it stays distinct on dark and high-contrast backgrounds. Our own drawings: a
 * sparkline of five points for variation, a target line with points for assurance.
 */
const INK = '#1A1A1A';
const RING = '#FFFFFF';

function frame(label: string, colour: string, size: number, body: string, kind: string): string {
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" class="pdsa-status-icon ${kind}" width="${size}" height="${size}" viewBox="0 0 32 32" role="img" aria-label="${x(label)}">` +
    `<title>${x(label)}</title>` +
    `<circle cx="16" cy="16" r="15" fill="${colour}" stroke="${RING}" stroke-width="1.5"/>` +
    body +
    `</svg>`
  );
}

/** Five points: flat and zigzag for common cause; the last three climbing or falling for a signal. */
const SPARKS: Record<'flat' | 'high' | 'low', [number, number][]> = {
  flat: [
    [7, 17],
    [11.5, 14],
    [16, 18],
    [20.5, 14.5],
    [25, 17],
  ],
  high: [
    [6, 18],
    [10.5, 15.5],
    [15, 18],
    [19.5, 11],
    [24, 6.5],
  ],
  low: [
    [6, 14],
    [10.5, 16.5],
    [15, 14],
    [19.5, 21],
    [24, 25.5],
  ],
};

function sparkline(shape: 'flat' | 'high' | 'low'): string {
  const pts = SPARKS[shape];
  const line = `<polyline points="${pts.map(([a, b]) => `${a},${b}`).join(' ')}" fill="none" stroke="${INK}" stroke-width="1.6" stroke-linejoin="round"/>`;
  // Special-cause points are drawn larger: the last two of a signal.
  const dots = pts
    .map(([a, b], k) => `<circle cx="${a}" cy="${b}" r="${shape !== 'flat' && k >= 3 ? 2.6 : 1.7}" fill="${INK}"/>`)
    .join('');
  return line + dots;
}

function letter(text: string, cx: number, y: number): string {
  return `<text x="${cx}" y="${y}" text-anchor="middle" font-family="system-ui, sans-serif" font-size="8" font-weight="700" fill="${INK}">${x(text)}</text>`;
}

/** The variation icon of a measure's latest point, as a standalone SVG string. */
export function variationIcon(variation: Variation, size = 24): string {
  const label = `Variation: ${VARIATION_LABELS[variation]}`;
  if (variation === 'common-cause')
    return frame(label, STATUS_COLOURS.common, size, sparkline('flat'), 'variation common-cause');
  const [kind, side] = variation.split('-') as ['improvement' | 'concern' | 'neither', 'high' | 'low'];
  const colour =
    kind === 'improvement'
      ? STATUS_COLOURS.improvement
      : kind === 'concern'
        ? STATUS_COLOURS.concern
        : STATUS_COLOURS.common;
  // H or L in the corner the line leaves free: below a rising line, above a falling one.
  const mark = side === 'high' ? letter('H', 23, 26) : letter('L', 23, 12);
  return frame(label, colour, size, sparkline(side) + mark, `variation ${variation}`);
}

/** The assurance icon: a dashed target line with the process's points above, below or across it. */
export function assuranceIcon(assurance: Assurance, size = 24): string {
  const label = `Assurance: ${ASSURANCE_LABELS[assurance]}`;
  const colour =
    assurance === 'pass'
      ? STATUS_COLOURS.improvement
      : assurance === 'fail'
        ? STATUS_COLOURS.concern
        : STATUS_COLOURS.common;
  const target = `<line x1="5" x2="27" y1="16" y2="16" stroke="${INK}" stroke-width="1.6" stroke-dasharray="3 2"/>`;
  const ys = assurance === 'hit-and-miss' ? [11, 20, 12, 21, 13] : [9, 11, 8, 10, 9];
  const flip = assurance === 'fail';
  const dots = ys.map((y, k) => `<circle cx="${8 + k * 4}" cy="${flip ? 32 - y : y}" r="1.7" fill="${INK}"/>`).join('');
  // P below the points that stay above the target, F above those that stay below; none for hit and miss.
  const mark = assurance === 'hit-and-miss' ? '' : letter(assurance === 'pass' ? 'P' : 'F', 16, flip ? 11 : 27);
  return frame(label, colour, size, target + dots + mark, `assurance ${assurance}`);
}

/** An SVG as a data URI that Markdown can hold: percent-encoded, parentheses too (they would end the link). */
function dataUri(svg: string): string {
  return `data:image/svg+xml,${encodeURIComponent(svg).replace(/\(/g, '%28').replace(/\)/g, '%29')}`;
}

/**
 * The icons as Markdown images for editor hovers, each with its words as alt text (a screen reader, or
 * an editor that shows no images, reads them); empty when there is nothing to show.
 */
export function statusIconsMarkdown(
  variation: Variation | undefined,
  assurance: Assurance | undefined,
  size = 18,
): string {
  const images: string[] = [];
  if (variation)
    images.push(`![Variation: ${VARIATION_LABELS[variation]}](${dataUri(variationIcon(variation, size))})`);
  if (assurance)
    images.push(`![Assurance: ${ASSURANCE_LABELS[assurance]}](${dataUri(assuranceIcon(assurance, size))})`);
  return images.length ? `${images.join(' ')} ` : '';
}

/**
 * Every group's icons as inline SVG for static HTML (`pdsa report`): each group's pair in a span whose
 * title names the group; each icon says itself in words (role img, aria-label, title).
 */
export function statusIconsHtml(
  groups: readonly { group: string; variation?: Variation; assurance?: Assurance }[],
  name: (group: string) => string,
  size = 18,
): string {
  return groups
    .filter((g) => g.variation)
    .map(
      (g) =>
        `<span class="status-icons-group" title="${x(name(g.group))}">${variationIcon(g.variation!, size)}${g.assurance ? assuranceIcon(g.assurance, size) : ''}</span>`,
    )
    .join(' ');
}

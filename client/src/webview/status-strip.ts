// The variation and assurance icons of a chart, one row per group, drawn above the chart: what a coach
// scans first. The icons are the core's SVG (the same drawings as the family of measures, the hover's
// words and `pdsa chart --summary`), parsed and allow-listed; every other text is set as text.
import type { ChartModel } from '../../../server/src/core/analytics/model';
import type { MeasureStatus } from '../../../server/src/core/analytics/measure-status';
import { ASSURANCE_LABELS, latestIndex, VARIATION_LABELS } from '../../../server/src/core/analytics/status';
import { groupLabel, readableDate } from '../../../server/src/core/render/signal-text';
import { assuranceIcon, variationIcon } from '../../../server/src/core/render/status-icons';
import { assuranceText, summaryNumber } from '../../../server/src/core/render/summary-text';
import { el } from './dom';
import { safeSvg } from './safe-svg';

const ICON_ELEMENTS = new Set(['svg', 'title', 'circle', 'polyline', 'line', 'text']);
const ICON_ATTRIBUTES =
  /^(xmlns|class|x|y|x1|x2|y1|y2|cx|cy|r|width|height|viewBox|points|role|text-anchor|font-size|font-family|font-weight|fill|stroke|stroke-width|stroke-dasharray|stroke-linejoin|aria-label)$/;

const ICON_SIZE = 28;

/** Fills `root` with one row per group: its icons, then the same in words with the latest point. */
export function renderStatusStrip(model: ChartModel, root: HTMLElement): void {
  root.replaceChildren();
  const named = model.groups.length > 1 || model.groups.some((g) => g.group !== 'all');
  for (const g of model.groups) {
    const row = el('div', undefined, 'spc-status-row');
    row.dataset.group = g.group;
    if (g.variation) row.append(statusIconElement(variationIcon(g.variation, ICON_SIZE)));
    if (g.assurance) row.append(statusIconElement(assuranceIcon(g.assurance, ICON_SIZE)));
    const words = el('span', undefined, 'spc-status-words');
    if (named) words.append(el('strong', `${groupLabel(g.group)}: `));
    const latest = latestIndex(g.analysis);
    const point = latest >= 0 ? g.analysis.points[latest] : undefined;
    words.append(
      el('span', g.variation ? VARIATION_LABELS[g.variation] : 'no values yet', 'spc-variation'),
      el('span', `; ${assuranceText(model, g)}`, g.assurance ? 'spc-assurance' : 'spc-assurance none'),
    );
    if (point && point.value !== null)
      words.append(
        el('span', ` · latest point ${summaryNumber(point.value)} on ${readableDate(point.date)}`, 'meaning'),
      );
    row.append(words);
    root.append(row);
  }
  root.hidden = model.groups.length === 0;
}

/** A status icon of the core, parsed and allow-listed, for any webview. */
export function statusIconElement(svg: string): Element {
  const e = safeSvg(svg, ICON_ELEMENTS, ICON_ATTRIBUTES);
  e.setAttribute('focusable', 'false');
  return e;
}

/**
 * The icons of every group of a measure, small, for a card (the collaborative dashboard): each group's
 * pair named by its group for screen readers and in its tooltip.
 */
export function statusIconsRow(status: MeasureStatus | undefined, size = 18): HTMLElement {
  const row = el('span', undefined, 'status-icons');
  const groups = status?.groups.filter((g) => g.variation) ?? [];
  for (const [k, g] of groups.entries()) {
    // Underlined in the colour of the group's line in the card's small chart.
    const pair = el('span', undefined, `status-icons-group${groups.length > 1 ? ` series-${Math.min(k, 2)}` : ''}`);
    pair.dataset.group = g.group;
    const name = g.group === 'all' ? 'everyone' : groupLabel(g.group);
    if (groups.length > 1 || g.group !== 'all') pair.append(el('span', `${name}: `, 'visually-hidden'));
    pair.append(statusIconElement(variationIcon(g.variation!, size)));
    if (g.assurance) pair.append(statusIconElement(assuranceIcon(g.assurance, size)));
    pair.title = `${name}: ${VARIATION_LABELS[g.variation!]}${g.assurance ? `; ${ASSURANCE_LABELS[g.assurance]}` : ''}`;
    row.append(pair);
  }
  return row;
}

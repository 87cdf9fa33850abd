// The run-chart webview. Renders the model it is sent with the core's renderer. The SVG is parsed as
// XML and checked against an allow-list before it joins the page; every other piece of worksheet
// text is set with textContent, never as HTML.
import type { ChartModel } from '../../../server/src/core/analytics/model';
import {
  CHART_TYPE_NAMES,
  CHART_TYPES,
  RULE_SET_NAMES,
  type ChartType,
  type RuleSet,
} from '../../../server/src/core/analytics/types';
import { chartKind, groupLabel, RULE_LABELS, renderChart } from '../../../server/src/core/render/runchart-svg';
import { readableDate, summariseSignals } from '../../../server/src/core/render/signal-text';
import { renderSparkline } from '../../../server/src/core/render/sparkline';
import { assuranceIcon, variationIcon } from '../../../server/src/core/render/status-icons';
import { statusOfModel } from '../../../server/src/core/analytics/measure-status';
import { ASSURANCE_LABELS, VARIATION_LABELS } from '../../../server/src/core/analytics/status';
import type { ChartViewState, FromWebview, MeasureChoice, ToWebview } from './protocol';
import { safeSvg } from './safe-svg';
import {
  inWindow,
  isWindowed,
  windowOf,
  type ChartRange,
  type DateWindow,
} from '../../../server/src/core/render/window';
import { copyPng, svgToPngBlob, toBase64 } from './chart-image';
import { showSpc } from './spc-view';

interface VsCodeApi {
  postMessage(message: FromWebview): void;
  setState(state: ChartViewState): void;
  getState(): ChartViewState | undefined;
}
declare function acquireVsCodeApi(): VsCodeApi;

const vscode = acquireVsCodeApi();
const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
/** Chart types that plot counts out of denominators. */
const NEEDS_DENOMINATORS = new Set<ChartType>(['p', 'u', 'pp', 'up']);
// The chart-type picker: every type the analysis knows, named as the chart's title names it.
($('type') as HTMLSelectElement).replaceChildren(
  ...CHART_TYPES.map((t) => {
    const option = document.createElement('option');
    option.value = t;
    option.textContent = CHART_TYPE_NAMES[t];
    return option;
  }),
);
let current: { model: ChartModel; state: ChartViewState } | undefined;
let measures: MeasureChoice[] = [];
let shownState: ChartViewState | undefined;
let lastRendered: string | undefined;
/** The panel size the chart was last drawn for. */
let lastSize = '';

const ALLOWED_ELEMENTS = new Set([
  'svg',
  'title',
  'desc',
  'g',
  'line',
  'polyline',
  'polygon',
  'path',
  'circle',
  'rect',
  'text',
]);
const ALLOWED_ATTRIBUTES =
  /^(xmlns|class|id|x|y|x1|x2|y1|y2|cx|cy|r|rx|d|width|height|viewBox|points|role|tabindex|text-anchor|font-size|font-family|font-weight|fill|stroke|stroke-width|stroke-dasharray|stroke-linecap|stroke-linejoin|aria-label|aria-hidden|aria-labelledby|data-[a-z-]+)$/;

function toSvgElement(svgText: string): Element {
  return safeSvg(svgText, ALLOWED_ELEMENTS, ALLOWED_ATTRIBUTES);
}

function render(): void {
  if (!current) return;
  const { model, state } = current;
  $('error').textContent = '';
  showSpc(model); // before measuring: the icons above the chart take their height
  const chart = $('chart');
  // Fill the panel: its width, and the height left under the toolbar.
  const width = Math.max(320, Math.min(2400, chart.clientWidth || 800));
  const height = Math.max(300, window.innerHeight - chart.getBoundingClientRect().top - 12);
  const range = windowOf(model, state.range);
  const svg = toSvgElement(renderChart(model, { width, height, hidden: [...hiddenGroups], range }));
  // Keyboard: the chart takes focus; the arrow keys walk the points and the readout says each one.
  svg.setAttribute('tabindex', '0');
  svg.setAttribute(
    'aria-label',
    `${chartKind(model.type).name} of ${model.measure.name}. Use the arrow keys to read the points: left and right along a line, up and down between groups.`,
  );
  chart.replaceChildren(svg);
  cursor = undefined;
  $('point-readout').textContent = '';
  // The renderer places labels with estimated text widths; where the theme's font is wider, a text
  // that would run past the right edge is fitted to it (squeezed), never clipped.
  for (const t of svg.querySelectorAll('text')) {
    const b = (t as SVGTextElement).getBBox();
    if (b.width > 0 && b.x + b.width > width - 1) {
      t.setAttribute('textLength', String(Math.max(8, Math.floor(width - 1 - b.x))));
      t.setAttribute('lengthAdjust', 'spacingAndGlyphs');
    }
  }
  // Drawn for this size: the resize observer's report of it (it fires after the first insertion) is not a change.
  lastSize = sizeKey();
  showControls(state);
  $('definition').textContent = model.measure.definition ? `Definition: ${model.measure.definition}` : '';

  // Signals, in words: good or bad news, which group, from when to when, and what the rule means.
  const list = $('signals');
  list.replaceChildren();
  // Signals of the whole series; a date range lists those that reach into it.
  const summaries = summariseSignals(model).filter(
    (s) => (range.from === undefined || s.to >= range.from) && (range.to === undefined || s.from <= range.to),
  );
  showRange(model, state, range);
  for (const s of summaries) {
    const li = document.createElement('li');
    li.className = `dir-${s.direction}`;
    li.dataset.rule = s.rule;
    const head = document.createElement('strong');
    head.textContent = s.headline;
    const detail = document.createElement('span');
    detail.textContent = `: ${s.detail}. `;
    const meaning = document.createElement('span');
    meaning.className = 'meaning';
    meaning.textContent = s.meaning;
    li.append(head, detail, meaning);
    list.append(li);
  }
  if (!list.children.length) {
    const li = document.createElement('li');
    li.textContent = 'No signals: only the usual ups and downs (common-cause variation) against the rules chosen.';
    list.append(li);
  }
  $('signals-heading').textContent = `Signals (${RULE_SET_NAMES[model.rules]} rules, ${chartKind(model.type).name})`;

  // Charts of proportions and rates need counts and denominators: offered only when the measure has them, with the reason when not.
  const proportions = model.groups.some((g) => g.analysis.points.some((p) => p.denominator !== undefined));
  const select = $('type') as HTMLSelectElement;
  for (const option of select.options) {
    const needs = NEEDS_DENOMINATORS.has(option.value as ChartType);
    option.disabled = needs && !proportions;
    option.textContent = option.disabled
      ? `${CHART_TYPE_NAMES[option.value as ChartType]}: needs [date, count, denominator] points`
      : CHART_TYPE_NAMES[option.value as ChartType];
    option.title = option.disabled
      ? 'This measure has plain values. This chart plots counts out of denominators: write each point as [date, count, denominator].'
      : '';
  }
  $('type-note').textContent =
    NEEDS_DENOMINATORS.has(model.type) && !proportions
      ? `A ${CHART_TYPE_NAMES[model.type]} needs each point as [date, count, denominator]; this measure has plain values, so there is nothing to plot. Choose a run chart or an I chart.`
      : '';

  // The data table, for screen readers and for copying numbers.
  const body = $('table-body');
  body.replaceChildren();
  for (const group of model.groups) {
    const rules = new Map<number, string[]>();
    for (const s of summaries.filter((x) => x.group === group.group))
      for (const i of s.points)
        rules.set(i, [
          ...(rules.get(i) ?? []),
          `${RULE_LABELS[s.rule]} (${s.direction === 'neither' ? 'unusual' : s.direction})`,
        ]);
    group.analysis.points.forEach((p, i) => {
      if (!inWindow(p.date, range)) return;
      const tr = document.createElement('tr');
      for (const text of [
        p.date,
        groupLabel(group.group),
        p.value === null ? 'missing' : String(p.value),
        [...new Set(rules.get(i) ?? [])].join(', '),
      ]) {
        const td = document.createElement('td');
        td.textContent = text;
        tr.append(td);
      }
      body.append(tr);
    });
  }
  // The team's notes, in the table too (screen readers do not read inside the chart's picture).
  for (const note of model.notes ?? []) {
    if (!inWindow(note.date, range)) continue;
    const tr = document.createElement('tr');
    tr.className = 'note-row';
    for (const text of [note.date, 'Team note', '', note.text]) {
      const td = document.createElement('td');
      td.textContent = text;
      tr.append(td);
    }
    body.append(tr);
  }
  vscode.setState(state);
}

/** The range picker shows the state, and a line under the chart says what the window shows and what it is judged on. */
function showRange(model: ChartModel, state: ChartViewState, range: DateWindow): void {
  const picker = $('range') as HTMLSelectElement;
  const r = state.range;
  const custom = !!r && !('last' in r);
  picker.value = !r ? 'all' : 'last' in r ? String(r.last) : 'custom';
  $('custom-range').hidden = !custom && picker.value !== 'custom';
  if (r && !('last' in r)) {
    ($('range-from') as HTMLInputElement).value = r.from ?? '';
    ($('range-to') as HTMLInputElement).value = r.to ?? '';
  }
  const all = model.groups.reduce((n, g) => n + g.analysis.points.filter((p) => p.value !== null).length, 0);
  const shown = model.groups.reduce(
    (n, g) => n + g.analysis.points.filter((p) => p.value !== null && inWindow(p.date, range)).length,
    0,
  );
  $('range-note').textContent = isWindowed(range)
    ? `Showing ${range.from ? readableDate(range.from) : 'the start'} to ${range.to ? readableDate(range.to) : 'the latest point'}: ${shown} of ${all} values. Centre lines, limits and signals are those of all ${all} values; the range only chooses what is drawn.`
    : '';
}

/** The range the picker and date fields now say. */
function pickedRange(): ChartRange | undefined {
  const value = ($('range') as HTMLSelectElement).value;
  if (value === 'all') return undefined;
  if (value !== 'custom') return { last: Number(value) };
  const from = ($('range-from') as HTMLInputElement).value;
  const to = ($('range-to') as HTMLInputElement).value;
  return { ...(from ? { from } : {}), ...(to ? { to } : {}) };
}

function changeRange(): void {
  $('custom-range').hidden = ($('range') as HTMLSelectElement).value !== 'custom';
  if (!current) return;
  const range = pickedRange();
  const { range: _, ...rest } = current.state;
  current = { ...current, state: range ? { ...rest, range } : rest };
  lastRendered = JSON.stringify([current.model, current.state]);
  render();
  vscode.postMessage({ type: 'range', ...(range ? { range } : {}) });
}
$('range').addEventListener('change', changeRange);
$('range-from').addEventListener('change', changeRange);
$('range-to').addEventListener('change', changeRange);

const KIND_TITLES: [string, string][] = [
  ['outcome', 'Outcome measures: is the result improving?'],
  ['process', 'Process measures: are the changes happening?'],
  ['balancing', 'Balancing measures: is anything else getting worse?'],
];

/** Every measure of the factors file as a small multiple with its latest value, target and status; click for the full chart. */
function renderFamily(models: ChartModel[]): void {
  const root = $('family-view');
  root.replaceChildren();
  const kindOf = new Map((models[0]?.family ?? []).map((f) => [f.id, f.kind]));
  for (const [kind, title] of KIND_TITLES) {
    const list = models.filter((m) => (kindOf.get(m.measure.id) ?? 'outcome') === kind);
    if (!list.length) continue;
    const h = document.createElement('h3');
    h.textContent = title;
    const grid = document.createElement('div');
    grid.className = 'family-grid';
    for (const model of list) grid.append(familyCard(model));
    root.append(h, grid);
  }
}

function familyCard(model: ChartModel): HTMLElement {
  const card = document.createElement('div');
  card.className = 'family-card';
  card.tabIndex = 0;
  card.setAttribute('role', 'button');
  card.dataset.measure = model.measure.id;
  const name = document.createElement('h4');
  name.textContent = model.measure.name;
  card.append(name);
  const kind = document.createElement('div');
  kind.className = 'meaning';
  kind.textContent = `${chartKind(model.type).name} · better is ${model.measure.better === 'up' ? 'higher' : model.measure.better === 'down' ? 'lower' : 'neither'}`;
  card.append(kind);
  if (!model.groups.length) {
    const none = document.createElement('p');
    none.textContent = 'No data yet.';
    card.append(none);
  } else card.append(toSvgElement(renderSparkline(model, 260, 56)));
  const status = statusOfModel(model);
  for (const g of status.groups) {
    const row = document.createElement('div');
    row.className = 'family-row';
    for (const icon of [
      g.variation ? variationIcon(g.variation, 22) : undefined,
      g.assurance ? assuranceIcon(g.assurance, 22) : undefined,
    ])
      if (icon) row.append(toSvgElement(icon));
    const text = document.createElement('span');
    const latest = g.latest
      ? `latest ${fmtValue(model, g.latest.value)} (${readableDate(g.latest.date)})`
      : 'no values yet';
    const target = model.targets.find((t) => !t.group || t.group === g.group);
    text.textContent = `${model.groups.length > 1 || g.group !== 'all' ? `${groupLabel(g.group)}: ` : ''}${latest}${target ? `; target ${fmtValue(model, target.value)} by ${readableDate(target.date)}` : ''}; ${g.variation ? VARIATION_LABELS[g.variation] : 'no signal state'}${g.assurance ? `; ${ASSURANCE_LABELS[g.assurance]}` : ''}`;
    row.append(text);
    card.append(row);
  }
  const open = () => vscode.postMessage({ type: 'measure', measure: model.measure.id });
  card.addEventListener('click', open);
  card.addEventListener('keydown', (e) => {
    if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      open();
    }
  });
  return card;
}

function fmtValue(model: ChartModel, v: number): string {
  const n = Number.isInteger(v) ? String(v) : v.toFixed(Math.abs(v) >= 100 ? 0 : 1);
  return model.measure.unit === '%' ? `${n}%` : model.measure.unit ? `${n} ${model.measure.unit}` : n;
}

function showView(view: 'chart' | 'family'): void {
  $('family-view').hidden = view !== 'family';
  $('chart-view').hidden = view === 'family';
  $('family').setAttribute('aria-pressed', String(view === 'family'));
  // The chart's own controls (type, rules, range, export) mean nothing on the family page.
  for (const el of [
    $('type').parentElement,
    $('rules').parentElement,
    $('range').parentElement,
    $('export').parentElement,
  ])
    if (el) el.hidden = view === 'family';
  if (view === 'family') $('custom-range').hidden = true;
}

/** Groups switched off in the legend (per measure: a switch to another measure starts with all shown). */
const hiddenGroups = new Set<string>();
let hiddenFor: string | undefined;

function toggleGroup(group: string): void {
  if (hiddenGroups.has(group)) hiddenGroups.delete(group);
  else hiddenGroups.add(group);
  render();
  (document.querySelector(`#chart g.legend-item[data-group="${CSS.escape(group)}"]`) as SVGGElement | null)?.focus();
}

/** The point the keyboard is on: a group (by its order on the chart) and an index into its drawn points. */
let cursor: { group: number; index: number } | undefined;

function moveCursor(key: string): boolean {
  const groups = [...document.querySelectorAll('#chart g.group')].map((g) => [...g.querySelectorAll('circle.point')]);
  if (!groups.length || !groups.some((g) => g.length)) return false;
  let { group, index } = cursor ?? { group: 0, index: -1 };
  const before = groups[group]?.[Math.max(0, index)];
  if (key === 'ArrowRight') index++;
  else if (key === 'ArrowLeft') index--;
  else if (key === 'Home') index = 0;
  else if (key === 'End') index = (groups[group]?.length ?? 1) - 1;
  else if (key === 'ArrowDown' || key === 'ArrowUp') {
    group = (group + (key === 'ArrowDown' ? 1 : groups.length - 1)) % groups.length;
    // The nearest point in time on the other line.
    const x = Number(before?.getAttribute('cx') ?? 0);
    let best = 0;
    groups[group]!.forEach((c, k) => {
      if (Math.abs(Number(c.getAttribute('cx')) - x) < Math.abs(Number(groups[group]![best]!.getAttribute('cx')) - x))
        best = k;
    });
    index = best;
  } else return false;
  const line = groups[group]!;
  index = Math.max(0, Math.min(line.length - 1, index));
  cursor = { group, index };
  document.querySelectorAll('#chart circle.point.focused').forEach((c) => c.classList.remove('focused'));
  const point = line[index];
  point?.classList.add('focused');
  $('point-readout').textContent = point?.querySelector('title')?.textContent ?? '';
  return true;
}

/** The toolbar shows the state: measure picker (the factors file's measures), chart type, rules, lock. */
function showControls(state: ChartViewState): void {
  shownState = state;
  const picker = $('measure') as HTMLSelectElement;
  const ids = measures.map((m) => m.id);
  if (!ids.includes(state.measure)) ids.unshift(state.measure);
  if (
    [...picker.options].map((o) => o.value).join('\n') !== ids.join('\n') ||
    [...picker.options].some((o, i) => o.textContent !== (measures.find((m) => m.id === ids[i])?.name ?? ids[i]))
  ) {
    picker.replaceChildren(
      ...ids.map((id) => {
        const option = document.createElement('option');
        option.value = id;
        option.textContent = measures.find((m) => m.id === id)?.name ?? id;
        return option;
      }),
    );
  }
  picker.value = state.measure;
  const at = ids.indexOf(state.measure);
  ($('previous') as HTMLButtonElement).disabled = at <= 0;
  ($('next') as HTMLButtonElement).disabled = at < 0 || at >= ids.length - 1;
  ($('rules') as HTMLSelectElement).value = state.rules ?? 'ihi';
  ($('type') as HTMLSelectElement).value = state.type ?? 'run';
  const lock = $('lock');
  lock.setAttribute('aria-pressed', String(!!state.locked));
  lock.textContent = state.locked ? 'Locked' : 'Lock';
  lock.title = state.locked
    ? 'Unlock: Show Run Chart switches this panel to the measure asked for'
    : 'Keep this chart: Show Run Chart then opens another panel beside it';
}

window.addEventListener('message', (event: MessageEvent<ToWebview>) => {
  const message = event.data;
  if ('measures' in message) measures = message.measures ?? measures;
  switch (message.type) {
    case 'family':
      lastRendered = undefined;
      current = undefined;
      $('error').textContent = '';
      showControls(message.state);
      showView('family');
      renderFamily(message.models);
      vscode.setState(message.state);
      break;
    case 'chart': {
      showView('chart');
      // Redraw only when the chart changed (live updates arrive on every keystroke anywhere).
      const key = JSON.stringify([message.model, message.state]);
      if (key === lastRendered) break;
      lastRendered = key;
      if (hiddenFor !== message.model.measure.id) {
        hiddenGroups.clear();
        $('status').textContent = ''; // "Copied ..." was about the other measure's chart
      }
      hiddenFor = message.model.measure.id;
      current = { model: message.model, state: message.state };
      render();
      break;
    }
    case 'error':
      // Nothing of the previous chart stays on screen under an error: it would pass for this one.
      lastRendered = undefined;
      current = undefined;
      showSpc(undefined);
      $('error').textContent = message.message;
      $('chart').replaceChildren();
      $('signals').replaceChildren();
      $('table-body').replaceChildren();
      showControls(message.state);
      vscode.setState(message.state);
      break;
  }
});

$('rules').addEventListener('change', () => post());
$('type').addEventListener('change', () => post());
function post(): void {
  vscode.postMessage({
    type: 'options',
    rules: ($('rules') as HTMLSelectElement).value as RuleSet,
    chartType: ($('type') as HTMLSelectElement).value as ChartType,
  });
}
/** The chart as shown (groups hidden in the legend stay out), as a file to share: title, legend, signals in words, no paths. */
function shareableSvg(): string | undefined {
  if (!current) return undefined;
  return renderChart(current.model, {
    width: 1000,
    embedStyle: true,
    summary: true,
    portable: true,
    hidden: [...hiddenGroups],
    range: windowOf(current.model, current.state.range),
  });
}
$('export').addEventListener('click', () => {
  const svg = shareableSvg();
  if (svg) vscode.postMessage({ type: 'export', format: 'svg', data: svg });
});
$('export-png').addEventListener('click', async () => {
  const svg = shareableSvg();
  if (!svg) return;
  $('status').textContent = '';
  const png = await svgToPngBlob(svg);
  vscode.postMessage({ type: 'export', format: 'png', data: png ? await toBase64(png) : '' });
});
// Copy image: the same picture as the PNG export, onto the clipboard.
$('copy').addEventListener('click', async () => {
  const svg = shareableSvg();
  if (!svg) return;
  const failed = await copyPng(svg);
  $('status').textContent = failed
    ? `Could not copy the image (${failed}): use PNG to save it instead.`
    : 'Copied the chart as an image.';
});
$('measure').addEventListener('change', () =>
  vscode.postMessage({ type: 'measure', measure: ($('measure') as HTMLSelectElement).value }),
);
const step = (by: number) => {
  const picker = $('measure') as HTMLSelectElement;
  const next = picker.options[picker.selectedIndex + by];
  if (next) vscode.postMessage({ type: 'measure', measure: next.value });
};
$('previous').addEventListener('click', () => step(-1));
$('next').addEventListener('click', () => step(1));
$('family').addEventListener('click', () => vscode.postMessage({ type: 'family' }));
$('lock').addEventListener('click', () => vscode.postMessage({ type: 'lock', locked: !shownState?.locked }));
$('measure-name').addEventListener('click', () => vscode.postMessage({ type: 'openMeasure' }));

// A cycle mark opens its cycle file (click, or Enter when focused).
const openCycle = (target: EventTarget | null) => {
  const cycle = (target as Element | null)?.closest?.('g.cycle');
  const uri = cycle?.getAttribute('data-uri');
  if (uri) vscode.postMessage({ type: 'openCycle', uri });
};
$('chart').addEventListener('click', (e) => {
  const group = (e.target as Element | null)?.closest?.('g.legend-item[data-group]')?.getAttribute('data-group');
  if (group !== undefined && group !== null && (current?.model.groups.length ?? 0) > 1) return toggleGroup(group);
  openCycle(e.target);
});
$('chart').addEventListener('keydown', (e) => {
  const group = (e.target as Element | null)?.closest?.('g.legend-item[data-group]')?.getAttribute('data-group');
  if (
    (e.key === 'Enter' || e.key === ' ') &&
    group !== undefined &&
    group !== null &&
    (current?.model.groups.length ?? 0) > 1
  ) {
    e.preventDefault();
    return toggleGroup(group);
  }
  if (e.key === 'Enter') openCycle(e.target);
  else if ((e.target as Element).matches?.('svg.pdsa-chart') && moveCursor(e.key)) e.preventDefault();
});

// Redraw when the panel's width or height changes (not when the chart's own height does).
// One draw per change: render() records the size it drew for, and the page keeps its scrollbar's
// gutter (runchart.css), so the table growing below the chart never narrows it into a second draw.
function sizeKey(): string {
  return `${$('chart').clientWidth}x${window.innerHeight}`;
}
const resized = () => {
  if (sizeKey() === lastSize) return;
  render();
};
new ResizeObserver(resized).observe($('chart'));
window.addEventListener('resize', resized);
vscode.postMessage({ type: 'ready' });

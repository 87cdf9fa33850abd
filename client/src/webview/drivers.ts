// The driver-diagram webview: the diagram (the core's SVG, parsed as XML and allow-listed), the
// four-blocker (drag a factor to another quadrant) and the iceberg. Worksheet text is set with
// textContent only.
import type { DriverModel, Level } from '../../../server/src/core/analytics/drivers';
import { renderDriverDiagram } from '../../../server/src/core/render/driver-svg';
import type { DiagramViewState, FromDiagramWebview, ToDiagramWebview } from './protocol';
import { safeSvg } from './safe-svg';
import { el } from './dom';

interface VsCodeApi {
  postMessage(message: FromDiagramWebview): void;
  setState(state: DiagramViewState): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

const vscode = acquireVsCodeApi();
const $ = (id: string) => document.getElementById(id)!;
let model: DriverModel | undefined;
let state: DiagramViewState | undefined;
let selected: string | undefined;
let lastRendered: string | undefined;

const ALLOWED_ELEMENTS = new Set(['svg', 'title', 'desc', 'g', 'path', 'rect', 'text']);
const ALLOWED_ATTRIBUTES =
  /^(xmlns|class|id|x|y|d|width|height|rx|viewBox|transform|role|tabindex|aria-labelledby|data-[a-z-]+)$/;

function toSvg(text: string): Element {
  return safeSvg(text, ALLOWED_ELEMENTS, ALLOWED_ATTRIBUTES);
}

function render(): void {
  if (!model || !state) return;
  $('error').textContent = '';
  $('title').textContent = model.focus.title;
  for (const view of ['drivers', 'four-blocker', 'iceberg'] as const) {
    ($(`view-${view}`) as HTMLElement).hidden = state.view !== view;
    $(`tab-${view}`).setAttribute('aria-pressed', String(state.view === view));
  }
  // Laid out for the panel's width (narrower columns, taller boxes), then zoomed to fit that width.
  const host = $('diagram');
  host.style.height = `${Math.max(240, window.innerHeight - host.getBoundingClientRect().top - 8)}px`;
  // The width it is laid out for: a later resize to this same width must not draw it again.
  lastWidth = host.clientWidth;
  const svg = toSvg(renderDriverDiagram(model, { width: lastWidth || 800 }));
  host.replaceChildren(svg);
  natural = { width: Number(svg.getAttribute('width')), height: Number(svg.getAttribute('height')) };
  if (zoom === undefined) zoom = fitZoom('width');
  applyZoom();
  highlight();
  if (selected) keepInView(selected);
  renderFourBlocker(model);
  renderIceberg(model);
  vscode.setState(state);
}

// Zoom and pan: the diagram starts fitted to the panel's width, never below 100% (its text is then
// 11 px; a diagram wider than the panel scrolls rather than shrinking to unreadable); wheel with Ctrl (or pinch), the +/-
// buttons and keys zoom; dragging, the scroll bars and the arrow keys pan; 0 or "Fit" fits again.
let zoom: number | undefined;
let lastWidth = 0;
let natural = { width: 1, height: 1 };

function fitZoom(mode: 'width' | 'all'): number {
  const host = $('diagram');
  const byWidth = (host.clientWidth - 4) / natural.width;
  if (mode === 'width') return Math.max(1, Math.min(1.5, byWidth));
  return Math.max(0.2, Math.min(1.5, byWidth, (host.clientHeight - 4) / natural.height));
}

function applyZoom(): void {
  const svg = $('diagram').querySelector('svg') as SVGSVGElement | null;
  if (!svg || zoom === undefined) return;
  svg.style.width = `${natural.width * zoom}px`;
  svg.style.height = `${natural.height * zoom}px`;
  $('zoom-level').textContent = `${Math.round(zoom * 100)}%`;
}

/** Zooms about a point of the panel (the pointer, or the centre), keeping that point still. */
function zoomBy(factor: number, at?: { x: number; y: number }): void {
  const host = $('diagram');
  const old = zoom ?? 1;
  const next = Math.max(0.2, Math.min(3, old * factor));
  const px = at?.x ?? host.clientWidth / 2;
  const py = at?.y ?? host.clientHeight / 2;
  const cx = (host.scrollLeft + px) / old;
  const cy = (host.scrollTop + py) / old;
  zoom = next;
  applyZoom();
  host.scrollLeft = cx * next - px;
  host.scrollTop = cy * next - py;
}

/** Scrolls an item into view (without moving what is already visible more than needed). */
function keepInView(key: string): void {
  const node = $('diagram').querySelector(`g.node[data-key="${CSS.escape(key)}"]`);
  node?.classList.add('selected');
  (node as SVGGElement | null)?.scrollIntoView?.({ block: 'nearest', inline: 'nearest' });
}

/** The path from the aim to the selected item: its ancestors (and, for a factor or idea, what it leads to). */
function highlight(): void {
  if (!model) return;
  const svg = $('diagram').querySelector('svg');
  svg?.querySelectorAll('.highlight').forEach((e) => e.classList.remove('highlight'));
  if (!selected || !svg) return;
  const up = new Set([selected]);
  for (let changed = true; changed;) {
    changed = false;
    for (const e of model.edges)
      if (up.has(e.to) && !up.has(e.from)) {
        up.add(e.from);
        changed = true;
      }
  }
  for (const key of up) svg.querySelector(`g.node[data-key="${CSS.escape(key)}"]`)?.classList.add('highlight');
  svg.querySelectorAll('path.edge').forEach((p) => {
    if (up.has(p.getAttribute('data-from') ?? '') && up.has(p.getAttribute('data-to') ?? ''))
      p.classList.add('highlight');
  });
}

const QUADRANTS: { impact: 'high' | 'low'; influence: 'high' | 'low'; title: string }[] = [
  { impact: 'high', influence: 'low', title: 'High impact, low influence' },
  { impact: 'high', influence: 'high', title: 'High impact, high influence: focus here' },
  { impact: 'low', influence: 'low', title: 'Low impact, low influence' },
  { impact: 'low', influence: 'high', title: 'Low impact, high influence' },
];

function renderFourBlocker(m: DriverModel): void {
  const grid = $('quadrants');
  grid.replaceChildren(
    el('div'),
    el('div', 'Low capacity to influence', 'axis'),
    el('div', 'High capacity to influence', 'axis'),
  );
  QUADRANTS.forEach((q, i) => {
    if (i % 2 === 0) grid.append(el('div', i === 0 ? 'High impact' : 'Low impact', 'axis'));
    const box = el('div', undefined, 'quadrant');
    box.dataset.impact = q.impact;
    box.dataset.influence = q.influence;
    box.append(el('h4', q.title));
    for (const f of m.factors.filter((x) => x.impact === q.impact && x.influence === q.influence)) box.append(chip(f));
    box.addEventListener('dragover', (e) => {
      e.preventDefault();
      box.classList.add('drop');
    });
    box.addEventListener('dragleave', () => box.classList.remove('drop'));
    box.addEventListener('drop', (e) => {
      e.preventDefault();
      box.classList.remove('drop');
      const factor = e.dataTransfer?.getData('text/plain');
      if (factor) vscode.postMessage({ type: 'moveFactor', factor, impact: q.impact, influence: q.influence });
    });
    grid.append(box);
  });
  const unplaced = m.factors.filter((f) => !f.impact || !f.influence);
  const list = $('unplaced');
  list.replaceChildren();
  if (unplaced.length) {
    list.append(el('h4', 'Not placed yet (drag into a quadrant)'));
    for (const f of unplaced) list.append(chip(f));
  }
}

function chip(f: DriverModel['factors'][number]): HTMLElement {
  const c = el('div', undefined, `chip${f.priority ? ' priority' : ''}`);
  c.draggable = true;
  c.dataset.factor = f.id;
  c.tabIndex = 0;
  c.title = `${f.statement}${f.priority ? ' (priority)' : ''} — drag to another quadrant, or use the arrow keys`;
  c.append(el('span', f.id, 'id'), el('span', f.statement));
  c.addEventListener('dragstart', (e) => e.dataTransfer?.setData('text/plain', f.id));
  c.addEventListener('dblclick', () => vscode.postMessage({ type: 'open', uri: f.uri, line: f.range.start.line + 1 }));
  // Keyboard: arrows move between quadrants (left/right: influence; up/down: impact).
  c.addEventListener('keydown', (e) => {
    const impact = e.key === 'ArrowUp' ? 'high' : e.key === 'ArrowDown' ? 'low' : (f.impact ?? 'high');
    const influence = e.key === 'ArrowRight' ? 'high' : e.key === 'ArrowLeft' ? 'low' : (f.influence ?? 'high');
    if (['ArrowUp', 'ArrowDown', 'ArrowLeft', 'ArrowRight'].includes(e.key))
      vscode.postMessage({ type: 'moveFactor', factor: f.id, impact, influence });
    if (e.key === 'Enter') vscode.postMessage({ type: 'open', uri: f.uri, line: f.range.start.line + 1 });
  });
  return c;
}

const LEVELS: { level: Level; title: string }[] = [
  { level: 'event', title: 'Events: what happened' },
  { level: 'pattern', title: 'Behaviour patterns: what keeps happening' },
  { level: 'structure', title: 'System structures: what produces the pattern' },
  { level: 'mental-model', title: 'Mental models: the beliefs that hold the structure in place' },
];

/** Each level with the change ideas that reach it (address one of its factors) and its factors. */
function renderIceberg(m: DriverModel): void {
  const root = $('iceberg');
  root.replaceChildren();
  for (const { level, title } of LEVELS) {
    const ideas = m.reachedBy[level];
    const band = el('div', undefined, `band ${ideas.length ? 'reached' : 'not-reached'}`);
    band.dataset.level = level;
    band.append(el('h4', title));
    const reach = el('p', undefined, 'reach');
    if (ideas.length) {
      reach.append(el('span', `Reached by ${ideas.length} change idea${ideas.length === 1 ? '' : 's'}: `, 'label'));
      const list = el('ul', undefined, 'ideas');
      for (const s of ideas) {
        const item = el('li');
        item.dataset.strategy = s.id;
        item.append(el('span', s.id, 'id'), el('span', s.title));
        list.append(item);
      }
      reach.append(list);
    } else reach.append(el('span', 'No change idea addresses a factor at this level yet.', 'label'));
    band.append(reach);
    const factors = m.factors.filter((x) => x.level === level);
    band.append(el('p', factors.length ? 'Factors at this level:' : 'No factor at this level.', 'label'));
    const list = el('ul', undefined, 'factors');
    for (const f of factors) {
      const item = el('li');
      item.append(el('span', f.id, 'id'), el('span', f.statement));
      list.append(item);
    }
    band.append(list);
    root.append(band);
  }
  const deep = m.levelsReached.includes('structure') || m.levelsReached.includes('mental-model');
  $('iceberg-note').textContent = deep
    ? ''
    : 'No strategy touches system structures or mental models: strategies that only add programmes seldom change results.';
}

window.addEventListener('message', (event: MessageEvent<ToDiagramWebview>) => {
  const m = event.data;
  switch (m.type) {
    case 'model': {
      // Live updates arrive on every keystroke: redraw only when something changed, and give the
      // keyboard focus back to the same factor, so moving chips with the arrow keys is not interrupted.
      const key = JSON.stringify([m.model, m.state]);
      if (key === lastRendered) break;
      lastRendered = key;
      const focused = (document.activeElement as HTMLElement | null)?.dataset?.factor;
      model = m.model;
      state = m.state;
      render();
      if (focused)
        (document.querySelector(`.chip[data-factor="${CSS.escape(focused)}"]`) as HTMLElement | null)?.focus();
      break;
    }
    case 'error':
      $('error').textContent = m.message;
      state = m.state;
      vscode.setState(m.state);
      break;
  }
});

$('diagram').addEventListener('click', (e) => {
  if (dragged) return;
  const node = (e.target as Element).closest('g.node');
  if (!node) return;
  const key = node.getAttribute('data-key') ?? '';
  selected = key;
  highlight();
  $('diagram')
    .querySelectorAll('g.node.selected')
    .forEach((n) => n.classList.remove('selected'));
  keepInView(key);
  if (key.startsWith('cycles:')) {
    vscode.postMessage({ type: 'expand', idea: key.slice('cycles:'.length) });
    return;
  }
  const uri = node.getAttribute('data-uri');
  const line = Number(node.getAttribute('data-line'));
  if (uri && line) vscode.postMessage({ type: 'open', uri, line });
});
for (const view of ['drivers', 'four-blocker', 'iceberg'] as const)
  $(`tab-${view}`).addEventListener('click', () => vscode.postMessage({ type: 'view', view }));
$('export').addEventListener('click', () => vscode.postMessage({ type: 'export' }));
$('zoom-in').addEventListener('click', () => zoomBy(1.25));
$('zoom-out').addEventListener('click', () => zoomBy(0.8));
$('zoom-fit').addEventListener('click', () => {
  zoom = fitZoom('all');
  applyZoom();
});
$('diagram').addEventListener(
  'wheel',
  (e) => {
    if (!e.ctrlKey && !e.metaKey) return; // plain wheel scrolls (pans)
    e.preventDefault();
    const r = $('diagram').getBoundingClientRect();
    zoomBy(e.deltaY < 0 ? 1.1 : 1 / 1.1, { x: e.clientX - r.left, y: e.clientY - r.top });
  },
  { passive: false },
);
$('diagram').addEventListener('keydown', (e) => {
  const host = $('diagram');
  const step = 60;
  if (e.key === '+' || e.key === '=') zoomBy(1.25);
  else if (e.key === '-') zoomBy(0.8);
  else if (e.key === '0') {
    zoom = fitZoom('all');
    applyZoom();
  } else if (e.key === 'ArrowLeft') host.scrollLeft -= step;
  else if (e.key === 'ArrowRight') host.scrollLeft += step;
  else if (e.key === 'ArrowUp') host.scrollTop -= step;
  else if (e.key === 'ArrowDown') host.scrollTop += step;
  else if (e.key === 'Enter' && (e.target as Element).closest?.('g.node'))
    (e.target as Element).dispatchEvent(new MouseEvent('click', { bubbles: true }));
  else return;
  e.preventDefault();
});
// Drag the background to pan.
let dragStart: { x: number; y: number; left: number; top: number } | undefined;
let dragged = false;
$('diagram').addEventListener('pointerdown', (e) => {
  dragged = false;
  dragStart = { x: e.clientX, y: e.clientY, left: $('diagram').scrollLeft, top: $('diagram').scrollTop };
});
window.addEventListener('pointermove', (e) => {
  if (!dragStart || !(e.buttons & 1)) return;
  const dx = e.clientX - dragStart.x;
  const dy = e.clientY - dragStart.y;
  if (Math.abs(dx) + Math.abs(dy) > 4) dragged = true;
  $('diagram').scrollLeft = dragStart.left - dx;
  $('diagram').scrollTop = dragStart.top - dy;
});
window.addEventListener('pointerup', () => {
  dragStart = undefined;
  setTimeout(() => (dragged = false), 0);
});
// A new panel size lays the diagram out again for it.
new ResizeObserver(() => {
  const w = $('diagram').clientWidth;
  if (Math.abs(w - lastWidth) < 8) return;
  lastWidth = w;
  zoom = undefined;
  if (state?.view === 'drivers') render();
}).observe($('diagram'));
vscode.postMessage({ type: 'ready' });

// The collaborative dashboard webview: every team on every common measure (small multiples on one
// scale), the collaborative summed, the change package as a matrix, assessment against the
// evidence, and a sortable table of every signal. Every click asks the extension to open the
// team's chart, diagram or file. Worksheet text is set with textContent only; the charts are the
// core's SVG, parsed as XML and allow-listed.
import type { Cell, DashboardModel } from '../../../server/src/core/collab/dashboard';
import { scoreText, STATE_LABELS, STATE_MARKS } from '../../../server/src/core/render/collab-labels';
import { renderScores } from '../../../server/src/core/render/collab-svg';
import {
  CellIndex,
  evidenceGap,
  evidenceText,
  gapText,
  measureCaption,
  scaleText,
  SIGNAL_COLUMNS,
  signalTexts,
  smallMultiples,
  stateText,
  statusText,
  suggestedText,
  valueText,
  writtenText,
  type SignalColumn,
} from '../../../server/src/core/render/collab-view';
import { groupLabel } from '../../../server/src/core/render/runchart-svg';
import { fmt } from '../../../server/src/core/render/svg';
import type { FromDashboardWebview, ToDashboardWebview } from './protocol';
import { safeSvg, safeSvgs } from './safe-svg';
import { el } from './dom';
import { statusIconsRow } from './status-strip';

interface VsCodeApi {
  postMessage(message: FromDashboardWebview): void;
  setState(state: { uri: string }): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

const vscode = acquireVsCodeApi();
const $ = (id: string) => document.getElementById(id)!;
const ELEMENTS = new Set(['svg', 'rect', 'path', 'line', 'circle', 'text', 'title']);
const ATTRIBUTES = /^(xmlns|class|x|y|x1|x2|y1|y2|cx|cy|r|d|width|height|viewBox|role|aria-label|text-anchor)$/;

let model: DashboardModel | undefined;
let sort: { key: SignalColumn; dir: 1 | -1 } = { key: 'end', dir: -1 };

function button(text: string, title: string, onClick: () => void, className = 'link'): HTMLButtonElement {
  const b = el('button', text, className);
  b.type = 'button';
  b.title = title;
  b.addEventListener('click', onClick);
  return b;
}

function open(uri: string, range?: { start: { line: number; character: number } }): void {
  vscode.postMessage({ type: 'open', uri, line: range?.start.line ?? 0, character: range?.start.character ?? 0 });
}

function chart(cell: Pick<Cell, 'measure' | 'from'>): void {
  vscode.postMessage({ type: 'chart', measure: cell.measure, from: cell.from });
}

function stateSpan(state: Cell['state']): HTMLSpanElement {
  return el('span', stateText(state), `state ${state}`);
}

function section(id: string, title: string, intro?: string): HTMLElement {
  const s = el('section');
  s.id = id;
  s.append(el('h2', title));
  if (intro) s.append(el('p', intro, 'meta'));
  return s;
}

/** A table in a box that scrolls sideways (a collaborative may have many teams), with its column heads; returns its body. */
function scrollTable(parent: HTMLElement, className: string, heads: (string | HTMLTableCellElement)[]): HTMLElement {
  const wrap = el('div', undefined, 'scroll');
  const table = el('table', undefined, className);
  const tr = el('tr');
  for (const h of heads) {
    const th = typeof h === 'string' ? el('th', h) : h;
    th.scope = 'col';
    tr.append(th);
  }
  const head = el('thead');
  head.append(tr);
  const body = el('tbody');
  table.append(head, body);
  wrap.append(table);
  parent.append(wrap);
  return body;
}

function render(): void {
  if (!model) return;
  const d = model;
  $('error').textContent = '';
  const app = $('app');
  app.replaceChildren();
  const head = el('header');
  head.append(el('h1', d.collaborative.title), el('p', d.collaborative.aim, 'aim'));
  head.append(
    el(
      'p',
      `As of ${d.today}. ${d.teams.length} teams, ${d.measures.length} common measures, ${d.teams.reduce((n, t) => n + t.cycles, 0)} cycles.${d.period ? ` Last action period: ${d.period.name} (${d.period.start} to ${d.period.end}).` : ''}`,
      'meta',
    ),
  );
  const cells = new CellIndex(d);
  app.append(
    head,
    teamsSection(d, cells),
    measuresSection(d, cells),
    packageSection(d),
    assessmentSection(d),
    signalsSection(d),
  );
}

/** The written score (the faculty's, else the team's) beside what the worksheets suggest, marked where they differ. */
function assessmentCell(t: DashboardModel['teams'][number]): HTMLTableCellElement {
  const td = el('td', undefined, 'assessment');
  td.title = `${writtenText(t)}; ${suggestedText(t)}`;
  const last = t.assessment[t.assessment.length - 1];
  td.append(
    el('div', last ? `faculty ${scoreText(last.faculty)}, self ${scoreText(last.self)}` : 'not scored yet'),
    el('div', last ? last.month : '', 'meta'),
  );
  const gap = evidenceGap(t);
  td.append(el('div', evidenceText(t), gap === undefined ? 'evidence' : 'evidence differs'));
  return td;
}

/**
 * The view a coach starts from: a row per team with its written score against the evidence, the
 * state of every common measure at its latest point (click for the team's chart), and its cycles.
 */
function teamsSection(d: DashboardModel, cells: CellIndex): HTMLElement {
  const s = section(
    'teams',
    'Teams at a glance',
    `${STATE_MARKS.improvement} improvement, ${STATE_MARKS.concern} concern, ${STATE_MARKS['common-cause']} common cause, ${STATE_MARKS['no-data']} no data: each common measure at the team's latest point. Click one for the team's chart.`,
  );
  const body = scrollTable(s, 'glance', ['Team', 'Assessment', ...d.measures.map((m) => m.name)]);
  for (const t of d.teams) {
    const row = el('tr');
    const th = el('th');
    th.scope = 'row';
    th.append(button(t.name, `Open ${t.name}'s factors file`, () => open(t.uri)));
    if (t.joined) th.append(el('div', `joined ${t.joined}`, 'meta'));
    th.append(el('div', `${t.cycles} cycles, ${t.studied} studied`, 'meta'));
    if (t.latestCycle) {
      const c = t.latestCycle;
      const latest = el('div', undefined, 'meta');
      latest.append(
        button(`latest ${c.start}`, `Open the latest cycle: ${c.title}${c.decision ? ` (${c.decision})` : ''}`, () =>
          open(c.uri),
        ),
      );
      th.append(latest);
    }
    row.append(th, assessmentCell(t));
    for (const m of d.measures) {
      const cell = cells.get(m.id, t.id);
      const td = el('td', undefined, 'now');
      const b = button(
        '',
        `${t.name}, ${m.name}: ${STATE_LABELS[cell.state]}${cell.latest !== undefined ? `, latest ${valueText(m, cell.latest)}` : ''}. Open the chart.`,
        () => chart(cell),
        'link state-button',
      );
      b.dataset.team = t.id;
      b.dataset.measure = m.id;
      b.append(el('span', STATE_MARKS[cell.state], `state ${cell.state}`), el('span', ` ${valueText(m, cell.latest)}`));
      td.append(b);
      row.append(td);
    }
    body.append(row);
  }
  return s;
}

function measuresSection(d: DashboardModel, cells: CellIndex): HTMLElement {
  const s = section(
    'measures',
    'Common measures, team by team',
    "Each measure on one scale for every team. Blue band: improvement signal; orange: concern; dashed: median. Click a chart to open the team's run chart.",
  );
  // Every picture of the section in one parse (a collaborative of 50 teams has hundreds).
  const minis = smallMultiples(d, { width: 150, height: 52 });
  const texts = minis.flatMap((x) => [...x.teams, x.whole]).filter((t): t is string => t !== undefined);
  const svgs = safeSvgs(texts, ELEMENTS, ATTRIBUTES);
  let next = 0;
  for (const { measure: m, teams, whole: wholeSvg, wholeState } of minis) {
    const block = el('div', undefined, 'measure');
    const h = el('h3');
    h.append(button(m.name, 'Open the common definition', () => open(m.place.uri, m.place.range)));
    h.append(el('span', ` ${measureCaption(m)}`, 'meta'));
    const scale = scaleText(d, m);
    if (scale) h.append(el('div', scale, 'meta'));
    const groups = d.cells.find((c) => c.measure === m.id && c.series.length > 1)?.series.map((x) => x.group);
    if (groups) {
      // The lines' key, drawn in the lines' own colours (the first group takes the text colour).
      const key = el('div', 'lines: ', 'meta key');
      groups.slice(0, 3).forEach((g, i) => {
        key.append(el('span', undefined, `swatch series-${i}`), el('span', `${groupLabel(g)} `));
      });
      h.append(key);
    }
    const cards = el('div', undefined, 'cards');
    d.teams.forEach((t, i) => {
      const cell = cells.get(m.id, t.id);
      const card = button(
        '',
        `${t.name}: ${m.name}, ${STATE_LABELS[cell.state]}. Open the chart.`,
        () => chart(cell),
        `card ${cell.state}`,
      );
      card.dataset.team = t.id;
      card.dataset.measure = m.id;
      card.append(el('span', t.name, 'card-title'));
      if (teams[i] !== undefined) card.append(svgs[next++]!);
      else card.append(el('span', cell.error ?? 'no data yet', 'meta empty'));
      const line = el('span', undefined, 'card-state');
      line.append(stateSpan(cell.state));
      if (cell.latest !== undefined) line.append(el('span', ` ${valueText(m, cell.latest)}`, 'meta'));
      card.append(line, statusIconsRow(cell.status));
      cards.append(card);
    });
    const whole = el('div', undefined, 'card whole');
    whole.append(el('span', 'Collaborative (summed)', 'card-title'));
    if (wholeSvg !== undefined) whole.append(svgs[next++]!, stateSpan(wholeState));
    const gap = d.gaps.find((g) => g.measure === m.id);
    if (gap) whole.append(el('span', gapText(gap), `gap ${gap.verdict}`));
    cards.append(whole);
    block.append(h, cards);
    s.append(block);
  }
  return s;
}

function packageSection(d: DashboardModel): HTMLElement {
  const s = section('package', 'Change package: which ideas spread');
  const body = scrollTable(s, 'matrix', ['Change idea', ...d.teams.map((t) => t.name)]);
  for (const drv of d.package) {
    const dr = el('tr', undefined, 'driver');
    const th = el('th', drv.driver);
    th.colSpan = d.teams.length + 1;
    th.scope = 'colgroup';
    dr.append(th);
    body.append(dr);
    for (const idea of drv.ideas) {
      const row = el('tr');
      const ih = el('th');
      ih.scope = 'row';
      ih.append(
        button(idea.title, `Open the idea ${idea.id} in the change package`, () =>
          open(idea.place.uri, idea.place.range),
        ),
      );
      row.append(ih);
      idea.teams.forEach((cell, i) => {
        const td = el('td', undefined, `status-${cell.status}`);
        const label = statusText(cell);
        const place = cell.place;
        if (place) td.append(button(label, `Open ${d.teams[i]!.name}'s strategy`, () => open(place.uri, place.range)));
        else td.textContent = label;
        row.append(td);
      });
      body.append(row);
    }
  }
  return s;
}

function assessmentSection(d: DashboardModel): HTMLElement {
  const s = section(
    'assessment',
    'Assessment: self, faculty and the evidence',
    'IHI Assessment Scale (1 to 5). Solid: faculty; dashed: self; ring: what the worksheets suggest now. The written scores stay the scores.',
  );
  const months = d.teams.flatMap((t) => t.assessment.map((e) => e.month)).sort();
  const cards = el('div', undefined, 'cards');
  for (const t of d.teams) {
    const card = el('div', undefined, 'card assessment');
    card.append(button(t.name, `Open ${t.name}'s factors file`, () => open(t.uri), 'link card-title'));
    if (months.length)
      card.append(
        safeSvg(
          renderScores(t.assessment, t.suggestion.score, {
            width: 240,
            height: 84,
            fromMonth: months[0]!,
            toMonth: months[months.length - 1]!,
            label: `${t.name}: assessment over time`,
          }),
          ELEMENTS,
          ATTRIBUTES,
        ),
      );
    card.append(el('div', `Latest: ${writtenText(t)}`), el('div', suggestedText(t)));
    if (evidenceGap(t) !== undefined)
      card.append(
        el(
          'div',
          `The worksheets suggest ${evidenceText(t).slice('evidence '.length)} the written score.`,
          'evidence differs',
        ),
      );
    const details = el('details');
    details.append(el('summary', 'Why this suggestion'));
    const ul = el('ul', undefined, 'reasons');
    for (const r of t.suggestion.reasons)
      ul.append(el('li', `${r.met ? '✓' : '✗'} ${fmt(r.score)}: ${r.text}`, r.met ? 'met' : 'unmet'));
    details.append(ul);
    card.append(details);
    cards.append(card);
  }
  s.append(cards);
  return s;
}

function signalsSection(d: DashboardModel): HTMLElement {
  const s = section('signals', `Every signal (${d.signals.length})`);
  const text = signalTexts(d);
  const heads = SIGNAL_COLUMNS.map((c) => {
    const th = el('th');
    th.setAttribute('aria-sort', sort.key === c.key ? (sort.dir === 1 ? 'ascending' : 'descending') : 'none');
    th.append(
      button(
        `${c.label}${sort.key === c.key ? (sort.dir === 1 ? ' ▲' : ' ▼') : ''}`,
        `Sort by ${c.label.toLowerCase()}`,
        () => {
          sort = { key: c.key, dir: sort.key === c.key ? (-sort.dir as 1 | -1) : 1 };
          $('signals').replaceWith(signalsSection(d));
        },
        'sort',
      ),
    );
    return th;
  });
  const body = scrollTable(s, 'signals', heads);
  const rows = [...d.signals].sort((a, b) => {
    const x = text(a, sort.key);
    const y = text(b, sort.key);
    return (x < y ? -1 : x > y ? 1 : 0) * sort.dir;
  });
  for (const r of rows) {
    const row = el('tr', undefined, `effect-${r.effect}`);
    row.tabIndex = 0;
    row.title = 'Open the chart';
    row.dataset.team = r.team;
    row.dataset.measure = r.measure;
    for (const c of SIGNAL_COLUMNS)
      row.append(
        el(
          'td',
          text(r, c.key),
          c.key === 'effect'
            ? `state ${r.effect === 'neither' ? 'common-cause' : r.effect}`
            : c.key === 'start' || c.key === 'end'
              ? 'date'
              : undefined,
        ),
      );
    const go = () => chart({ measure: r.measure, from: r.from });
    row.addEventListener('click', go);
    row.addEventListener('keydown', (e) => {
      if (e.key === 'Enter' || e.key === ' ') {
        e.preventDefault();
        go();
      }
    });
    body.append(row);
  }
  return s;
}

window.addEventListener('message', (event: MessageEvent<ToDashboardWebview>) => {
  const m = event.data;
  if (m.type === 'model') {
    model = m.model;
    vscode.setState({ uri: m.model.collaborative.uri });
    render();
    document.body.dataset.ready = 'true';
  } else if (m.type === 'error') {
    $('error').textContent = m.message;
    document.body.dataset.ready = 'true';
  }
});
vscode.postMessage({ type: 'ready' });

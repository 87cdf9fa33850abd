// The collaborative dashboard webview: every team on every common measure (small multiples on one
// scale), the collaborative summed, the change package as a matrix, assessment against the
// evidence, and a sortable table of every signal. Every click asks the extension to open the
// team's chart, diagram or file. Worksheet text is set with textContent only; the charts are the
// core's SVG, parsed as XML and allow-listed.
import type { Cell, DashboardModel, SignalRow } from '../../../server/src/core/collab/dashboard';
import {
  ASSESSMENT_SCALE,
  EFFECT_LABELS,
  scoreText,
  STATE_LABELS,
  STATE_MARKS,
  STATUS_LABELS,
  wholeState,
} from '../../../server/src/core/render/collab-labels';
import { renderMini, renderScores, timeRange } from '../../../server/src/core/render/collab-svg';
import { groupLabel, RULE_LABELS } from '../../../server/src/core/render/runchart-svg';
import { fmt } from '../../../server/src/core/render/svg';
import type { FromDashboardWebview, ToDashboardWebview } from './protocol';
import { safeSvg } from './safe-svg';
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
let sort: { key: keyof SignalRow; dir: 1 | -1 } = { key: 'end', dir: -1 };

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
  return el('span', `${STATE_MARKS[state]} ${STATE_LABELS[state]}`, `state ${state}`);
}

function isoOf(day: number): string {
  return new Date(day * 86_400_000).toISOString().slice(0, 10);
}

function section(id: string, title: string): HTMLElement {
  const s = el('section');
  s.id = id;
  s.append(el('h2', title));
  return s;
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
  app.append(head, teamsSection(d), measuresSection(d), packageSection(d), assessmentSection(d), signalsSection(d));
}

function teamsSection(d: DashboardModel): HTMLElement {
  const s = section('teams', 'Teams');
  const wrap = el('div', undefined, 'scroll');
  const table = el('table');
  const tr = el('tr');
  for (const h of ['Team', 'Scores', 'Cycles', 'Latest cycle', 'Common measures now']) {
    const th = el('th', h);
    th.scope = 'col';
    tr.append(th);
  }
  table.append(el('thead'));
  table.tHead!.append(tr);
  const body = el('tbody');
  for (const t of d.teams) {
    const row = el('tr');
    const th = el('th');
    th.scope = 'row';
    th.append(button(t.name, `Open ${t.name}'s factors file`, () => open(t.uri)));
    if (t.joined) th.append(el('div', `joined ${t.joined}`, 'meta'));
    const last = t.assessment[t.assessment.length - 1];
    const scores = el('td');
    scores.append(
      el(
        'div',
        last ? `self ${scoreText(last.self)}, faculty ${scoreText(last.faculty)} (${last.month})` : 'not scored yet',
      ),
      el(
        'div',
        `suggested ${scoreText(t.suggestion.score)}: ${ASSESSMENT_SCALE[String(t.suggestion.score)] ?? ''}`,
        'meta',
      ),
    );
    row.append(th, scores, el('td', `${t.cycles} (${t.studied} studied)`, 'num'));
    const latest = el('td');
    if (t.latestCycle) {
      const c = t.latestCycle;
      latest.append(
        button(c.title, 'Open this cycle', () => open(c.uri)),
        el('div', `${c.start}${c.decision ? `, ${c.decision}` : ''}`, 'meta'),
      );
    } else latest.textContent = '–';
    row.append(latest);
    const states = el('td');
    for (const m of d.measures) {
      const cell = d.cells.find((c) => c.measure === m.id && c.team === t.id)!;
      const b = button('', `Open ${t.name}'s chart of ${m.name}`, () => chart(cell), 'link state-button');
      b.append(
        stateSpan(cell.state),
        el('span', ` ${m.name}`),
        el('span', cell.latest !== undefined ? ` ${fmt(cell.latest)}${m.unit === '%' ? '%' : ''}` : '', 'meta'),
      );
      states.append(el('div'));
      states.lastElementChild!.append(b);
    }
    row.append(states);
    body.append(row);
  }
  table.append(body);
  wrap.append(table);
  s.append(wrap);
  return s;
}

function measuresSection(d: DashboardModel): HTMLElement {
  const s = section('measures', 'Common measures, team by team');
  s.append(
    el(
      'p',
      "Each measure on one scale for every team. Blue band: improvement signal; orange: concern; dashed: median. Click a chart to open the team's run chart.",
      'meta',
    ),
  );
  const range = timeRange([...d.cells.map((c) => c.series), ...d.whole.map((w) => w.series)]);
  for (const m of d.measures) {
    const block = el('div', undefined, 'measure');
    const h = el('h3');
    h.append(button(m.name, 'Open the common definition', () => open(m.place.uri, m.place.range)));
    h.append(
      el(
        'span',
        ` ${m.kind}, ${m.better === 'up' ? 'higher is better' : 'lower is better'}${m.unit ? `, ${m.unit}` : ''}`,
        'meta',
      ),
    );
    if (range && m.min !== undefined && m.max !== undefined)
      h.append(
        el(
          'div',
          `Every chart: ${fmt(m.min)} to ${fmt(m.max)}${m.unit === '%' ? '%' : m.unit ? ` ${m.unit}` : ''}, ${isoOf(range.fromDay)} to ${isoOf(range.toDay)}`,
          'meta',
        ),
      );
    const groups = d.cells.find((c) => c.measure === m.id && c.series.length > 1)?.series.map((x) => x.group);
    if (groups)
      h.append(
        el(
          'span',
          ` · lines: ${groups
            .slice(0, 3)
            .map((g, i) => `${['blue', 'purple', 'teal'][i]} ${groupLabel(g)}`)
            .join(', ')}`,
          'meta',
        ),
      );
    const cards = el('div', undefined, 'cards');
    for (const t of d.teams) {
      const cell = d.cells.find((c) => c.measure === m.id && c.team === t.id)!;
      const card = button(
        '',
        `${t.name}: ${m.name}, ${STATE_LABELS[cell.state]}. Open the chart.`,
        () => chart(cell),
        `card ${cell.state}`,
      );
      card.dataset.team = t.id;
      card.dataset.measure = m.id;
      card.append(el('span', t.name, 'card-title'));
      if (range && cell.series.length && m.min !== undefined && m.max !== undefined)
        card.append(
          safeSvg(
            renderMini(cell.series, {
              width: 150,
              height: 52,
              min: m.min,
              max: m.max,
              ...range,
              label: `${m.name}, ${t.name}`,
            }),
            ELEMENTS,
            ATTRIBUTES,
          ),
        );
      else card.append(el('span', cell.error ?? 'no data yet', 'meta empty'));
      const line = el('span', undefined, 'card-state');
      line.append(stateSpan(cell.state));
      if (cell.latest !== undefined)
        line.append(el('span', ` ${fmt(cell.latest)}${m.unit === '%' ? '%' : ''}`, 'meta'));
      card.append(line, statusIconsRow(cell.status));
      cards.append(card);
    }
    const w = d.whole.find((x) => x.measure === m.id);
    const whole = el('div', undefined, 'card whole');
    whole.append(el('span', 'Collaborative (summed)', 'card-title'));
    if (range && w?.series.length) {
      let lo = m.min ?? 0;
      let hi = m.max ?? 1;
      for (const sr of w.series)
        for (const [, v] of sr.points)
          if (v !== null) {
            lo = Math.min(lo, v);
            hi = Math.max(hi, v);
          }
      whole.append(
        safeSvg(
          renderMini(w.series, {
            width: 150,
            height: 52,
            min: lo,
            max: hi,
            ...range,
            label: `${m.name}, the collaborative as a whole`,
          }),
          ELEMENTS,
          ATTRIBUTES,
        ),
      );
      whole.append(stateSpan(wholeState(w.series[0]?.variation)));
    }
    const gap = d.gaps.find((g) => g.measure === m.id);
    if (gap)
      whole.append(
        el(
          'span',
          `Gap ${groupLabel(gap.groups[0])} − ${groupLabel(gap.groups[1])}: ${gap.first !== undefined ? `${fmt(gap.first)} → ${fmt(gap.last!)}, ` : ''}${gap.verdict === 'too-few' ? 'too few dates to judge' : gap.verdict}`,
          `gap ${gap.verdict}`,
        ),
      );
    cards.append(whole);
    block.append(h, cards);
    s.append(block);
  }
  return s;
}

function packageSection(d: DashboardModel): HTMLElement {
  const s = section('package', 'Change package: which ideas spread');
  const wrap = el('div', undefined, 'scroll');
  const table = el('table', undefined, 'matrix');
  const tr = el('tr');
  for (const h of ['Change idea', ...d.teams.map((t) => t.name)]) {
    const th = el('th', h);
    th.scope = 'col';
    tr.append(th);
  }
  table.append(el('thead'));
  table.tHead!.append(tr);
  const body = el('tbody');
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
        const label = `${STATUS_LABELS[cell.status]}${cell.cycles ? `, ${cell.cycles} cycle${cell.cycles === 1 ? '' : 's'}` : ''}`;
        const place = cell.place;
        if (place) td.append(button(label, `Open ${d.teams[i]!.name}'s strategy`, () => open(place.uri, place.range)));
        else td.textContent = label;
        row.append(td);
      });
      body.append(row);
    }
  }
  table.append(body);
  wrap.append(table);
  s.append(wrap);
  return s;
}

function assessmentSection(d: DashboardModel): HTMLElement {
  const s = section('assessment', 'Assessment: self, faculty and the evidence');
  s.append(
    el(
      'p',
      'IHI Assessment Scale (1 to 5). Solid: faculty; dashed: self; ring: what the worksheets suggest now. The written scores stay the scores.',
      'meta',
    ),
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
    const last = t.assessment[t.assessment.length - 1];
    card.append(
      el(
        'div',
        `Latest: self ${scoreText(last?.self)}, faculty ${scoreText(last?.faculty)}; suggested ${scoreText(t.suggestion.score)} (${ASSESSMENT_SCALE[String(t.suggestion.score)] ?? ''})`,
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

const COLUMNS: { key: keyof SignalRow; label: string }[] = [
  { key: 'measure', label: 'Measure' },
  { key: 'team', label: 'Team' },
  { key: 'group', label: 'Group' },
  { key: 'rule', label: 'Rule' },
  { key: 'end', label: 'Dates' },
  { key: 'effect', label: 'Effect' },
];

function signalsSection(d: DashboardModel): HTMLElement {
  const s = section('signals', `Every signal (${d.signals.length})`);
  const names = new Map(d.measures.map((m) => [m.id, m.name]));
  const teams = new Map(d.teams.map((t) => [t.id, t.name]));
  const text = (r: SignalRow, k: keyof SignalRow) =>
    k === 'measure'
      ? (names.get(r.measure) ?? r.measure)
      : k === 'team'
        ? (teams.get(r.team) ?? r.team)
        : k === 'group'
          ? r.group === 'all'
            ? 'everyone'
            : groupLabel(r.group)
          : k === 'rule'
            ? RULE_LABELS[r.rule]
            : k === 'effect'
              ? EFFECT_LABELS[r.effect]
              : k === 'end'
                ? `${r.start} to ${r.end}`
                : String(r[k]);
  const wrap = el('div', undefined, 'scroll');
  const table = el('table', undefined, 'signals');
  const tr = el('tr');
  for (const c of COLUMNS) {
    const th = el('th');
    th.scope = 'col';
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
    tr.append(th);
  }
  table.append(el('thead'));
  table.tHead!.append(tr);
  const body = el('tbody');
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
    for (const c of COLUMNS)
      row.append(
        el(
          'td',
          text(r, c.key),
          c.key === 'effect' ? `state ${r.effect === 'neither' ? 'common-cause' : r.effect}` : undefined,
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
  table.append(body);
  wrap.append(table);
  s.append(wrap);
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

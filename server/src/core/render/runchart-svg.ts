import type { ChartModel, CycleMark, GroupChart, TargetLine } from '../analytics/model';
import { CHART_TYPE_NAMES, RULE_SET_NAMES, type ChartType, type PhaseAnalysis, type RuleId } from '../analytics/types';
import { Obstacles, packCycles, timeAxis, type Segment } from './chart-layout';
import { brokenLine, dayNumber, escapeXml as x, fmt, niceTicks } from './svg';
import {
  groupLabel,
  isPhaseRule,
  readableDate,
  RULE_NAMES,
  signalSide,
  directionOf,
  summariseSignals,
  type Direction,
} from './signal-text';
import { shorten, textBox, textWidth, wrapText } from './text';
import { pointsToDraw } from './thin';
import { isWindowed, windowModel, type DateWindow } from './window';

export interface RenderOptions {
  width?: number;
  /** The height to fill; the chart grows past it only when its parts need more room. */
  height?: number;
  /** Embed a <style> with default colours (for a standalone file). The webview styles the classes itself. */
  embedStyle?: boolean;
  /** Add the signals in words under the chart (exported images travel without the panel's list). */
  summary?: boolean;
  /** For a file to share: no file paths (cycle marks lose their link to the cycle file). */
  portable?: boolean;
  /** Groups the viewer switched off in the legend. */
  hidden?: string[];
  /** A date window (the panel's date range): a view of the analysis of the whole series, not a new one. */
  range?: DateWindow;
}

export { groupLabel, readableDate } from './signal-text';
export const RULE_LABELS = RULE_NAMES;

/** Colours as CSS variables with defaults, so a theme can restyle every class. */
export const STANDALONE_STYLE = `
svg.pdsa-chart { font-family: system-ui, -apple-system, "Segoe UI", sans-serif; font-size: 11px; background: var(--pdsa-background, #fff); }
.pdsa-chart text { fill: var(--pdsa-foreground, #333); }
.pdsa-chart .title { font-size: 13px; font-weight: 600; }
.pdsa-chart .cycle-label, .pdsa-chart .subtitle, .pdsa-chart .summary-line { font-size: 10px; }
.pdsa-chart .title-small { font-weight: 600; }
.pdsa-chart .legend-item.hidden { opacity: 0.4; }
.pdsa-chart .subtitle, .pdsa-chart .year { fill: var(--pdsa-muted, #666); }
.pdsa-chart .axis line, .pdsa-chart .grid { stroke: var(--pdsa-grid, #ddd); }
.pdsa-chart .frame { fill: none; stroke: var(--pdsa-grid, #ccc); }
.pdsa-chart .line { fill: none; stroke-width: 1.6; }
.pdsa-chart .centre { fill: none; stroke-width: 1.2; }
.pdsa-chart .centre.extension { stroke-dasharray: 5 3; }
.pdsa-chart .neutral { stroke: var(--pdsa-foreground, #333); }
.pdsa-chart .limit { fill: none; stroke: var(--pdsa-limit, #c0504d); stroke-width: 1; stroke-dasharray: 2 2; }
.pdsa-chart .phase { stroke: var(--pdsa-foreground, #333); stroke-dasharray: 1 3; }
.pdsa-chart .note-line { stroke: var(--pdsa-foreground, #333); stroke-opacity: 0.6; stroke-dasharray: 6 2 1 2; }
.pdsa-chart .note-badge { fill: var(--pdsa-foreground, #333); }
.pdsa-chart text.note-number { fill: var(--pdsa-background, #fff); font-weight: 600; }
.pdsa-chart .target { stroke: var(--pdsa-target, #2e7d32); stroke-width: 1.2; stroke-dasharray: 8 4; fill: none; }
.pdsa-chart text.target-label { fill: var(--pdsa-target, #2e7d32); }
.pdsa-chart .signal-span { fill: none; stroke-width: 7; stroke-opacity: 0.35; stroke-linecap: round; stroke-linejoin: round; }
.pdsa-chart .mark { fill: none; stroke-width: 1.6; }
.pdsa-chart .dir-improvement { stroke: var(--pdsa-improvement, #0079A8); } .pdsa-chart rect.dir-improvement { fill: var(--pdsa-improvement, #0079A8); }
.pdsa-chart .dir-concern { stroke: var(--pdsa-concern, #C45A00); } .pdsa-chart rect.dir-concern { fill: var(--pdsa-concern, #C45A00); }
.pdsa-chart .dir-neither { stroke: var(--pdsa-neither, #7A4FB0); } .pdsa-chart rect.dir-neither { fill: var(--pdsa-neither, #7A4FB0); }
.pdsa-chart .mark.legend-mark { stroke: var(--pdsa-foreground, #333); }
.pdsa-chart .point.excluded { fill: var(--pdsa-background, #fff); stroke-width: 1.5; }
.pdsa-chart .cycle rect, .pdsa-chart .key rect { fill-opacity: 0.35; stroke-width: 1; }
.pdsa-chart .decision-adopt rect { fill: var(--pdsa-adopt, #2e7d32); stroke: var(--pdsa-adopt, #2e7d32); }
.pdsa-chart .decision-adapt rect { fill: var(--pdsa-adapt, #f9a825); stroke: var(--pdsa-adapt, #f9a825); }
.pdsa-chart .decision-abandon rect { fill: var(--pdsa-abandon, #c62828); stroke: var(--pdsa-abandon, #c62828); }
.pdsa-chart .decision-none rect { fill: var(--pdsa-grid, #999); stroke: var(--pdsa-foreground, #333); stroke-dasharray: 2 2; }
.pdsa-chart .series-0 { stroke: var(--pdsa-series-0, #1f77b4); } .pdsa-chart circle.series-0, .pdsa-chart rect.series-0 { fill: var(--pdsa-series-0, #1f77b4); }
.pdsa-chart .series-1 { stroke: var(--pdsa-series-1, #9467bd); } .pdsa-chart circle.series-1, .pdsa-chart rect.series-1 { fill: var(--pdsa-series-1, #9467bd); }
.pdsa-chart .series-2 { stroke: var(--pdsa-series-2, #17becf); } .pdsa-chart circle.series-2, .pdsa-chart rect.series-2 { fill: var(--pdsa-series-2, #17becf); }
.pdsa-chart .series-3 { stroke: var(--pdsa-series-3, #8c564b); } .pdsa-chart circle.series-3, .pdsa-chart rect.series-3 { fill: var(--pdsa-series-3, #8c564b); }
`;

const FONT = 11;
const SMALL = 10;
const TITLE = 13;
const LINE = 15;
const PAD = 8;

/** What the chart is, in words a coach uses: the title, legend and text all say the same. */
export function chartKind(type: ChartType): { name: string; centre: string } {
  return {
    name: CHART_TYPE_NAMES[type],
    centre:
      type === 'run'
        ? 'median'
        : type === 'p' || type === 'pp'
          ? 'mean proportion'
          : type === 'u' || type === 'up'
            ? 'mean rate'
            : 'mean',
  };
}

function unitText(model: ChartModel): string {
  return model.measure.unit ? ` ${model.measure.unit}` : '';
}

/** A value with its unit: "27%", "12 contacts". */
function withUnit(model: ChartModel, v: number): string {
  const unit = model.measure.unit;
  return unit === '%' ? `${fmt(v)}%` : unit ? `${fmt(v)} ${unit}` : fmt(v);
}

/** A text summary for screen readers (the <desc>) and for the CLI. */
export function describeChart(model: ChartModel): string {
  const kind = chartKind(model.type);
  const parts = [
    `${kind.name} of ${model.measure.name}${model.team ? `, ${model.team}` : ''} (${RULE_SET_NAMES[model.rules]} rules).`,
  ];
  for (const g of model.groups) {
    const present = g.analysis.points.filter((p) => p.value !== null);
    const first = g.analysis.points[0]?.date;
    const last = g.analysis.points[g.analysis.points.length - 1]?.date;
    const centres = g.analysis.phases.map((p) => fmt(p.centre)).join(', then ');
    parts.push(
      `${groupLabel(g.group)}: ${present.length} values from ${first} to ${last}; ${kind.centre} ${centres}${unitText(model)}.`,
    );
  }
  const signals = summariseSignals(model);
  parts.push(
    signals.length
      ? `Signals: ${signals.map((s) => `${s.headline}: ${s.detail}`).join('; ')}.`
      : 'No signals: only the usual (common-cause) variation.',
  );
  if (model.cycles.length) parts.push(`${model.cycles.length} PDSA cycles marked.`);
  if (model.notes?.length)
    parts.push(`Notes: ${model.notes.map((n, k) => `${k + 1}, ${readableDate(n.date)}: ${n.text}`).join('; ')}.`);
  return parts.join(' ');
}

interface LegendItem {
  kind:
    | 'group'
    | 'centre'
    | 'extension'
    | 'limit'
    | 'target'
    | 'target-value'
    | 'phase'
    | 'decision'
    | 'direction'
    | 'rule';
  rule?: RuleId;
  label: string;
  cls?: string;
  group?: string;
}

/** Lays legend items out in rows that wrap at `width`; returns each item's x and row. */
function flow(items: LegendItem[], width: number, size: number): { item: LegendItem; x: number; row: number }[] {
  const out: { item: LegendItem; x: number; row: number }[] = [];
  let xPos = 0;
  let row = 0;
  for (const item of items) {
    const w = 20 + textWidth(item.label, size);
    if (xPos > 0 && xPos + w > width) {
      row++;
      xPos = 0;
    }
    out.push({ item, x: xPos, row });
    xPos += w + 14;
  }
  return out;
}

function legendSwatch(item: LegendItem, x0: number, y: number): string {
  const mid = y - 4;
  switch (item.kind) {
    case 'group':
      return `<line class="line ${item.cls}" x1="${x0}" x2="${x0 + 16}" y1="${mid}" y2="${mid}"/><circle class="point ${item.cls}" cx="${x0 + 8}" cy="${mid}" r="3"/>`;
    case 'centre':
      return `<line class="centre ${item.cls ?? 'series-0'}" x1="${x0}" x2="${x0 + 16}" y1="${mid}" y2="${mid}"/>`;
    case 'extension':
      return `<line class="centre extension ${item.cls ?? 'series-0'}" x1="${x0}" x2="${x0 + 16}" y1="${mid}" y2="${mid}"/>`;
    case 'limit':
      return `<line class="limit" x1="${x0}" x2="${x0 + 16}" y1="${mid}" y2="${mid}"/>`;
    case 'target':
    case 'target-value':
      return `<line class="target" x1="${x0}" x2="${x0 + 16}" y1="${mid}" y2="${mid}"/>`;
    case 'phase':
      return `<line class="phase" x1="${x0 + 8}" x2="${x0 + 8}" y1="${y - 10}" y2="${y + 2}"/>`;
    case 'decision':
      return `<g class="${item.cls}"><rect x="${x0}" y="${y - 9}" width="16" height="9" rx="2"/></g>`;
    case 'direction':
      return `<polyline class="signal-span ${item.cls}" points="${x0 + 2},${mid} ${x0 + 14},${mid}"/>`;
    case 'rule':
      return ruleMark(item.rule!, x0 + 8, mid, 2.5, 'mark legend-mark');
  }
}

/**
 * The chart as an SVG string: a pure function of the model, shared by the CLI and the webview.
 * A target whose label finds no free place beside its line (data everywhere along it) is named in
 * the legend instead; the legend then takes more room, so the chart is laid out again until every
 * target is labelled one way or the other.
 */
export function renderChart(full: ChartModel, options: RenderOptions = {}): string {
  const inLegend = new Set<string>();
  for (;;) {
    const { svg, unplaced } = renderOnce(full, options, inLegend);
    if (!unplaced.length) return svg;
    for (const id of unplaced) inLegend.add(id);
  }
}

function targetText(model: ChartModel, t: TargetLine): { full: string; candidates: string[] } {
  const groupName = t.group && model.groups.length > 1 ? ` (${groupLabel(t.group)})` : '';
  const full = `target ${withUnit(model, t.value)} by ${readableDate(t.date)}${groupName}`;
  // Shorter texts keep the group: a target line near another group's data must still say whose it is.
  const v = withUnit(model, t.value);
  const candidates = groupName
    ? [full, `target ${v}${groupName}`, `${v} by ${readableDate(t.date)}${groupName}`, `${v}${groupName}`]
    : [full, `target ${v}`];
  return { full, candidates };
}

function renderOnce(
  full: ChartModel,
  options: RenderOptions,
  inLegend: Set<string>,
): { svg: string; unplaced: string[] } {
  const unplaced: string[] = [];
  // Hidden groups stay in the legend (to show them again) but leave the plot and its scales.
  const hidden = new Set(options.hidden ?? []);
  const colourOf = new Map(full.groups.map((g, k) => [g.group, k]));
  const shown: ChartModel = hidden.size
    ? {
        ...full,
        groups: full.groups.filter((g) => !hidden.has(g.group)),
        targets: full.targets.filter((t) => !t.group || !hidden.has(t.group)),
      }
    : full;
  // A date window draws a stretch of the whole analysis: same centre lines, limits and signals.
  const range = isWindowed(options.range) ? options.range : undefined;
  const model = range ? windowModel(shown, range) : shown;
  const W = Math.round(Math.max(320, options.width ?? 800));
  const narrow = W < 600;
  const kind = chartKind(model.type);
  const innerW = W - 2 * PAD;

  // Domains: the data and the cycles on the time axis; data, centres, limits and targets on the value axis.
  const allPoints = model.groups.flatMap((g) => g.analysis.points);
  let minDay = Infinity;
  let maxDay = -Infinity;
  for (const p of allPoints) {
    const d = dayNumber(p.date);
    if (d < minDay) minDay = d;
    if (d > maxDay) maxDay = d;
  }
  if (!Number.isFinite(minDay)) minDay = maxDay = dayNumber('2000-01-01');
  // In a window, the time axis is the window (cycles and notes are cut to it); otherwise it stretches a little to
  // take in cycles and notes just outside the data.
  if (range?.from) minDay = dayNumber(range.from);
  if (range?.to) maxDay = dayNumber(range.to);
  if (range && maxDay < minDay) maxDay = minDay;
  for (const c of range ? [] : [...model.cycles, ...(model.notes ?? []).map((n) => ({ start: n.date, end: n.date }))]) {
    // Cycles a little outside the data still belong on the chart (a cycle under way after the last point).
    const s = dayNumber(c.start);
    const e = c.end ? dayNumber(c.end) : s;
    if (e >= minDay - 60 && s <= maxDay + 60) {
      minDay = Math.min(minDay, s);
      maxDay = Math.max(maxDay, e);
    }
  }
  if (maxDay === minDay) maxDay = minDay + 7;
  let minY = Infinity;
  let maxY = -Infinity;
  const seeY = (v: number | null | undefined) => {
    if (v === null || v === undefined || !Number.isFinite(v)) return;
    if (v < minY) minY = v;
    if (v > maxY) maxY = v;
  };
  for (const g of model.groups) {
    for (const p of g.analysis.points) seeY(p.value);
    for (const ph of g.analysis.phases) {
      seeY(ph.centre);
      for (const v of ph.upper ?? []) seeY(v);
      for (const v of ph.lower ?? []) seeY(v);
    }
  }
  for (const t of model.targets) seeY(t.value);
  if (!Number.isFinite(minY)) {
    minY = 0;
    maxY = 1;
  }
  if (maxY === minY) {
    minY -= 1;
    maxY += 1;
  }
  const pad = (maxY - minY) * 0.06;
  minY -= pad;
  maxY += pad;

  // Header: title and the chart's kind, wrapped to the width.
  const out: string[] = [];
  let y = PAD;
  // In a collaborative, the team whose chart this is: every team reports the common measures under the same name.
  const titleText = `${model.team ? `${model.team}: ` : ''}${model.measure.name}${model.measure.unit ? ` (${model.measure.unit})` : ''}`;
  const titleLines = wrapText(titleText, innerW, TITLE, true);
  const header: string[] = [];
  for (const line of titleLines) {
    y += TITLE + 3;
    header.push(`<text class="title" x="${PAD}" y="${y}">${x(line)}</text>`);
  }
  const subtitle = `${kind.name}: ${kind.centre}${model.type === 'run' ? '' : ' and control limits'}, ${RULE_SET_NAMES[model.rules]} rules. ${model.measure.better === 'neither' ? 'Neither direction is better.' : `Better is ${model.measure.better === 'up' ? 'higher' : 'lower'}.`}`;
  for (const line of wrapText(subtitle, innerW, SMALL)) {
    y += LINE - 2;
    header.push(`<text class="subtitle" x="${PAD}" y="${y}">${x(line)}</text>`);
  }
  y += 6;

  // Legend: groups, centre line, limits, targets, phase changes; wrapped in rows.
  const legendItems: LegendItem[] = [];
  full.groups.forEach((g, k) =>
    legendItems.push({
      kind: 'group',
      label: `${groupLabel(g.group)}${hidden.has(g.group) ? ' (hidden)' : ''}`,
      cls: `series-${k % 4}`,
      group: g.group,
    }),
  );
  const centreCls = model.groups.length === 1 ? 'series-0' : 'neutral';
  legendItems.push({
    kind: 'centre',
    label: `${kind.centre}${model.groups.some((g) => g.analysis.phases.some((p) => p.baselineTo < p.to)) ? ' (baseline)' : ''}`,
    cls: centreCls,
  });
  if (model.groups.some((g) => g.analysis.phases.some((p) => p.baselineTo < p.to)))
    legendItems.push({ kind: 'extension', label: `${kind.centre} extended`, cls: centreCls });
  if (model.type !== 'run') legendItems.push({ kind: 'limit', label: 'control limits' });
  if (model.targets.length)
    legendItems.push({ kind: 'target', label: model.targets.length > 1 ? 'targets' : 'target' });
  for (const t of model.targets)
    if (inLegend.has(t.id)) legendItems.push({ kind: 'target-value', label: targetText(model, t).full });
  const phases = uniquePhases(model);
  if (phases.length) legendItems.push({ kind: 'phase', label: 'new phase' });
  // Signals: the colours of good and bad news, and the mark of each rule that fired.
  // Signals are those of the whole series; a window lists the ones that reach into it.
  const summaries = summariseSignals(shown).filter(
    (s) =>
      !range || ((range.from === undefined || s.to >= range.from) && (range.to === undefined || s.from <= range.to)),
  );
  for (const direction of ['improvement', 'concern', 'neither'] as const) {
    if (summaries.some((s) => s.direction === direction && !isPhaseRule(s.rule)))
      legendItems.push({
        kind: 'direction',
        label: direction === 'neither' ? 'unusual (neither)' : direction,
        cls: `dir-${direction}`,
      });
  }
  for (const rule of ['shift', 'longest-run', 'trend', 'two-of-three', 'beyond-limits', 'astronomical'] as const) {
    if (summaries.some((s) => s.rule === rule)) legendItems.push({ kind: 'rule', label: RULE_NAMES[rule], rule });
  }
  const legend = flow(legendItems, innerW, FONT);
  const legendRows = Math.max(0, ...legend.map((l) => l.row + 1));
  const legendTop = y;
  for (const l of legend) {
    const ly = legendTop + l.row * LINE + 11;
    const gAttr = l.item.group !== undefined ? ` data-group="${x(l.item.group)}"` : '';
    // Group entries are switches in the panel: click (or Enter) to hide or show the group.
    const toggle =
      l.item.group !== undefined && !options.portable && full.groups.length > 1
        ? ` role="button" tabindex="0" aria-pressed="${!hidden.has(l.item.group)}"`
        : '';
    header.push(
      `<g class="legend-item legend-${l.item.kind}${l.item.group !== undefined && hidden.has(l.item.group) ? ' hidden' : ''}"${gAttr}${toggle}>${legendSwatch(l.item, PAD + l.x, ly)}<text class="legend-label" x="${PAD + l.x + 20}" y="${ly}">${x(l.item.label)}</text></g>`,
    );
  }
  y += legendRows * LINE + 6;

  // Horizontal geometry: the left margin fits the value labels.
  const yTicksGuess = [...niceTicks(minY, maxY, 4), ...niceTicks(minY, maxY, 8)];
  const left = PAD + Math.ceil(Math.max(...yTicksGuess.map((t) => textWidth(fmt(t), FONT)))) + 8;
  const right = W - PAD - 4;
  const plotW = right - left;
  const sx = (day: number) => left + ((day - minDay) / (maxDay - minDay)) * plotW;

  // Phase labels: in a band above the plot, at their phase's start, in rows so they never touch.
  const phaseRows: { x: number; lines: string[]; title: string; start: number; row: number }[] = [];
  const rowEnds: number[] = [];
  for (const ph of phases) {
    const startX = sx(dayNumber(ph.date));
    const text = ph.label;
    let lines = [text];
    if (textWidth(text, FONT) > plotW) lines = wrapText(text, plotW, FONT).slice(0, 2);
    if (lines.length === 2 && textWidth(text, FONT) > 2 * plotW) lines[1] = shorten(lines[1]!, plotW, FONT);
    const w = Math.max(...lines.map((l) => textWidth(l, FONT)));
    const lx = Math.min(startX + 3, right - w);
    let row = rowEnds.findIndex((end) => end + 8 <= lx);
    if (row < 0) row = rowEnds.length;
    rowEnds[row] = lx + w;
    phaseRows.push({ x: lx, lines, title: text, start: startX, row });
  }
  const phaseLinesPerRow = phaseRows.reduce((m, p) => Math.max(m, p.lines.length), 1);
  const phaseBand = rowEnds.length * phaseLinesPerRow * LINE + (rowEnds.length ? 4 : 0);
  // Team notes: a numbered badge each, in a band just above the plot (rows so badges never touch), a line down
  // through the plot at the note's date, and the texts listed under the chart with their numbers.
  const notes = (model.notes ?? [])
    .map((n, k) => ({ ...n, number: k + 1, day: dayNumber(n.date) }))
    .filter((n) => n.day >= minDay && n.day <= maxDay);
  const noteEnds: number[] = [];
  const noteBadges = notes.map((n) => {
    const w = textWidth(String(n.number), SMALL) + 8;
    const bx = Math.min(right - w, Math.max(left, sx(n.day) - w / 2));
    let row = noteEnds.findIndex((end) => end + 2 <= bx);
    if (row < 0) row = noteEnds.length;
    noteEnds[row] = bx + w;
    return { note: n, x: bx, w, row };
  });
  const NOTE_ROW = 15;
  const noteBand = noteEnds.length * NOTE_ROW + (noteEnds.length ? 2 : 0);
  const plotTop = y + phaseBand + noteBand;

  // The bottom: month ticks, the year row, then the PDSA-cycle lane with its colour key.
  const axis = timeAxis(minDay, maxDay, plotW, FONT);
  const axisH = 16 + (axis.years.length ? LINE : 0);
  const placedCycles = packCycles(model.cycles, { sx, minDay, maxDay, left, right, size: SMALL, maxRows: 6 });
  const laneRows = Math.max(0, ...placedCycles.map((p) => p.row + 1));
  const keyItems: LegendItem[] = [
    { kind: 'decision', label: 'adopt', cls: 'decision-adopt' },
    { kind: 'decision', label: 'adapt', cls: 'decision-adapt' },
    { kind: 'decision', label: 'abandon', cls: 'decision-abandon' },
    { kind: 'decision', label: 'under way', cls: 'decision-none' },
  ];
  const keyTitle = 'PDSA cycles:';
  const keyFlow = flow(keyItems, innerW - textWidth(keyTitle, FONT) - 8, FONT);
  const keyRows = placedCycles.length ? Math.max(...keyFlow.map((k) => k.row + 1)) : 0;
  const ROW = 14;
  const laneH = placedCycles.length ? 6 + keyRows * LINE + laneRows * ROW + 2 : 0;
  // Exported images carry the signal summary in words under the chart.
  const summaryRows = options.summary ? (summaries.length ? summaries : undefined) : undefined;
  const summaryLines =
    summaryRows?.map((s) => ({ s, lines: wrapText(`${s.headline}: ${s.detail}`, innerW - 14, SMALL) })) ?? [];
  const summaryH = options.summary
    ? 8 +
      LINE +
      (summaryLines.length
        ? summaryLines.reduce((a, l) => a + l.lines.length, 0) * (LINE - 2) + summaryLines.length * 2
        : LINE)
    : 0;
  const noteLines = notes.map((n) => ({
    note: n,
    lines: wrapText(`${readableDate(n.date)}: ${n.text}`, innerW - 22, SMALL),
  }));
  const notesH = noteLines.length
    ? 8 + LINE + noteLines.reduce((a, l) => a + l.lines.length, 0) * (LINE - 2) + noteLines.length * 2
    : 0;
  const bottomH = axisH + laneH + notesH + summaryH + PAD;

  const wantH = options.height ?? Math.round(Math.min(620, Math.max(320, W * 0.6)));
  const plotH = Math.max(narrow ? 140 : 180, wantH - plotTop - bottomH);
  const H = Math.ceil(plotTop + plotH + bottomH);
  const plotBottom = plotTop + plotH;
  const sy = (v: number) => plotTop + (1 - (v - minY) / (maxY - minY)) * plotH;
  const X = (date: string) => sx(dayNumber(date)).toFixed(1);
  const Y = (v: number) => sy(v).toFixed(1);

  const titleId = `t-${model.measure.id}`;
  out.push(
    `<svg xmlns="http://www.w3.org/2000/svg" class="pdsa-chart" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" role="img" aria-labelledby="${x(titleId)} ${x(titleId)}-d">`,
  );
  out.push(
    `<title id="${x(titleId)}">${x(`${kind.name}: ${model.measure.name}${model.team ? ` (${model.team})` : ''}`)}</title>`,
  );
  out.push(`<desc id="${x(titleId)}-d">${x(describeChart(model))}</desc>`);
  if (options.embedStyle) out.push(`<style>${STANDALONE_STYLE}</style>`);
  out.push(...header);

  // Phase labels, with their dotted line running from the label down through the plot.
  for (const p of phaseRows) {
    const top = y + p.row * phaseLinesPerRow * LINE;
    out.push(
      `<g class="phase-mark"><line class="phase" x1="${p.start.toFixed(1)}" x2="${p.start.toFixed(1)}" y1="${top + 2}" y2="${plotBottom}"/>`,
    );
    p.lines.forEach((line, k) =>
      out.push(`<text class="phase-label" x="${p.x.toFixed(1)}" y="${top + (k + 1) * LINE - 3}">${x(line)}</text>`),
    );
    out.push(`<title>${x(`New phase: ${p.title}`)}</title></g>`);
  }
  for (const b of noteBadges) {
    const top = y + phaseBand + b.row * NOTE_ROW;
    const nx = sx(b.note.day).toFixed(1);
    out.push(
      `<g class="note-mark" data-note="${b.note.number}"><line class="note-line" x1="${nx}" x2="${nx}" y1="${top + 12}" y2="${plotBottom}"/><rect class="note-badge" x="${b.x.toFixed(1)}" y="${top}" width="${b.w.toFixed(1)}" height="12" rx="3"/><text class="note-number" x="${(b.x + b.w / 2).toFixed(1)}" y="${top + 9.5}" text-anchor="middle" font-size="${SMALL}">${b.note.number}</text><title>${x(`Note ${b.note.number}, ${readableDate(b.note.date)}: ${b.note.text}`)}</title></g>`,
    );
  }

  // Axes and grid.
  out.push(`<g class="axis">`);
  let yTicks = niceTicks(minY, maxY, Math.max(4, Math.min(8, Math.floor(plotH / 45))));
  if (yTicks.length < 3) yTicks = niceTicks(minY, maxY, 8);
  for (const t of yTicks) {
    out.push(
      `<line class="grid" x1="${left}" x2="${right}" y1="${Y(t)}" y2="${Y(t)}"/><text class="tick" x="${left - 6}" y="${(sy(t) + 3.5).toFixed(1)}" text-anchor="end">${x(fmt(t))}</text>`,
    );
  }
  for (const t of axis.ticks) {
    const tx = sx(t.day);
    const w = textWidth(t.label, FONT);
    // Labels centre on their tick, but never past the plot's ends.
    const cx = Math.min(right - w / 2, Math.max(left + w / 2, tx));
    out.push(
      `<line x1="${tx.toFixed(1)}" x2="${tx.toFixed(1)}" y1="${plotBottom}" y2="${plotBottom + 4}"/><text class="tick" x="${cx.toFixed(1)}" y="${plotBottom + 14}" text-anchor="middle">${x(t.label)}</text>`,
    );
  }
  for (const t of axis.years) {
    const w = textWidth(t.label, FONT);
    const cx = Math.min(right - w / 2, Math.max(left + w / 2, sx(t.day)));
    out.push(
      `<text class="year" x="${cx.toFixed(1)}" y="${plotBottom + 14 + LINE}" text-anchor="middle">${x(t.label)}</text>`,
    );
  }
  out.push(`</g><rect class="frame" x="${left}" y="${plotTop}" width="${plotW}" height="${plotH}"/>`);

  // Points first, as obstacles for the labels drawn inside the plot.
  const r = narrow ? 2.5 : 3;
  // Dense series are drawn thinned per pixel column (thin.ts): masks of the points drawn, per group.
  const drawn = model.groups.map((g) => drawnMask(g, (i) => sx(dayNumber(g.analysis.points[i]!.date)) - left, plotW));
  // The data lines between drawn points (broken at missing values, as brokenLine draws them) are obstacles too:
  // a label crossed by a line is as hard to read as one on a point.
  const segments: Segment[] = [];
  model.groups.forEach((g, k) => {
    let last: { x: number; y: number } | undefined;
    g.analysis.points.forEach((p, i) => {
      if (!drawn[k]!(i)) return;
      if (p.value === null) return void (last = undefined);
      const here = { x: sx(dayNumber(p.date)), y: sy(p.value) };
      if (last) segments.push({ x1: last.x, y1: last.y, x2: here.x, y2: here.y });
      last = here;
    });
  });
  // A note's line runs down the plot: labels keep off it too.
  for (const b of noteBadges) segments.push({ x1: sx(b.note.day), y1: plotTop, x2: sx(b.note.day), y2: plotBottom });
  const obstacles = new Obstacles(
    model.groups.flatMap((g, k) =>
      g.analysis.points
        .filter((p, i) => p.value !== null && drawn[k]!(i))
        .map((p) => ({ x: sx(dayNumber(p.date)), y: sy(p.value!) })),
    ),
    r + 5,
    segments,
  );

  // Targets: a dashed line each, labelled where the label covers no point and no other label.
  for (const t of model.targets) {
    const ty = sy(t.value);
    const { full, candidates } = targetText(model, t);
    const label = inLegend.has(t.id)
      ? undefined
      : placeTargetLabel(candidates, ty, left, right, plotTop, plotBottom, obstacles);
    if (!label && !inLegend.has(t.id)) unplaced.push(t.id);
    out.push(
      `<g class="target-line" data-target="${x(t.id)}"><line class="target" x1="${left}" x2="${right}" y1="${ty.toFixed(1)}" y2="${ty.toFixed(1)}"/>`,
    );
    if (label) {
      const w = textWidth(label.text, FONT);
      const atRight = label.x + w / 2 > (left + right) / 2;
      out.push(
        `<text class="target-label" x="${(atRight ? label.x + w : label.x).toFixed(1)}" y="${label.y.toFixed(1)}"${atRight ? ' text-anchor="end"' : ''}>${x(label.text)}</text>`,
      );
    }
    out.push(`<title>${x(`${full}: ${t.id}`)}</title></g>`);
  }

  model.groups.forEach((g, k) => {
    const cls = `series-${colourOf.get(g.group)! % 4}`;
    const pts = g.analysis.points;
    const isDrawn = drawn[k]!;
    const thinned = pts.length > 0 && !isDrawn.all;
    out.push(`<g class="group" data-group="${x(g.group)}">`);
    for (const phase of g.analysis.phases) out.push(phaseLines(phase, pts, cls, X, Y, kind.centre, isDrawn));
    // Signal spans under the line, coloured good or bad news, broken where data is missing: a highlight never bridges a gap.
    const marks = new Map<number, { rule: RuleId; direction: Direction; side: number }[]>();
    for (const s of g.analysis.signals) {
      const side = signalSide(s, pts, g.analysis.phases);
      const direction = directionOf(side, model.measure.better);
      if (isPhaseRule(s.rule)) continue; // whole-phase signals are named in the summary
      for (const i of s.points)
        if (pts[i]?.value !== null) marks.set(i, [...(marks.get(i) ?? []), { rule: s.rule, direction, side }]);
      if (s.rule !== 'shift' && s.rule !== 'trend' && s.rule !== 'longest-run') continue;
      for (const run of consecutive(s.points, pts)) {
        if (run.length < 2) continue;
        const coords = run
          .filter((i, j) => j === 0 || j === run.length - 1 || isDrawn(i))
          .map((i) => `${X(pts[i]!.date)},${Y(pts[i]!.value as number)}`)
          .join(' ');
        out.push(`<polyline class="signal-span rule-${s.rule} dir-${direction}" points="${coords}"/>`);
      }
    }
    out.push(...brokenLine(isDrawn.all ? pts : pts.filter((_, i) => isDrawn(i)), X, Y, cls));
    pts.forEach((p, i) => {
      if (p.value === null || !isDrawn(i)) return;
      const on = marks.get(i) ?? [];
      // A thinned series is a dense line: only its signal points get a marker.
      if (thinned && !on.length) return;
      const rules = [...new Set(on.map((m) => m.rule))];
      const cx = sx(dayNumber(p.date));
      const cy = sy(p.value);
      // One mark per rule around the point (ring: shift or long run; triangle: trend; diamond: beyond limits; square: astronomical).
      for (const m of on.filter((m, k) => on.findIndex((o) => o.rule === m.rule) === k))
        out.push(ruleMark(m.rule, cx, cy, r, `mark dir-${m.direction} rule-${m.rule}`));
      const label = `${readableDate(p.date)}: ${withUnit(model, p.value)} (${groupLabel(g.group)})${
        rules.length
          ? ` — ${on
              .map((m) => `${RULE_NAMES[m.rule]} (${m.direction === 'neither' ? 'unusual' : m.direction})`)
              .filter((t, k, all) => all.indexOf(t) === k)
              .join(', ')}`
          : ''
      }${p.excluded !== undefined ? ` — excluded from the calculations${p.excluded ? `: ${p.excluded}` : ''}` : ''}`;
      // An excluded point stays on the chart, hollow: its outline in the series colour.
      out.push(
        `<circle class="point ${cls}${p.excluded !== undefined ? ' excluded' : ''}${rules.length ? ` signal ${rules.map((rule) => `rule-${rule}`).join(' ')}` : ''}" cx="${cx.toFixed(1)}" cy="${cy.toFixed(1)}" r="${r}" data-index="${i}"><title>${x(label)}</title></circle>`,
      );
    });
    out.push(`</g>`);
  });

  // The PDSA-cycle lane: a colour key, then one row per overlapping cycle.
  if (placedCycles.length) {
    const keyTop = plotBottom + axisH + 6;
    out.push(`<g class="cycle-key"><text class="legend-label" x="${PAD}" y="${keyTop + 11}">${x(keyTitle)}</text>`);
    const keyLeft = PAD + textWidth(keyTitle, FONT) + 8;
    for (const k of keyFlow)
      out.push(
        `<g class="key">${legendSwatch(k.item, keyLeft + k.x, keyTop + 11 + k.row * LINE)}<text class="legend-label" x="${keyLeft + k.x + 20}" y="${keyTop + 11 + k.row * LINE}">${x(k.item.label)}</text></g>`,
      );
    out.push(`</g>`);
    const laneTop = keyTop + keyRows * LINE + 2;
    for (const p of placedCycles) {
      const c = p.cycle;
      const cy = laneTop + p.row * ROW;
      const label = `${c.title} (${c.id}, ${readableDate(c.start)}${c.end ? ` to ${readableDate(c.end)}` : ''}): ${decisionText(c)}`;
      out.push(
        `<g class="cycle decision-${c.decision ?? 'none'}" data-cycle="${x(c.id)}"${options.portable ? '' : ` data-uri="${x(c.uri)}" tabindex="0" role="link"`} aria-label="${x(label)}"><rect x="${p.x1.toFixed(1)}" y="${cy}" width="${(p.x2 - p.x1).toFixed(1)}" height="11" rx="2"/>`,
      );
      if (p.label)
        out.push(
          `<text class="cycle-label" x="${p.label.x.toFixed(1)}" y="${cy + 9}" font-size="${SMALL}">${x(p.label.text)}</text>`,
        );
      out.push(`<title>${x(label)}</title></g>`);
    }
  }
  if (noteLines.length) {
    let ny = plotBottom + axisH + laneH + 8 + LINE;
    out.push(`<g class="notes"><text class="legend-label title-small" x="${PAD}" y="${ny - 3}">Notes</text>`);
    for (const { note, lines } of noteLines) {
      const w = textWidth(String(note.number), SMALL) + 8;
      out.push(
        `<g class="note-item" data-note="${note.number}"><rect class="note-badge" x="${PAD}" y="${ny + 2}" width="${w.toFixed(1)}" height="12" rx="3"/><text class="note-number" x="${(PAD + w / 2).toFixed(1)}" y="${ny + 11}" text-anchor="middle" font-size="${SMALL}">${note.number}</text>`,
      );
      lines.forEach((line, k) =>
        out.push(
          `<text class="note-text" x="${PAD + 22}" y="${ny + (k + 1) * (LINE - 2)}" font-size="${SMALL}">${x(line)}</text>`,
        ),
      );
      out.push(`</g>`);
      ny += lines.length * (LINE - 2) + 2;
    }
    out.push(`</g>`);
  }
  if (options.summary) {
    let sy0 = plotBottom + axisH + laneH + notesH + 8 + LINE;
    out.push(
      `<g class="signal-summary"><text class="legend-label title-small" x="${PAD}" y="${sy0 - 3}">${x(`Signals (${RULE_SET_NAMES[model.rules]} rules)`)}</text>`,
    );
    if (!summaryLines.length)
      out.push(
        `<text class="legend-label" x="${PAD}" y="${sy0 + LINE - 3}">${x('No signals: only the usual (common-cause) variation.')}</text>`,
      );
    for (const { s, lines } of summaryLines) {
      out.push(
        `<rect class="dir-${s.direction}" x="${PAD}" y="${sy0 + 2}" width="4" height="${lines.length * (LINE - 2)}"/>`,
      );
      lines.forEach((line, k) =>
        out.push(
          `<text class="summary-line" x="${PAD + 10}" y="${sy0 + (k + 1) * (LINE - 2)}" font-size="${SMALL}">${x(line)}</text>`,
        ),
      );
      sy0 += lines.length * (LINE - 2) + 2;
    }
    out.push(`</g>`);
  }
  out.push(`</svg>`);
  return { svg: out.join('\n'), unplaced };
}

/** Whether each point of a group is drawn (all of them unless the series is denser than the plot). */
function drawnMask(
  g: GroupChart,
  xOf: (i: number) => number,
  width: number,
): ((i: number) => boolean) & { all: boolean } {
  const pts = g.analysis.points;
  const signal = new Uint8Array(pts.length);
  for (const s of g.analysis.signals) for (const i of s.points) signal[i] = 1;
  const mask = pointsToDraw({ x: xOf, values: pts.map((p) => p.value), signal: (i) => signal[i] === 1, width });
  return Object.assign((i: number) => !mask || mask[i] === 1, { all: !mask });
}

function decisionText(c: CycleMark): string {
  return c.decision ? `${c.decision}ed` : 'under way (no decision yet)';
}

/** The phases of all groups, once each by date and label (groups share their phase settings). */
function uniquePhases(model: ChartModel): { date: string; label: string }[] {
  const seen = new Map<string, { date: string; label: string }>();
  for (const g of model.groups) {
    g.analysis.phases.forEach((ph, i) => {
      if (i === 0) return;
      const date = g.analysis.points[ph.from]!.date;
      const label = ph.label ?? `New phase from ${readableDate(date)}`;
      const key = `${date}\u0000${label}`;
      if (!seen.has(key)) seen.set(key, { date, label });
    });
  }
  return [...seen.values()].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
}

/** The mark a rule leaves around a point: a distinct shape per rule, so colour is never the only cue. */
function ruleMark(rule: RuleId, cx: number, cy: number, r: number, cls: string): string {
  const f = (n: number) => n.toFixed(1);
  const d = r + 3.5;
  switch (rule) {
    case 'trend':
      return `<polygon class="${cls}" points="${f(cx)},${f(cy - d - 1.5)} ${f(cx + d)},${f(cy + d - 1)} ${f(cx - d)},${f(cy + d - 1)}"/>`;
    case 'beyond-limits':
      return `<polygon class="${cls}" points="${f(cx)},${f(cy - d - 1)} ${f(cx + d + 1)},${f(cy)} ${f(cx)},${f(cy + d + 1)} ${f(cx - d - 1)},${f(cy)}"/>`;
    case 'two-of-three': {
      // A pentagon: five points on a circle of radius d + 1.
      const pts = [0, 1, 2, 3, 4].map(
        (k) =>
          `${f(cx + (d + 1) * Math.sin((k * 2 * Math.PI) / 5))},${f(cy - (d + 1) * Math.cos((k * 2 * Math.PI) / 5))}`,
      );
      return `<polygon class="${cls}" points="${pts.join(' ')}"/>`;
    }
    case 'astronomical':
      return `<rect class="${cls}" x="${f(cx - d)}" y="${f(cy - d)}" width="${f(2 * d)}" height="${f(2 * d)}"/>`;
    default:
      return `<circle class="${cls}" cx="${f(cx)}" cy="${f(cy)}" r="${f(d)}"/>`;
  }
}

/** Splits a signal's point indices where a missing value lies between two of them. */
function consecutive(indices: number[], pts: { value: number | null }[]): number[][] {
  const runs: number[][] = [];
  let run: number[] = [];
  for (const i of indices) {
    if (run.length) {
      const prev = run[run.length - 1]!;
      let gap = false;
      for (let j = prev + 1; j < i && !gap; j++) gap = pts[j]!.value === null;
      if (gap) {
        runs.push(run);
        run = [];
      }
    }
    run.push(i);
  }
  if (run.length) runs.push(run);
  return runs;
}

/**
 * A target's label: along its line, above or below, from the right end leftwards, in the first
 * place that covers no point and no other label; a shorter text if no place fits the full one.
 */
function placeTargetLabel(
  texts: string[],
  ty: number,
  left: number,
  right: number,
  top: number,
  bottom: number,
  obstacles: Obstacles,
): { text: string; x: number; y: number } | undefined {
  for (const text of texts) {
    const w = textWidth(text, FONT);
    if (w > right - left - 8) continue;
    // Every 6 px along the line, from the right end leftwards: a gap between the data lines is often narrow.
    const span = right - left - 8 - w;
    const steps = Math.max(1, Math.ceil(span / 6));
    for (let k = 0; k <= steps; k++) {
      const lx = left + 4 + span * (1 - k / steps);
      for (const baseline of [ty - 4, ty + FONT + 2]) {
        const box = textBox(lx, baseline, text, FONT);
        if (box.y < top + 1 || box.y + box.height > bottom - 1) continue;
        if (obstacles.free(box)) {
          obstacles.add(box);
          return { text, x: lx, y: baseline };
        }
      }
    }
  }
  return undefined;
}

function phaseLines(
  phase: PhaseAnalysis,
  pts: { date: string }[],
  cls: string,
  X: (d: string) => string,
  Y: (v: number) => string,
  centreName: string,
  isDrawn: (i: number) => boolean,
): string {
  const out: string[] = [];
  const first = pts[phase.from]!.date;
  const last = pts[phase.to]!.date;
  const baselineEnd = pts[phase.baselineTo]!.date;
  if (Number.isFinite(phase.centre)) {
    out.push(
      `<line class="centre baseline ${cls}" x1="${X(first)}" x2="${X(baselineEnd)}" y1="${Y(phase.centre)}" y2="${Y(phase.centre)}"><title>${x(`${phase.label ? `${phase.label}: ` : ''}${centreName} ${fmt(phase.centre)}, from the baseline ${readableDate(first)} to ${readableDate(baselineEnd)}`)}</title></line>`,
    );
    if (phase.baselineTo < phase.to)
      out.push(
        `<line class="centre extension ${cls}" x1="${X(baselineEnd)}" x2="${X(last)}" y1="${Y(phase.centre)}" y2="${Y(phase.centre)}"/>`,
      );
  }
  for (const [limits, name] of [
    [phase.upper, 'upper'],
    [phase.lower, 'lower'],
  ] as const) {
    if (!limits) continue;
    const defined = limits.filter((v): v is number => v !== null && Number.isFinite(v));
    // I-chart limits are constant in a phase: one line, not a polyline through every point.
    if (defined.length === limits.length && defined.length > 0 && defined.every((v) => v === defined[0])) {
      out.push(
        `<line class="limit ${name}" x1="${X(first)}" x2="${X(last)}" y1="${Y(defined[0]!)}" y2="${Y(defined[0]!)}"/>`,
      );
      continue;
    }
    const coords: string[] = [];
    limits.forEach((v, k) => {
      if (v !== null && Number.isFinite(v) && isDrawn(phase.from + k))
        coords.push(`${X(pts[phase.from + k]!.date)},${Y(v)}`);
    });
    if (coords.length) out.push(`<polyline class="limit ${name}" points="${coords.join(' ')}"/>`);
  }
  return out.join('\n');
}

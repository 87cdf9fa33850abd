import type { ChartModel } from '../analytics/model';
import type { PhaseAnalysis, RuleId } from '../analytics/runchart';
import { dayNumber, escapeXml as x, fmt, monthTicks, niceTicks } from './svg';

export interface RenderOptions {
  width?: number;
  height?: number;
  /** Embed a <style> with default colours (for a standalone file). The webview styles the classes itself. */
  embedStyle?: boolean;
}

export const RULE_LABELS: Record<RuleId, string> = {
  shift: 'shift',
  trend: 'trend',
  'too-few-runs': 'too few runs',
  'too-many-runs': 'too many runs',
  astronomical: 'astronomical point',
  'longest-run': 'long run',
  'too-few-crossings': 'too few crossings',
  'beyond-limits': 'beyond limits',
};

/** Colours as CSS variables with defaults, so a theme can restyle every class. */
export const STANDALONE_STYLE = `
svg.pdsa-chart { font-family: system-ui, -apple-system, "Segoe UI", sans-serif; font-size: 11px; background: var(--pdsa-background, #fff); }
.pdsa-chart text { fill: var(--pdsa-foreground, #333); }
.pdsa-chart .title { font-size: 13px; font-weight: 600; }
.pdsa-chart .axis line, .pdsa-chart .grid { stroke: var(--pdsa-grid, #ddd); }
.pdsa-chart .frame { fill: none; stroke: var(--pdsa-grid, #ccc); }
.pdsa-chart .line { fill: none; stroke-width: 1.6; }
.pdsa-chart .centre { fill: none; stroke-width: 1.2; }
.pdsa-chart .centre.extension { stroke-dasharray: 5 3; }
.pdsa-chart .limit { fill: none; stroke: var(--pdsa-limit, #c0504d); stroke-width: 1; stroke-dasharray: 2 2; }
.pdsa-chart .phase { stroke: var(--pdsa-foreground, #333); stroke-dasharray: 1 3; }
.pdsa-chart .target { stroke: var(--pdsa-target, #2e7d32); stroke-width: 1.2; stroke-dasharray: 8 4; fill: none; }
.pdsa-chart text.target-label { fill: var(--pdsa-target, #2e7d32); }
.pdsa-chart .signal-span { fill: none; stroke: var(--pdsa-signal, #ff9800); stroke-width: 6; stroke-opacity: 0.45; stroke-linecap: round; }
.pdsa-chart .point.signal { stroke: var(--pdsa-signal, #ff9800); stroke-width: 2.5; }
.pdsa-chart .cycle rect { fill-opacity: 0.35; stroke-width: 1; }
.pdsa-chart .cycle.decision-adopt rect { fill: var(--pdsa-adopt, #2e7d32); stroke: var(--pdsa-adopt, #2e7d32); }
.pdsa-chart .cycle.decision-adapt rect { fill: var(--pdsa-adapt, #f9a825); stroke: var(--pdsa-adapt, #f9a825); }
.pdsa-chart .cycle.decision-abandon rect { fill: var(--pdsa-abandon, #c62828); stroke: var(--pdsa-abandon, #c62828); }
.pdsa-chart .cycle.decision-none rect { fill: var(--pdsa-grid, #999); stroke: var(--pdsa-grid, #999); }
.pdsa-chart .series-0 { stroke: var(--pdsa-series-0, #1f77b4); } .pdsa-chart circle.series-0, .pdsa-chart rect.series-0 { fill: var(--pdsa-series-0, #1f77b4); }
.pdsa-chart .series-1 { stroke: var(--pdsa-series-1, #9467bd); } .pdsa-chart circle.series-1, .pdsa-chart rect.series-1 { fill: var(--pdsa-series-1, #9467bd); }
.pdsa-chart .series-2 { stroke: var(--pdsa-series-2, #17becf); } .pdsa-chart circle.series-2, .pdsa-chart rect.series-2 { fill: var(--pdsa-series-2, #17becf); }
.pdsa-chart .series-3 { stroke: var(--pdsa-series-3, #8c564b); } .pdsa-chart circle.series-3, .pdsa-chart rect.series-3 { fill: var(--pdsa-series-3, #8c564b); }
`;

function unitText(model: ChartModel): string {
  return model.measure.unit ? ` ${model.measure.unit}` : '';
}

/** A text summary for screen readers (the <desc>) and for the CLI. */
export function describeChart(model: ChartModel): string {
  const kind = model.type === 'run' ? 'Run chart' : model.type === 'i' ? 'I chart (XmR)' : 'P chart';
  const parts = [`${kind} of ${model.measure.name} (${model.rules === 'ihi' ? 'IHI' : 'Anhøj'} rules).`];
  for (const g of model.groups) {
    const present = g.analysis.points.filter((p) => p.value !== null);
    const first = g.analysis.points[0]?.date;
    const last = g.analysis.points[g.analysis.points.length - 1]?.date;
    const centres = g.analysis.phases.map((p) => fmt(p.centre)).join(', then ');
    const signals = g.analysis.signals.map((s) => RULE_LABELS[s.rule]);
    parts.push(`${g.group}: ${present.length} values from ${first} to ${last}; ${model.type === 'run' ? 'median' : 'centre'} ${centres}${unitText(model)}; ${signals.length ? `signals: ${[...new Set(signals)].join(', ')}` : 'no signals'}.`);
  }
  if (model.cycles.length) parts.push(`${model.cycles.length} PDSA cycles marked.`);
  return parts.join(' ');
}

/** The chart as an SVG string: a pure function of the model, shared by the CLI and the webview. */
export function renderChart(model: ChartModel, options: RenderOptions = {}): string {
  const W = Math.max(320, options.width ?? 800);
  const narrow = W < 600;
  const cycleRows = model.cycles.length ? 3 : 0;
  const legendH = 18;
  const H = options.height ?? Math.round(Math.min(620, Math.max(300, W * 0.55)));
  const m = { left: narrow ? 40 : 56, right: 14, top: 30 + legendH, bottom: 26 + cycleRows * 12 + (cycleRows ? 10 : 0) };
  const plotW = W - m.left - m.right;
  const plotH = H - m.top - m.bottom;

  // Domains.
  const allPoints = model.groups.flatMap((g) => g.analysis.points);
  const days = allPoints.map((p) => dayNumber(p.date));
  let minDay = Math.min(...days);
  let maxDay = Math.max(...days);
  if (!Number.isFinite(minDay)) minDay = maxDay = dayNumber('2000-01-01');
  if (maxDay === minDay) maxDay = minDay + 7;
  const ys: number[] = [];
  for (const g of model.groups) {
    for (const p of g.analysis.points) if (p.value !== null) ys.push(p.value);
    for (const ph of g.analysis.phases) {
      if (Number.isFinite(ph.centre)) ys.push(ph.centre);
      for (const v of [...(ph.upper ?? []), ...(ph.lower ?? [])]) if (v !== null && Number.isFinite(v)) ys.push(v);
    }
  }
  for (const t of model.targets) ys.push(t.value);
  let minY = ys.length ? Math.min(...ys) : 0;
  let maxY = ys.length ? Math.max(...ys) : 1;
  if (maxY === minY) {
    minY -= 1;
    maxY += 1;
  }
  const pad = (maxY - minY) * 0.06;
  minY -= pad;
  maxY += pad;
  const sx = (day: number) => m.left + ((day - minDay) / (maxDay - minDay)) * plotW;
  const sy = (v: number) => m.top + (1 - (v - minY) / (maxY - minY)) * plotH;
  const X = (date: string) => sx(dayNumber(date)).toFixed(1);
  const Y = (v: number) => sy(v).toFixed(1);

  const out: string[] = [];
  const titleId = `t-${model.measure.id}`;
  out.push(`<svg xmlns="http://www.w3.org/2000/svg" class="pdsa-chart" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" role="img" aria-labelledby="${x(titleId)} ${x(titleId)}-d">`);
  out.push(`<title id="${x(titleId)}">${x(model.measure.name)}</title>`);
  out.push(`<desc id="${x(titleId)}-d">${x(describeChart(model))}</desc>`);
  if (options.embedStyle) out.push(`<style>${STANDALONE_STYLE}</style>`);
  out.push(`<text class="title" x="${m.left}" y="16">${x(model.measure.name)}${x(unitText(model) ? ` (${model.measure.unit})` : '')}</text>`);

  // Legend.
  let lx = m.left;
  const legendY = 32;
  model.groups.forEach((g, k) => {
    out.push(`<rect class="legend series-${k % 4}" x="${lx}" y="${legendY - 8}" width="10" height="10"/><text class="legend-label" x="${lx + 14}" y="${legendY}">${x(g.group)}</text>`);
    lx += 24 + Math.min(200, g.group.length * 6.2);
  });
  if (!narrow) out.push(`<text class="legend-label" x="${lx}" y="${legendY}">${model.type === 'run' ? '— median (dashed: extended)' : '— mean, · · control limits'}</text>`);

  // Axes and grid.
  out.push(`<g class="axis">`);
  for (const t of niceTicks(minY, maxY, narrow ? 4 : 7)) {
    out.push(`<line class="grid" x1="${m.left}" x2="${W - m.right}" y1="${Y(t)}" y2="${Y(t)}"/><text x="${m.left - 6}" y="${(sy(t) + 3.5).toFixed(1)}" text-anchor="end">${x(fmt(t))}</text>`);
  }
  for (const t of monthTicks(minDay, maxDay, Math.floor(plotW / (narrow ? 70 : 60)))) {
    out.push(`<line x1="${sx(t.day).toFixed(1)}" x2="${sx(t.day).toFixed(1)}" y1="${m.top + plotH}" y2="${m.top + plotH + 4}"/><text x="${sx(t.day).toFixed(1)}" y="${m.top + plotH + 15}" text-anchor="middle">${x(t.label)}</text>`);
  }
  out.push(`</g><rect class="frame" x="${m.left}" y="${m.top}" width="${plotW}" height="${plotH}"/>`);

  // Targets.
  for (const t of model.targets) {
    out.push(`<g class="target-line" data-target="${x(t.id)}"><line class="target" x1="${m.left}" x2="${W - m.right}" y1="${Y(t.value)}" y2="${Y(t.value)}"/><text class="target-label" x="${W - m.right - 4}" y="${(sy(t.value) - 4).toFixed(1)}" text-anchor="end">${x(`target ${fmt(t.value)} by ${t.date}${t.group ? ` (${t.group})` : ''}`)}</text></g>`);
  }

  model.groups.forEach((g, k) => {
    const cls = `series-${k % 4}`;
    const pts = g.analysis.points;
    out.push(`<g class="group" data-group="${x(g.group)}">`);
    for (const [p, phase] of g.analysis.phases.entries()) out.push(phaseMarks(phase, p, pts, cls, X, Y, m.top, plotH, narrow));
    // Signal spans under the line.
    for (const s of g.analysis.signals) {
      if (s.rule !== 'shift' && s.rule !== 'trend' && s.rule !== 'longest-run') continue;
      const coords = s.points.map((i) => `${X(pts[i]!.date)},${Y(pts[i]!.value as number)}`).join(' ');
      out.push(`<polyline class="signal-span rule-${s.rule}" points="${coords}"><title>${x(s.message)}</title></polyline>`);
    }
    // The data line, broken at missing values.
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
    const signalRules = new Map<number, RuleId[]>();
    for (const s of g.analysis.signals) {
      if (s.rule === 'too-few-runs' || s.rule === 'too-many-runs' || s.rule === 'too-few-crossings') continue; // whole-phase signals are named in the summary
      for (const i of s.points) signalRules.set(i, [...(signalRules.get(i) ?? []), s.rule]);
    }
    const r = narrow ? 2.2 : 3;
    pts.forEach((p, i) => {
      if (p.value === null) return;
      const rules = signalRules.get(i);
      const label = `${p.date}: ${fmt(p.value)}${unitText(model)} (${g.group})${rules ? ` — ${[...new Set(rules)].map((rule) => RULE_LABELS[rule]).join(', ')}` : ''}`;
      out.push(`<circle class="point ${cls}${rules ? ` signal ${[...new Set(rules)].map((rule) => `rule-${rule}`).join(' ')}` : ''}" cx="${X(p.date)}" cy="${Y(p.value)}" r="${rules ? r + 1 : r}" data-index="${i}"><title>${x(label)}</title></circle>`);
    });
    out.push(`</g>`);
  });

  // PDSA cycles as spans on the time axis, one row per decision.
  const rowOf = { adopt: 0, adapt: 1, abandon: 2 } as const;
  const bandTop = m.top + plotH + 22;
  for (const c of model.cycles) {
    const s = dayNumber(c.start);
    const e = c.end ? dayNumber(c.end) : s;
    if (e < minDay || s > maxDay) continue;
    const x1 = sx(Math.max(minDay, s));
    const x2 = Math.max(x1 + 3, sx(Math.min(maxDay, e)));
    const row = c.decision ? rowOf[c.decision] : 1;
    const y = bandTop + row * 12;
    const label = `${c.title} (${c.start}${c.end ? ` to ${c.end}` : ''}): ${c.decision ?? 'no decision yet'}`;
    out.push(`<g class="cycle decision-${c.decision ?? 'none'}" data-cycle="${x(c.id)}" data-uri="${x(c.uri)}" tabindex="0" role="link"><rect x="${x1.toFixed(1)}" y="${y}" width="${(x2 - x1).toFixed(1)}" height="9" rx="2"/><title>${x(label)}</title></g>`);
  }
  if (model.cycles.length && !narrow) out.push(`<text class="legend-label" x="${W - m.right}" y="${bandTop + 7}" text-anchor="end">PDSA cycles: adopt / adapt / abandon</text>`);
  out.push(`</svg>`);
  return out.join('\n');
}

function phaseMarks(phase: PhaseAnalysis, index: number, pts: { date: string }[], cls: string, X: (d: string) => string, Y: (v: number) => string, top: number, plotH: number, narrow: boolean): string {
  const out: string[] = [];
  const first = pts[phase.from]!.date;
  const last = pts[phase.to]!.date;
  const baselineEnd = pts[phase.baselineTo]!.date;
  if (index > 0) {
    out.push(`<line class="phase" x1="${X(first)}" x2="${X(first)}" y1="${top}" y2="${top + plotH}"/>`);
    if (phase.label && !narrow) out.push(`<text class="phase-label" x="${(Number(X(first)) + 4).toFixed(1)}" y="${top + 12}">${x(phase.label)}</text>`);
  }
  if (Number.isFinite(phase.centre)) {
    out.push(`<line class="centre baseline ${cls}" x1="${X(first)}" x2="${X(baselineEnd)}" y1="${Y(phase.centre)}" y2="${Y(phase.centre)}"><title>${x(`${phase.label ? `${phase.label}: ` : ''}centre ${fmt(phase.centre)}, from the baseline ${first} to ${baselineEnd}`)}</title></line>`);
    if (phase.baselineTo < phase.to) out.push(`<line class="centre extension ${cls}" x1="${X(baselineEnd)}" x2="${X(last)}" y1="${Y(phase.centre)}" y2="${Y(phase.centre)}"/>`);
  }
  for (const [limits, name] of [[phase.upper, 'upper'], [phase.lower, 'lower']] as const) {
    if (!limits) continue;
    const defined = limits.filter((v): v is number => v !== null && Number.isFinite(v));
    // I-chart limits are constant in a phase: one line, not a polyline through every point.
    if (defined.length === limits.length && defined.length > 0 && defined.every((v) => v === defined[0])) {
      out.push(`<line class="limit ${name}" x1="${X(first)}" x2="${X(last)}" y1="${Y(defined[0]!)}" y2="${Y(defined[0]!)}"/>`);
      continue;
    }
    const coords: string[] = [];
    limits.forEach((v, k) => {
      if (v !== null && Number.isFinite(v)) coords.push(`${X(pts[phase.from + k]!.date)},${Y(v)}`);
    });
    if (coords.length) out.push(`<polyline class="limit ${name}" points="${coords.join(' ')}"/>`);
  }
  return out.join('\n');
}


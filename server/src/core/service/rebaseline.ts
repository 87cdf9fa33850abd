import { isMap, isSeq, type Node } from 'yaml';
import { CodeActionKind, type CodeAction, type Range, type TextEdit } from 'vscode-languageserver-types';
import { buildChart, ChartError, type ChartModel, type CycleMark } from '../analytics/model';
import type { Signal } from '../analytics/types';
import { locate, pairOf } from '../ast';
import type { Workspace } from '../workspace';
import { documentOf, type WorksheetFile } from '../worksheet';
import { positionOf } from './common';

/** What the action proposes: a new phase at the first point of a sustained shift after an adopted change. */
export interface Rebaseline {
  measure: string;
  group: string;
  /** The shift's first point: where the new phase starts. */
  start: string;
  cycle: CycleMark;
  label: string;
}

/** Sustained shifts: the runs rule of each set (IHI and MDC shift, Anhøj's unusually long run). */
const SUSTAINED: ReadonlySet<Signal['rule']> = new Set(['shift', 'longest-run']);

/**
 * The re-baseline a measure's chart suggests, if any: in the latest phase of a group (the whole
 * measure first), a sustained shift in the better direction (either, for `better: neither`) whose
 * first point comes on or after the start of a cycle that adopted a change and collects the measure.
 * The phase starts at the shift's first point, labelled with the latest such cycle.
 */
export function suggestRebaseline(model: ChartModel): Rebaseline | undefined {
  const adopted = model.cycles.filter((c) => c.decision === 'adopt');
  if (!adopted.length) return undefined;
  const better = model.measure.better;
  for (const g of model.groups) {
    const last = g.analysis.phases[g.analysis.phases.length - 1];
    if (!last) continue;
    for (const s of last.signals) {
      if (!SUSTAINED.has(s.rule) || !s.points.length) continue;
      if (better !== 'neither' && s.side !== (better === 'up' ? 'high' : 'low')) continue;
      const first = s.points[0]!;
      if (first === last.from) continue; // the phase already starts there
      const start = g.analysis.points[first]!.date;
      const cycle = adopted.filter((c) => c.start <= start).pop();
      if (!cycle) continue;
      return { measure: model.measure.id, group: g.group, start, cycle, label: `${cycle.title} (${cycle.id})` };
    }
  }
  return undefined;
}

/** A YAML scalar for a label inside a flow mapping: plain when safe (no commas, brackets, ": " or " #"), else double-quoted. */
function scalar(text: string): string {
  return /^[A-Za-z0-9][\w .()'/-]*$/.test(text) && !/: |\s#/.test(text) ? text : JSON.stringify(text);
}

function columnOf(text: string, offset: number): number {
  return offset - (text.lastIndexOf('\n', offset - 1) + 1);
}

function endOfContent(text: string, end: number): number {
  while (end > 0 && /\s/.test(text[end - 1]!)) end--;
  return end;
}

/**
 * The smallest edit that appends the phase to the measure's `chart.phases` (creating `phases` or
 * `chart` when missing), in block style at the file's indentation; nothing else changes. None when
 * the measure's chart or phases are written in flow style (`{...}`, `[...]`): we do not rewrite those.
 */
export function addPhaseEdit(
  file: WorksheetFile,
  measureIndex: number,
  start: string,
  label: string,
): TextEdit | undefined {
  const doc = documentOf(file);
  const measure = doc ? locate(doc, ['measures', measureIndex])?.node : undefined;
  if (!isMap(measure) || measure.flow || !measure.range) return undefined;
  const text = file.parsed.text;
  const item = `{start: ${start}, label: ${scalar(label)}}`;
  const insertAt = (offset: number, newText: string): TextEdit => {
    const at = positionOf(file, offset);
    return { range: { start: at, end: at }, newText };
  };
  const firstKey = measure.items[0]?.key as Node | undefined;
  const keyColumn = firstKey?.range ? columnOf(text, firstKey.range[0]) : 4;
  const chartPair = pairOf(measure, 'chart');
  if (!chartPair) {
    const pad = ' '.repeat(keyColumn);
    return insertAt(endOfContent(text, measure.range[1]), `\n${pad}chart:\n${pad}  phases:\n${pad}    - ${item}`);
  }
  const chart = chartPair.value as Node | null;
  if (!isMap(chart) || chart.flow || !chart.range) return undefined;
  const chartKey = chart.items[0]?.key as Node | undefined;
  const chartColumn = chartKey?.range ? columnOf(text, chartKey.range[0]) : keyColumn + 2;
  const phasesPair = pairOf(chart, 'phases');
  if (!phasesPair) {
    const pad = ' '.repeat(chartColumn);
    return insertAt(endOfContent(text, chart.range[1]), `\n${pad}phases:\n${pad}  - ${item}`);
  }
  const phases = phasesPair.value as Node | null;
  if (!isSeq(phases) || phases.flow || !phases.range || !phases.items.length) return undefined;
  const firstItem = phases.items[0] as Node;
  // The "- " sits two columns before the item's content.
  const dash = firstItem.range ? Math.max(0, columnOf(text, firstItem.range[0]) - 2) : chartColumn + 2;
  return insertAt(endOfContent(text, phases.range[1]), `\n${' '.repeat(dash)}- ${item}`);
}

/** "Start a new phase" on a measure whose chart shows a sustained shift after an adopted change. */
export function rebaselineActions(ws: Workspace, uri: string, range: Range): CodeAction[] {
  const file = ws.worksheet(uri);
  const measures = file?.factors?.measures;
  const doc = file ? documentOf(file) : undefined;
  if (!file || !measures || !doc) return [];
  const actions: CodeAction[] = [];
  measures.forEach((m, index) => {
    const node = locate(doc, ['measures', index])?.node;
    if (!m?.id || !node?.range) return;
    const from = positionOf(file, node.range[0]).line;
    const to = positionOf(file, endOfContent(file.parsed.text, node.range[1])).line;
    if (range.end.line < from || range.start.line > to) return;
    let model: ChartModel;
    try {
      model = buildChart(ws, { measure: m.id, from: uri });
    } catch (error) {
      if (error instanceof ChartError) return;
      throw error;
    }
    const suggestion = suggestRebaseline(model);
    const edit = suggestion && addPhaseEdit(file, index, suggestion.start, suggestion.label);
    if (!suggestion || !edit) return;
    actions.push({
      title: `Start a new phase on ${suggestion.start}: sustained shift after ${suggestion.cycle.id} was adopted`,
      kind: CodeActionKind.Refactor,
      edit: { changes: { [uri]: [edit] } },
    });
  });
  return actions;
}

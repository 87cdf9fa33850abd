import type { TextEdit } from 'vscode-languageserver-types';
import { describe, expect, it } from 'vitest';
import { buildChart } from '../../server/src/core/analytics/model';
import { rebaselineActions, suggestRebaseline } from '../../server/src/core/service/rebaseline';
import { FACTORS, cycle, workspaceOf } from '../helpers';

const URI = 'file:///ws/focus.factors.yaml';
// Better down. Twelve weeks around 30, then eight at 26 from 2025-11-24 (index 12).
const values = [29, 31, 29, 31, 29, 31, 29, 31, 29, 31, 29, 31, 26, 26, 26, 26, 26, 26, 26, 26];
const data = values
  .map((v, i) => `      - [${new Date(Date.UTC(2025, 8, 1 + 7 * i)).toISOString().slice(0, 10)}, ${v}]`)
  .join('\n');

function files(chart: string, decision = 'adopt', start = '2025-11-10') {
  return {
    'focus.factors.yaml': FACTORS.replace(
      '    data:\n      - [2025-09-01, 30]\n      - [2025-09-08, 29]\n',
      `    data:\n${data}\n${chart}`,
    ),
    'c1.pdsa.yaml': cycle('c1', '', { decision }).replace(
      'when: {start: 2026-01-05, end: 2026-01-09}',
      `when: {start: ${start}, end: 2025-11-21}`,
    ),
  };
}

/** Applies edits to a text (positions as the LSP gives them). */
function apply(text: string, edits: TextEdit[]): string {
  const offset = (p: { line: number; character: number }) =>
    text
      .split('\n')
      .slice(0, p.line)
      .reduce((n, l) => n + l.length + 1, 0) + p.character;
  return [...edits]
    .sort((a, b) => offset(b.range.start) - offset(a.range.start))
    .reduce((t, e) => t.slice(0, offset(e.range.start)) + e.newText + t.slice(offset(e.range.end)), text);
}

const measureLine = (text: string) => text.split('\n').findIndex((l) => l.includes('- id: absence'));
const actionsOf = (f: Record<string, string>) => {
  const ws = workspaceOf(f);
  const line = measureLine(f['focus.factors.yaml']!);
  return rebaselineActions(ws, URI, { start: { line, character: 4 }, end: { line, character: 4 } });
};

describe('re-baseline code action', () => {
  it('suggests a phase at the first point of a sustained shift after an adopted change, labelled with the cycle', () => {
    const model = buildChart(workspaceOf(files('')), { measure: 'absence' });
    expect(suggestRebaseline(model)).toMatchObject({
      measure: 'absence',
      group: 'all',
      start: '2025-11-24',
      cycle: { id: 'c1' },
      label: 'Cycle c1 (c1)',
    });
  });

  it('adds chart.phases where there is no chart, and then offers nothing more', () => {
    const f = files('');
    const [action] = actionsOf(f);
    expect(action?.title).toBe('Start a new phase on 2025-11-24: sustained shift after c1 was adopted');
    const edited = apply(f['focus.factors.yaml']!, action!.edit!.changes![URI]!);
    expect(edited).toContain(
      `      - [2026-01-12, 26]\n    chart:\n      phases:\n        - {start: 2025-11-24, label: Cycle c1 (c1)}\nfactors:`,
    );
    const after = { ...f, 'focus.factors.yaml': edited };
    expect(workspaceOf(after).diagnostics(URI)).toEqual([]);
    expect(actionsOf(after)).toEqual([]);
  });

  it('adds phases to an existing chart block, or appends to its phases, keeping everything else', () => {
    const noPhases = files('    chart:\n      type: i # weekly\n');
    const edited = apply(noPhases['focus.factors.yaml']!, actionsOf(noPhases)[0]!.edit!.changes![URI]!);
    expect(edited).toContain(
      '    chart:\n      type: i # weekly\n      phases:\n        - {start: 2025-11-24, label: Cycle c1 (c1)}\n',
    );

    const withPhases = files('    chart:\n      phases:\n        - start: 2025-09-15\n          label: New register\n');
    const appended = apply(withPhases['focus.factors.yaml']!, actionsOf(withPhases)[0]!.edit!.changes![URI]!);
    expect(appended).toContain('          label: New register\n        - {start: 2025-11-24, label: Cycle c1 (c1)}\n');
    expect(workspaceOf({ ...withPhases, 'focus.factors.yaml': appended }).diagnostics(URI)).toEqual([]);
  });

  it('offers nothing without an adopted change before the shift, for a shift the wrong way, or for flow-style settings', () => {
    expect(actionsOf(files('', 'adapt'))).toEqual([]);
    expect(actionsOf(files('', 'adopt', '2025-12-01'))).toEqual([]);
    expect(actionsOf(files('    chart: {type: run}\n'))).toEqual([]);
    const worse = files('').valueOf() as Record<string, string>;
    worse['focus.factors.yaml'] = worse['focus.factors.yaml']!.replace('better: down', 'better: up');
    expect(actionsOf(worse)).toEqual([]);
  });

  it('quotes a label that YAML would misread', () => {
    const f = files('');
    f['c1.pdsa.yaml'] = f['c1.pdsa.yaml']!.replace('title: Cycle c1', 'title: "Greeters: both doors, #2"');
    const edited = apply(f['focus.factors.yaml']!, actionsOf(f)[0]!.edit!.changes![URI]!);
    expect(edited).toContain('- {start: 2025-11-24, label: "Greeters: both doors, #2 (c1)"}');
    expect(workspaceOf({ ...f, 'focus.factors.yaml': edited }).diagnostics(URI)).toEqual([]);
  });
});

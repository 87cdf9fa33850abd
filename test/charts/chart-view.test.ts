// The chart panel's view of a measure: a date range (a window on the whole analysis, not a new
// one), the team's dated notes, and the team's name in a collaborative.
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildChart } from '../../server/src/core/analytics/model';
import { describeChart, renderChart } from '../../server/src/core/render/runchart-svg';
import { summariseSignals } from '../../server/src/core/render/signal-text';
import { lastPoints, windowModel, windowOf } from '../../server/src/core/render/window';
import { loadFolder } from '../collab/load';
import { FACTORS, diagnosticsOf, workspaceOf } from '../helpers';
import { exampleWorkspace } from './fixtures';

const absence = () => buildChart(exampleWorkspace(), { measure: 'chronic-absence' });
const count = (svg: string, re: RegExp) => svg.match(re)?.length ?? 0;

describe('date range: a view window on the whole analysis', () => {
  it('last N points: the last N dates with data, in every group', () => {
    const model = absence();
    const w = lastPoints(model, 12);
    const dates = [
      ...new Set(model.groups.flatMap((g) => g.analysis.points.filter((p) => p.value !== null).map((p) => p.date))),
    ].sort();
    expect(w).toEqual({ from: dates[dates.length - 12] });
    expect(lastPoints(model, 10_000)).toEqual({});
    const cut = windowModel(model, w);
    // Both groups report every week: 12 values each (weeks without a value, a school break, do not count).
    for (const g of cut.groups) expect(g.analysis.points.filter((p) => p.value !== null)).toHaveLength(12);
  });

  it('keeps the centre lines and limits of the whole series (a frozen baseline stays frozen)', () => {
    for (const type of ['run', 'i'] as const) {
      const model = buildChart(exampleWorkspace(), { measure: 'chronic-absence', type });
      const w = windowOf(model, { last: 26 });
      const cut = windowModel(model, w);
      model.groups.forEach((g, k) => {
        const pts = g.analysis.points;
        const lo = pts.findIndex((p) => p.date >= w.from!);
        const c = cut.groups[k]!;
        expect(c.analysis.points).toEqual(pts.slice(lo));
        for (const ph of c.analysis.phases) {
          // The same phase of the whole series: same centre, and limits at each point the same values.
          const whole = g.analysis.phases.find((p) => p.from <= ph.from + lo && p.to >= ph.to + lo)!;
          expect(ph.centre).toBe(whole.centre);
          if (type === 'i') {
            expect(ph.upper).toEqual(whole.upper!.slice(ph.from + lo - whole.from, ph.to + lo - whole.from + 1));
            expect(ph.lower).toEqual(whole.lower!.slice(ph.from + lo - whole.from, ph.to + lo - whole.from + 1));
          }
        }
        // Signal points are re-indexed onto the window and name the same points.
        for (const s of c.analysis.signals)
          for (const i of s.points)
            expect(g.analysis.signals.some((o) => o.rule === s.rule && o.points.includes(i + lo))).toBe(true);
      });
    }
  });

  it('draws only the window, and lists the whole series signals that reach into it', () => {
    const model = absence();
    const w = windowOf(model, { from: '2026-09-01', to: '2026-10-31' });
    const svg = renderChart(model, { width: 800, summary: true, range: w });
    const shown = model.groups.reduce(
      (n, g) => n + g.analysis.points.filter((p) => p.value !== null && p.date >= w.from! && p.date <= w.to!).length,
      0,
    );
    expect(count(svg, /<circle class="point series-[^>]* data-index=/g)).toBe(shown);
    const listed = summariseSignals(model).filter((s) => s.to >= w.from! && s.from <= w.to!);
    expect(listed.length).toBeGreaterThan(0);
    expect(listed.length).toBeLessThan(summariseSignals(model).length);
    // Each listed signal keeps its whole extent (dates before the window included).
    for (const s of listed) expect(svg).toContain(s.headline.replace(/&/g, '&amp;'));
    expect(count(svg, /class="summary-line"/g)).toBeGreaterThanOrEqual(listed.length);
    // The time axis is the window: no month before September 2026.
    expect(svg).not.toMatch(/>Aug</);
  });

  it('all: the same chart as no range', () => {
    const model = absence();
    expect(renderChart(model, { width: 700, range: windowOf(model, undefined) })).toBe(
      renderChart(model, { width: 700 }),
    );
  });
});

describe('dated notes on a measure', () => {
  const withNotes = (notes: string) => FACTORS.replace('    better: down\n', `    better: down\n    notes:\n${notes}`);

  it('are validated: a date that is not a real date is reported at its place', () => {
    const text = withNotes(
      '      - {date: 2025-09-05, text: New bus route}\n      - {date: 2025-02-30, text: Flu week}\n      - {date: 2025-09-06}\n',
    );
    const ws = workspaceOf({ 'focus.factors.yaml': text });
    const lines = text.split('\n');
    const line = lines.findIndex((l) => l.includes('2025-02-30')) + 1;
    const col = lines[line - 1]!.indexOf('2025-02-30') + 1;
    const shown = diagnosticsOf(ws, 'focus.factors.yaml');
    expect(shown).toContain(`invalid-date ${line}:${col}-${line}:${col + 10}`);
    // A note without its text is reported on the note.
    const note = lines[line]!;
    expect(shown).toContain(`missing-key ${line + 1}:${note.indexOf('{') + 1}-${line + 1}:${note.length + 1}`);
    expect(shown).toHaveLength(2);
  });

  it('reach the chart in date order, drawn as numbered marks with their text listed, and in the description', () => {
    const ws = workspaceOf({
      'focus.factors.yaml': withNotes(
        "      - {date: 2025-09-08, text: 'Flu week: <many> absent'}\n      - {date: 2025-09-02, text: New bus route}\n",
      ),
    });
    const model = buildChart(ws, { measure: 'absence' });
    expect(model.notes).toEqual([
      { date: '2025-09-02', text: 'New bus route' },
      { date: '2025-09-08', text: 'Flu week: <many> absent' },
    ]);
    const svg = renderChart(model, { width: 600, embedStyle: true, portable: true });
    expect(count(svg, /<g class="note-mark" data-note="\d"/g)).toBe(2);
    expect(svg).toContain('<text class="note-text" x="30" y=');
    expect(svg).toContain('2 Sep 2025: New bus route</text>');
    expect(svg).toContain('8 Sep 2025: Flu week: &lt;many&gt; absent</text>');
    expect(describeChart(model)).toContain(
      'Notes: 1, 2 Sep 2025: New bus route; 2, 8 Sep 2025: Flu week: <many> absent.',
    );
  });
});

describe('the team in the title', () => {
  const collab = path.join(__dirname, '..', '..', 'examples', 'k3-collaborative');

  it("names the team whose chart it is, for the team's files and from the collaborative", () => {
    const ws = loadFolder(collab);
    const granger = [...ws.worksheets()].find((f) => /teams\/granger\/[^/]+\.factors\.yaml$/.test(f.uri))!;
    const common = [...ws.worksheets()].find((f) => f.kind === 'collaborative')!;
    const measure = common.collaborative!.measures![0]!.id;
    const model = buildChart(ws, { measure, from: granger.uri });
    expect(model.team).toBe('Granger Elementary');
    const svg = renderChart(model, { width: 600 });
    expect(svg).toMatch(/<text class="title" x="8" y="\d+">Granger Elementary: /);
    expect(describeChart(model)).toContain(', Granger Elementary (');
    // A team's own measure (not a common one), asked for without a file: the team of the file it is defined in.
    expect(buildChart(ws, { measure: 'greeted-by-name' }).team).toBe('Granger Elementary');
    // Outside a collaborative there is no team.
    expect(absence().team).toBeUndefined();
  });
});

describe('notes in the editor', () => {
  it('are offered on a measure and explained on hover, from the schema', async () => {
    const { completions } = await import('../../server/src/core/service/completion');
    const { hover } = await import('../../server/src/core/service/hover');
    const text = FACTORS.replace('    better: down\n', '    better: down\n    \n');
    const ws = workspaceOf({ 'focus.factors.yaml': text });
    const line = text.split('\n').indexOf('    better: down') + 1;
    const items = completions(ws, 'file:///ws/focus.factors.yaml', { line, character: 4 }, '2026-11-22');
    expect(items.map((i) => i.label)).toContain('notes');
    const noted = FACTORS.replace(
      '    better: down\n',
      '    better: down\n    notes:\n      - {date: 2025-09-05, text: New bus route}\n',
    );
    const ws2 = workspaceOf({ 'focus.factors.yaml': noted });
    const at = noted.split('\n').indexOf('    notes:');
    const h = hover(ws2, 'file:///ws/focus.factors.yaml', { line: at, character: 6 });
    expect(JSON.stringify(h)).toContain('Dated notes the team writes on the measure');
  });
});

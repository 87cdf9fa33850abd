// Geometry of the run chart as a browser lays it out (real fonts, real text metrics): at the widths
// people use (beside the editor to full screen), for every measure of the example and the bench
// series, no label covers a data point or another label, no text is clipped, and the parts a coach
// needs are there: legend, phase labels, years, cycle labels.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChartModel } from '../../server/src/core/analytics/model';
import { segmentMeetsRect } from '../../server/src/core/render/chart-layout';
import { renderChart } from '../../server/src/core/render/runchart-svg';
import { windowModel, windowOf, type ChartRange } from '../../server/src/core/render/window';
import { benchModels, exampleModels, longSeriesModel } from '../charts/fixtures';

const WIDTHS = [480, 600, 1000, 1600];
const SHOTS = path.join(__dirname, '..', '..', 'test-results', 'charts');

interface Geometry {
  width: number;
  height: number;
  texts: { text: string; cls: string; x: number; y: number; w: number; h: number }[];
  points: { x: number; y: number; r: number }[];
  /** The data lines' straight pieces (polylines of the groups, not the legend's swatches). */
  segments: { x1: number; y1: number; x2: number; y2: number }[];
}

/** Text boxes and point circles of the SVG now on the page, in SVG user units. */
function measure(page: Page): Promise<Geometry> {
  return page.evaluate(() => {
    const svg = document.querySelector('svg')!;
    const texts = [...svg.querySelectorAll('text')].map((t) => {
      const b = t.getBBox();
      return { text: t.textContent ?? '', cls: t.getAttribute('class') ?? '', x: b.x, y: b.y, w: b.width, h: b.height };
    });
    const points = [...svg.querySelectorAll('circle.point')]
      .filter((c) => !c.closest('.legend-item'))
      .map((c) => ({
        x: Number(c.getAttribute('cx')),
        y: Number(c.getAttribute('cy')),
        r: Number(c.getAttribute('r')),
      }));
    const segments = [...svg.querySelectorAll('g.group polyline.line')].flatMap((l) => {
      const pts = (l.getAttribute('points') ?? '')
        .trim()
        .split(/\s+/)
        .map((xy) => xy.split(',').map(Number) as [number, number]);
      return pts.slice(1).map(([x2, y2], i) => ({ x1: pts[i]![0], y1: pts[i]![1], x2, y2 }));
    });
    return {
      width: Number(svg.getAttribute('width')),
      height: Number(svg.getAttribute('height')),
      texts,
      points,
      segments,
    };
  });
}

function problems(g: Geometry): string[] {
  const out: string[] = [];
  const eps = 0.5;
  for (const t of g.texts) {
    if (t.x < -eps || t.y < -eps || t.x + t.w > g.width + eps || t.y + t.h > g.height + eps)
      out.push(`clipped: "${t.text}" at ${t.x.toFixed(0)},${t.y.toFixed(0)} ${t.w.toFixed(0)}x${t.h.toFixed(0)}`);
  }
  // Font boxes include leading; shrink them a little so lines that merely touch do not count.
  const box = (t: Geometry['texts'][number]) => ({ x: t.x + 0.5, y: t.y + 2, w: t.w - 1, h: t.h - 4 });
  for (let i = 0; i < g.texts.length; i++) {
    const a = box(g.texts[i]!);
    for (let j = i + 1; j < g.texts.length; j++) {
      const b = box(g.texts[j]!);
      if (a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h)
        out.push(`overlap: "${g.texts[i]!.text}" and "${g.texts[j]!.text}"`);
    }
    for (const p of g.points) {
      if (p.x + p.r > a.x && p.x - p.r < a.x + a.w && p.y + p.r > a.y && p.y - p.r < a.y + a.h) {
        out.push(`covers a point: "${g.texts[i]!.text}" at ${p.x},${p.y}`);
        break;
      }
    }
    const crossing = g.segments.find((s) => segmentMeetsRect(s, { x: a.x, y: a.y, width: a.w, height: a.h }));
    if (crossing)
      out.push(
        `crossed by the data line: "${g.texts[i]!.text}" (${crossing.x1.toFixed(0)},${crossing.y1.toFixed(0)} to ${crossing.x2.toFixed(0)},${crossing.y2.toFixed(0)})`,
      );
  }
  return out;
}

describe('run chart geometry in Chromium', () => {
  let browser: Browser;
  let page: Page;
  beforeAll(async () => {
    browser = await chromium.launch({
      executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu'],
    });
    page = await browser.newPage({ viewport: { width: 1700, height: 1200 } });
    fs.mkdirSync(SHOTS, { recursive: true });
  });
  afterAll(async () => browser?.close());

  const cases: { name: string; model: ChartModel; range?: ChartRange }[] = [
    ...exampleModels(['run', 'i']),
    ...benchModels(),
    { name: 'long series 1000', model: longSeriesModel(1000) },
    // Date ranges: the last 12 points, and a stretch across the summer break.
    ...exampleModels(['run']).map((c) => ({ ...c, name: `${c.name} last 12`, range: { last: 12 } })),
    ...exampleModels(['i']).map((c) => ({
      ...c,
      name: `${c.name} May to October`,
      range: { from: '2026-05-01', to: '2026-10-31' },
    })),
  ];

  it('has every measure of the example and the bench', () => {
    expect(cases.filter((c) => c.name.startsWith('example')).length).toBeGreaterThanOrEqual(6);
    expect(cases.filter((c) => c.name.startsWith('bench')).length).toBe(5);
  });

  for (const { name, model: whole, range } of cases) {
    it(`${name}: complete, nothing clipped or covered, at ${WIDTHS.join(', ')} px`, async () => {
      const window = windowOf(whole, range);
      // What is drawn: the window's points, phases and cycles.
      const model = windowModel(whole, window);
      for (const width of WIDTHS) {
        const svg = renderChart(whole, { width, height: Math.round(width * 0.62), embedStyle: true, range: window });
        await page.setContent(`<!DOCTYPE html><html><body style="margin:0">${svg}</body></html>`);
        const g = await measure(page);
        expect(g.width).toBe(width);
        expect(problems(g), `${name} at ${width}px`).toEqual([]);
        const texts = g.texts.map((t) => t.text);
        const classes = g.texts.map((t) => t.cls);
        // Legend: every group and the centre line.
        for (const group of model.groups)
          expect(page.locator(`g.legend-item[data-group="${group.group}"]`)).toBeDefined();
        expect(await page.locator('g.legend-item').count()).toBeGreaterThanOrEqual(model.groups.length + 1);
        expect(await page.locator('g.legend-centre').count()).toBe(1);
        // Years on the time axis.
        expect(
          texts.some((t) => /^(19|20)\d\d$/.test(t)),
          `${name} at ${width}px: a year on the axis`,
        ).toBe(true);
        // Phase labels, whenever the measure has phases.
        const phases = model.groups.some((gr) => gr.analysis.phases.length > 1);
        expect(classes.includes('phase-label'), `${name} at ${width}px: phase label`).toBe(phases);
        // Team notes: a numbered mark each, and the text listed under the chart.
        expect(await page.locator('g.note-mark').count(), `${name} at ${width}px: notes`).toBe(
          model.notes?.length ?? 0,
        );
        expect(classes.filter((c) => c === 'note-text').length).toBeGreaterThanOrEqual(model.notes?.length ?? 0);
        // Cycle labels, whenever cycles are on the chart.
        if (model.cycles.length) {
          expect(await page.locator('g.cycle').count()).toBeGreaterThan(0);
          expect(
            classes.filter((c) => c === 'cycle-label').length,
            `${name} at ${width}px: cycle labels`,
          ).toBeGreaterThan(0);
          expect(texts).toContain('under way');
        }
        if (model.targets.length) {
          expect(await page.locator('g.legend-target').count()).toBe(1);
          // Every target drawn says which it is, beside its line (or in the legend when no place is free).
          const unlabelled = await page
            .locator('g.target-line')
            .evaluateAll((lines) => lines.filter((l) => !l.querySelector('text.target-label')).length);
          const inLegend = await page.locator('g.legend-target-value').count();
          expect(unlabelled, `${name} at ${width}px: target labels`).toBe(inLegend);
        }
        if (width === 600 || width === 480)
          await page.screenshot({
            path: path.join(SHOTS, `${name.replace(/\W+/g, '-')}-${width}.png`),
            clip: { x: 0, y: 0, width, height: g.height },
          });
      }
    });
  }
});

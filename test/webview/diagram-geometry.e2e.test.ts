// Driver-diagram geometry as a browser lays it out: every statement in full (nothing cut with "…"),
// no text outside its box, no edge through a box that is not its end; edge crossings reported.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bigDriverWorkspace } from '../../bench/generate';
import { buildDriverModel, type DriverModel } from '../../server/src/core/analytics/drivers';
import { badgeOf, edgeCrossings, edgesThroughBoxes, layoutDiagram, TINY } from '../../server/src/core/analytics/layout';
import { renderDriverDiagram } from '../../server/src/core/render/driver-svg';
import { exampleWorkspace } from '../charts/fixtures';

const SHOTS = path.join(__dirname, '..', '..', 'test-results', 'diagrams');

interface Found {
  outside: string[];
  cut: string[];
  statements: string;
  /** Column titles whose drawn text overlaps another's. */
  titles: string[];
  /** Each box's badge lines (ids, priority, cycle counts) as drawn. */
  badges: { key: string; lines: string[] }[];
}

function inspect(page: Page): Promise<Found> {
  return page.evaluate(() => {
    const outside: string[] = [];
    const cut: string[] = [];
    for (const g of document.querySelectorAll('g.node')) {
      const r = g.querySelector('rect')!.getBBox();
      for (const t of g.querySelectorAll('text')) {
        const b = t.getBBox();
        if (b.x < r.x || b.y < r.y - 0.5 || b.x + b.width > r.x + r.width || b.y + b.height > r.y + r.height + 0.5)
          outside.push(`${g.getAttribute('data-key')}: "${t.textContent}"`);
        if (t.textContent?.includes('…')) cut.push(t.textContent);
      }
    }
    // A word too long for its line is broken after a hyphen: join such lines without a space.
    const statements = [...document.querySelectorAll('g.node')]
      .map((g) =>
        [...g.querySelectorAll('text:not(.badge)')]
          .map((t) => t.textContent ?? '')
          .reduce((text, line) => (!text ? line : /[-_/.]$/.test(text) ? text + line : `${text} ${line}`), ''),
      )
      .join('\n');
    const badges = [...document.querySelectorAll('g.node')].map((g) => ({
      key: g.getAttribute('data-key') ?? '',
      lines: [...g.querySelectorAll('text.badge')].map((t) => t.textContent ?? ''),
    }));
    const titles: string[] = [];
    const boxes = [...document.querySelectorAll('text.column-title')].map((t) => ({
      text: t.textContent ?? '',
      b: (t as SVGTextElement).getBBox(),
    }));
    for (const [i, p] of boxes.entries())
      for (const q of boxes.slice(i + 1))
        if (
          p.b.x < q.b.x + q.b.width &&
          q.b.x < p.b.x + p.b.width &&
          p.b.y < q.b.y + q.b.height &&
          q.b.y < p.b.y + p.b.height
        )
          titles.push(`${p.text} / ${q.text}`);
    return { outside, cut, statements, badges, titles };
  });
}

describe('driver diagram geometry in Chromium', () => {
  let browser: Browser;
  let page: Page;
  beforeAll(async () => {
    browser = await chromium.launch({
      executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu'],
    });
    page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
    fs.mkdirSync(SHOTS, { recursive: true });
  });
  afterAll(async () => browser?.close());

  const cases: [string, () => DriverModel][] = [
    ['example', () => buildDriverModel(exampleWorkspace(), 'file:///ws/belonging.factors.yaml')],
    [
      'example, ideas expanded',
      () =>
        buildDriverModel(
          exampleWorkspace(),
          'file:///ws/belonging.factors.yaml',
          new Set(['S-greeters', 'S-positive-calls', 'S-homeroom-first']),
        ),
    ],
    ['bench 5/20/40/200', () => buildDriverModel(bigDriverWorkspace(), 'file:///big/big.factors.yaml')],
  ];
  for (const [name, make] of cases) {
    it(`${name}: statements in full, text inside boxes, no edge through a box`, async () => {
      const model = make();
      for (const width of [360, 480, 600, 1000, 1600, undefined]) {
        const layout = layoutDiagram(model.nodes, model.edges, width);
        expect(edgesThroughBoxes(layout), `${name} at ${width}`).toEqual([]);
        console.log(
          `${name} at ${width ?? 'natural'} px: ${layout.routes.length} edges, ${edgeCrossings(layout)} crossings, ${Math.round(layout.width)} x ${Math.round(layout.height)}`,
        );
        const svg = renderDriverDiagram(model, { embedStyle: true, width });
        await page.setContent(`<!DOCTYPE html><html><body style="margin:0">${svg}</body></html>`);
        const found = await inspect(page);
        expect(found.outside, `${name} at ${width}`).toEqual([]);
        expect(found.cut).toEqual([]);
        expect(found.titles, `column titles at ${width}`).toEqual([]);
        // Every statement is there, word for word.
        const flat = found.statements.replace(/\s+/g, ' ');
        // Below 520 px the collapsed cycle counts are left out: each idea's badge says them.
        const drawn = model.nodes.filter((n) => !(width && width < TINY && n.key.startsWith('cycles:')));
        for (const n of drawn) expect(flat, n.key).toContain(n.label.replace(/\s+/g, ' '));
        // Ids are never broken between two letters: a badge line ends at a space or after a hyphen.
        for (const { key, lines } of found.badges) {
          const node = model.nodes.find((n) => n.key === key)!;
          let text = '';
          for (const [i, line] of lines.entries()) {
            if (i > 0) expect(line, `${key} at ${width}`).toMatch(/^\S/);
            text += i === 0 || /[-_/.]$/.test(text) ? line : ` ${line}`;
            if (i < lines.length - 1 && !/[-_/.]$/.test(line))
              expect(badgeOf(node).startsWith(`${text} `), `${key}: "${line}" breaks a word at ${width}`).toBe(true);
          }
          expect(text, `${key} at ${width}`).toBe(badgeOf(node));
        }
        if (name !== 'bench 5/20/40/200' || width === 600 || width === 1600)
          await page.screenshot({
            path: path.join(SHOTS, `${name.replace(/\W+/g, '-')}-${width ?? 'natural'}.png`),
            fullPage: true,
          });
      }
    });
  }
});

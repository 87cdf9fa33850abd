import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDriverModel, type DriverModel } from '../../server/src/core/analytics/drivers';
import { Workspace } from '../../server/src/core/workspace';
import { DRIVERS_BODY } from '../../client/src/panels/drivers-body';
import { openHarness, type Harness } from './harness';

const EXAMPLE = path.join(__dirname, '..', '..', 'examples', 'slc-belonging');

function model(replace: (text: string) => string = (t) => t): DriverModel {
  const ws = new Workspace({ today: '2026-11-22' });
  ws.setWorksheet(
    'file:///ex/belonging.factors.yaml',
    replace(fs.readFileSync(path.join(EXAMPLE, 'belonging.factors.yaml'), 'utf8')),
  );
  for (const f of fs.readdirSync(path.join(EXAMPLE, 'cycles')))
    ws.setWorksheet(`file:///ex/cycles/${f}`, fs.readFileSync(path.join(EXAMPLE, 'cycles', f), 'utf8'));
  return buildDriverModel(ws, 'file:///ex/belonging.factors.yaml');
}

describe('driver-diagram webview in a real browser (Chromium)', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await openHarness('drivers', DRIVERS_BODY);
  });
  afterAll(async () => h?.close());

  const show = async (m: DriverModel, view: 'drivers' | 'four-blocker' | 'iceberg' = 'drivers') => {
    await h.post({ type: 'model', model: m, state: { uri: m.focus.uri, view, expanded: [] } });
    await h.page.locator('#diagram svg.pdsa-drivers').waitFor({ state: 'attached' });
  };

  it('highlights the path from the aim to a selected idea and asks to open it', async () => {
    await show(model());
    await h.page.locator('g.node[data-key="S-greeters"]').click();
    const highlighted = await h.page
      .locator('g.node.highlight')
      .evaluateAll((nodes) => nodes.map((n) => n.getAttribute('data-key')).sort());
    expect(highlighted).toEqual(['F-late-bus', 'F-pullout', 'F-side-entrance', 'S-greeters', 'aim']);
    const line =
      fs.readFileSync(path.join(EXAMPLE, 'belonging.factors.yaml'), 'utf8').split('\n').indexOf('  - id: S-greeters') +
      1;
    expect((await h.sent()).at(-1)).toEqual({ type: 'open', uri: 'file:///ex/belonging.factors.yaml', line });
    await h.page.locator('g.node[data-key="cycles:S-greeters"]').click();
    expect((await h.sent()).at(-1)).toEqual({ type: 'expand', idea: 'S-greeters' });
    await h.page.screenshot({ path: path.join(__dirname, '..', '..', 'test-results', 'webview-drivers.png') });
  });

  it('fits the panel beside the editor (600 px), keeps a clicked item in view, zooms and pans', async () => {
    await h.page.setViewportSize({ width: 600, height: 900 });
    await show(model());
    const host = h.page.locator('#diagram');
    await h.page.waitForFunction(() => document.querySelector('#zoom-level')?.textContent !== '');
    const fit = await host.evaluate((el) => ({ scroll: el.scrollWidth, client: el.clientWidth }));
    expect(fit.scroll).toBeLessThanOrEqual(fit.client + 1);
    // Readable: laid out for the panel's width and drawn at full size, so statements are 11 px on screen.
    expect(await h.page.locator('#zoom-level').textContent()).toBe('100%');
    const smallest = await h.page
      .locator('g.node text:not(.badge)')
      .evaluateAll((ts) => Math.min(...ts.map((t) => (t as SVGTextElement).getBoundingClientRect().height)));
    expect(smallest).toBeGreaterThanOrEqual(11);
    await h.page.screenshot({ path: path.join(__dirname, '..', '..', 'test-results', 'webview-drivers-600.png') });
    await h.page.locator('#zoom-in').click();
    await h.page.locator('#zoom-in').click();
    const node = h.page.locator('g.node[data-key="S-positive-calls"]');
    await node.scrollIntoViewIfNeeded();
    await node.click();
    await expect.poll(() => node.evaluate((n) => n.classList.contains('selected'))).toBe(true);
    const box = await node.boundingBox();
    const view = await host.boundingBox();
    expect(box!.y).toBeGreaterThanOrEqual(view!.y - 1);
    expect(box!.y + box!.height).toBeLessThanOrEqual(view!.y + view!.height + 1);
    await host.focus();
    const before = await host.evaluate((el) => el.scrollLeft);
    await h.page.keyboard.press('ArrowRight');
    expect(await host.evaluate((el) => el.scrollLeft)).toBeGreaterThan(before);
    await h.page.locator('#zoom-fit').click();
    const all = await host.evaluate((el) => ({
      w: el.scrollWidth <= el.clientWidth + 1,
      h: el.scrollHeight <= el.clientHeight + 1,
    }));
    expect(all).toEqual({ w: true, h: true });
  });

  it('moves a factor by dragging it to another quadrant', async () => {
    // Tall enough that nothing scrolls between picking a chip up and dropping it.
    await h.page.setViewportSize({ width: 1200, height: 1800 });
    await show(model(), 'four-blocker');
    await h.page
      .locator('.chip[data-factor="F-late-bus"]')
      .dragTo(h.page.locator('.quadrant[data-impact="low"][data-influence="high"]'));
    expect((await h.sent()).at(-1)).toEqual({
      type: 'moveFactor',
      factor: 'F-late-bus',
      impact: 'low',
      influence: 'high',
    });
  });

  it('shows on the iceberg which change ideas reach each level, and says what the bars mean', async () => {
    await h.page.setViewportSize({ width: 600, height: 900 });
    const m = model();
    await show(m, 'iceberg');
    const reach = (level: string) =>
      h.page
        .locator(`.band[data-level="${level}"] li[data-strategy]`)
        .evaluateAll((li) => li.map((l) => l.getAttribute('data-strategy')));
    for (const level of ['event', 'pattern', 'structure', 'mental-model'] as const)
      expect(await reach(level)).toEqual(m.reachedBy[level].map((s) => s.id));
    expect(await reach('event')).toEqual(['S-positive-calls']);
    const key = await h.page.locator('#view-iceberg .key').innerText();
    expect(key).toContain('Green bar: at least one change idea addresses a factor at this level');
    expect(key).toContain('Red bar: no change idea reaches this level yet');
    await h.page.screenshot({
      path: path.join(__dirname, '..', '..', 'test-results', 'webview-iceberg-600.png'),
      fullPage: true,
    });
    // A level no idea reaches says so in words, not only by its bar's colour.
    await show(
      { ...m, reachedBy: { ...m.reachedBy, event: [] }, levelsReached: ['pattern', 'structure', 'mental-model'] },
      'iceberg',
    );
    const event = h.page.locator('.band[data-level="event"]');
    expect(await event.getAttribute('class')).toContain('not-reached');
    expect(await event.innerText()).toContain('No change idea addresses a factor at this level yet.');
  });

  it('renders every worksheet text as text', async () => {
    const payload = '<img src=x onerror="window.__pwned=1">';
    await show(
      model((t) =>
        t
          .replace('title: Class buddies', `title: ${JSON.stringify(payload)}`)
          .replace(
            'statement: Positive calls home happen only around parent-teacher conferences.',
            `statement: ${JSON.stringify(payload)}`,
          ),
      ),
      'four-blocker',
    );
    await h.page.locator('#tab-iceberg').click();
    const r = await h.page.evaluate(() => ({
      pwned: (window as unknown as { __pwned?: number }).__pwned,
      imgs: document.querySelectorAll('img').length,
      text: document.body.textContent ?? '',
    }));
    expect(r).toMatchObject({ pwned: undefined, imgs: 0 });
    expect(r.text).toContain(payload);
  });
});

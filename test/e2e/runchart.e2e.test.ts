import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openExample, type CodeServer } from './code-server';
import { goTo, openFile, runCommand, screenshot, webviewFrame, type Workbench } from './workbench';

describe('run chart in a real VS Code (code-server)', () => {
  let server: CodeServer;
  let wb: Workbench;
  let workspace: string;

  beforeAll(async () => {
    ({ workspace, server, wb } = await openExample('chart'));
  });

  afterAll(async () => {
    await wb?.close();
    await server?.stop();
  });

  it('shows a measure with its median, signals and PDSA cycles, and follows edits live', async () => {
    const { page } = wb;
    await openFile(page, 'c03-greeters-side-entrance.pdsa.yaml');
    await runCommand(page, 'PDSA: Show Run Chart');
    await page.locator('.quick-input-list .monaco-list-row', { hasText: 'chronic-absence' }).first().waitFor();
    await page.keyboard.type('chronic-absence');
    await page.keyboard.press('Enter');

    const frame = await webviewFrame(page, 'svg.pdsa-chart g.group circle.point');
    const points = await frame.locator('svg.pdsa-chart g.group circle.point').count();
    // 38 weekly values for each of the two groups (school breaks are missing, not zero).
    expect(points).toBe(76);
    expect(await frame.locator('svg.pdsa-chart line.centre.baseline').count()).toBe(4);
    expect(await frame.locator('svg.pdsa-chart circle.point.signal').count()).toBeGreaterThan(0);
    expect(await frame.locator('#signals li').first().textContent()).toMatch(
      /^(Improvement|Concern): Students with disabilities, \d+ \w{3} 20\d\d/,
    );
    expect(await frame.locator('svg.pdsa-chart g.cycle').count()).toBe(6);
    await screenshot(page, '5-run-chart');

    // Live: type a new week into the factors file (in the first editor group, beside the chart); the chart gains a point.
    // Focus is inside the webview, which keeps keystrokes: click back into the first group first.
    await page.locator('.tabs-container .tab', { hasText: 'c03-greeters-side-entrance.pdsa.yaml' }).click();
    await openFile(page, 'belonging.factors.yaml');
    const lines = fs.readFileSync(path.join(workspace, 'belonging.factors.yaml'), 'utf8').split('\n');
    const last = lines.findIndex((l) => l.includes('[2026-10-26,')) + 1; // the last students-with-disabilities point
    await goTo(page, last, lines[last - 1]!.length + 1);
    await page.keyboard.press('Enter');
    await page.keyboard.type('- [2026-11-02, 24.1]');
    await frame.locator('svg.pdsa-chart g.group circle.point').nth(76).waitFor({ timeout: 30_000 });
    await screenshot(page, '6-run-chart-live');

    // A cycle mark opens its cycle file.
    await frame.locator('svg.pdsa-chart g.cycle[data-cycle="c03-greeters-side-entrance"]').click();
    await page
      .locator('.tabs-container .tab.active', { hasText: 'c03-greeters-side-entrance.pdsa.yaml' })
      .waitFor({ timeout: 30_000 });

    // Show Run Chart for another measure reveals the same panel, switched: no new column.
    await runCommand(page, 'PDSA: Show Run Chart');
    await page.locator('.quick-input-list .monaco-list-row', { hasText: 'greeted-by-name' }).first().waitFor();
    await page.keyboard.type('greeted-by-name');
    await page.keyboard.press('Enter');
    await expect.poll(() => frame.locator('#measure').inputValue(), { timeout: 30_000 }).toBe('greeted-by-name');
    expect(await page.locator('.tabs-container .tab', { hasText: /chart/i }).count()).toBe(1);
    // A chart type the measure cannot have is offered disabled, with the reason; no error.
    expect(await frame.locator('#type option[value="p"]').isDisabled()).toBe(true);
    expect(await frame.locator('#type option[value="p"]').textContent()).toContain('needs [date, count, denominator]');
    expect(await frame.locator('#error').textContent()).toBe('');

    // Switch measure in the panel, and hide a group from the legend.
    await frame.locator('#measure').selectOption('chronic-absence');
    await frame.locator('svg.pdsa-chart g.legend-item[data-group="all-students"]').waitFor({ timeout: 30_000 });
    expect(await frame.locator('svg.pdsa-chart g.group').count()).toBe(2);
    await frame.locator('svg.pdsa-chart g.legend-item[data-group="all-students"]').click();
    expect(await frame.locator('svg.pdsa-chart g.group').count()).toBe(1);
    await screenshot(page, '7-run-chart-panel');

    // A measure's own chart settings are what the panel opens with: give office referrals (counts) a C chart
    // and Making Data Count rules in the editor, then pick it in the panel.
    await page.locator('.tabs-container .tab', { hasText: 'belonging.factors.yaml' }).click();
    const start = lines.findIndex((l) => l.includes('- id: office-referrals'));
    const better = lines.findIndex((l, i) => i > start && l.trim() === 'better: down');
    // +1: the editor holds the week typed above, one line earlier in the file.
    await goTo(page, better + 2, lines[better]!.length + 1);
    await page.keyboard.press('Enter');
    await page.keyboard.type('chart: {type: c, rules: mdc}');
    await frame.locator('#measure').selectOption('office-referrals');
    await expect.poll(() => frame.locator('#type').inputValue(), { timeout: 30_000 }).toBe('c');
    expect(await frame.locator('#rules').inputValue()).toBe('mdc');
    // Back to a measure with no settings of its own: the C chart does not carry over.
    await frame.locator('#measure').selectOption('greeted-by-name');
    await expect.poll(() => frame.locator('#type').inputValue(), { timeout: 30_000 }).toBe('run');
    expect(await frame.locator('#rules').inputValue()).toBe('ihi');
  });

  it('exports the chart as a PNG file through the save dialog, and copies it as an image', async () => {
    const { page } = wb;
    const frame = await webviewFrame(page, 'svg.pdsa-chart g.group circle.point');
    await frame.locator('#measure').selectOption('chronic-absence');
    await frame.locator('svg.pdsa-chart g.legend-item[data-group="all-students"]').waitFor({ timeout: 30_000 });
    await frame.locator('#export-png').click();
    // VS Code's own save dialog, with the measure and chart type as the file name.
    const input = page.locator('.quick-input-widget input');
    await input.waitFor();
    await expect.poll(() => input.inputValue()).toMatch(/chronic-absence-run\.png$/);
    const file = path.join(workspace, 'exported-chart.png');
    await input.fill(file);
    await page.keyboard.press('Enter');
    await expect.poll(() => fs.existsSync(file) && fs.statSync(file).size, { timeout: 30_000 }).toBeGreaterThan(0);
    await expect.poll(() => fs.statSync(file).size, { timeout: 10_000 }).toBeGreaterThan(60_000);
    const png = fs.readFileSync(file);
    expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    expect(png.readUInt32BE(16)).toBe(2000); // IHDR width: the 1000 px chart at twice its size
    expect(png.readUInt32BE(20)).toBeGreaterThan(1000);
    await screenshot(page, '8-run-chart-exported');

    // Copy image: VS Code's webview frames allow clipboard-write; the picture lands on the clipboard.
    await wb.context.grantPermissions(['clipboard-read', 'clipboard-write']);
    await frame.locator('#copy').click();
    await frame.locator('#status', { hasText: 'Copied the chart as an image.' }).waitFor({ timeout: 30_000 });
    const copied = await page.evaluate(async () => {
      const [item] = await navigator.clipboard.read();
      return (await item!.getType('image/png')).size;
    });
    expect(copied).toBeGreaterThan(60_000);
  });
});

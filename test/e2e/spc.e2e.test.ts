import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildChart } from '../../server/src/core/analytics/model';
import { ASSURANCE_LABELS, VARIATION_LABELS } from '../../server/src/core/analytics/status';
import { exampleWorkspace } from '../charts/fixtures';
import { openExample, type CodeServer } from './code-server';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { goTo, openFile, runCommand, screenshot, webviewFrame, type Workbench } from './workbench';

describe('summary table and status icons in the chart panel of a real VS Code (code-server)', () => {
  let server: CodeServer;
  let wb: Workbench;
  let workspace: string;

  beforeAll(async () => {
    ({ workspace, server, wb } = await openExample('spc'));
  });

  afterAll(async () => {
    await wb?.close();
    await server?.stop();
  });

  it("the hover of a measure id shows each group's icons, drawn, with their words", async () => {
    const { page } = wb;
    await openFile(page, 'belonging.factors.yaml');
    const lines = fs.readFileSync(path.join(workspace, 'belonging.factors.yaml'), 'utf8').split('\n');
    const at = lines.findIndex((l) => l.trim() === 'measure: chronic-absence') + 1;
    await goTo(page, at, lines[at - 1]!.indexOf('chronic-absence') + 3);
    await runCommand(page, 'Show or Focus Hover');
    const hover = page.locator('.monaco-hover', { hasText: 'Latest point' });
    await hover.waitFor({ timeout: 30_000 });
    const model = buildChart(exampleWorkspace(), { measure: 'chronic-absence' });
    const g = model.groups.find((x) => x.variation)!;
    const icon = hover.locator(`img[alt="Variation: ${VARIATION_LABELS[g.variation!]}"]`).first();
    await icon.waitFor();
    // Drawn, not a broken image: the editor loaded the data URI.
    await expect
      .poll(() => icon.evaluate((img) => (img as HTMLImageElement).complete && (img as HTMLImageElement).naturalWidth))
      .toBeGreaterThan(0);
    await screenshot(page, 'spc-hover');
    await page.keyboard.press('Escape');
  });

  it('opens a chart with its variation and assurance icons above it and the summary table under it', async () => {
    const { page } = wb;
    await runCommand(page, 'PDSA: Show Run Chart');
    await page.locator('.quick-input-list .monaco-list-row', { hasText: 'chronic-absence' }).first().waitFor();
    await page.keyboard.type('chronic-absence');
    await page.keyboard.press('Enter');
    const frame = await webviewFrame(page, '#spc-summary-tables table');

    // The same numbers the core computes for this measure (its own chart settings: run chart, IHI rules).
    const model = buildChart(exampleWorkspace(), { measure: 'chronic-absence' });
    expect(model.groups.length).toBe(2);
    const tables = frame.locator('#spc-summary-tables table');
    expect(await tables.count()).toBe(2);
    for (const [k, g] of model.groups.entries()) {
      const table = tables.nth(k);
      expect(await table.getAttribute('data-group')).toBe(g.group);
      const centres = await table
        .locator('tbody tr', { has: frame.locator('th', { hasText: 'Centre (median)' }) })
        .locator('td')
        .evaluateAll((tds) => tds.map((td) => Number((td as HTMLElement).dataset.value)));
      expect(centres).toEqual(g.summary!.map((r) => r.centre));
      const crossings = await table
        .locator('tbody tr', { has: frame.locator('th', { hasText: /^Crossings$/ }) })
        .locator('td')
        .evaluateAll((tds) => tds.map((td) => Number((td as HTMLElement).dataset.value)));
      expect(crossings).toEqual(g.summary!.map((r) => r.crossings));
    }

    // One row of icons per group, each icon named in words.
    const rows = frame.locator('#spc-status .spc-status-row');
    expect(await rows.count()).toBe(2);
    for (const [k, g] of model.groups.entries()) {
      const labels = await rows
        .nth(k)
        .locator('svg[role="img"]')
        .evaluateAll((svgs) => svgs.map((s) => s.getAttribute('aria-label')));
      expect(labels).toEqual([
        `Variation: ${VARIATION_LABELS[g.variation!]}`,
        ...(g.assurance ? [`Assurance: ${ASSURANCE_LABELS[g.assurance]}`] : []),
      ]);
    }

    // A control chart picked in the panel: the table gains its limits, and assurance its icon where a target is set.
    await frame.locator('#type').selectOption('i');
    await frame.locator('#spc-summary-tables th', { hasText: 'Upper limit (average)' }).first().waitFor();
    const control = buildChart(exampleWorkspace(), { measure: 'chronic-absence', type: 'i' });
    expect(control.groups.some((g) => g.assurance)).toBe(true);
    expect(await frame.locator('#spc-status svg.assurance').count()).toBe(
      control.groups.filter((g) => g.assurance).length,
    );
    await frame.locator('#spc-summary').scrollIntoViewIfNeeded();
    await screenshot(page, 'spc-summary-table');

    // Live: a week typed into the factors file adds a point to the last phase of its group's table.
    const swd = control.groups.findIndex((g) => g.group === 'students-with-disabilities');
    const pointsOfLastPhase = () =>
      tables
        .nth(swd)
        .locator('tbody tr', { has: frame.locator('th', { hasText: /^Points$/ }) })
        .locator('td')
        .last()
        .getAttribute('data-value');
    const before = Number(await pointsOfLastPhase());
    await page.locator('.tabs-container .tab', { hasText: 'belonging.factors.yaml' }).click();
    const lines = fs.readFileSync(path.join(workspace, 'belonging.factors.yaml'), 'utf8').split('\n');
    const last = lines.findIndex((l) => l.includes('[2026-10-26,')) + 1; // the last students-with-disabilities point
    await goTo(page, last, lines[last - 1]!.length + 1);
    await page.keyboard.press('Enter');
    await page.keyboard.type('- [2026-11-02, 24.1]');
    await expect.poll(async () => Number(await pointsOfLastPhase()), { timeout: 30_000 }).toBe(before + 1);
  });
});

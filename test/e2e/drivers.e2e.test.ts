import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openExample, type CodeServer } from './code-server';
import { cursorAt, openFile, runCommand, screenshot, visibleText, webviewFrame, type Workbench } from './workbench';

describe('driver diagram, four-blocker and iceberg in a real VS Code (code-server)', () => {
  let server: CodeServer;
  let wb: Workbench;
  let workspace: string;

  beforeAll(async () => {
    ({ workspace, server, wb } = await openExample('drivers'));
  });

  afterAll(async () => {
    await wb?.close();
    await server?.stop();
  });

  const lineOf = (text: string) =>
    fs
      .readFileSync(path.join(workspace, 'belonging.factors.yaml'), 'utf8')
      .split('\n')
      .findIndex((l) => l === text) + 1;

  it('shows the theory of improvement; clicking an idea opens its definition', async () => {
    const { page } = wb;
    await openFile(page, 'belonging.factors.yaml');
    await runCommand(page, 'PDSA: Show Driver Diagram');
    const frame = await webviewFrame(page, 'svg.pdsa-drivers g.node');
    expect(await frame.locator('g.node.primary').count()).toBe(4);
    expect(await frame.locator('g.node.secondary').count()).toBe(4);
    expect(await frame.locator('g.node.idea').count()).toBe(6);
    expect(await frame.locator('g.node.idea.muted').count()).toBe(1);
    expect((await frame.locator('g.node[data-key="S-greeters"] text.badge').allTextContents()).join(' ')).toBe(
      '4 cycles · latest: adopt',
    );
    await screenshot(page, '8-driver-diagram');
    // Beside the editor the diagram fits the panel's width: nothing to scroll sideways.
    const fit = await frame.locator('#diagram').evaluate((el) => el.scrollWidth - el.clientWidth);
    expect(fit).toBeLessThanOrEqual(1);
    // ...and is drawn at full size or more (its text 11 px or larger), never shrunk to fit.
    expect(Number((await frame.locator('#zoom-level').textContent())!.replace('%', ''))).toBeGreaterThanOrEqual(100);

    await frame.locator('g.node[data-key="S-case-manager-followup"]').click();
    await page.locator('.tabs-container .tab.active', { hasText: 'belonging.factors.yaml' }).waitFor();
    await cursorAt(page, lineOf('  - id: S-case-manager-followup'), 1);
    // Its path from the aim is highlighted.
    expect(await frame.locator('g.node.highlight').count()).toBeGreaterThanOrEqual(3);
  });

  it('moves a factor to another quadrant of the four-blocker by editing the YAML (undoable)', async () => {
    const { page } = wb;
    await (await webviewFrame(page, '#tab-four-blocker')).locator('#tab-four-blocker').click();
    const frame = await webviewFrame(page, '.chip[data-factor="F-late-bus"]');
    const chip = frame.locator('.chip[data-factor="F-late-bus"]');
    await chip.waitFor();
    expect(await chip.evaluate((c) => (c.parentElement as HTMLElement).dataset.influence)).toBe('low');
    // The keyboard way (arrows move between quadrants): right = more capacity to influence.
    await chip.focus();
    await chip.press('ArrowRight');
    // The chart follows the edit: the chip is now in the high/high quadrant...
    await frame
      .locator('.quadrant[data-impact="high"][data-influence="high"] .chip[data-factor="F-late-bus"]')
      .waitFor({ timeout: 30_000 });
    // ...because the factors file says so, in its editor beside the panel.
    expect(await page.locator('.tabs-container .tab', { hasText: 'Drivers: belonging' }).isVisible()).toBe(true);
    const influenceLine = lineOf('    influence: low');
    expect(influenceLine).toBeGreaterThan(0);
    await page.locator('.tabs-container .tab', { hasText: 'belonging.factors.yaml' }).click();
    await page.keyboard.press('Control+G');
    await page.locator('.quick-input-widget input').fill(`:${influenceLine}`);
    await page.keyboard.press('Enter');
    expect(await visibleText(page)).toContain('influence: high');
    await screenshot(page, '9-four-blocker');

    await frame.locator('#tab-iceberg').click();
    expect(await frame.locator('.band.reached').count()).toBe(4);
  });
});

import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { openExample, type CodeServer } from './code-server';
import { cursorAt, openFile, runCommand, screenshot, webviewFrame, type Workbench } from './workbench';

interface CollabFile {
  teams: { id: string; name: string; folder: string }[];
  measures: { id: string; name: string }[];
}

describe('collaborative dashboard in a real VS Code (code-server)', () => {
  let server: CodeServer;
  let wb: Workbench;
  let workspace: string;
  let collab: CollabFile;

  beforeAll(async () => {
    ({ workspace, server, wb } = await openExample('dashboard', 'k3-collaborative'));
    collab = parse(fs.readFileSync(path.join(workspace, 'k3-belonging.collaborative.yaml'), 'utf8')) as CollabFile;
  });

  afterAll(async () => {
    await wb?.close();
    await server?.stop();
  });

  /** The 1-based line of the first line of a team's file that is exactly `text`. */
  const lineOf = (file: string, text: string) =>
    fs
      .readFileSync(path.join(workspace, file), 'utf8')
      .split('\n')
      .findIndex((l) => l === text) + 1;

  it('shows every team and every common measure of the example, and opens files from the matrix', async () => {
    const { page } = wb;
    await openFile(page, 'k3-belonging.collaborative.yaml');
    await runCommand(page, 'PDSA: Show Collaborative Dashboard');
    const frame = await webviewFrame(page, 'section#signals');
    await page.locator('.tabs-container .tab', { hasText: 'Dashboard: K-3' }).waitFor();

    // Every team in the glance table, every team on every common measure, each with its state.
    expect(collab.teams).toHaveLength(4);
    expect(collab.measures).toHaveLength(4);
    expect(await frame.locator('#teams tbody th[scope="row"] button').first().textContent()).toBe(
      collab.teams[0]!.name,
    );
    for (const t of collab.teams) {
      await frame.locator('#teams tbody th', { hasText: t.name }).waitFor();
      for (const m of collab.measures) {
        expect(await frame.locator(`#teams button[data-team="${t.id}"][data-measure="${m.id}"]`).count()).toBe(1);
        const card = frame.locator(`#measures button.card[data-team="${t.id}"][data-measure="${m.id}"]`);
        expect(await card.count(), `${t.id} ${m.id}`).toBe(1);
        expect(await card.locator('svg.mini').count(), `${t.id} ${m.id}`).toBe(1);
      }
    }
    for (const m of collab.measures) await frame.locator('#measures h3', { hasText: m.name }).waitFor();
    expect(await frame.locator('#measures .card.whole svg.mini').count()).toBe(4);
    // Lincoln's concern and Granger's improvement are what a coach sees first.
    expect(
      await frame
        .locator('#teams button[data-team="lincoln"][data-measure="chronic-absence"] .state')
        .getAttribute('class'),
    ).toContain('concern');
    expect(
      await frame
        .locator('#teams button[data-team="granger"][data-measure="chronic-absence"] .state')
        .getAttribute('class'),
    ).toContain('improvement');
    await screenshot(page, '20-dashboard');

    // A matrix cell opens the team's strategy that tests the idea, at its id.
    await frame
      .locator('#package tbody tr', { hasText: 'Greeters at every entrance' })
      .locator('td')
      .nth(1)
      .locator('button')
      .click();
    await page
      .locator('.tabs-container .tab.active', { hasText: 'riverside.factors.yaml' })
      .waitFor({ timeout: 30_000 });
    await cursorAt(page, lineOf('teams/riverside/riverside.factors.yaml', '  - id: S-greeters'), 9);

    // A team's name opens its factors file; its latest cycle opens the cycle.
    await frame.locator('#teams tbody th', { hasText: 'Canyon View' }).locator('button').first().click();
    await page
      .locator('.tabs-container .tab.active', { hasText: 'canyon-view.factors.yaml' })
      .waitFor({ timeout: 30_000 });
  });

  it("opens the team's own chart from a small multiple, a state and a signal row", async () => {
    const { page } = wb;
    /**
     * Clicks in the dashboard. VS Code may re-create a webview's frame when the layout changes (a
     * chart panel opening beside it): find the frame again, and try again if it went away mid-click.
     */
    const clickInDashboard = async (selector: string) => {
      for (let attempt = 0; ; attempt++) {
        const frame = await webviewFrame(page, selector);
        try {
          await frame.locator(selector).first().click({ timeout: 10_000 });
          return;
        } catch (error) {
          if (attempt >= 3 || !/detached/i.test(String(error))) throw error;
        }
      }
    };
    /** The chart panel's first signal line, once its chart shows the measure asked for. */
    const chartOf = async (measure: string) => {
      const chart = await webviewFrame(page, 'svg.pdsa-chart');
      await expect.poll(() => chart.locator('#measure').inputValue(), { timeout: 30_000 }).toBe(measure);
      return chart;
    };

    /** Which kinds of signal the chart lists ("Concern", "Improvement"): the team's own data says which. */
    const kinds = async (chart: Awaited<ReturnType<typeof chartOf>>) =>
      [...new Set((await chart.locator('#signals li').allTextContents()).map((t) => t.split(':')[0]))].sort();

    // Lincoln's chronic absence rose after the bus routes merged: its chart shows concern, not improvement.
    await clickInDashboard('#measures button.card[data-team="lincoln"][data-measure="chronic-absence"]');
    let chart = await chartOf('chronic-absence');
    await expect.poll(() => kinds(chart), { timeout: 30_000 }).toContain('Concern');
    expect(await kinds(chart)).not.toContain('Improvement');
    // The chart says whose it is: every team reports the common measure under one name.
    expect(await chart.locator('svg.pdsa-chart > title').textContent()).toContain('Lincoln Elementary');
    await screenshot(page, '21-dashboard-lincoln-chart');

    // Granger's state of the same measure, from the glance table: its own chart, improving.
    await clickInDashboard('#teams button[data-team="granger"][data-measure="chronic-absence"]');
    chart = await chartOf('chronic-absence');
    await expect.poll(() => kinds(chart), { timeout: 30_000 }).toContain('Improvement');
    expect(await kinds(chart)).not.toContain('Concern');
    expect(await chart.locator('svg.pdsa-chart > title').textContent()).toContain('Granger Elementary');

    // A signal row: Lincoln's signal on office referrals opens Lincoln's chart of that measure (a concern).
    await clickInDashboard('#signals tbody tr[data-team="lincoln"][data-measure="office-referrals"]');
    chart = await chartOf('office-referrals');
    await expect.poll(() => kinds(chart), { timeout: 30_000 }).toContain('Concern');
    expect(await kinds(chart)).not.toContain('Improvement');
    // One chart panel, switched each time, in the first column; the dashboard stays in view beside it.
    expect(await page.locator('.tabs-container .tab', { hasText: /chart/i }).count()).toBe(1);
    expect(await page.locator('.tabs-container .tab.active', { hasText: /chart/i }).count()).toBe(1);
    expect(await page.locator('.tabs-container .tab.active', { hasText: 'Dashboard: K-3' }).count()).toBe(1);
    expect(await page.locator('.editor-group-container').count()).toBe(2);
  });
});

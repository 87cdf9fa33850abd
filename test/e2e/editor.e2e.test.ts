import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openExample, type CodeServer } from './code-server';
import { cursorAt, goTo, openFile, pdsaStatus, runCommand, screenshot, visibleText, type Workbench } from './workbench';

describe('PDSA Workbench in a real VS Code (code-server)', () => {
  let server: CodeServer;
  let wb: Workbench;
  let workspace: string;
  const started = Date.now();

  beforeAll(async () => {
    ({ workspace, server, wb } = await openExample('ws'));
  });

  afterAll(async () => {
    await wb?.close();
    await server?.stop();
    console.log(`e2e: ${((Date.now() - started) / 1000).toFixed(1)} s from code-server start to shutdown`);
  });

  it('activates on the example workspace and shows the worksheet status', async () => {
    const { page } = wb;
    await openFile(page, 'c03-greeters-side-entrance.pdsa.yaml');
    // The language server has indexed the workspace: our status bar item reports it clean.
    await pdsaStatus(page).waitFor({ timeout: 30_000 });
    expect((await pdsaStatus(page).innerText()).trim()).toBe('PDSA');
    expect(await pdsaStatus(page).locator('.codicon-pass').count()).toBe(1);
    // The file is a PDSA worksheet, highlighted by our grammar.
    await page.locator('.statusbar-item', { hasText: 'PDSA Worksheet' }).first().waitFor();
    // Our grammar marks the phases and ids: "plan" gets another token class than an ordinary key like "where".
    const tokenClass = (text: string) =>
      page
        .locator('.view-line span span', { hasText: new RegExp(`^${text}$`) })
        .first()
        .getAttribute('class');
    expect(await tokenClass('plan')).not.toBe(await tokenClass('where'));
    // An id being defined, an id referenced, and plain text: three different colours.
    const classes = new Set([
      await tokenClass('c03-greeters-side-entrance'),
      await tokenClass('S-greeters'),
      await tokenClass('yes'),
    ]);
    expect(classes.size).toBe(3);
    await screenshot(page, '1-opened');
  });

  /** 1-based line of the first line of the example cycle that starts with this text. */
  const lineOf = (start: string) =>
    fs
      .readFileSync(path.join(workspace, 'cycles', 'c03-greeters-side-entrance.pdsa.yaml'), 'utf8')
      .split('\n')
      .findIndex((l) => l.startsWith(start)) + 1;

  it('shows a broken value at the right line in the Problems panel', async () => {
    const { page } = wb;
    const line = lineOf('  as_planned: yes');
    await goTo(page, line, 18); // as_planned: yes|
    await page.keyboard.type('s');
    await page.keyboard.press('Control+Shift+M');
    const row = page.locator('.markers-panel .monaco-list-row', { hasText: '"yess" is not allowed here' });
    await row.waitFor({ timeout: 30_000 });
    expect(await row.innerText()).toContain(`[Ln ${line}, Col 15]`);
    // The status item turns to an error icon; it does not repeat VS Code's own counts, its tooltip has them.
    await pdsaStatus(page).locator('.codicon-error').waitFor();
    expect((await pdsaStatus(page).innerText()).trim()).toBe('PDSA');
    await screenshot(page, '2-problem');
    // Back to the editor (the Problems panel has focus) and undo the slip.
    await page.keyboard.press('Control+1');
    await page.keyboard.press('Backspace');
    await row.waitFor({ state: 'detached', timeout: 15_000 });
  });

  it('completes a strategy id defined in another file, and goes to its definition', async () => {
    const { page } = wb;
    const strategyLine = lineOf('strategy:');
    await goTo(page, strategyLine, 11); // strategy: |S-greeters
    await page.keyboard.press('Shift+End');
    await page.keyboard.type('S-home');
    await page.keyboard.press('Control+Space');
    const suggestion = page.locator('.suggest-widget .monaco-list-row', { hasText: 'S-homeroom-first' });
    await suggestion.waitFor({ timeout: 30_000 });
    expect(await page.locator('.suggest-widget').innerText()).toMatch(/Start every day in homeroom/);
    await screenshot(page, '3-completion');
    await suggestion.click();
    await page.locator('.suggest-widget').waitFor({ state: 'hidden' });
    expect(await visibleText(page)).toContain('strategy: S-homeroom-first');

    await goTo(page, strategyLine, 14);
    await page.keyboard.press('F12');
    await page
      .locator('.tabs-container .tab.active', { hasText: 'belonging.factors.yaml' })
      .waitFor({ timeout: 30_000 });
    const line =
      fs
        .readFileSync(path.join(workspace, 'belonging.factors.yaml'), 'utf8')
        .split('\n')
        .findIndex((l) => l === '  - id: S-homeroom-first') + 1;
    await cursorAt(page, line, 9);
    await screenshot(page, '4-definition');
  });

  it('starts the next cycle of a ramp from a cycle whose Act is filled', async () => {
    const { page } = wb;
    await openFile(page, 'c10-homeroom-first-whole-school.pdsa.yaml');
    await runCommand(page, 'PDSA: Start Next Cycle');
    // Numbered like the team's cycles (c01..c13), the title's first words after the number.
    const name = 'c14-district-timetable-guidance-for.pdsa.yaml';
    await page.locator('.tabs-container .tab.active', { hasText: name }).waitFor({ timeout: 30_000 });
    const text = await visibleText(page);
    expect(text).toContain('previous: c10-homeroom-first-whole-school');
    expect(text).toContain('strategy: S-homeroom-first');
    expect(text).toContain(
      'objective: District timetable guidance for the three other pilot schools in the new school year.',
    );
    expect(fs.existsSync(path.join(workspace, 'cycles', name))).toBe(true);
    // The new file is indexed: no errors, one warning (the plan still needs its questions and predictions).
    await page
      .locator('.markers-panel .monaco-list-row', { hasText: 'the plan asks no questions' })
      .waitFor({ timeout: 30_000 });
    await pdsaStatus(page).locator('.codicon-warning').waitFor({ timeout: 30_000 });
    expect((await pdsaStatus(page).innerText()).trim()).toBe('PDSA');
    await screenshot(page, '7-next-cycle');
  });
});

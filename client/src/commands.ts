import * as vscode from 'vscode';
import { listItems, newCycle, nextCycle, type NewCycleResult } from '../../server/src/lsp/protocol';
import type { Ctx } from './ctx';

/** Writes a cycle file the server composed, opens it, and puts the cursor on the objective. */
async function createAndOpen(result: NewCycleResult): Promise<void> {
  const uri = vscode.Uri.parse(result.uri);
  await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(result.text));
  const editor = await vscode.window.showTextDocument(uri);
  const line = editor.document
    .getText()
    .split('\n')
    .findIndex((l) => l.startsWith('  objective:'));
  if (line >= 0) {
    const end = editor.document.lineAt(line).range.end;
    editor.selection = new vscode.Selection(end, end);
  }
}

/** "PDSA: New Cycle File": pick the strategy to test, name the cycle, and start writing its Plan. */
export async function newCycleFile(ctx: Ctx): Promise<void> {
  const client = await ctx.languageClient();
  const strategies = await client.sendRequest(listItems, { kind: 'strategy' });
  if (strategies.length === 0) {
    void vscode.window.showWarningMessage(
      'No strategies in this workspace yet: add one to a *.factors.yaml file first.',
    );
    return;
  }
  // In a collaborative each team may have its own strategy under one id: the team says whose.
  const picked = await vscode.window.showQuickPick(
    strategies.map((s) => ({
      label: s.id,
      description: s.team ? `${s.team}: ${s.title ?? ''}` : s.title,
      uri: s.uri,
    })),
    { title: 'New PDSA cycle: which strategy does it test?', placeHolder: 'Strategy (change idea)' },
  );
  if (!picked) return;
  const title = await vscode.window.showInputBox({
    title: 'New PDSA cycle: title',
    prompt: 'A short title; the cycle id and file name are made from it.',
    validateInput: (v) => (v.trim() ? undefined : 'A cycle needs a title.'),
  });
  if (!title) return;
  await createAndOpen(
    await client.sendRequest(newCycle, { strategy: picked.label, title: title.trim(), from: picked.uri }),
  );
}

/**
 * "PDSA: Start Next Cycle": the next test of a ramp, from a cycle whose Act is filled. From the code
 * action the cycle id and its file come as arguments; from the palette it is the cycle in the active
 * editor. The file matters in a collaborative, where two teams may both have a "c03".
 */
export async function startNextCycle(ctx: Ctx, from?: string, uri?: string): Promise<void> {
  if (typeof from !== 'string') {
    uri = vscode.window.activeTextEditor?.document.uri.toString();
    const text = vscode.window.activeTextEditor?.document.getText() ?? '';
    from = /^id:\s*([A-Za-z][\w-]*)\s*$/m.exec(text)?.[1];
    if (!from || !vscode.window.activeTextEditor?.document.fileName.match(/\.pdsa\.ya?ml$/)) {
      void vscode.window.showWarningMessage('Open the cycle (*.pdsa.yaml) whose Act decides what comes next.');
      return;
    }
  }
  try {
    const result = await (
      await ctx.languageClient()
    ).sendRequest(nextCycle, {
      from,
      ...(typeof uri === 'string' ? { uri } : {}),
    });
    await createAndOpen(result);
    if (result.followUps?.length)
      void vscode.window.showWarningMessage(
        `${result.followUps.join(', ')} already builds on ${from}: this is another follow-up.`,
      );
  } catch (error) {
    void vscode.window.showWarningMessage(error instanceof Error ? error.message : String(error));
  }
}

import * as vscode from 'vscode';
import { listItems, newCycle } from '../../server/src/lsp/protocol';
import type { Ctx } from './ctx';

/** "PDSA: New Cycle File": pick the strategy to test, name the cycle, and start writing its Plan. */
export async function newCycleFile(ctx: Ctx): Promise<void> {
  const client = ctx.languageClient;
  const strategies = await client.sendRequest(listItems, { kind: 'strategy' });
  if (strategies.length === 0) {
    void vscode.window.showWarningMessage('No strategies in this workspace yet: add one to a *.factors.yaml file first.');
    return;
  }
  const picked = await vscode.window.showQuickPick(
    strategies.map((s) => ({ label: s.id, description: s.title })),
    { title: 'New PDSA cycle: which strategy does it test?', placeHolder: 'Strategy (change idea)' },
  );
  if (!picked) return;
  const title = await vscode.window.showInputBox({
    title: 'New PDSA cycle: title',
    prompt: 'A short title; the cycle id and file name are made from it.',
    validateInput: (v) => (v.trim() ? undefined : 'A cycle needs a title.'),
  });
  if (!title) return;
  const result = await client.sendRequest(newCycle, { strategy: picked.label, title: title.trim() });
  const uri = vscode.Uri.parse(result.uri);
  await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(result.text));
  const editor = await vscode.window.showTextDocument(uri);
  // Put the cursor where the team starts writing: the objective.
  const line = editor.document.getText().split('\n').findIndex((l) => l.startsWith('  objective:'));
  if (line >= 0) {
    const end = editor.document.lineAt(line).range.end;
    editor.selection = new vscode.Selection(end, end);
  }
}

// Runs inside desktop VS Code with the extension loaded and the example workspace open.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';

async function until<T>(
  what: string,
  probe: () => T | undefined | Promise<T | undefined>,
  timeoutMs = 20_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

export async function run(): Promise<void> {
  const folder = vscode.workspace.workspaceFolders![0]!.uri;
  const uri = vscode.Uri.joinPath(folder, 'cycles', 'c03-greeters-side-entrance.pdsa.yaml');
  const doc = await vscode.workspace.openTextDocument(uri);
  const editor = await vscode.window.showTextDocument(doc);
  assert.equal(doc.languageId, 'pdsa-yaml');

  // A broken value is reported at its exact range.
  await editor.edit((e) => e.insert(new vscode.Position(29, 17), 's'));
  const [problem] = await until('a diagnostic', () => {
    const list = vscode.languages.getDiagnostics(uri);
    return list.length ? list : undefined;
  });
  assert.equal(problem!.code, 'invalid-value');
  assert.deepEqual([problem!.range.start.line, problem!.range.start.character], [29, 14]);
  await vscode.commands.executeCommand('undo');

  // Strategy ids from the factors file are offered.
  const list = await until('completions', async () => {
    const r = await vscode.commands.executeCommand<vscode.CompletionList>(
      'vscode.executeCompletionItemProvider',
      uri,
      new vscode.Position(4, 12),
    );
    return r.items.length ? r : undefined;
  });
  assert.ok(list.items.some((i) => (typeof i.label === 'string' ? i.label : i.label.label) === 'S-homeroom-first'));

  // And followed to their definition.
  const defs = await vscode.commands.executeCommand<vscode.Location[]>(
    'vscode.executeDefinitionProvider',
    uri,
    new vscode.Position(4, 13),
  );
  assert.equal(defs[0]!.uri.path.endsWith('belonging.factors.yaml'), true);
}

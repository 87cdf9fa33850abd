// The extension in VS Code for the Web (vscode.dev, github.dev): it runs in the browser's web worker
// extension host, and the language server runs in a web worker of its own, reading files through
// this client (fs-bridge.ts).
import * as vscode from 'vscode';
import { LanguageClient } from 'vscode-languageclient/browser';
import { activateExtension } from './extension';

export { deactivate } from './extension';

/**
 * A URL a worker can be started from. An extension served over http(s) (vscode.dev's gallery) can
 * be used as it is; one installed on a remote server (`vscode-remote:`, as code-server serves
 * extensions) may not start workers from its own URL, so its script is read through the editor
 * and started from a blob URL.
 */
async function serverUrl(context: vscode.ExtensionContext): Promise<string> {
  const script = vscode.Uri.joinPath(context.extensionUri, 'dist', 'web', 'server.js');
  if (/^https?$/.test(script.scheme)) return script.toString(true);
  const code = await vscode.workspace.fs.readFile(script);
  return URL.createObjectURL(new Blob([new TextDecoder().decode(code)], { type: 'application/javascript' }));
}

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const url = await serverUrl(context);
  return activateExtension(context, {
    where: 'web worker',
    // A new worker for every start, so "Restart Language Server" really starts afresh.
    create: (id, name, options) => new LanguageClient(id, name, new Worker(url), options),
  });
}

// The extension on the desktop (and any VS Code with a Node extension host): the language server
// runs as a Node process.
import type * as vscode from 'vscode';
import { LanguageClient, TransportKind } from 'vscode-languageclient/node';
import { activateExtension } from './extension';

export { deactivate } from './extension';

export function activate(context: vscode.ExtensionContext): Promise<void> {
  const module = context.asAbsolutePath('dist/server.js');
  return activateExtension(context, {
    where: 'Node',
    create: (id, name, options) =>
      new LanguageClient(
        id,
        name,
        {
          run: { module, transport: TransportKind.ipc },
          debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6011'] } },
        },
        options,
      ),
  });
}

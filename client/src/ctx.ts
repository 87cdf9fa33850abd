import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { workspaceStatus, type WorkspaceStatus } from '../../server/src/lsp/protocol';


/**
 * The extension's state: the language client and everything that must be disposed with it.
 * Commands reach the client through here, so a restart swaps it in one place.
 */
export class Ctx implements vscode.Disposable {
  private client: LanguageClient | undefined;
  /** Settles when the current start (or restart) is done; commands wait on it instead of failing at startup. */
  private starting: Promise<void> = Promise.resolve();
  private readonly disposables: vscode.Disposable[] = [];
  readonly output: vscode.LogOutputChannel;
  private readonly status: vscode.StatusBarItem;

  constructor(readonly extension: vscode.ExtensionContext) {
    this.output = vscode.window.createOutputChannel('PDSA Workbench', { log: true });
    this.status = vscode.window.createStatusBarItem('pdsa.status', vscode.StatusBarAlignment.Left, 10);
    this.status.name = 'PDSA worksheets';
    this.status.command = 'workbench.actions.view.problems';
    this.disposables.push(this.output, this.status);
  }

  /** The running language client, once it has started (a command run during activation waits for it). */
  async languageClient(): Promise<LanguageClient> {
    await this.starting;
    if (!this.client) throw new Error('The PDSA language server is not running: see "PDSA: Show Output".');
    return this.client;
  }

  start(): Promise<void> {
    this.starting = this.startClient();
    return this.starting;
  }

  private async startClient(): Promise<void> {
    const module = this.extension.asAbsolutePath('dist/server.js');
    const serverOptions: ServerOptions = {
      run: { module, transport: TransportKind.ipc },
      debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6011'] } },
    };
    const watcher = vscode.workspace.createFileSystemWatcher('**/{*.pdsa.yaml,*.pdsa.yml,*.factors.yaml,*.factors.yml,*.collaborative.yaml,*.collaborative.yml,*.csv,pdsa.config.yaml,.gitignore}');
    this.disposables.push(watcher);
    const clientOptions: LanguageClientOptions = {
      // Worksheets, and the workspace config (a plain YAML file the server also reads).
      documentSelector: [
        { scheme: 'file', language: 'pdsa-yaml' },
        { scheme: 'file', pattern: '**/pdsa.config.yaml' },
      ],
      synchronize: { fileEvents: watcher, configurationSection: 'pdsa' },
      outputChannel: this.output,
    };
    this.client = new LanguageClient('pdsa', 'PDSA Workbench', serverOptions, clientOptions);
    this.client.onNotification(workspaceStatus, (s) => this.showStatus(s));
    await this.client.start();
  }

  async restart(): Promise<void> {
    await this.starting.catch(() => undefined);
    await this.client?.stop();
    this.client = undefined;
    await this.start();
  }

  private showStatus(s: WorkspaceStatus): void {
    this.status.text = s.errors || s.warnings ? `$(error) ${s.errors} $(warning) ${s.warnings} PDSA` : '$(pass) PDSA';
    this.status.tooltip = `PDSA worksheets: ${s.errors} error${s.errors === 1 ? '' : 's'}, ${s.warnings} warning${s.warnings === 1 ? '' : 's'} in ${s.files} file${s.files === 1 ? '' : 's'}. Click for the Problems panel.`;
    this.status.show();
  }

  register(disposable: vscode.Disposable): void {
    this.disposables.push(disposable);
  }

  async dispose(): Promise<void> {
    await this.client?.stop();
    for (const d of this.disposables.splice(0)) d.dispose();
  }
}

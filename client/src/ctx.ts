import * as vscode from 'vscode';
import type { BaseLanguageClient, LanguageClientOptions } from 'vscode-languageclient';
import { workspaceStatus, type InitializationOptions, type WorkspaceStatus } from '../../server/src/lsp/protocol';
import { serveFileSystem } from './fs-bridge';

/** How the language server is started: a Node process on the desktop, a web worker in a browser. */
export interface ServerLauncher {
  /** Where the server runs, for the output channel and the status bar's tooltip. */
  readonly where: string;
  create(id: string, name: string, options: LanguageClientOptions): BaseLanguageClient;
}

/**
 * The extension's state: the language client and everything that must be disposed with it.
 * Commands reach the client through here, so a restart swaps it in one place.
 */
export class Ctx implements vscode.Disposable {
  private client: BaseLanguageClient | undefined;
  /** Settles when the current start (or restart) is done; commands wait on it instead of failing at startup. */
  private starting: Promise<void> = Promise.resolve();
  private readonly disposables: vscode.Disposable[] = [];
  readonly output: vscode.LogOutputChannel;
  private readonly status: vscode.StatusBarItem;

  constructor(
    readonly extension: vscode.ExtensionContext,
    private readonly launcher: ServerLauncher,
  ) {
    this.output = vscode.window.createOutputChannel('PDSA Workbench', { log: true });
    this.status = vscode.window.createStatusBarItem('pdsa.status', vscode.StatusBarAlignment.Left, 10);
    this.status.name = 'PDSA worksheets';
    this.status.command = 'workbench.actions.view.problems';
    this.disposables.push(this.output, this.status);
  }

  /** The running language client, once it has started (a command run during activation waits for it). */
  async languageClient(): Promise<BaseLanguageClient> {
    await this.starting;
    if (!this.client) throw new Error('The PDSA language server is not running: see "PDSA: Show Output".');
    return this.client;
  }

  start(): Promise<void> {
    this.starting = this.startClient();
    return this.starting;
  }

  private async startClient(): Promise<void> {
    const watcher = vscode.workspace.createFileSystemWatcher(
      '**/{*.pdsa.yaml,*.pdsa.yml,*.factors.yaml,*.factors.yml,*.collaborative.yaml,*.collaborative.yml,*.csv,pdsa.config.yaml,.gitignore}',
    );
    this.disposables.push(watcher);
    const clientOptions: LanguageClientOptions = {
      // Worksheets, and the workspace config (a plain YAML file the server also reads).
      documentSelector: this.schemes().flatMap((scheme) => [
        { scheme, language: 'pdsa-yaml' },
        { scheme, pattern: '**/pdsa.config.yaml' },
      ]),
      synchronize: { fileEvents: watcher, configurationSection: 'pdsa' },
      outputChannel: this.output,
      initializationOptions: this.initializationOptions(),
    };
    this.client = this.launcher.create('pdsa', 'PDSA Workbench', clientOptions);
    this.client.onNotification(workspaceStatus, (s) => this.showStatus(s));
    serveFileSystem(this.client);
    await this.client.start();
    this.output.info(`language server started (${this.launcher.where})`);
  }

  /**
   * The file systems whose documents the server checks: the workspace folders' (`file` on the
   * desktop; github.dev's or a memory file system on the web) and always `file`. Other schemes,
   * such as old versions shown in a diff, stay out of the index.
   */
  private schemes(): string[] {
    return [...new Set(['file', ...(vscode.workspace.workspaceFolders ?? []).map((f) => f.uri.scheme)])];
  }

  /** The workspace storage on the local disk, where the server keeps each file's analysis for a warm start. */
  private initializationOptions(): InitializationOptions {
    const storage = this.extension.storageUri;
    return storage?.scheme === 'file' ? { storagePath: storage.fsPath } : {};
  }

  async restart(): Promise<void> {
    await this.starting.catch(() => undefined);
    await this.client?.stop();
    this.client = undefined;
    await this.start();
  }

  private showStatus(s: WorkspaceStatus): void {
    // VS Code's own status bar already counts errors and warnings: this item shows only how the
    // worksheets stand (an icon) and keeps the numbers, worksheets only, for its tooltip.
    let icon = '$(pass)';
    if (s.errors) icon = '$(error)';
    else if (s.warnings) icon = '$(warning)';
    this.status.text = `${icon} PDSA`;
    this.status.tooltip = `PDSA worksheets: ${s.errors} error${s.errors === 1 ? '' : 's'}, ${s.warnings} warning${s.warnings === 1 ? '' : 's'} in ${s.files} file${s.files === 1 ? '' : 's'} (language server: ${this.launcher.where}). Click for the Problems panel.`;
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

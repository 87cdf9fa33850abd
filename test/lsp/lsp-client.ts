import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { URI } from 'vscode-uri';
import {
  createProtocolConnection,
  PublishDiagnosticsNotification,
  StreamMessageReader,
  StreamMessageWriter,
  type Diagnostic,
  type ProtocolConnection,
} from 'vscode-languageserver-protocol/node';

export const SERVER = path.join(__dirname, '..', '..', 'dist', 'server.js');

/** The built language server over a real stdio connection, as an editor talks to it. */
export class LspClient {
  readonly connection: ProtocolConnection;
  readonly diagnostics = new Map<string, Diagnostic[]>();
  private readonly process: ChildProcess;
  private readonly listeners: (() => void)[] = [];
  readonly notifications: { method: string; params: unknown }[] = [];

  constructor(readonly root: string) {
    this.process = spawn(process.execPath, [SERVER, '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
    this.connection = createProtocolConnection(
      new StreamMessageReader(this.process.stdout!),
      new StreamMessageWriter(this.process.stdin!),
    );
    this.connection.onNotification(PublishDiagnosticsNotification.type, (p) => {
      this.diagnostics.set(p.uri, p.diagnostics);
      this.changed();
    });
    this.connection.onNotification('pdsa/workspaceStatus', (params: unknown) => {
      this.notifications.push({ method: 'pdsa/workspaceStatus', params });
      this.changed();
    });
    // The server asks for the `pdsa` settings section.
    this.connection.onRequest('workspace/configuration', (p: { items: unknown[] }) => p.items.map(() => this.settings));
    this.connection.onRequest('client/registerCapability', () => null);
    this.connection.onNotification('window/logMessage', (p: { message: string }) => {
      this.logs.push(p.message);
      this.changed();
    });
    this.connection.listen();
  }

  settings: unknown = {};
  readonly logs: string[] = [];

  uri(name: string): string {
    return URI.file(path.join(this.root, name)).toString();
  }

  async start(initializationOptions?: unknown): Promise<void> {
    await this.connection.sendRequest('initialize', {
      initializationOptions,
      processId: process.pid,
      rootUri: URI.file(this.root).toString(),
      workspaceFolders: [{ uri: URI.file(this.root).toString(), name: 'ws' }],
      capabilities: {
        workspace: { configuration: true, didChangeWatchedFiles: { dynamicRegistration: true } },
        textDocument: { publishDiagnostics: {} },
      },
    });
    await this.connection.sendNotification('initialized', {});
  }

  private changed(): void {
    for (const l of [...this.listeners]) l();
  }

  /** Resolves when the condition holds, re-checking on every message from the server (no sleeping). */
  waitFor<T>(condition: () => T | undefined | false, what: string, timeoutMs = 10_000): Promise<T> {
    return new Promise((resolve, reject) => {
      const check = () => {
        const value = condition();
        if (value) {
          cleanup();
          resolve(value);
        }
      };
      const timer = setTimeout(() => {
        cleanup();
        reject(new Error(`timed out waiting for ${what}`));
      }, timeoutMs);
      const cleanup = () => {
        clearTimeout(timer);
        const i = this.listeners.indexOf(check);
        if (i !== -1) this.listeners.splice(i, 1);
      };
      this.listeners.push(check);
      check();
    });
  }

  open(name: string, text?: string): string {
    const uri = this.uri(name);
    void this.connection.sendNotification('textDocument/didOpen', {
      textDocument: {
        uri,
        languageId: 'pdsa-yaml',
        version: 1,
        text: text ?? fs.readFileSync(path.join(this.root, name), 'utf8'),
      },
    });
    return uri;
  }

  private versions = new Map<string, number>();

  /** An incremental change, as VS Code sends while typing. */
  edit(
    uri: string,
    range: { start: { line: number; character: number }; end: { line: number; character: number } },
    text: string,
  ): void {
    const version = (this.versions.get(uri) ?? 1) + 1;
    this.versions.set(uri, version);
    void this.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri, version },
      contentChanges: [{ range, text }],
    });
  }

  async stop(): Promise<void> {
    try {
      await this.connection.sendRequest('shutdown');
      await this.connection.sendNotification('exit');
    } catch {
      // The server may already be gone.
    }
    this.connection.dispose();
    this.process.kill();
  }
}

export { tempWorkspace } from '../node-helpers';

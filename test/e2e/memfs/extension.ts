// A test fixture: an extension that serves a workspace from memory under the `memfs:` scheme, as
// github.dev serves a repository from its own virtual file system. It runs in the browser's web
// worker extension host; its files come from files.json beside it (written by the test), which it
// reads once at activation. Nothing of the workspace is on the disk the editor runs on.
import * as vscode from 'vscode';

type Entry =
  { type: vscode.FileType.File; data: Uint8Array; mtime: number } | { type: vscode.FileType.Directory; mtime: number };

class MemoryFileSystem implements vscode.FileSystemProvider {
  private readonly entries = new Map<string, Entry>([['/', { type: vscode.FileType.Directory, mtime: Date.now() }]]);
  private readonly emitter = new vscode.EventEmitter<vscode.FileChangeEvent[]>();
  readonly onDidChangeFile = this.emitter.event;

  private entry(uri: vscode.Uri): Entry {
    const e = this.entries.get(uri.path);
    if (!e) throw vscode.FileSystemError.FileNotFound(uri);
    return e;
  }

  private parent(path: string): string {
    return path.slice(0, path.lastIndexOf('/')) || '/';
  }

  private mkdirs(path: string): void {
    for (let p = path; p !== '/' && !this.entries.has(p); p = this.parent(p))
      this.entries.set(p, { type: vscode.FileType.Directory, mtime: Date.now() });
  }

  seed(files: Record<string, string>): void {
    for (const [path, text] of Object.entries(files)) {
      this.mkdirs(this.parent(path));
      this.entries.set(path, { type: vscode.FileType.File, data: new TextEncoder().encode(text), mtime: Date.now() });
    }
  }

  watch(): vscode.Disposable {
    return new vscode.Disposable(() => undefined);
  }

  stat(uri: vscode.Uri): vscode.FileStat {
    const e = this.entry(uri);
    return {
      type: e.type,
      ctime: e.mtime,
      mtime: e.mtime,
      size: e.type === vscode.FileType.File ? e.data.byteLength : 0,
    };
  }

  readDirectory(uri: vscode.Uri): [string, vscode.FileType][] {
    if (this.entry(uri).type !== vscode.FileType.Directory) throw vscode.FileSystemError.FileNotADirectory(uri);
    const prefix = uri.path === '/' ? '/' : `${uri.path}/`;
    const out: [string, vscode.FileType][] = [];
    for (const [path, e] of this.entries)
      if (path !== '/' && path.startsWith(prefix) && !path.slice(prefix.length).includes('/'))
        out.push([path.slice(prefix.length), e.type]);
    return out;
  }

  readFile(uri: vscode.Uri): Uint8Array {
    const e = this.entry(uri);
    if (e.type !== vscode.FileType.File) throw vscode.FileSystemError.FileIsADirectory(uri);
    return e.data;
  }

  writeFile(uri: vscode.Uri, content: Uint8Array, options: { create: boolean; overwrite: boolean }): void {
    const existing = this.entries.get(uri.path);
    if (!existing && !options.create) throw vscode.FileSystemError.FileNotFound(uri);
    if (existing && !options.overwrite) throw vscode.FileSystemError.FileExists(uri);
    this.mkdirs(this.parent(uri.path));
    this.entries.set(uri.path, { type: vscode.FileType.File, data: content, mtime: Date.now() });
    this.emitter.fire([{ type: existing ? vscode.FileChangeType.Changed : vscode.FileChangeType.Created, uri }]);
  }

  createDirectory(uri: vscode.Uri): void {
    this.mkdirs(uri.path);
    this.emitter.fire([{ type: vscode.FileChangeType.Created, uri }]);
  }

  delete(uri: vscode.Uri): void {
    this.entry(uri);
    for (const path of [...this.entries.keys()])
      if (path === uri.path || path.startsWith(`${uri.path}/`)) this.entries.delete(path);
    this.emitter.fire([{ type: vscode.FileChangeType.Deleted, uri }]);
  }

  rename(from: vscode.Uri, to: vscode.Uri): void {
    const e = this.entry(from);
    this.entries.delete(from.path);
    this.mkdirs(this.parent(to.path));
    this.entries.set(to.path, e);
    this.emitter.fire([
      { type: vscode.FileChangeType.Deleted, uri: from },
      { type: vscode.FileChangeType.Created, uri: to },
    ]);
  }
}

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const fs = new MemoryFileSystem();
  const json = new TextDecoder().decode(
    await vscode.workspace.fs.readFile(vscode.Uri.joinPath(context.extensionUri, 'files.json')),
  );
  fs.seed(JSON.parse(json) as Record<string, string>);
  context.subscriptions.push(
    vscode.workspace.registerFileSystemProvider('memfs', fs, { isCaseSensitive: true }),
    // For the tests: what a file written to memory holds (a PNG's signature and size from its header).
    vscode.commands.registerCommand('memfs.describePng', async () => {
      const name = await vscode.window.showInputBox({ prompt: 'PNG file in memfs:/ws' });
      if (!name) return;
      const data = await vscode.workspace.fs.readFile(vscode.Uri.parse(`memfs:/ws/${name}`));
      const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
      const png = data.length > 24 && view.getUint32(0) === 0x89504e47 && view.getUint32(4) === 0x0d0a1a0a;
      void vscode.window.showInformationMessage(
        png
          ? `${name}: PNG ${view.getUint32(16)}x${view.getUint32(20)}, ${data.length} bytes`
          : `${name}: not a PNG (${data.length} bytes)`,
      );
    }),
  );
}

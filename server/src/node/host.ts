import * as fs from 'node:fs';
import * as path from 'node:path';
import { URI } from 'vscode-uri';
import type { EntryType, WorkspaceHost } from '../core/host';

/** File paths and the URIs VS Code uses for them (it escapes more characters than Node's pathToFileURL). */
export function uriOf(fsPath: string): string {
  return URI.file(fsPath).toString();
}

export function pathOf(uri: string): string {
  return URI.parse(uri).fsPath;
}

export function describeFsError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  switch (code) {
    case 'ENOENT':
    case 'ENOTDIR':
      return 'no such file or directory';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EISDIR':
      return 'is a directory';
    default:
      return error instanceof Error ? error.message : String(error);
  }
}

function typeOf(entry: fs.Dirent | fs.Stats): EntryType {
  return entry.isFile() ? 'file' : entry.isDirectory() ? 'directory' : 'other';
}

/** A `file:` URI's path, or the path itself; any other scheme is not on this computer's disk. */
function toPath(uri: string): string {
  if (uri.startsWith('file:')) return pathOf(uri);
  if (/^[a-z][a-z0-9+.-]+:/i.test(uri)) throw new Error('not a file on this computer');
  return uri;
}

/** Runs an fs call and turns its error into one with a message in words. */
async function words<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    throw new Error(describeFsError(error));
  }
}

/**
 * The core's host on Node, over `file:` URIs (the language server) or absolute paths (the CLI,
 * whose results name paths): whichever form a folder is given in, its entries come back in.
 * Reads and listings use the synchronous calls: a worksheet or a folder listing takes microseconds
 * to read from a local disk, and fs.promises costs several round trips through libuv's thread pool
 * per file (open, stat, read, close), which took ~0.5 s of the server's thread for 5,000 files.
 */
export const nodeHost: WorkspaceHost = {
  readDirectory: (uri) =>
    words(async () => {
      const isUri = uri.startsWith('file:');
      const dir = toPath(uri);
      const entries = fs.readdirSync(dir, { withFileTypes: true });
      return entries.map((e) => {
        const child = path.join(dir, e.name);
        return { name: e.name, uri: isUri ? uriOf(child) : child, type: typeOf(e) };
      });
    }),
  stat: (uri) =>
    words(async () => {
      const s = fs.statSync(toPath(uri));
      return { type: typeOf(s), size: s.size, mtime: s.mtimeMs };
    }),
  readFile: (uri) => words(async () => fs.readFileSync(toPath(uri), 'utf8')),
};

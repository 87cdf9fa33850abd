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
  // Synchronous (fast for thousands of small files), and refusing anything but a regular file.
  readFile: (uri) => words(async () => readRegularFileSync(toPath(uri))),
  realPath: (uri) =>
    words(async () => {
      const real = fs.realpathSync(toPath(uri));
      return uri.startsWith('file:') ? uriOf(real) : real;
    }),
};

/** No file the tools read is larger; past this a read is refused before any byte is read. */
export const MAX_READ_BYTES = 128 * 1024 * 1024;

/**
 * Reads a regular file only. Opened without blocking and checked on the open descriptor, so a pipe
 * (which would wait forever for a writer), a device such as /dev/urandom (which never ends) or a
 * file swapped for one after a stat is refused at once.
 */
export function readRegularFileSync(file: string): string {
  const fd = fs.openSync(file, fs.constants.O_RDONLY | fs.constants.O_NONBLOCK);
  try {
    const stat = fs.fstatSync(fd);
    if (stat.isDirectory()) throw new Error('is a directory');
    if (!stat.isFile()) throw new Error('not a regular file (a device, pipe or socket)');
    if (stat.size > MAX_READ_BYTES) throw new Error('too large to read');
    return fs.readFileSync(fd, 'utf8');
  } finally {
    fs.closeSync(fd);
  }
}

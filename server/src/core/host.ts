/**
 * The I/O a shell provides to the core: a few primitive file operations over URI strings (absolute
 * paths in the CLI, `file:` URIs in the desktop language server, any scheme in a browser, where the
 * extension's client reads `vscode.workspace.fs` for the worker). Everything with meaning (which
 * files are worksheets, git ignore rules, which config governs a file, what may be read) is written
 * once, in the core, on top of these: see files.ts.
 */

export type EntryType = 'file' | 'directory' | 'other';

export interface DirectoryEntry {
  name: string;
  /** The entry's own URI, made by the host (it knows how its URIs escape names). */
  uri: string;
  type: EntryType;
}

export interface FileStat {
  type: EntryType;
  size: number;
  /** Modification time in ms since the epoch (0 when the file system does not say). */
  mtime: number;
}

/** A change the editor or the file system reports. */
export interface FileChange {
  uri: string;
  type: 'created' | 'changed' | 'deleted';
}

export interface Disposable {
  dispose(): void;
}

/**
 * Every operation rejects with an Error whose message says why in words a user reads
 * ("no such file or directory", "permission denied"), never a stack or an error code.
 */
export interface WorkspaceHost {
  /** The entries of a folder. Symbolic links are `other`: not followed, as git does not follow them (and a link loop cannot trap a scan). */
  readDirectory(uri: string): Promise<DirectoryEntry[]>;
  stat(uri: string): Promise<FileStat>;
  /**
   * The file's text (UTF-8). Only regular files are read: a pipe, device or folder rejects at once
   * (reading one could block forever or never end), and so does a file past the host's size cap.
   */
  readFile(uri: string): Promise<string>;
  /**
   * Where a path really leads, with symbolic links resolved (same form as given). Hosts without
   * links (a browser's virtual file system) leave it out.
   */
  realPath?(uri: string): Promise<string>;
  /** Reports changes under the workspace, where the shell can watch (a language server; not a one-shot CLI run). */
  watch?(listener: (changes: FileChange[]) => void): Disposable;
}

/** The file's text, or null when it does not exist or cannot be read. */
export async function readOrNull(host: WorkspaceHost, uri: string): Promise<string | null> {
  try {
    return await host.readFile(uri);
  } catch {
    return null;
  }
}

export function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

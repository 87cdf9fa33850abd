import * as vscode from 'vscode';
import type { BaseLanguageClient } from 'vscode-languageclient';
import { fsReadDirectory, fsReadFile, fsStat, type DirectoryEntry, type FileStat } from '../../server/src/lsp/protocol';

/** A file system error in the words the core's host interface uses. */
function inWords(error: unknown): Error {
  const code = error instanceof vscode.FileSystemError ? error.code : undefined;
  const words: Record<string, string> = {
    FileNotFound: 'no such file or directory',
    FileNotADirectory: 'not a directory',
    FileIsADirectory: 'is a directory',
    NoPermissions: 'permission denied',
    Unavailable: 'the file system is unavailable',
  };
  return new Error((code && words[code]) ?? (error instanceof Error ? error.message : String(error)));
}

function typeOf(type: vscode.FileType): DirectoryEntry['type'] {
  // A symbolic link is not followed (as git and the Node host do not follow them).
  if (type & vscode.FileType.SymbolicLink) return 'other';
  return type === vscode.FileType.File ? 'file' : type === vscode.FileType.Directory ? 'directory' : 'other';
}

async function answer<T>(call: () => Thenable<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    throw inWords(error);
  }
}

/**
 * Answers the server's file requests from `vscode.workspace.fs`: the server in a web worker has no
 * file system, and this one works on every file system the editor has (disk, github.dev's, memory).
 */
export function serveFileSystem(client: BaseLanguageClient): void {
  client.onRequest(fsReadDirectory, ({ uri }) =>
    answer(async () => {
      const folder = vscode.Uri.parse(uri);
      const entries = await vscode.workspace.fs.readDirectory(folder);
      return entries.map(([name, type]) => ({
        name,
        uri: vscode.Uri.joinPath(folder, name).toString(),
        type: typeOf(type),
      }));
    }),
  );
  client.onRequest(fsStat, ({ uri }) =>
    answer(async (): Promise<FileStat> => {
      const s = await vscode.workspace.fs.stat(vscode.Uri.parse(uri));
      return { type: typeOf(s.type), size: s.size, mtime: s.mtime };
    }),
  );
  client.onRequest(fsReadFile, ({ uri }) =>
    answer(async () => new TextDecoder().decode(await vscode.workspace.fs.readFile(vscode.Uri.parse(uri)))),
  );
}

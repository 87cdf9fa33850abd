import type { Connection } from 'vscode-languageserver';
import type { WorkspaceHost } from '../core/host';
import { fsReadDirectory, fsReadFile, fsStat } from './protocol';

/**
 * The core's host for a server without a file system of its own (a browser's web worker): every
 * operation is a request to the client, which reads the editor's file system. Errors keep the
 * client's message ("no such file or directory").
 */
export function editorHost(connection: Connection): WorkspaceHost {
  const ask = async <R>(call: () => Promise<R>): Promise<R> => {
    try {
      return await call();
    } catch (error) {
      throw new Error(error instanceof Error ? error.message : String(error));
    }
  };
  return {
    readDirectory: (uri) => ask(() => connection.sendRequest(fsReadDirectory, { uri })),
    stat: (uri) => ask(() => connection.sendRequest(fsStat, { uri })),
    readFile: (uri) => ask(() => connection.sendRequest(fsReadFile, { uri })),
  };
}

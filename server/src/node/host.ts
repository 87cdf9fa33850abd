import * as fs from 'node:fs';
import { URI } from 'vscode-uri';
import type { WorkspaceHost } from '../core/host';

/** File paths and the URIs VS Code uses for them (it escapes more characters than Node's pathToFileURL). */
export function uriOf(fsPath: string): string {
  return URI.file(fsPath).toString();
}

export function pathOf(uri: string): string {
  return URI.parse(uri).fsPath;
}

/** The core's host on Node: reads `file:` URIs (or plain paths) from disk. */
export const nodeHost: WorkspaceHost = {
  async readFile(uri) {
    try {
      return await fs.promises.readFile(uri.startsWith('file:') ? pathOf(uri) : uri, 'utf8');
    } catch {
      return null;
    }
  },
};

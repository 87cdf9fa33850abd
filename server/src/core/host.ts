import type { Workspace } from './workspace';

/** The I/O a shell provides. Node's fs in the CLI and server; a virtual file system in a browser. */
export interface WorkspaceHost {
  /** The file's text, or null when it does not exist or cannot be read. */
  readFile(uri: string): Promise<string | null>;
}

/** Loads the CSV files that worksheets name and the index has not seen yet. */
export async function loadMissingCsv(workspace: Workspace, host: WorkspaceHost): Promise<void> {
  for (const uri of workspace.missingCsv()) workspace.setCsv(uri, await host.readFile(uri));
}

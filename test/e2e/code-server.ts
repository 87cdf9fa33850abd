// The end-to-end tests' way into VS Code: code-server as `npm start` runs it (scripts/code-server.ts),
// with a throwaway copy of the example workspace open in Chromium.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { REPO, startCodeServer, type CodeServer } from '../../scripts/code-server';

export * from '../../scripts/code-server';

/** A copy of an example workspace (tests edit it; by default the single team's) opened in a fresh code-server and Chromium. */
export async function openExample(
  prefix: string,
  example = 'slc-belonging',
): Promise<{ workspace: string; server: CodeServer; wb: import('./workbench').Workbench }> {
  const { openWorkbench } = await import('./workbench');
  const workspace = fs.mkdtempSync(path.join(os.tmpdir(), `pdsa-e2e-${prefix}-`));
  fs.cpSync(path.join(REPO, 'examples', example), workspace, { recursive: true });
  const server = await startCodeServer();
  const wb = await openWorkbench(server.folderUrl(workspace));
  return { workspace, server, wb };
}

import type { BulkAnalyser } from '../core/compact';
import { loadFound } from '../core/files';
import { NodeAnalyser } from '../node/analysis-pool';
import { Workspace } from '../core/workspace';
import { displayPath } from '../node/display-path';
import { CliError } from './command';
import { scanPaths, type CliScan } from './files';

/**
 * Worksheets under the paths. Finding none where the user pointed is an error (as ESLint's "no
 * files matching"): a typo in a folder name must not pass CI as "0 errors".
 */
export async function scanPathsOrFail(paths: string[]): Promise<CliScan> {
  const found = await scanPaths(paths);
  if (found.worksheets.length === 0 && found.errors.length === 0) {
    throw new CliError(
      `no worksheets found in ${paths.map((p) => displayPath(p)).join(', ')} (*.pdsa.yaml, *.factors.yaml)`,
    );
  }
  return found;
}

/**
 * Reads the worksheets found (and their configs and the CSV files they name) into a new workspace,
 * analysing them on worker threads (by default) or through the analyser given; unreadable files
 * are added to the scan's errors.
 */
export async function loadWorkspace(
  found: CliScan,
  today: string | undefined,
  analyser: BulkAnalyser = new NodeAnalyser(),
): Promise<{ workspace: Workspace; csvFiles: string[] }> {
  // Messages name other files by the same relative paths the CLI prints.
  const workspace = new Workspace({ today, retainSyntaxTrees: false, fileLabel: (file) => displayPath(file) });
  workspace.setRoots(found.files.roots);
  const onError = (file: string, message: string) =>
    found.errors.push(`cannot read '${displayPath(file)}': ${message}`);
  await loadFound(
    workspace,
    found.files,
    { worksheets: found.worksheets, configs: found.configs, problems: [] },
    { onError, analyser },
  );
  return { workspace, csvFiles: workspace.linkedCsv() };
}

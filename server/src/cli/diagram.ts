import * as fs from 'node:fs';
import * as path from 'node:path';
import { buildDriverModel, DiagramError } from '../core/analytics/drivers';
import { renderDriverDiagram } from '../core/render/driver-svg';
import { scanPaths } from './files';
import { loadWorkspace } from './check';

/** `pdsa diagram [factors-file] [-o diagram.svg]`: the driver diagram as a standalone SVG. */
export async function runDiagram(target: string | undefined, output: string | undefined, out: (s: string) => void, err: (s: string) => void): Promise<number> {
  const root = target && fs.existsSync(target) && fs.statSync(target).isFile() ? path.dirname(target) : (target ?? '.');
  const found = await scanPaths([root]);
  const { workspace } = await loadWorkspace(found, undefined);
  const factorsFiles = found.worksheets.filter((f) => /\.factors\.ya?ml$/.test(f));
  const file = target && /\.factors\.ya?ml$/.test(target) ? path.resolve(target) : factorsFiles[0];
  if (!file || !workspace.worksheet(file)) {
    err(`pdsa: no factors file ${target ? `at '${target}'` : 'under the current folder'}\n`);
    return 2;
  }
  if (!target && factorsFiles.length > 1) err(`pdsa: ${factorsFiles.length} factors files; drawing ${path.relative(process.cwd(), file)} (name one to choose)\n`);
  let svg: string;
  try {
    svg = renderDriverDiagram(buildDriverModel(workspace, file), { embedStyle: true });
  } catch (error) {
    if (error instanceof DiagramError) {
      err(`pdsa: ${error.message}\n`);
      return 2;
    }
    throw error;
  }
  if (output) {
    fs.writeFileSync(output, `${svg}\n`);
    err(`wrote ${output}\n`);
  } else out(`${svg}\n`);
  return 0;
}

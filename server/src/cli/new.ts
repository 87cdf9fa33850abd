import * as fs from 'node:fs';
import * as path from 'node:path';
import { localDate } from '../core/schema/common';
import { CycleError, nextCycle } from '../core/service/cycles';
import { scanPaths } from './files';
import { loadWorkspace } from './check';

/** `pdsa new cycle --from <id> [paths]`: writes the next cycle of a ramp, as "Start Next Cycle" does in the editor. */
export async function runNewCycle(from: string | undefined, paths: string[], out: (s: string) => void, err: (s: string) => void): Promise<number> {
  if (!from) {
    err('pdsa: new cycle needs --from <cycle-id>\n');
    return 2;
  }
  const found = await scanPaths(paths);
  const { workspace } = await loadWorkspace(found, undefined);
  try {
    const file = nextCycle(workspace, from, localDate());
    if (fs.existsSync(file.uri)) {
      err(`pdsa: ${file.uri} already exists\n`);
      return 2;
    }
    fs.writeFileSync(file.uri, file.text);
    out(`${path.relative(process.cwd(), file.uri) || file.uri}\n`);
    return 0;
  } catch (error) {
    if (error instanceof CycleError) {
      err(`pdsa: ${error.message}\n`);
      return 2;
    }
    throw error;
  }
}

import * as fs from 'node:fs';
import * as path from 'node:path';
import { Workspace } from '../../server/src/core/workspace';
import { uriOf } from '../../server/src/node/host';

/** Loads every worksheet, CSV and config under a folder into a workspace, the way the CLI does. */
export function loadFolder(dir: string, today?: string): Workspace {
  const ws = new Workspace({ today });
  for (const e of fs.readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!e.isFile()) continue;
    const full = path.join(e.parentPath, e.name);
    const text = fs.readFileSync(full, 'utf8');
    if (e.name === 'pdsa.config.yaml') ws.setConfig(uriOf(full), text);
    else if (e.name.endsWith('.csv')) ws.setCsv(uriOf(full), text);
    else ws.setWorksheet(uriOf(full), text);
  }
  for (const uri of ws.missingCsv()) ws.setCsv(uri, null);
  return ws;
}

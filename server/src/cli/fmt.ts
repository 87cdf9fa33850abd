import * as fs from 'node:fs';
import * as path from 'node:path';
import { formatWorksheet } from '../core/format';
import { errorText } from '../core/host';
import { nodeHost } from '../node/host';
import { scanPaths } from './files';

/** `pdsa fmt [paths] [--check]`: rewrites worksheets in canonical form, or (--check) lists those that are not. */
export async function runFmt(paths: string[], check: boolean, out: (s: string) => void, err: (s: string) => void): Promise<number> {
  const found = await scanPaths(paths);
  for (const e of found.errors) err(`pdsa: ${e}\n`);
  let unformatted = 0;
  let broken = 0;
  for (const file of found.worksheets) {
    const shown = path.relative(process.cwd(), file) || file;
    let text: string;
    try {
      text = await nodeHost.readFile(file);
    } catch (error) {
      broken++;
      err(`pdsa: cannot read '${shown}': ${errorText(error)}\n`);
      continue;
    }
    const result = formatWorksheet(file, text);
    if (!result.ok) {
      broken++;
      err(`${shown}: ${result.message}\n`);
      continue;
    }
    if (!result.changed) continue;
    unformatted++;
    if (check) out(`${shown}\n`);
    else {
      fs.writeFileSync(file, result.text);
      out(`formatted ${shown}\n`);
    }
  }
  if (check && unformatted) err(`${unformatted} file${unformatted === 1 ? ' is' : 's are'} not formatted: run pdsa fmt\n`);
  if (found.errors.length || broken) return 2;
  return check && unformatted ? 1 : 0;
}

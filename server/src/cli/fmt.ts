import * as fs from 'node:fs';
import * as path from 'node:path';
import { formatWorksheet } from '../core/format';
import { findWorksheets } from '../node/find-files';

/** `pdsa fmt [paths] [--check]`: rewrites worksheets in canonical form, or (--check) lists those that are not. */
export function runFmt(paths: string[], check: boolean, out: (s: string) => void, err: (s: string) => void): number {
  const found = findWorksheets(paths);
  for (const e of found.errors) err(`pdsa: ${e}\n`);
  let unformatted = 0;
  let broken = 0;
  for (const file of found.worksheets) {
    const shown = path.relative(process.cwd(), file) || file;
    const result = formatWorksheet(file, fs.readFileSync(file, 'utf8'));
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

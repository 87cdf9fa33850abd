import * as fs from 'node:fs';
import { formatWorksheet } from '../core/format';
import { displayPath } from '../node/display-path';
import { describeFsError, nodeHost } from '../node/host';
import type { Command } from './command';
import { scanPathsOrFail } from './load';

/** `pdsa fmt [paths] [--check]`: rewrites worksheets in canonical form, or (--check) lists those that are not. */
export const fmtCommand: Command = {
  name: 'fmt',
  synopsis: '[paths...] [--check]',
  summary: 'Rewrite worksheets in canonical form (key order, indentation, quoting)',
  details:
    'Exit codes: 0 done (or all formatted), 1 unformatted files (--check), 2 bad usage, no\nworksheets found, unreadable paths or files with syntax errors (left untouched).',
  options: {
    check: { type: 'boolean', help: 'Only list the files that are not formatted (exit 1 if any)' },
  },
  async run(args, io) {
    const check = args.flag('check');
    const found = await scanPathsOrFail(args.positionals.length ? args.positionals : ['.']);
    for (const e of found.errors) io.err(`pdsa: ${e}\n`);
    let unformatted = 0;
    let broken = 0;
    for (const file of found.worksheets) {
      const shown = displayPath(file, io.cwd);
      let text: string;
      try {
        text = await nodeHost.readFile(file);
      } catch (error) {
        broken++;
        io.err(`pdsa: cannot read '${shown}': ${describeFsError(error)}\n`);
        continue;
      }
      let result: ReturnType<typeof formatWorksheet>;
      try {
        result = formatWorksheet(file, text);
      } catch (error) {
        // One file that trips a bug must not stop the others.
        result = {
          ok: false,
          message: `not formatted: ${error instanceof Error ? error.message : String(error)}`,
          line: 1,
        };
      }
      if (!result.ok) {
        broken++;
        io.err(`${shown}: ${result.message}\n`);
        continue;
      }
      if (!result.changed) continue;
      unformatted++;
      if (check) io.out(`${shown}\n`);
      else {
        try {
          fs.writeFileSync(file, result.text);
          io.out(`formatted ${shown}\n`);
        } catch (error) {
          broken++;
          io.err(`pdsa: cannot write '${shown}': ${describeFsError(error)}\n`);
        }
      }
    }
    if (check && unformatted)
      io.err(`${unformatted} file${unformatted === 1 ? ' is' : 's are'} not formatted: run pdsa fmt\n`);
    if (found.errors.length || broken) return 2;
    return check && unformatted ? 1 : 0;
  },
};

import { terminalSafe } from '../core/text';
import { semanticDiff } from '../core/diff';
import { displayPath } from '../node/display-path';
import { describeFsError, readRegularFileSync } from '../node/host';
import { UsageError, type Command } from './command';

/**
 * `pdsa diff <old> <new>`, or as Git's external diff driver (7 arguments:
 * path old-file old-hex old-mode new-file new-hex new-mode). /dev/null stands for a missing side.
 */
export const diffCommand: Command = {
  name: 'diff',
  synopsis: '<old> <new>',
  summary: 'What changed between two versions of a worksheet, in worksheet terms',
  details:
    "Also works as Git's external diff driver, which passes 7 arguments:\n  git config diff.pdsa.command \"pdsa diff\"\n  echo '*.pdsa.yaml diff=pdsa' >> .gitattributes\n/dev/null stands for a side that does not exist.",
  options: {},
  run(args, io) {
    const argv = args.positionals;
    let label: string;
    let oldFile: string;
    let newFile: string;
    if (argv.length === 7) [label, oldFile, , , newFile] = argv as [string, string, string, string, string];
    else if (argv.length === 2) {
      [oldFile, newFile] = argv as [string, string];
      label = displayPath(newFile === '/dev/null' ? oldFile : newFile, io.cwd);
    } else
      throw new UsageError(
        `diff takes two files (old new), or the 7 arguments git passes to an external diff driver, not ${argv.length}`,
      );
    let failed = false;
    const read = (file: string): string | null | undefined => {
      if (file === '/dev/null') return null;
      try {
        return readRegularFileSync(file);
      } catch (error) {
        io.err(`pdsa: cannot read '${displayPath(file, io.cwd)}': ${describeFsError(error)}\n`);
        failed = true;
        return undefined;
      }
    };
    const a = read(oldFile);
    const b = read(newFile);
    if (failed || a === undefined || b === undefined) return 2;
    const changes = semanticDiff(label, a, b);
    io.out(`${terminalSafe(label)}\n`);
    io.out(
      changes.length
        ? changes.map((c) => `  ${terminalSafe(c)}\n`).join('')
        : '  no change in meaning (layout or comments only)\n',
    );
    return 0;
  },
};

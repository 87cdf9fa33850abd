import * as fs from 'node:fs';
import { semanticDiff } from '../core/diff';

/**
 * `pdsa diff <old> <new>`, or as Git's external diff driver (7 arguments:
 * path old-file old-hex old-mode new-file new-hex new-mode). /dev/null stands for a missing side.
 */
export function runDiff(args: string[], out: (s: string) => void, err: (s: string) => void): number {
  let label: string;
  let oldFile: string;
  let newFile: string;
  if (args.length === 7) [label, oldFile, , , newFile] = args as [string, string, string, string, string];
  else if (args.length === 2) {
    [oldFile, newFile] = args as [string, string];
    label = newFile === '/dev/null' ? oldFile : newFile;
  } else {
    err('pdsa: diff takes two files (old new), or the 7 arguments git passes to an external diff driver\n');
    return 2;
  }
  const read = (file: string): string | null | undefined => {
    if (file === '/dev/null') return null;
    try {
      return fs.readFileSync(file, 'utf8');
    } catch {
      err(`pdsa: cannot read '${file}'\n`);
      return undefined;
    }
  };
  const a = read(oldFile);
  const b = read(newFile);
  if (a === undefined || b === undefined) return 2;
  const changes = semanticDiff(label, a, b);
  out(`${label}\n`);
  out(changes.length ? changes.map((c) => `  ${c}\n`).join('') : '  no change in meaning (layout or comments only)\n');
  return 0;
}

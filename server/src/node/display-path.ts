import * as path from 'node:path';

/** How every message names a file: relative to the current folder, with "/" on every platform. */
export function displayPath(file: string, cwd: string = process.cwd()): string {
  return path.relative(cwd, path.resolve(cwd, file)).split(path.sep).join('/') || '.';
}

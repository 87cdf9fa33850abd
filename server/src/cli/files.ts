import * as fs from 'node:fs';
import * as path from 'node:path';
import { WorkspaceFiles } from '../core/files';
import { displayPath } from '../node/display-path';
import { nodeHost } from '../node/host';

/**
 * The CLI's workspace root for a path: the Git repository holding it; outside a repository, the
 * current folder when the path is inside it, else the path's own folder. Configs and ignore files
 * are looked up to this root and never above it.
 */
export function workspaceRootOf(abs: string): string {
  for (let dir = abs; ;) {
    if (fs.existsSync(path.join(dir, '.git'))) return dir;
    const parent = path.dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  const cwd = process.cwd();
  if (abs === cwd || abs.startsWith(cwd + path.sep)) return cwd;
  return fs.existsSync(abs) && fs.statSync(abs).isDirectory() ? abs : path.dirname(abs);
}

export interface CliScan {
  files: WorkspaceFiles;
  /** Absolute paths of the worksheets found, sorted. */
  worksheets: string[];
  /** Absolute paths of the configs that govern them. */
  configs: string[];
  /** Problems in words, ready to print after "pdsa: ". */
  errors: string[];
}

/** Worksheets under the paths the user gave (a file named explicitly is always taken), through the core's discovery. */
export async function scanPaths(paths: string[]): Promise<CliScan> {
  const typed = new Map<string, string>();
  for (const p of paths) if (!typed.has(path.resolve(p))) typed.set(path.resolve(p), p);
  const targets = [...typed.keys()];
  const files = new WorkspaceFiles(nodeHost, [...new Set(targets.map(workspaceRootOf))]);
  const found = await files.scan(targets);
  const errors = found.problems.map((p) => {
    const shown = displayPath(typed.get(p.uri) ?? p.uri);
    return p.kind === 'not-a-worksheet' ? `'${shown}' ${p.message}` : `cannot read '${shown}': ${p.message}`;
  });
  return { files, worksheets: found.worksheets, configs: found.configs, errors };
}

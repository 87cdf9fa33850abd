import * as fs from 'node:fs';
import * as path from 'node:path';
import ignore, { type Ignore } from 'ignore';
import { CONFIG_FILE_NAME, worksheetKind } from '../core/uri';

export interface Found {
  worksheets: string[];
  errors: string[];
}

interface IgnoreLayer {
  base: string;
  rules: Ignore;
}

const ALWAYS_SKIPPED = new Set(['.git', 'node_modules']);

/** Worksheet files under the given paths, honouring every .gitignore on the way down. A file named explicitly is always checked. */
export function findWorksheets(paths: string[]): Found {
  const found: Found = { worksheets: [], errors: [] };
  const seen = new Set<string>();
  for (const p of paths) {
    const abs = path.resolve(p);
    let stat: fs.Stats;
    try {
      stat = fs.statSync(abs);
    } catch (error) {
      found.errors.push(`cannot read '${p}': ${describeFsError(error)}`);
      continue;
    }
    if (stat.isDirectory()) walk(abs, inheritedIgnores(abs), found, seen);
    else if (!worksheetKind(abs)) found.errors.push(`'${p}' is not a worksheet (expected a *.pdsa.yaml or *.factors.yaml file)`);
    else if (!seen.has(abs)) {
      seen.add(abs);
      found.worksheets.push(abs);
    }
  }
  found.worksheets.sort();
  return found;
}

/** .gitignore files above the starting folder, up to the repository root, also apply. */
function inheritedIgnores(dir: string): IgnoreLayer[] {
  const layers: IgnoreLayer[] = [];
  let current = path.dirname(dir);
  let child = dir;
  while (current !== child && !fs.existsSync(path.join(child, '.git'))) {
    const layer = readIgnore(current);
    if (layer) layers.unshift(layer);
    if (fs.existsSync(path.join(current, '.git'))) break;
    child = current;
    current = path.dirname(current);
  }
  return layers;
}

function readIgnore(dir: string): IgnoreLayer | undefined {
  try {
    const text = fs.readFileSync(path.join(dir, '.gitignore'), 'utf8');
    return { base: dir, rules: ignore().add(text) };
  } catch {
    return undefined;
  }
}

function isIgnored(layers: IgnoreLayer[], abs: string, isDir: boolean): boolean {
  for (const layer of layers) {
    const rel = path.relative(layer.base, abs).split(path.sep).join('/');
    if (rel && !rel.startsWith('..') && layer.rules.ignores(isDir ? `${rel}/` : rel)) return true;
  }
  return false;
}

function walk(dir: string, layers: IgnoreLayer[], found: Found, seen: Set<string>): void {
  const own = readIgnore(dir);
  const active = own ? [...layers, own] : layers;
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch (error) {
    found.errors.push(`cannot read '${dir}': ${describeFsError(error)}`);
    return;
  }
  for (const entry of entries) {
    if (ALWAYS_SKIPPED.has(entry.name)) continue;
    const abs = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (!isIgnored(active, abs, true)) walk(abs, active, found, seen);
    } else if (entry.isFile() && worksheetKind(entry.name) && !isIgnored(active, abs, false) && !seen.has(abs)) {
      seen.add(abs);
      found.worksheets.push(abs);
    }
  }
}

/** The workspace config: pdsa.config.yaml in the folder checked or the nearest folder above it, up to the repository root. */
export function findConfig(start: string): string | undefined {
  let dir = path.resolve(start);
  if (fs.existsSync(dir) && !fs.statSync(dir).isDirectory()) dir = path.dirname(dir);
  for (;;) {
    const candidate = path.join(dir, CONFIG_FILE_NAME);
    if (fs.existsSync(candidate)) return candidate;
    if (fs.existsSync(path.join(dir, '.git'))) return undefined;
    const parent = path.dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

export function describeFsError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  switch (code) {
    case 'ENOENT':
      return 'no such file or directory';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EISDIR':
      return 'is a directory';
    default:
      return error instanceof Error ? error.message : String(error);
  }
}

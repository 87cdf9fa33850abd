import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Diagnostic } from '../core/diagnostics';
import { loadFound } from '../core/files';
import { Workspace } from '../core/workspace';
import { describeFsError } from '../node/host';
import { scanPaths, type CliScan } from './files';

export interface CheckOptions {
  paths: string[];
  today?: string;
  /** Where to keep the cache (like eslint --cache); undefined disables it. */
  cacheFile?: string;
}

export interface CheckResult {
  results: Map<string, Diagnostic[]>;
  /** Paths that could not be read: reported, and the exit code says so. */
  errors: string[];
  fromCache: boolean;
}

const CACHE_VERSION = 1;

interface CacheFile {
  version: number;
  key: string;
  /** CSV files the run read: part of the key, so editing one invalidates the cache. */
  csv: string[];
  results: [string, Diagnostic[]][];
}

/** The cache is valid only for the same files with the same size and mtime, config, date and tool version. */
function cacheKey(files: string[], configs: string[], today: string | undefined, csvFiles: string[]): string {
  const stamp = (f: string) => {
    try {
      const s = fs.statSync(f);
      return `${f}:${s.size}:${s.mtimeMs}`;
    } catch {
      return `${f}:missing`;
    }
  };
  return JSON.stringify([CACHE_VERSION, today ?? new Date().toISOString().slice(0, 10), configs.map(stamp), files.map(stamp), csvFiles.map(stamp)]);
}

function readCache(file: string): CacheFile | undefined {
  try {
    const cache = JSON.parse(fs.readFileSync(file, 'utf8')) as CacheFile;
    return cache.version === CACHE_VERSION && Array.isArray(cache.csv) ? cache : undefined;
  } catch {
    return undefined; // no cache, or an unreadable one: check from scratch
  }
}

export async function runCheck(options: CheckOptions): Promise<CheckResult> {
  const found = await scanPaths(options.paths);
  const cache = options.cacheFile ? readCache(options.cacheFile) : undefined;
  if (cache && cache.key === cacheKey(found.worksheets, found.configs, options.today, cache.csv)) {
    return { results: new Map(cache.results), errors: found.errors, fromCache: true };
  }

  const { workspace, csvFiles } = await loadWorkspace(found, options.today);
  const results = workspace.allDiagnostics();

  if (options.cacheFile) {
    const sortedCsv = [...csvFiles].sort();
    const next: CacheFile = { version: CACHE_VERSION, key: cacheKey(found.worksheets, found.configs, options.today, sortedCsv), csv: sortedCsv, results: [...results] };
    try {
      fs.writeFileSync(options.cacheFile, JSON.stringify(next));
    } catch (error) {
      found.errors.push(`cannot write the cache '${path.relative(process.cwd(), options.cacheFile)}': ${describeFsError(error)}`);
    }
  }
  return { results, errors: found.errors, fromCache: false };
}

/** Reads the worksheets found (and their configs and the CSV files they name) into a new workspace; unreadable files are added to the scan's errors. */
export async function loadWorkspace(found: CliScan, today: string | undefined): Promise<{ workspace: Workspace; csvFiles: string[] }> {
  const workspace = new Workspace({ today, retainSyntaxTrees: false });
  workspace.setRoots(found.files.roots);
  const onError = (uri: string, message: string) => found.errors.push(`cannot read '${uri}': ${message}`);
  await loadFound(workspace, found.files, { worksheets: found.worksheets, configs: found.configs, problems: [] }, { onError });
  return { workspace, csvFiles: workspace.linkedCsv() };
}

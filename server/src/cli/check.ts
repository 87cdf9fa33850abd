import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Diagnostic } from '../core/diagnostics';
import { loadMissingCsv } from '../core/host';
import { nodeHost } from '../node/host';
import { Workspace } from '../core/workspace';
import { describeFsError, findConfig, findWorksheets } from '../node/find-files';

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
function cacheKey(files: string[], configPath: string | undefined, today: string | undefined, csvFiles: string[]): string {
  const stamp = (f: string) => {
    try {
      const s = fs.statSync(f);
      return `${f}:${s.size}:${s.mtimeMs}`;
    } catch {
      return `${f}:missing`;
    }
  };
  return JSON.stringify([CACHE_VERSION, today ?? new Date().toISOString().slice(0, 10), configPath && stamp(configPath), files.map(stamp), csvFiles.map(stamp)]);
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
  const found = findWorksheets(options.paths);
  const configPath = findConfig(options.paths[0] ?? '.');
  const cache = options.cacheFile ? readCache(options.cacheFile) : undefined;
  if (cache && cache.key === cacheKey(found.worksheets, configPath, options.today, cache.csv)) {
    return { results: new Map(cache.results), errors: found.errors, fromCache: true };
  }

  const { workspace, csvFiles } = await loadWorkspace(found.worksheets, configPath, options.today, found.errors);
  const results = workspace.allDiagnostics();

  if (options.cacheFile) {
    const sortedCsv = [...csvFiles].sort();
    const next: CacheFile = { version: CACHE_VERSION, key: cacheKey(found.worksheets, configPath, options.today, sortedCsv), csv: sortedCsv, results: [...results] };
    try {
      fs.writeFileSync(options.cacheFile, JSON.stringify(next));
    } catch (error) {
      found.errors.push(`cannot write the cache '${path.relative(process.cwd(), options.cacheFile)}': ${describeFsError(error)}`);
    }
  }
  return { results, errors: found.errors, fromCache: false };
}

/** Reads worksheets (and the CSV files they name) into a new workspace; unreadable files are added to `errors`. */
export async function loadWorkspace(files: string[], configPath: string | undefined, today: string | undefined, errors: string[]): Promise<{ workspace: Workspace; csvFiles: string[] }> {
  const workspace = new Workspace({ today, retainSyntaxTrees: false });
  if (configPath) workspace.setConfig(configPath, fs.readFileSync(configPath, 'utf8'));
  for (const file of files) {
    let text: string;
    try {
      text = fs.readFileSync(file, 'utf8');
    } catch (error) {
      errors.push(`cannot read '${file}': ${describeFsError(error)}`);
      continue;
    }
    workspace.setWorksheet(file, text);
  }
  const csvFiles = workspace.missingCsv();
  await loadMissingCsv(workspace, nodeHost);
  return { workspace, csvFiles };
}

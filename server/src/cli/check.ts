import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Diagnostic } from '../core/diagnostics';
import { isIsoDate } from '../core/schema/common';
import { displayPath } from '../node/display-path';
import { describeFsError } from '../node/host';
import { UsageError, type Command } from './command';
import { loadWorkspace, scanPathsOrFail } from './load';
import { count, formatResults, OUTPUT_FORMATS, summary, type OutputFormat } from './results';
import { TOOL_VERSION } from './version';

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

const CACHE_VERSION = 2;

interface CacheFile {
  version: number;
  key: string;
  /** CSV files the run read: part of the key, so editing one invalidates the cache. */
  csv: string[];
  results: [string, Diagnostic[]][];
}

/**
 * The cache is valid only for the same files with the same size and mtime, config, date, tool
 * version (a new release may check differently) and current folder (messages name files relative to it).
 */
function cacheKey(files: string[], configs: string[], today: string | undefined, csvFiles: string[]): string {
  const stamp = (f: string) => {
    try {
      const s = fs.statSync(f);
      return `${f}:${s.size}:${s.mtimeMs}`;
    } catch {
      return `${f}:missing`;
    }
  };
  return JSON.stringify([CACHE_VERSION, TOOL_VERSION, process.cwd(), today ?? new Date().toISOString().slice(0, 10), configs.map(stamp), files.map(stamp), csvFiles.map(stamp)]);
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
  const found = await scanPathsOrFail(options.paths);
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
      found.errors.push(`cannot write the cache '${displayPath(options.cacheFile)}': ${describeFsError(error)}`);
    }
  }
  return { results, errors: found.errors, fromCache: false };
}

export const checkCommand: Command = {
  name: 'check',
  synopsis: '[paths...] [options]',
  summary: 'Check worksheets (*.pdsa.yaml, *.factors.yaml) under the paths (default: .)',
  details: 'Exit codes: 0 no errors (warnings allowed), 1 errors found, 2 bad usage, no worksheets\nfound or unreadable paths.',
  options: {
    format: { type: 'string', value: 'format', choices: OUTPUT_FORMATS, help: 'text (default): path:line:col severity code message\njson: a JSON array; github: GitHub Actions annotations' },
    today: { type: 'string', value: 'YYYY-MM-DD', help: 'Judge dates as if today were this day (reproducible reports)' },
    cache: { type: 'boolean', help: 'Reuse results when no file changed (kept in .pdsacache)' },
    'cache-location': { type: 'string', value: 'file', help: 'Where to keep the cache (implies --cache)' },
    quiet: { type: 'boolean', short: 'q', help: 'Print only errors' },
  },
  async run(args, io) {
    const today = args.string('today');
    if (today !== undefined && !isIsoDate(today)) throw new UsageError(`--today takes a date YYYY-MM-DD, not '${today}'`);
    const location = args.string('cache-location');
    const cacheFile = location !== undefined ? path.resolve(io.cwd, location) : args.flag('cache') ? path.resolve(io.cwd, '.pdsacache') : undefined;
    const format = (args.string('format') ?? 'text') as OutputFormat;
    const result = await runCheck({ paths: args.positionals.length ? args.positionals : ['.'], today, cacheFile });
    let results = result.results;
    if (args.flag('quiet')) results = new Map([...results].map(([f, l]) => [f, l.filter((d) => d.severity === 'error')]));
    io.out(formatResults(results, format, io.cwd));
    for (const e of result.errors) io.err(`pdsa: ${e}\n`);
    const counts = count(result.results);
    if (format === 'text') io.err(`${summary(counts)}${result.fromCache ? ' (cached)' : ''}\n`);
    if (result.errors.length) return 2;
    return counts.errors > 0 ? 1 : 0;
  },
};

import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Diagnostic } from '../core/diagnostics';
import { isIsoDate, localDate } from '../core/schema/common';
import { NodeAnalyser } from '../node/analysis-pool';
import { ANALYSIS_VERSION, contentHash, ResultCache } from '../node/result-cache';
import { displayPath } from '../node/display-path';
import { describeFsError, readRegularFileSync } from '../node/host';
import { UsageError, type Command } from './command';
import { loadWorkspace, scanPathsOrFail } from './load';
import { count, formatResults, OUTPUT_FORMATS, summary, type OutputFormat } from './results';

export interface CheckOptions {
  paths: string[];
  today?: string;
  /** The cache folder (like eslint --cache); undefined disables it. */
  cacheDir?: string;
  /** Worker threads (default: the machine's cores; 0: analyse on this thread). */
  threads?: number;
  /** The worker bundle (default: the one beside this bundle); tests that import the sources name the built one. */
  workerScript?: string;
}

export interface CheckResult {
  results: Map<string, Diagnostic[]>;
  /** Paths that could not be read: reported, and the exit code says so. */
  errors: string[];
  /** The whole output came from the cache: nothing it depends on changed. */
  fromCache: boolean;
  /** Files analysed in this run, files whose analysis came from the cache, worker threads used. */
  stats: { analysed: number; reused: number; threads: number };
}

/** The whole run's output, reused when nothing it depends on changed. */
interface RunCache {
  tool: string;
  key: string;
  /** CSV files the run read: their contents are part of the key. */
  csv: string[];
  results: [string, Diagnostic[]][];
}

/** Per-file analyses (result-cache.ts), and the last run's output. */
const ANALYSIS_FILE = 'analysis.bin';
const RUN_FILE = 'check-run.json';

function hashOf(file: string): string | null {
  try {
    return contentHash(readRegularFileSync(file));
  } catch {
    return null;
  }
}

/**
 * What a whole run's output depends on: the tool's build, the date the checks judge by, the
 * current folder (messages name files relative to it), and the exact contents of every config,
 * worksheet and CSV file involved. Contents, not modification times: a checkout that restores an
 * old time, or an edit within the clock's resolution, cannot fool it.
 */
function runKey(
  today: string,
  found: { worksheets: string[]; configs: string[] },
  csv: string[],
  worksheetHash: (file: string) => string | null = hashOf,
): string {
  const stamp = (files: string[], hash: (file: string) => string | null) => files.map((f) => [f, hash(f)]);
  return contentHash(
    JSON.stringify([
      ANALYSIS_VERSION,
      process.cwd(),
      today,
      stamp(found.configs, hashOf),
      stamp(found.worksheets, worksheetHash),
      stamp(csv, hashOf),
    ]),
  );
}

function readRunCache(file: string): RunCache | undefined {
  try {
    const cache = JSON.parse(fs.readFileSync(file, 'utf8')) as RunCache;
    return cache.tool === ANALYSIS_VERSION && Array.isArray(cache.csv) && Array.isArray(cache.results)
      ? cache
      : undefined;
  } catch {
    return undefined; // no cache, or an unreadable one: check from scratch
  }
}

function writeAtomically(file: string, text: string): void {
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, text);
  fs.renameSync(tmp, file);
}

export async function runCheck(options: CheckOptions): Promise<CheckResult> {
  const found = await scanPathsOrFail(options.paths);
  const today = options.today ?? localDate();
  const runFile = options.cacheDir && path.join(options.cacheDir, RUN_FILE);
  const previous = runFile ? readRunCache(runFile) : undefined;
  if (previous && previous.key === runKey(today, found, previous.csv)) {
    return {
      results: new Map(previous.results),
      errors: found.errors,
      fromCache: true,
      stats: { analysed: 0, reused: found.worksheets.length, threads: 0 },
    };
  }

  const cache = options.cacheDir ? new ResultCache(path.join(options.cacheDir, ANALYSIS_FILE)) : undefined;
  const analyser = new NodeAnalyser({ cache, threads: options.threads, workerScript: options.workerScript });
  const { workspace, csvFiles } = await loadWorkspace(found, options.today, analyser);
  const results = workspace.allDiagnostics();

  if (cache && runFile) {
    try {
      // Files that are gone from the disk leave the cache; files outside this run's paths stay.
      const checked = new Set(found.worksheets);
      for (const uri of cache.uris()) if (!checked.has(uri) && !fs.existsSync(uri)) cache.delete(uri);
      cache.save();
      const sortedCsv = [...csvFiles].sort();
      // Keyed by the texts analysed (not read again: a file saved meanwhile must not get this run's results).
      writeAtomically(
        runFile,
        JSON.stringify({
          tool: ANALYSIS_VERSION,
          key: runKey(today, found, sortedCsv, (f) => analyser.hashes.get(f) ?? null),
          csv: sortedCsv,
          results: [...results],
        } satisfies RunCache),
      );
    } catch (error) {
      found.errors.push(`cannot write the cache in '${displayPath(options.cacheDir!)}': ${describeFsError(error)}`);
    }
  }
  return { results, errors: found.errors, fromCache: false, stats: analyser.stats };
}

export const checkCommand: Command = {
  name: 'check',
  synopsis: '[paths...] [options]',
  summary: 'Check worksheets (*.pdsa.yaml, *.factors.yaml) under the paths (default: .)',
  details:
    'Exit codes: 0 no errors (warnings allowed), 1 errors found, 2 bad usage, no worksheets\nfound or unreadable paths.',
  options: {
    format: {
      type: 'string',
      value: 'format',
      choices: OUTPUT_FORMATS,
      help: 'text (default): path:line:col severity code message\njson: a JSON array; github: GitHub Actions annotations',
    },
    today: {
      type: 'string',
      value: 'YYYY-MM-DD',
      help: 'Judge dates as if today were this day (reproducible reports)',
    },
    cache: { type: 'boolean', help: "Reuse each file's results while its text is unchanged (kept in .pdsa-cache/)" },
    'cache-location': { type: 'string', value: 'folder', help: 'The cache folder (implies --cache)' },
    quiet: { type: 'boolean', short: 'q', help: 'Print only errors' },
  },
  async run(args, io) {
    const today = args.string('today');
    if (today !== undefined && !isIsoDate(today))
      throw new UsageError(`--today takes a date YYYY-MM-DD, not '${today}'`);
    const location = args.string('cache-location');
    const cacheDir =
      location !== undefined
        ? path.resolve(io.cwd, location)
        : args.flag('cache')
          ? path.resolve(io.cwd, '.pdsa-cache')
          : undefined;
    const format = (args.string('format') ?? 'text') as OutputFormat;
    const result = await runCheck({ paths: args.positionals.length ? args.positionals : ['.'], today, cacheDir });
    let results = result.results;
    if (args.flag('quiet'))
      results = new Map([...results].map(([f, l]) => [f, l.filter((d) => d.severity === 'error')]));
    io.out(formatResults(results, format, io.cwd));
    for (const e of result.errors) io.err(`pdsa: ${e}\n`);
    const counts = count(result.results);
    if (format === 'text') io.err(`${summary(counts)}${result.fromCache ? ' (cached)' : ''}\n`);
    if (result.errors.length) return 2;
    return counts.errors > 0 ? 1 : 0;
  },
};

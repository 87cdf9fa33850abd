import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import { analyseCompact, type BulkAnalyser, type CompactWorksheet } from '../core/compact';
import type { AnalyseRequest, AnalyseResponse, AnalysisJob } from './analysis-protocol';
import { contentHash, type ResultCache } from './result-cache';

/** The worker bundle, built next to the CLI and server bundles (esbuild.js). */
export const WORKER_SCRIPT = path.join(__dirname, 'analysis-worker.js');

/**
 * Below this much text, starting workers (each loads the core: ~50 ms) costs more than it saves,
 * and the files are analysed on the calling thread.
 */
export const MIN_PARALLEL_BYTES = 512 * 1024;

/**
 * A worker's garbage (tokens, CST, nodes, zod's copies) dies young, if the young generation holds a
 * few files' worth: at 8 MB, garbage collection was 30-40% of a worker's time (each file's tree
 * outlived the scavenges and was promoted and marked); at 32 MB it is about a quarter of that, for
 * ~35 MB more peak memory in all. V8's default (48 MB) gains little more.
 */
const YOUNG_GENERATION_MB = 32;

/** Files per message: large enough that messaging costs little, small enough to keep every worker busy to the end. */
const CHUNK = 32;

export interface PoolOptions {
  /** Worker threads; default: the machine's available parallelism. 0 analyses in process. */
  threads?: number;
  workerScript?: string;
}

export type OnResult = (job: AnalysisJob, result: CompactWorksheet | undefined) => void;

/** How the last run was done, for tests and benches. */
export interface PoolStats {
  threads: number;
  files: number;
}

/**
 * Analyses worksheets on worker threads. Results come back as compact plain data in whatever order
 * the workers finish; onResult sees each job once. A worker that fails (it should not: analysis
 * turns its own errors into diagnostics) has its share analysed on this thread, with the same
 * result by construction.
 */
export async function analyseInParallel(
  jobs: AnalysisJob[],
  onResult: OnResult,
  options: PoolOptions = {},
): Promise<PoolStats> {
  const script = options.workerScript ?? WORKER_SCRIPT;
  const bytes = jobs.reduce((sum, j) => sum + j.text.length, 0);
  let threads = options.threads ?? os.availableParallelism();
  if (bytes < MIN_PARALLEL_BYTES || !fs.existsSync(script)) threads = 0;
  threads = Math.min(threads, Math.ceil(jobs.length / CHUNK));
  if (threads <= 0) {
    for (const job of jobs) onResult(job, analyseCompact(job.uri, job.text));
    return { threads: 0, files: jobs.length };
  }

  const chunks: AnalysisJob[][] = [];
  for (let i = 0; i < jobs.length; i += CHUNK) chunks.push(jobs.slice(i, i + CHUNK));
  let next = 0;
  const runWorker = (): Promise<void> =>
    new Promise<void>((resolve) => {
      const worker = new Worker(script, { resourceLimits: { maxYoungGenerationSizeMb: YOUNG_GENERATION_MB } });
      // Two chunks in flight per worker, so it never waits for the main thread between them.
      const inFlight = new Map<number, AnalysisJob[]>();
      const send = () => {
        if (next >= chunks.length) return;
        const id = next++;
        inFlight.set(id, chunks[id]!);
        worker.postMessage({ id, jobs: chunks[id]! } satisfies AnalyseRequest);
      };
      const finish = () => {
        worker.removeAllListeners();
        void worker.terminate();
        resolve();
      };
      worker.on('message', (response: AnalyseResponse) => {
        const sent = inFlight.get(response.id)!;
        inFlight.delete(response.id);
        sent.forEach((job, i) => onResult(job, response.results[i]));
        send();
        if (inFlight.size === 0) finish();
      });
      const fail = () => {
        for (const sent of inFlight.values()) for (const job of sent) onResult(job, analyseCompact(job.uri, job.text));
        inFlight.clear();
        finish();
      };
      worker.on('error', fail);
      worker.on('exit', () => inFlight.size && fail());
      send();
      send();
      if (inFlight.size === 0) finish();
    });
  await Promise.all(Array.from({ length: threads }, runWorker));
  // Only if every worker failed: the rest on this thread.
  while (next < chunks.length) for (const job of chunks[next++]!) onResult(job, analyseCompact(job.uri, job.text));
  return { threads, files: jobs.length };
}

export interface AnalyserOptions extends PoolOptions {
  /** Results of earlier runs, by URI and content hash; results computed now are added to it. */
  cache?: ResultCache;
}

/**
 * The Node shells' analyser: a file whose text is unchanged since a cached analysis takes the
 * cached result; the rest are analysed on worker threads.
 */
export class NodeAnalyser implements BulkAnalyser {
  /** Files analysed, files taken from the cache, and the most worker threads one batch used. */
  readonly stats = { analysed: 0, reused: 0, threads: 0 };
  /** Content hashes of the texts analysed or reused, when there is a cache: what its results are valid for. */
  readonly hashes = new Map<string, string>();

  /** Texts hashed ahead of analysis (hashOf), so analyse() does not hash them again. */
  private readonly hashed = new Map<string, { text: string; hash: string }>();

  constructor(private readonly options: AnalyserOptions = {}) {}

  /** The content hash of a file's text, remembered for its analysis. */
  hashOf(uri: string, text: string): string {
    const known = this.hashed.get(uri);
    if (known?.text === text) return known.hash;
    const hash = contentHash(text);
    this.hashed.set(uri, { text, hash });
    return hash;
  }

  async analyse(jobs: AnalysisJob[], onResult: OnResult): Promise<void> {
    const cache = this.options.cache;
    const hashes = this.hashes;
    let misses = jobs;
    if (cache) {
      misses = [];
      for (const job of jobs) {
        const hash = this.hashOf(job.uri, job.text);
        this.hashed.delete(job.uri);
        hashes.set(job.uri, hash);
        const cached = cache.get(job.uri, hash);
        if (cached) {
          this.stats.reused++;
          onResult(job, cached);
        } else misses.push(job);
      }
    }
    const pool = await analyseInParallel(
      misses,
      (job, result) => {
        if (cache && result) cache.set(job.uri, hashes.get(job.uri)!, result);
        onResult(job, result);
      },
      this.options,
    );
    this.stats.analysed += misses.length;
    this.stats.threads = Math.max(this.stats.threads, pool.threads);
  }
}

import * as path from 'node:path';
import type { InitializeParams } from 'vscode-languageserver';
import type { InitializationOptions } from '../lsp/protocol';
import type { ScanAccelerator } from '../lsp/server';
import { NodeAnalyser } from './analysis-pool';
import { PublishedSnapshot } from './published-snapshot';
import { ResultCache } from './result-cache';

/**
 * The language server's first scan on Node: files analysed on worker threads, and each file's
 * analysis kept in the extension's workspace storage for the next start. On that start every file
 * is read and hashed as usual, so what changed, appeared or disappeared while the editor was
 * closed is analysed (or dropped) like any other change, and the rest is taken from the cache.
 */
export function nodeScanAccelerator(params: InitializeParams): ScanAccelerator {
  const storage = (params.initializationOptions as InitializationOptions | undefined)?.storagePath;
  let cache =
    typeof storage === 'string' && path.isAbsolute(storage)
      ? new ResultCache(path.join(storage, 'analysis.bin'))
      : undefined;
  const analyser = new NodeAnalyser({ cache });
  const snapshot = cache
    ? new PublishedSnapshot(path.join(storage as string, 'published.bin'), (uri, text) => analyser.hashOf(uri, text))
    : undefined;
  return {
    analyser,
    previousDiagnostics: (context, read, readCsv) =>
      snapshot ? snapshot.lookup(context, read, readCsv) : Promise.resolve(undefined),
    rememberDiagnostics: (published, csv, readCsv) =>
      snapshot ? snapshot.remember(published, csv, readCsv) : Promise.resolve(),
    forgetDiagnostics: () => snapshot?.forget(),
    summary: () => {
      const { reused, analysed, threads } = analyser.stats;
      return `${reused} from the cache, ${analysed} analysed on ${threads ? `${threads} worker thread${threads === 1 ? '' : 's'}` : 'this thread'}`;
    },
    scanned(uris) {
      if (!cache) return;
      const present = new Set(uris);
      for (const uri of cache.uris()) if (!present.has(uri)) cache.delete(uri);
      cache.save();
      // The index holds the results from here on; the cache must not keep old ones alive.
      cache = undefined;
    },
  };
}

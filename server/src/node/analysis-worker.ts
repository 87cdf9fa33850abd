// A worker thread that analyses worksheets and sends back compact results (server/src/core/compact.ts):
// diagnostics and what the index needs, never the parsed trees, so the main thread's memory holds
// each file once and the workers' garbage stays in their own heaps.
import { parentPort } from 'node:worker_threads';
import { analyseCompact } from '../core/compact';
import type { AnalyseRequest, AnalyseResponse } from './analysis-protocol';

parentPort?.on('message', (request: AnalyseRequest) => {
  const response: AnalyseResponse = {
    id: request.id,
    results: request.jobs.map((job) => analyseCompact(job.uri, job.text)),
  };
  parentPort!.postMessage(response);
});

// The messages between a shell (CLI, language server) and its analysis worker threads.
import type { AnalysisJob, CompactWorksheet } from '../core/compact';

export type { AnalysisJob };

export interface AnalyseRequest {
  id: number;
  jobs: AnalysisJob[];
}

/** One result per job, in order; undefined for a URI that names no worksheet. Never syntax trees. */
export interface AnalyseResponse {
  id: number;
  results: (CompactWorksheet | undefined)[];
}

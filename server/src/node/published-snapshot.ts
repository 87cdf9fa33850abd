import * as fs from 'node:fs';
import * as path from 'node:path';
import * as v8 from 'node:v8';
import type { AnalysisJob } from '../core/compact';
import type { Diagnostic } from '../core/diagnostics';
import type { ReadCsv } from '../lsp/server';
import { ANALYSIS_VERSION, contentHash } from './result-cache';

interface Snapshot {
  tool: string;
  key: string;
  /** The CSV files the session read: their contents are part of the key. */
  csv: string[];
  /** Files with diagnostics (a file absent here had none). */
  diagnostics: [string, Diagnostic[]][];
}

/**
 * What the language server published once its first scan was complete, kept for the next start.
 * Published diagnostics depend on every file (cross-file checks), so they are keyed by the whole
 * state: the tool's build, the context (date, editor settings, folders), the hash of every config
 * and worksheet read, and the CSV files the checks read. On a start whose files all hash the same,
 * the server shows them at once and indexes afterwards; the index then publishes only what differs,
 * so a stale snapshot (it cannot be one, short of a CSV file changing mid-scan) lasts until the
 * index is built, never longer.
 */
export class PublishedSnapshot {
  /** The key material of this start's files, from the scan; what remember() keys the new snapshot by. */
  private state: { context: string; files: [string, string][] } | undefined;

  constructor(
    readonly file: string,
    private readonly hashOf: (uri: string, text: string) => string,
  ) {}

  /** The previous session's diagnostics if it saw exactly these files in this context, else undefined. */
  async lookup(context: string, read: AnalysisJob[], readCsv: ReadCsv): Promise<Map<string, Diagnostic[]> | undefined> {
    const files = read.map((r): [string, string] => [r.uri, this.hashOf(r.uri, r.text)]);
    files.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
    this.state = { context, files };
    const previous = this.read();
    if (!previous) return undefined;
    const key = await this.keyOf(previous.csv, readCsv);
    return key === previous.key ? new Map(previous.diagnostics) : undefined;
  }

  /**
   * Keeps what the first scan published. `csv` lists the CSV files the index read. Nothing is kept
   * when lookup() did not see this start's files.
   */
  async remember(published: Map<string, Diagnostic[]>, csv: string[], readCsv: ReadCsv): Promise<void> {
    if (!this.state) return this.forget();
    const snapshot: Snapshot = {
      tool: ANALYSIS_VERSION,
      key: await this.keyOf(csv, readCsv),
      csv,
      diagnostics: [...published].filter(([, list]) => list.length > 0),
    };
    this.state = undefined;
    fs.mkdirSync(path.dirname(this.file), { recursive: true });
    const tmp = `${this.file}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, v8.serialize(snapshot));
    fs.renameSync(tmp, this.file);
  }

  /** Something changed after the scan read the files: what it published no longer describes them. */
  forget(): void {
    this.state = undefined;
    fs.rmSync(this.file, { force: true });
  }

  private async keyOf(csv: string[], readCsv: ReadCsv): Promise<string> {
    const csvHashes = await Promise.all(csv.map(async (uri) => [uri, contentHash(await readCsv(uri))]));
    return contentHash(JSON.stringify([ANALYSIS_VERSION, this.state!.context, this.state!.files, csvHashes]));
  }

  private read(): Snapshot | undefined {
    try {
      const snapshot = v8.deserialize(fs.readFileSync(this.file)) as Snapshot;
      return snapshot.tool === ANALYSIS_VERSION && Array.isArray(snapshot.diagnostics) ? snapshot : undefined;
    } catch {
      return undefined; // none yet, or unreadable: the scan publishes as on a cold start
    }
  }
}

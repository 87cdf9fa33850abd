import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as v8 from 'node:v8';
import type { CompactWorksheet } from '../core/compact';

declare const PDSA_VERSION: string | undefined;
declare const PDSA_BUILD: string | undefined;

/**
 * What a cached result depends on besides the file's text: the release and a hash of the core's
 * sources and the locked dependencies (esbuild.js), so a cache never outlives the code that wrote it.
 */
export const ANALYSIS_VERSION = `${typeof PDSA_VERSION === 'string' ? PDSA_VERSION : 'dev'}+${typeof PDSA_BUILD === 'string' ? PDSA_BUILD : 'dev'}`;

export function contentHash(text: string): string {
  return crypto.createHash('sha1').update(text).digest('base64');
}

const MAGIC = 'pdsa-analysis-cache 2\n';

interface Entry {
  hash: string;
  /** Serialized form, deserialized on first use. */
  bytes?: Buffer;
  result?: CompactWorksheet;
}

/** At the end of the file, followed by its length (uint32 LE). */
interface Header {
  tool: string;
  /** uri, hash, byte length, in the order of the results after the magic line. */
  entries: [string, string, number][];
}

/**
 * Per-file analysis results on disk, keyed by the file's URI and the hash of the text they were
 * computed from. A caller validates against the disk by hashing what it reads: a file changed
 * in any way (even with the same size and time) misses. Results are stored as V8's structured
 * clone, the very encoding worker threads use, so a cached result equals a fresh one (NaN, -0 and
 * undefined included). Unreadable, foreign or older caches are ignored.
 */
export class ResultCache {
  private readonly entries = new Map<string, Entry>();
  private changed = false;

  constructor(
    readonly file: string,
    readonly tool = ANALYSIS_VERSION,
  ) {
    this.read();
  }

  get size(): number {
    return this.entries.size;
  }

  /** The cached result for this URI if it was computed from text with this hash. */
  get(uri: string, hash: string): CompactWorksheet | undefined {
    const entry = this.entries.get(uri);
    if (!entry || entry.hash !== hash) return undefined;
    if (!entry.result && entry.bytes) {
      try {
        entry.result = v8.deserialize(entry.bytes) as CompactWorksheet;
      } catch {
        this.entries.delete(uri);
        this.changed = true;
        return undefined;
      }
      entry.bytes = undefined;
    }
    return entry.result;
  }

  set(uri: string, hash: string, result: CompactWorksheet): void {
    const entry = this.entries.get(uri);
    if (entry?.hash === hash) return;
    this.entries.set(uri, { hash, result });
    this.changed = true;
  }

  delete(uri: string): void {
    if (this.entries.delete(uri)) this.changed = true;
  }

  uris(): string[] {
    return [...this.entries.keys()];
  }

  /**
   * Writes the cache if anything changed; atomically, so a crash or a parallel run never leaves half
   * a file. Each result is written as it is serialized (the list of entries follows them), so
   * saving thousands never holds them all serialized at once.
   */
  save(): void {
    if (!this.changed) return;
    const header: Header = { tool: this.tool, entries: [] };
    fs.mkdirSync(path.dirname(this.file), { recursive: true });
    const tmp = `${this.file}.${process.pid}.tmp`;
    const fd = fs.openSync(tmp, 'w');
    try {
      fs.writeSync(fd, MAGIC);
      for (const [uri, entry] of this.entries) {
        const bytes = entry.bytes ?? v8.serialize(entry.result);
        header.entries.push([uri, entry.hash, bytes.length]);
        fs.writeSync(fd, bytes);
      }
      const head = Buffer.from(JSON.stringify(header));
      const length = Buffer.alloc(4);
      length.writeUInt32LE(head.length);
      fs.writeSync(fd, head);
      fs.writeSync(fd, length);
    } finally {
      fs.closeSync(fd);
    }
    fs.renameSync(tmp, this.file);
    this.changed = false;
  }

  private read(): void {
    let data: Buffer;
    try {
      data = fs.readFileSync(this.file);
    } catch {
      return; // no cache yet
    }
    try {
      if (data.toString('latin1', 0, MAGIC.length) !== MAGIC) return;
      const headLength = data.readUInt32LE(data.length - 4);
      const headStart = data.length - 4 - headLength;
      const header = JSON.parse(data.toString('utf8', headStart, data.length - 4)) as Header;
      if (header.tool !== this.tool) return;
      let at = MAGIC.length;
      for (const [uri, hash, length] of header.entries) {
        if (at + length > headStart) throw new Error('truncated');
        this.entries.set(uri, { hash, bytes: data.subarray(at, at + length) });
        at += length;
      }
    } catch {
      this.entries.clear(); // a damaged cache: start afresh
    }
  }
}

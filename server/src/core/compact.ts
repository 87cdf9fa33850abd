import type { Diagnostic, Range } from './diagnostics';
import { lineCounterOf, type ParsedYaml } from './parse';
import type { Collaborative } from './schema/collaborative';
import type { Cycle } from './schema/cycle';
import type { Factors } from './schema/factors';
import type { Symbols } from './symbols';
import { worksheetKind, type WorksheetKind } from './uri';
import { analyseWorksheet, type CsvLink, type WorksheetFile } from './worksheet';

/**
 * One worksheet's analysis without its syntax tree: what the index, the cross-file checks, charts
 * and diagrams read. Plain data (structured-clone safe), so it can come from a worker thread or a
 * cache. It is cut from the very WorksheetFile the in-process path builds (compactWorksheet), so a
 * file analysed elsewhere has the same diagnostics by construction. The text is not part of it: the
 * shell has it already (it read the file), and a cache keys results by the text's hash instead.
 */
export interface CompactWorksheet {
  uri: string;
  kind: WorksheetKind;
  /** The parse could not give a tree worth validating; editor features then skip the file. */
  fatal: boolean;
  cycle?: Cycle;
  factors?: Factors;
  collaborative?: Collaborative;
  teams?: { id: string; folder: string }[];
  symbols: Symbols;
  diagnostics: Diagnostic[];
  csv: CsvLink[];
  anchors: Record<string, Range>;
}

export function compactWorksheet(file: WorksheetFile): CompactWorksheet {
  const { uri, kind, cycle, factors, symbols, diagnostics, csv, anchors } = file;
  const out: CompactWorksheet = { uri, kind, fatal: file.parsed.fatal, symbols, diagnostics, csv, anchors };
  // Absent rather than undefined, so a clone and the original compare equal key by key.
  if (cycle) out.cycle = cycle;
  if (factors) out.factors = factors;
  if (file.collaborative) out.collaborative = file.collaborative;
  if (file.teams) out.teams = file.teams;
  return out;
}

/**
 * A WorksheetFile from a compact result and the text it was computed from. Its syntax tree is
 * rebuilt on demand (documentOf) by the editor features that need one.
 */
export function restoreWorksheet(compact: CompactWorksheet, text: string): WorksheetFile {
  const { uri, kind, fatal, cycle, factors, symbols, diagnostics, csv, anchors } = compact;
  const file: WorksheetFile = {
    uri,
    kind,
    parsed: withLazyLineCounter({ uri, text, doc: undefined, value: undefined, diagnostics: [], fatal }),
    symbols,
    diagnostics,
    csv,
    anchors,
  };
  if (cycle) file.cycle = cycle;
  if (factors) file.factors = factors;
  if (compact.collaborative) file.collaborative = compact.collaborative;
  if (compact.teams) file.teams = compact.teams;
  return file;
}

/**
 * Line starts are rebuilt from the text when an editor feature first asks for them: most files of
 * a large workspace are never opened, and their line tables would be ~10% of the index.
 */
function withLazyLineCounter(parsed: Omit<ParsedYaml, 'lineCounter'>): ParsedYaml {
  Object.defineProperty(parsed, 'lineCounter', {
    configurable: true,
    enumerable: true,
    get(this: ParsedYaml) {
      const lineCounter = lineCounterOf(this.text);
      Object.defineProperty(this, 'lineCounter', {
        value: lineCounter,
        writable: true,
        configurable: true,
        enumerable: true,
      });
      return lineCounter;
    },
  });
  return parsed as ParsedYaml;
}

/** Analyses a worksheet and cuts the compact result: what a worker thread sends back. */
export function analyseCompact(uri: string, text: string): CompactWorksheet | undefined {
  const kind = worksheetKind(uri);
  return kind ? compactWorksheet(analyseWorksheet(uri, kind, text)) : undefined;
}

/** A worksheet to analyse: its URI and its text. */
export interface AnalysisJob {
  uri: string;
  text: string;
}

/**
 * Analyses many worksheets at once, elsewhere than the calling thread: worker threads, a cache of
 * earlier results (server/src/node). onResult sees each job once, in any order; undefined for a
 * URI that names no worksheet. Shells without one (a browser) analyse in process.
 */
export interface BulkAnalyser {
  analyse(
    jobs: AnalysisJob[],
    onResult: (job: AnalysisJob, result: CompactWorksheet | undefined) => void,
  ): Promise<void>;
}

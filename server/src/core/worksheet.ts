import type { Document } from 'yaml';
import { keySpan, locate, type PathSegment, valueSpan } from './ast';
import type { Diagnostic, DiagnosticCode, Range } from './diagnostics';
import { diagnostic, parseYaml, type ParsedYaml } from './parse';
import type { Collaborative } from './schema/collaborative';
import type { Cycle } from './schema/cycle';
import type { Factors } from './schema/factors';
import { WORKSHEET_SCHEMAS } from './schema/kinds';
import { extractSymbols, type Symbols } from './symbols';
import { rangeOf, ZERO_RANGE } from './text';
import { relativePathProblem, resolveRelative, type WorksheetKind } from './uri';
import { validateAgainst } from './validate';
import { localChecks } from './checks/local';
import { unsafeCharacters } from './checks/characters';
import { anchorKey, crossFileAnchors, type Prefer } from './checks/anchors';

/** A measure's CSV file, as named in a factors file. */
export interface CsvLink {
  uri: string;
  measureId: string;
  /** The `csv:` value, where problems with the file are reported. */
  range: Range;
}

/** Everything the core knows about one worksheet that does not depend on other files. */
export interface WorksheetFile {
  uri: string;
  kind: WorksheetKind;
  parsed: ParsedYaml;
  cycle?: Cycle;
  factors?: Factors;
  collaborative?: Collaborative;
  /** A collaborative's teams and folders, read leniently so a schema error elsewhere in the file does not re-scope every team. */
  teams?: { id: string; folder: string }[];
  symbols: Symbols;
  /** Syntax, schema and single-file checks (coaching ones included; config filters them on output). */
  diagnostics: Diagnostic[];
  csv: CsvLink[];
  /** Ranges where cross-file checks may report (see checks/anchors.ts), by anchorKey. */
  anchors: Record<string, Range>;
}

export function analyseWorksheet(uri: string, kind: WorksheetKind, text: string): WorksheetFile {
  const parsed = parseYaml(uri, text);
  const file: WorksheetFile = {
    uri,
    kind,
    parsed,
    symbols: { definitions: [], references: [] },
    diagnostics: [...parsed.diagnostics],
    csv: [],
    anchors: {},
  };
  const doc = parsed.doc;
  if (doc && hasSyntaxErrors(file)) {
    // Keep what a file with a syntax slip still says (its id, previous, strategy...): the parser's
    // tree past a slip is mostly intact, and without it other files would report that this id is
    // gone or that no cycle builds on theirs. Nothing else is checked until the syntax is fixed.
    try {
      file.symbols = extractSymbols(uri, kind, doc, parsed.lineCounter);
    } catch {
      // A tree too broken to walk says nothing; the workspace keeps the file's last symbols.
    }
    return file;
  }
  if (!doc || parsed.fatal) return file;
  try {
    file.symbols = extractSymbols(uri, kind, doc, parsed.lineCounter);
    const v = validateAgainst(WORKSHEET_SCHEMAS[kind], uri, doc, text, parsed.lineCounter, parsed.value);
    file.diagnostics.push(...v.diagnostics);
    if (kind === 'cycle') file.cycle = v.data as Cycle | undefined;
    else if (kind === 'collaborative') {
      file.collaborative = v.data as Collaborative | undefined;
      file.teams = file.collaborative?.teams ?? lenientTeams(parsed.value);
    } else {
      file.factors = v.data as Factors | undefined;
      file.factors?.measures?.forEach((m, i) => {
        if (!m.csv) return;
        const range = rangeAt(file, ['measures', i, 'csv']);
        const problem = relativePathProblem(m.csv);
        if (problem) file.diagnostics.push(diagnostic(uri, range, 'csv-error', `cannot read "${m.csv}": ${problem}`));
        else file.csv.push({ uri: resolveRelative(uri, m.csv), measureId: m.id, range });
      });
    }
    file.diagnostics.push(...localChecks(file), ...unsafeCharacters(uri, doc, text, parsed.lineCounter));
    for (const { path, prefer } of crossFileAnchors(file))
      file.anchors[anchorKey(path, prefer)] = rangeAt(file, path, prefer);
    // The plain data now lives on as file.cycle / file.factors / file.collaborative (or was invalid): don't hold it twice.
    parsed.value = undefined;
  } catch (error) {
    // A bug in a check must cost the user one diagnostic, never the language server.
    const why =
      error instanceof RangeError && /call stack/i.test(error.message)
        ? 'it nests or repeats too deeply to check'
        : error instanceof Error
          ? error.message
          : String(error);
    file.diagnostics.push(
      diagnostic(uri, ZERO_RANGE, 'yaml-syntax', `internal error while checking this file: ${why}`),
    );
  }
  return file;
}

/** True when the file is not valid YAML (as opposed to refused outright or merely off-schema). */
export function hasSyntaxErrors(file: WorksheetFile): boolean {
  return file.parsed.fatal && file.diagnostics.some((d) => d.code === 'yaml-syntax' && d.severity === 'error');
}

function lenientTeams(value: unknown): { id: string; folder: string }[] {
  const teams = (value as { teams?: unknown } | null)?.teams;
  if (!Array.isArray(teams)) return [];
  return teams.flatMap((t: { id?: unknown; folder?: unknown } | null) =>
    typeof t?.id === 'string' && typeof t.folder === 'string' && t.folder ? [{ id: t.id, folder: t.folder }] : [],
  );
}

/**
 * The file's syntax tree. A workspace that does not retain trees (the CLI, to keep memory and GC
 * low over thousands of files) re-parses on the rare request, e.g. to place a cross-file diagnostic.
 */
export function documentOf(file: WorksheetFile): Document.Parsed | undefined {
  if (!file.parsed.doc && !file.parsed.fatal) file.parsed.doc = parseYaml(file.uri, file.parsed.text).doc;
  return file.parsed.doc;
}

/** The range of the value at a path (or of its key when the value is empty); the file start if the path is absent. */
export function rangeAt(file: WorksheetFile, path: PathSegment[], prefer: Prefer = 'value'): Range {
  const anchored = file.anchors[anchorKey(path, prefer)];
  if (anchored) return anchored;
  const doc = documentOf(file);
  const located = doc ? locate(doc, path) : undefined;
  const span = located ? (prefer === 'key' ? keySpan(located, file.parsed.text) : valueSpan(located)) : undefined;
  return span ? rangeOf(file.parsed.lineCounter, span[0], span[1]) : ZERO_RANGE;
}

export function diagnosticAt(
  file: WorksheetFile,
  path: PathSegment[],
  code: DiagnosticCode,
  message: string,
  prefer: Prefer = 'value',
): Diagnostic {
  return diagnostic(file.uri, rangeAt(file, path, prefer), code, message);
}

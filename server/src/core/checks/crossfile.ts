import type { Diagnostic } from '../diagnostics';
import type { CsvData } from '../csv';
import { describeLoop, type ChainLoops, type Loop } from './chains';
import { diagnostic } from '../parse';
import { nearest } from '../suggest';
import { KIND_LABELS, type Definition, type ItemKind, type Reference } from '../symbols';
import { displayName } from '../uri';
import { diagnosticAt, type WorksheetFile } from '../worksheet';
import { collaborativeChecks, teamMeasureChecks } from './collaborative';

/** What the cross-file checks may ask of the workspace index. */
export interface IndexView {
  /** With `from` (a file's URI): only what that file can see (its own team's ids and its collaborative's). */
  definitions(id: string, from?: string): readonly Definition[];
  references(id: string, from?: string): readonly Reference[];
  scopeOf(uri: string): string;
  /** With `from`: only the ids that file can see. */
  idsOfKind(kind: ItemKind, from?: string): Iterable<string>;
  worksheet(uri: string): WorksheetFile | undefined;
  csv(uri: string): CsvData | null | undefined;
  /** Why a CSV file could not be read, when known. */
  csvProblem(uri: string): string | undefined;
  /** Loops in the workspace's `previous` and `parents` chains. */
  chainLoops(): ChainLoops;
  today: string;
  /** How a message names another file. */
  fileLabel(uri: string): string;
}

export function crossFileChecks(file: WorksheetFile, index: IndexView): Diagnostic[] {
  const out: Diagnostic[] = [];
  references(file, index, out);
  duplicates(file, index, out);
  loops(file, index, out);
  if (file.cycle) cycleCoaching(file, index, out);
  if (file.factors) factorsCoaching(file, index, out);
  csvFiles(file, index, out);
  if (file.collaborative) collaborativeChecks(file, index, out);
  if (index.scopeOf(file.uri) !== '') teamMeasureChecks(file, index, out);
  return out;
}

function references(file: WorksheetFile, index: IndexView, out: Diagnostic[]): void {
  for (const ref of file.symbols.references) {
    const defs = index.definitions(ref.id, file.uri);
    const kindName = KIND_LABELS[ref.kind];
    if (defs.length === 0 && ref.field === 'package') {
      const guess = nearest(ref.id, index.idsOfKind('idea', file.uri));
      const d = diagnostic(
        file.uri,
        ref.range,
        'unknown-package-idea',
        `no change-package idea "${ref.id}" in the collaborative${guess ? `: did you mean "${guess}"?` : ": add it to the change package, or leave package out for a team's own idea"}`,
      );
      if (guess) d.suggestion = { range: ref.range, newText: guess };
      out.push(d);
    } else if (defs.length === 0) {
      const guess = nearest(ref.id, index.idsOfKind(ref.kind, file.uri));
      // In a collaborative another team's id is not this team's: say so rather than "nowhere".
      const team = index.scopeOf(file.uri).includes('#');
      const elsewhere = team && index.definitions(ref.id).some((d) => d.kind === ref.kind);
      const where = team ? "in this team's files or the collaborative" : 'in the workspace';
      const d = diagnostic(
        file.uri,
        ref.range,
        'unknown-reference',
        `no ${kindName} "${ref.id}" ${where}${elsewhere ? ' (another team has one: each team has its own ids)' : ''}${guess ? `: did you mean "${guess}"?` : ''}`,
      );
      if (guess) d.suggestion = { range: ref.range, newText: guess };
      out.push(d);
    } else if (!defs.some((d) => d.kind === ref.kind)) {
      out.push(
        diagnostic(
          file.uri,
          ref.range,
          'wrong-reference-kind',
          `"${ref.id}" is a ${KIND_LABELS[defs[0]!.kind]}, but a ${kindName} is expected here`,
        ),
      );
    }
  }
}

function duplicates(file: WorksheetFile, index: IndexView, out: Diagnostic[]): void {
  for (const def of file.symbols.definitions) {
    const scope = index.scopeOf(file.uri);
    // A team's measure under a common measure's id reports that measure: not a duplicate.
    const all = index
      .definitions(def.id, file.uri)
      .filter((d) => d === def || index.scopeOf(d.uri) === scope || d.kind !== 'measure' || def.kind !== 'measure');
    if (all.length < 2) continue;
    const others = all.filter((d) => d !== def).map((d) => (d.uri === file.uri ? 'this file' : index.fileLabel(d.uri)));
    out.push(
      diagnostic(
        file.uri,
        def.range,
        'duplicate-id',
        `id "${def.id}" is also defined in ${[...new Set(others)].join(', ')}: ids must be unique ${scope.includes('#') ? "within a team and the collaborative's ids" : 'across the workspace'}`,
      ),
    );
  }
}

/** A link in a `previous` or `parents` chain that comes back to where it started: one diagnostic per loop and file. */
function loops(file: WorksheetFile, index: IndexView, out: Diagnostic[]): void {
  const reported = new Set<Loop>();
  for (const ref of file.symbols.references) {
    const loop = index.chainLoops().loopOf(ref);
    if (!loop || reported.has(loop)) continue;
    reported.add(loop);
    const why = ref.field === 'previous' ? 'a cycle cannot build on itself' : 'a factor cannot be its own ancestor';
    out.push(diagnostic(file.uri, ref.range, 'reference-loop', `${describeLoop(loop, ref.owner!)}: ${why}`));
  }
}

function cycleCoaching(file: WorksheetFile, index: IndexView, out: Diagnostic[]): void {
  const c = file.cycle!;
  const end = c.plan.when?.end;
  const studied = c.study && (c.study.learned?.trim() || c.study.results?.length);
  if (end && end < index.today && !studied) {
    const at = c.do ? ['do'] : ['plan', 'when', 'end'];
    out.push(
      diagnosticAt(
        file,
        at,
        'stuck-at-do',
        `the Do ended on ${end} and there is no Study yet: compare the results with the predictions and write what was learned`,
        'key',
      ),
    );
  }
  if (c.act?.decision === 'adapt') {
    const followed = index.references(c.id, file.uri).some((r) => r.field === 'previous');
    if (!followed) {
      out.push(
        diagnosticAt(
          file,
          ['act', 'decision'],
          'adapt-without-followup',
          `cycle "${c.id}" decided to adapt, but no cycle builds on it yet (previous: ${c.id}): the ramp stops here`,
        ),
      );
    }
  }
}

function factorsCoaching(file: WorksheetFile, index: IndexView, out: Diagnostic[]): void {
  const f = file.factors!;
  f.strategies?.forEach((s, i) => {
    const factorIds = (s.addresses ?? []).map((a) => (typeof a === 'string' ? a : a.factor));
    if (factorIds.length === 0) return;
    const priorities = factorIds.map((id) => factorPriority(id, index, file.uri));
    // Only judge when every linked factor is known; unknown ones already have their own error.
    if (priorities.every((p) => p === false)) {
      out.push(
        diagnosticAt(
          file,
          ['strategies', i, 'addresses'],
          'strategy-unprioritised',
          `strategy "${s.id}" addresses only factors not marked priority (${factorIds.join(', ')}): focus on the few priority factors`,
          'key',
        ),
      );
    }
  });
  f.measures?.forEach((m, i) => {
    const inline = Array.isArray(m.data) ? m.data.length > 0 : Object.values(m.data ?? {}).some((s) => s.length > 0);
    if (inline || m.csv) return;
    const fromCycles = index.references(m.id, file.uri).some((r) => r.field === 'data');
    if (!fromCycles) {
      out.push(
        diagnosticAt(
          file,
          ['measures', i, 'id'],
          'measure-without-data',
          `measure "${m.id}" has no data: add data, a csv file, or record it in a cycle's do.data`,
        ),
      );
    }
  });
}

function factorPriority(id: string, index: IndexView, from: string): boolean | undefined {
  const def = index.definitions(id, from).find((d) => d.kind === 'factor');
  if (!def) return undefined;
  const factors = index.worksheet(def.uri)?.factors?.factors;
  const factor = factors?.[def.path[1] as number];
  return factor && factor.id === id ? factor.priority === true : undefined;
}

const MAX_CSV_DIAGNOSTICS = 100;

function csvFiles(file: WorksheetFile, index: IndexView, out: Diagnostic[]): void {
  for (const link of file.csv) {
    const data = index.csv(link.uri);
    const name = displayName(link.uri);
    if (data === null)
      out.push(
        diagnostic(
          file.uri,
          link.range,
          'csv-error',
          `cannot read ${name}: ${index.csvProblem(link.uri) ?? 'the file is missing or unreadable'}`,
        ),
      );
    else if (data) {
      // One diagnostic per bad row, up to a bound: a file of a million bad rows must not flood the editor.
      for (const e of data.errors.slice(0, MAX_CSV_DIAGNOSTICS))
        out.push(diagnostic(file.uri, link.range, 'csv-error', `${name} line ${e.line}: ${e.message}`, e.severity));
      const more = data.errors.length - MAX_CSV_DIAGNOSTICS;
      if (more > 0)
        out.push(
          diagnostic(
            file.uri,
            link.range,
            'csv-error',
            `${name}: ${more} more problem${more === 1 ? '' : 's'}, from line ${data.errors[MAX_CSV_DIAGNOSTICS]!.line}`,
          ),
        );
    }
  }
}

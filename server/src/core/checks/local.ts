import type { PathSegment } from '../ast';
import type { Diagnostic } from '../diagnostics';
import type { Cycle } from '../schema/cycle';
import type { Factors } from '../schema/factors';
import { diagnosticAt, type WorksheetFile } from '../worksheet';
import { assessmentChecks } from './collaborative';

type RawSeries = [string, number | null, number?][];
type RawData = RawSeries | Record<string, RawSeries>;

/** Checks that need only this file: date order, duplicate dates, plan/study alignment, and the single-file coaching checks. */
export function localChecks(file: WorksheetFile): Diagnostic[] {
  const out: Diagnostic[] = [];
  if (file.cycle) cycleChecks(file, file.cycle, out);
  if (file.factors) factorsChecks(file, file.factors, out);
  if (file.collaborative) assessmentChecks(file, file.collaborative, out);
  return out;
}

function cycleChecks(file: WorksheetFile, c: Cycle, out: Diagnostic[]): void {
  const when = c.plan.when;
  if (when?.end && when.end < when.start) {
    out.push(
      diagnosticAt(
        file,
        ['plan', 'when', 'end'],
        'date-order',
        `the test ends (${when.end}) before it starts (${when.start})`,
      ),
    );
  }
  const questions = c.plan.questions ?? [];
  if (questions.length === 0) {
    out.push(
      diagnosticAt(
        file,
        ['plan'],
        'no-prediction',
        'the plan asks no questions and makes no predictions: add plan.questions, each with a prediction, before testing',
        'key',
      ),
    );
  }
  questions.forEach((q, i) => {
    if (!q.prediction?.trim()) {
      out.push(
        diagnosticAt(
          file,
          ['plan', 'questions', i, 'question'],
          'no-prediction',
          `no prediction for "${short(q.question)}": write down what you expect before the test`,
        ),
      );
    }
  });
  const results = c.study?.results;
  if (results && results.length !== questions.length) {
    out.push(
      diagnosticAt(
        file,
        ['study', 'results'],
        'results-mismatch',
        `study has ${results.length} result(s) but the plan asks ${questions.length} question(s): give one result per question, in order`,
        'key',
      ),
    );
  }
  const listed = new Set(c.measures ?? []);
  for (const [measure, data] of Object.entries(c.do?.data ?? {})) {
    seriesChecks(file, ['do', 'data', measure], data as RawData, out);
    if (c.measures && !listed.has(measure)) {
      out.push(
        diagnosticAt(
          file,
          ['do', 'data', measure],
          'unknown-measure-in-data',
          `data for "${measure}", which is not in this cycle's measures (${[...listed].join(', ') || 'none'})`,
          'key',
        ),
      );
    }
  }
}

function factorsChecks(file: WorksheetFile, f: Factors, out: Diagnostic[]): void {
  f.targets?.forEach((t, i) => {
    if (t.baseline && t.target && t.target.date < t.baseline.date) {
      out.push(
        diagnosticAt(
          file,
          ['targets', i, 'target', 'date'],
          'date-order',
          `the target date (${t.target.date}) is before the baseline date (${t.baseline.date})`,
        ),
      );
    }
    const missing = [!t.baseline && 'a baseline (value and date)', !t.target && 'a target value and date'].filter(
      Boolean,
    );
    if (missing.length) {
      out.push(
        diagnosticAt(
          file,
          ['targets', i, 'id'],
          'target-incomplete',
          `target "${t.id}" is missing ${missing.join(' and ')}: a SMARTIE target says where you start and by when you arrive`,
        ),
      );
    }
  });
  f.measures?.forEach((m, i) => {
    if (m.data) seriesChecks(file, ['measures', i, 'data'], m.data as RawData, out);
  });
  f.factors?.forEach((factor, i) => {
    if (!factor.evidence?.validated) {
      out.push(
        diagnosticAt(
          file,
          ['factors', i, 'id'],
          'factor-not-validated',
          `factor "${factor.id}" has not been validated with the people closest to the result (add evidence.validated: by, on)`,
        ),
      );
    }
  });
  f.strategies?.forEach((s, i) => {
    if (!s.addresses?.length) {
      out.push(
        diagnosticAt(
          file,
          ['strategies', i, 'id'],
          'strategy-without-factor',
          `strategy "${s.id}" addresses no factor: link it to the factors it should move (addresses: [...])`,
        ),
      );
    }
  });
}

/** Dates must rise within a series; the same date twice is almost always a copy-paste slip. */
function seriesChecks(file: WorksheetFile, path: PathSegment[], data: RawData, out: Diagnostic[]): void {
  const all: [PathSegment[], RawSeries][] = Array.isArray(data)
    ? [[path, data]]
    : Object.entries(data).map(([g, s]) => [[...path, g], s]);
  for (const [seriesPath, series] of all) {
    for (let i = 1; i < series.length; i++) {
      const prev = series[i - 1]![0];
      const date = series[i]![0];
      if (date === prev)
        out.push(
          diagnosticAt(file, [...seriesPath, i, 0], 'duplicate-date', `a second value for ${date} in this series`),
        );
      else if (date < prev)
        out.push(
          diagnosticAt(
            file,
            [...seriesPath, i, 0],
            'date-order',
            `${date} comes after ${prev}: keep the points in date order`,
          ),
        );
    }
  }
}

function short(s: string): string {
  return s.length > 50 ? `${s.slice(0, 47)}...` : s;
}

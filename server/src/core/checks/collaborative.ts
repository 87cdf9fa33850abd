import type { PathSegment } from '../ast';
import type { Diagnostic } from '../diagnostics';
import type { AssessmentEntry, CalendarEntry, Collaborative } from '../schema/collaborative';
import { collabData, commonMeasureFor } from '../collab/team-data';
import { diagnosticAt, type WorksheetFile } from '../worksheet';
import type { IndexView } from './crossfile';

type RawPoint = [string, number | null, number?];
type RawData = RawPoint[] | Record<string, RawPoint[]>;

/** Months as numbers, so "consecutive" is a difference of 1. */
export function monthNumber(month: string): number {
  return Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1;
}

/** The score that counts for a month: the faculty's when given, else the team's own. */
export function scoreOf(e: AssessmentEntry): number | undefined {
  return e.faculty ?? e.self;
}

/** Checks a collaborative file needs no other file for: month order, self vs faculty, flat scores. */
export function assessmentChecks(file: WorksheetFile, c: Collaborative, out: Diagnostic[]): void {
  c.calendar?.forEach((e, i) => {
    if (e.end < e.start)
      out.push(
        diagnosticAt(
          file,
          ['calendar', i, 'end'],
          'date-order',
          `${e.name} ends (${e.end}) before it starts (${e.start})`,
        ),
      );
  });
  for (const [team, entries] of Object.entries(c.assessment ?? {})) {
    entries.forEach((e, i) => {
      const at: PathSegment[] = ['assessment', team, i];
      const prev = entries[i - 1];
      if (prev && monthNumber(e.month) <= monthNumber(prev.month)) {
        out.push(
          diagnosticAt(
            file,
            [...at, 'month'],
            e.month === prev.month ? 'duplicate-date' : 'date-order',
            e.month === prev.month
              ? `a second score for ${e.month}`
              : `${e.month} comes after ${prev.month}: keep the months in order`,
          ),
        );
      }
      if (e.self !== undefined && e.faculty !== undefined && Math.abs(e.self - e.faculty) >= 1) {
        out.push(
          diagnosticAt(
            file,
            at,
            'assessment-disagreement',
            `${team}, ${e.month}: the team scores itself ${e.self.toFixed(1)} and the faculty ${e.faculty.toFixed(1)}: talk it through with the team`,
          ),
        );
      }
    });
    // Only the current run matters: a coach acts on a team that is stuck now.
    const n = entries.length;
    if (n >= 3) {
      const [a, b, last] = [entries[n - 3]!, entries[n - 2]!, entries[n - 1]!];
      const s = scoreOf(last);
      const consecutive =
        monthNumber(last.month) - monthNumber(a.month) === 2 && monthNumber(b.month) - monthNumber(a.month) === 1;
      if (s !== undefined && s < 5 && consecutive && scoreOf(a) === s && scoreOf(b) === s) {
        out.push(
          diagnosticAt(
            file,
            ['assessment', team, n - 1],
            'assessment-flat',
            `${team} has scored ${s.toFixed(1)} for 3 months (${a.month} to ${last.month}): what would help this team move?`,
          ),
        );
      }
    }
  }
}

/** The action period that ended most recently before today. */
export function lastActionPeriod(c: Collaborative, today: string): CalendarEntry | undefined {
  let best: CalendarEntry | undefined;
  for (const e of c.calendar ?? [])
    if (e.kind === 'action-period' && e.end < today && (!best || e.end > best.end)) best = e;
  return best;
}

/** The collaborative's file: which teams sent no data for a common measure in the last action period. */
export function collaborativeChecks(file: WorksheetFile, index: IndexView, out: Diagnostic[]): void {
  const c = file.collaborative!;
  const period = lastActionPeriod(c, index.today);
  if (!period || !c.measures?.length) return;
  const data = collabData(index, { uri: file.uri, collab: c });
  c.teams.forEach((team, i) => {
    if (team.joined && team.joined > period.end) return;
    const missing = c.measures!.filter((m) => {
      for (const pts of data.get(m.id)?.get(team.id)?.groups.values() ?? []) {
        if (pts.some((p) => p.value !== null && p.date >= period.start && p.date <= period.end)) return false;
      }
      return true;
    });
    if (missing.length) {
      out.push(
        diagnosticAt(
          file,
          ['teams', i, 'id'],
          'common-measure-no-data',
          `team "${team.id}" sent no data for ${missing.map((m) => `"${m.id}"`).join(', ')} in ${period.name} (${period.start} to ${period.end})`,
        ),
      );
    }
  });
}

/** A team's files: its measures and its cycles' data must report the common measures as they are defined. */
export function teamMeasureChecks(file: WorksheetFile, index: IndexView, out: Diagnostic[]): void {
  if (!index.scopeOf(file.uri).includes('#')) return;
  file.factors?.measures?.forEach((m, i) => {
    const common = commonMeasureFor(index, file.uri, m.id);
    if (!common) return;
    const c = common.measure;
    if (m.unit !== undefined && (c.unit ?? '') !== m.unit) {
      out.push(
        diagnosticAt(
          file,
          ['measures', i, 'unit'],
          'common-measure-redefined',
          `"${m.id}" is a common measure in "${c.unit ?? 'no unit'}", but this team reports it in "${m.unit}": report it as the collaborative defines it, or give your own measure another id`,
        ),
      );
    }
    if (m.kind !== c.kind || m.better !== c.better) {
      const key = m.kind !== c.kind ? 'kind' : 'better';
      out.push(
        diagnosticAt(
          file,
          ['measures', i, key],
          'common-measure-redefined',
          `"${m.id}" is a common measure with ${key} "${c[key]}", but this team says "${m[key]}"`,
        ),
      );
    }
    if (m.data) shapeCheck(file, ['measures', i, 'data'], m.id, m.data as RawData, c.denominator, out);
  });
  for (const [id, data] of Object.entries(file.cycle?.do?.data ?? {})) {
    const common = commonMeasureFor(index, file.uri, id);
    if (common) shapeCheck(file, ['do', 'data', id], id, data as RawData, common.measure.denominator, out);
  }
}

/** Reports the first point of each series written with(out) a denominator against the common definition. */
function shapeCheck(
  file: WorksheetFile,
  path: PathSegment[],
  id: string,
  data: RawData,
  denominator: boolean,
  out: Diagnostic[],
): void {
  const all: [PathSegment[], RawPoint[]][] = Array.isArray(data)
    ? [[path, data]]
    : Object.entries(data).map(([g, s]) => [[...path, g], s]);
  for (const [p, series] of all) {
    const i = series.findIndex((pt) => (pt.length === 3) !== denominator);
    if (i === -1) continue;
    out.push(
      diagnosticAt(
        file,
        [...p, i],
        'common-measure-redefined',
        denominator
          ? `"${id}" is a common measure reported as [date, count, denominator], so the collaborative can sum teams: this point has no denominator`
          : `"${id}" is a common measure reported as [date, value]: this point has a denominator the collaborative does not use`,
      ),
    );
  }
}

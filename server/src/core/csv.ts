import type { Point, Series } from './series';

export interface CsvProblem {
  line: number;
  message: string;
  /** Errors unless said otherwise (a date twice is a warning, as in inline data). */
  severity?: 'warning';
}

export interface CsvData {
  /** Series by group; "all" when the file has no group column. */
  groups: Map<string, Series>;
  errors: CsvProblem[];
}

const REQUIRED = ['date', 'value'];
const COLUMNS = ['date', 'value', 'group', 'denominator'];
/** Plain decimal numbers only: `0x10`, `1e3`, `Infinity` or `1,5` are not how a data export writes a count or a rate. */
const DECIMAL = /^[+-]?(\d+(\.\d*)?|\.\d+)$/;

/** Splits one CSV line, honouring double quotes (RFC 4180 without embedded newlines, which data files never need). Undefined when a quote is left open. */
function splitLine(line: string): string[] | undefined {
  if (!line.includes('"')) {
    const cells = line.split(',');
    for (let i = 0; i < cells.length; i++) cells[i] = cells[i]!.trim();
    return cells;
  }
  const cells: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      cells.push(cell.trim());
      cell = '';
    } else cell += c;
  }
  if (quoted) return undefined;
  cells.push(cell.trim());
  return cells;
}

function show(cell: string): string {
  return cell.length > 40 ? `${cell.slice(0, 37)}...` : cell;
}

/**
 * Parses a measure's CSV file: a header with date and value, optionally group and denominator; an
 * empty value is a missing one. Every row that is not exactly that is reported with its line number
 * (wrong number of cells, a date that is not real, a number that is not plain decimal, a date twice
 * or out of order within its group). One pass over the text, without splitting it into lines first.
 */
export function parseMeasureCsv(text: string, isDate: (s: string) => boolean): CsvData {
  const groups = new Map<string, Series>();
  const errors: CsvProblem[] = [];
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  let pos = 0;
  let lineNo = 0;
  const nextLine = (): string | undefined => {
    if (pos > body.length) return undefined;
    let end = body.indexOf('\n', pos);
    if (end === -1) end = body.length;
    const line = body.slice(pos, end > pos && body.charCodeAt(end - 1) === 13 ? end - 1 : end);
    pos = end + 1;
    lineNo++;
    return line;
  };
  const header = (splitLine(nextLine() ?? '') ?? []).map((h) => h.toLowerCase());
  const missing = REQUIRED.filter((c) => !header.includes(c));
  if (missing.length) {
    errors.push({
      line: 1,
      message: `header must name the columns ${REQUIRED.join(', ')} (optionally group, denominator); missing ${missing.join(', ')}`,
    });
    return { groups, errors };
  }
  const unknown = header.filter((h) => !COLUMNS.includes(h));
  const twice = header.filter((h, i) => header.indexOf(h) !== i);
  if (unknown.length || twice.length) {
    const why = [
      unknown.length
        ? `unknown column${unknown.length > 1 ? 's' : ''} ${unknown.map((h) => `"${show(h)}"`).join(', ')}`
        : '',
      twice.length ? `${twice.map((h) => `"${h}"`).join(', ')} named twice` : '',
    ]
      .filter(Boolean)
      .join('; ');
    errors.push({ line: 1, message: `header: ${why} (the columns are ${COLUMNS.join(', ')})` });
    return { groups, errors };
  }
  const col = (name: string) => header.indexOf(name);
  const [iDate, iValue, iGroup, iDen] = [col('date'), col('value'), col('group'), col('denominator')];
  const lastDate = new Map<string, string>();
  for (let line = nextLine(); line !== undefined; line = nextLine()) {
    if (line.trim() === '') continue;
    const n = lineNo;
    const cells = splitLine(line);
    if (!cells) {
      errors.push({ line: n, message: 'a quote is opened and never closed' });
      continue;
    }
    if (cells.length !== header.length) {
      const few = cells.length < header.length;
      errors.push({
        line: n,
        message: `${few ? 'only ' : ''}${cells.length} cell${cells.length === 1 ? '' : 's'}, but the header names ${header.length} columns (${header.join(',')})`,
      });
      continue;
    }
    const date = cells[iDate]!;
    if (!isDate(date)) {
      errors.push({ line: n, message: `"${show(date)}" is not a real date: expected YYYY-MM-DD` });
      continue;
    }
    const rawValue = cells[iValue]!;
    if (rawValue !== '' && !DECIMAL.test(rawValue)) {
      errors.push({
        line: n,
        message: `value "${show(rawValue)}" is not a plain decimal number (leave the cell empty for a missing value)`,
      });
      continue;
    }
    const point: Point = { date, value: rawValue === '' ? null : Number(rawValue) };
    if (iDen >= 0 && cells[iDen]) {
      const raw = cells[iDen]!;
      const den = DECIMAL.test(raw) ? Number(raw) : NaN;
      if (!(den > 0)) {
        errors.push({ line: n, message: `denominator "${show(raw)}" must be a positive decimal number` });
        continue;
      }
      point.denominator = den;
    }
    const group = iGroup >= 0 && cells[iGroup] ? cells[iGroup]! : 'all';
    const last = lastDate.get(group);
    const inGroup = () => (iGroup >= 0 ? ` in group "${show(group)}"` : '');
    if (last !== undefined && date === last)
      errors.push({ line: n, message: `a second value for ${date}${inGroup()}`, severity: 'warning' });
    else if (last !== undefined && date < last)
      errors.push({ line: n, message: `${date} comes after ${last}${inGroup()}: keep the rows in date order` });
    if (last === undefined || date > last) lastDate.set(group, date);
    let series = groups.get(group);
    if (!series) groups.set(group, (series = []));
    series.push(point);
  }
  return { groups, errors };
}

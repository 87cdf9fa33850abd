import type { Point, Series } from './series';

export interface CsvData {
  /** Series by group; "all" when the file has no group column. */
  groups: Map<string, Series>;
  errors: { line: number; message: string }[];
}

const REQUIRED = ['date', 'value'];

/** Splits one CSV line, honouring double quotes (RFC 4180 without embedded newlines, which data files never need). */
function splitLine(line: string): string[] {
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
  cells.push(cell.trim());
  return cells;
}

/** Parses a measure's CSV file: a header with date and value, optionally group and denominator. Empty value = missing. */
export function parseMeasureCsv(text: string, isDate: (s: string) => boolean): CsvData {
  const groups = new Map<string, Series>();
  const errors: CsvData['errors'] = [];
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const header = splitLine(lines[0] ?? '').map((h) => h.toLowerCase());
  const missing = REQUIRED.filter((c) => !header.includes(c));
  if (missing.length) {
    errors.push({ line: 1, message: `header must name the columns ${REQUIRED.join(', ')} (optionally group, denominator); missing ${missing.join(', ')}` });
    return { groups, errors };
  }
  const col = (name: string) => header.indexOf(name);
  const [iDate, iValue, iGroup, iDen] = [col('date'), col('value'), col('group'), col('denominator')];
  for (let n = 1; n < lines.length; n++) {
    const line = lines[n]!;
    if (line.trim() === '') continue;
    const cells = splitLine(line);
    const date = cells[iDate] ?? '';
    if (!isDate(date)) {
      errors.push({ line: n + 1, message: `"${date}" is not a real date: expected YYYY-MM-DD` });
      continue;
    }
    const rawValue = cells[iValue] ?? '';
    const value = rawValue === '' ? null : Number(rawValue);
    if (value !== null && !Number.isFinite(value)) {
      errors.push({ line: n + 1, message: `"${rawValue}" is not a number (leave the cell empty for a missing value)` });
      continue;
    }
    const point: Point = { date, value };
    if (iDen >= 0 && cells[iDen]) {
      const den = Number(cells[iDen]);
      if (!Number.isFinite(den) || den <= 0) {
        errors.push({ line: n + 1, message: `denominator "${cells[iDen]}" must be a positive number` });
        continue;
      }
      point.denominator = den;
    }
    const group = iGroup >= 0 && cells[iGroup] ? cells[iGroup]! : 'all';
    let series = groups.get(group);
    if (!series) groups.set(group, (series = []));
    series.push(point);
  }
  return { groups, errors };
}

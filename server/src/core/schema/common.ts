import { z } from 'zod';

/** The only format version this build reads; bump it when the format changes incompatibly. */
export const FORMAT_VERSION = 1;

export const ID_PATTERN = /^[A-Za-z][A-Za-z0-9_-]{0,63}$/;

export const id = z
  .string()
  .regex(ID_PATTERN, 'expected an id: a letter, then letters, digits, "-" or "_" (at most 64)')
  .describe('A short stable id (letters, digits, "-", "_"), unique across the workspace.');

/** Ids of other items; the workspace index checks that they exist. */
export const ref = (what: string) => id.describe(`Id of ${what} defined in this workspace.`);

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** True for a real calendar date written as YYYY-MM-DD (rejects 2026-02-30). */
const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

/** Why a YYYY-MM-DD string is no calendar date, in words ("month 13 does not exist"); undefined if it is one or is not of that shape. */
export function whyNotADate(value: string): string | undefined {
  const m = ISO_DATE.exec(value);
  if (!m) return undefined;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (mo < 1 || mo > 12) return `month ${mo} does not exist`;
  if (d < 1) return `day ${d} does not exist`;
  const daysInMonth = new Date(Date.UTC(y, mo, 0)).getUTCDate();
  return d > daysInMonth ? `${MONTHS[mo - 1]} ${y} has ${daysInMonth} days` : undefined;
}

export function isIsoDate(value: string): boolean {
  // Character codes, not a regular expression and a Date: a CSV file may hold a million dates.
  if (value.length !== 10 || value.charCodeAt(4) !== 45 || value.charCodeAt(7) !== 45) return false;
  const y = digits(value, 0, 4);
  const mo = digits(value, 5, 7);
  const d = digits(value, 8, 10);
  if (y < 0 || mo < 1 || mo > 12 || d < 1) return false;
  const leap = y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0);
  return d <= (mo === 2 ? (leap ? 29 : 28) : DAYS_IN_MONTH[mo - 1]!);
}

/** The number written by ASCII digits from..to, or -1 if any is not one. */
function digits(s: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) {
    const c = s.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return -1;
    n = n * 10 + c;
  }
  return n;
}

/** Today as YYYY-MM-DD in local time (what a person means by "today"). */
export function localDate(d = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

export const isoDate = z
  .string()
  .refine(isIsoDate, { message: 'expected a real calendar date written YYYY-MM-DD', abort: true })
  // format: date lets editors offer today's date, and JSON Schema users get date validation.
  .meta({ format: 'date' })
  .describe('An ISO date, YYYY-MM-DD.');

export const text = z.string().describe('Free text.');

export const version = z
  .literal(FORMAT_VERSION)
  .describe(`Worksheet format version. This release reads version ${FORMAT_VERSION}.`);

export const level2 = z.enum(['high', 'low']);

export const scope = z
  .enum(['universal', 'targeted'])
  .describe('universal: for everyone in the population; targeted: for the focus population or group.');

/** A value point: [date, value] or [date, count, denominator]; null marks a missing value. */
export const point = z
  .union([z.tuple([isoDate, z.number().nullable()]), z.tuple([isoDate, z.number().nullable(), z.number().positive()])])
  .describe(
    'A data point: [date, value], or [date, count, denominator] for proportions. Use null for a missing value.',
  );

export const series = z.array(point).describe('Dated values, oldest first.');

/** Data for one measure: a single series, or one series per group (disaggregation). */
export const measureData = z
  .union([series, z.record(z.string().min(1), series)])
  .describe(
    'Either a list of [date, value] points, or a map from group name (e.g. "students-with-disabilities") to such a list.',
  );

export const commitment = z
  .strictObject({
    who: text.describe('Who will do it (a person or a role).'),
    what: text.describe('What they will do.'),
    by: isoDate.describe('By when (YYYY-MM-DD).'),
    done: z.boolean().optional().describe('Set to true once it is done.'),
  })
  .describe('An action commitment: who will do what by when.');

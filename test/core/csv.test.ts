import { describe, expect, it } from 'vitest';
import { parseMeasureCsv } from '../../server/src/core/csv';
import { isIsoDate } from '../../server/src/core/schema/common';
import { URI } from 'vscode-uri';
import { displayName, relativePathProblem, resolveRelative } from '../../server/src/core/uri';
import { FACTORS, check, rangeText } from '../helpers';

const parse = (text: string) => parseMeasureCsv(text, isIsoDate);
const withCsv = (csv: string) =>
  FACTORS.replace('    data:\n      - [2025-09-01, 30]\n      - [2025-09-08, 29]\n', `    csv: ${csv}\n`);

describe('CSV rows', () => {
  it('reports every bad row with its line number, and keeps the good ones', () => {
    const data = parse(
      [
        'date,group,value',
        '2025-09-01,swd,30', // 2 ok
        '2025-09-08', // 3 only a date
        '2025-09-08,swd,29,extra', // 4 extra cell
        '2025-09-15,swd,0x10', // 5 hex
        '2025-09-22,swd,1e3', // 6 exponent
        '2025-09-29,swd,Infinity', // 7
        '2025-09-29,swd,28', // 8 ok
        '2025-09-29,swd,27', // 9 duplicate date
        '2025-09-22,swd,26', // 10 out of order
        '2025-10-06,swd,"25', // 11 open quote
        '2025-10-06,all,', // 12 ok, missing value
        '2025-13-01,swd,1', // 13 not a date
      ].join('\r\n'),
    );
    expect(data.errors.map((e) => [e.line, e.severity ?? 'error', e.message])).toEqual([
      [3, 'error', 'only 1 cell, but the header names 3 columns (date,group,value)'],
      [4, 'error', '4 cells, but the header names 3 columns (date,group,value)'],
      [5, 'error', 'value "0x10" is not a plain decimal number (leave the cell empty for a missing value)'],
      [6, 'error', 'value "1e3" is not a plain decimal number (leave the cell empty for a missing value)'],
      [7, 'error', 'value "Infinity" is not a plain decimal number (leave the cell empty for a missing value)'],
      [9, 'warning', 'a second value for 2025-09-29 in group "swd"'],
      [10, 'error', '2025-09-22 comes after 2025-09-29 in group "swd": keep the rows in date order'],
      [11, 'error', 'a quote is opened and never closed'],
      [13, 'error', '"2025-13-01" is not a real date: expected YYYY-MM-DD'],
    ]);
    expect(data.groups.get('swd')!.map((p) => p.value)).toEqual([30, 28, 27, 26]);
    expect(data.groups.get('all')).toEqual([{ date: '2025-10-06', value: null }]);
  });

  it('refuses unknown and repeated header columns', () => {
    expect(parse('date,value,notes\n').errors).toEqual([
      { line: 1, message: 'header: unknown column "notes" (the columns are date, value, group, denominator)' },
    ]);
    expect(parse('date,value,value\n').errors[0]!.message).toMatch(/"value" named twice/);
  });

  it('checks denominators as positive plain decimals', () => {
    expect(
      parse('date,value,denominator\n2025-01-01,3,0x10\n2025-01-02,3,0\n2025-01-03,3,10\n').errors.map((e) => e.line),
    ).toEqual([2, 3]);
  });

  it('shows each bad row as a diagnostic at the csv value, up to a bound', () => {
    const rows = Array.from({ length: 150 }, (_, i) => `2025-01-01,x${i}`).join('\n');
    const diagnostics = check(
      { 'focus.factors.yaml': withCsv('a.csv'), 'a.csv': `date,value\n${rows}\n` },
      'focus.factors.yaml',
    ).filter((d) => d.code === 'csv-error');
    expect(diagnostics).toHaveLength(101);
    expect(diagnostics.every((d) => rangeText(d.range) === '18:10-18:15')).toBe(true);
    expect(diagnostics[0]!.message).toBe(
      'a.csv line 2: value "x0" is not a plain decimal number (leave the cell empty for a missing value)',
    );
    expect(diagnostics[100]!.message).toBe('a.csv: 50 more problems, from line 102');
  });
});

describe('csv: paths', () => {
  it.each(['my data/a.csv', "ä/#1 (x)!*'.csv", '../b c/[d]@e+f,g;h=i$&.csv', '100%/x.csv', 'emoji😀/~a.csv'])(
    'resolves %s against a URI as VS Code spells it, and against a path as written',
    (relative) => {
      const resolved = resolveRelative(URI.file('/ws/a b/x.factors.yaml').toString(), relative);
      expect(resolved).toBe(
        URI.file(`/ws/${relative.startsWith('../') ? relative.slice(3) : `a b/${relative}`}`).toString(),
      );
      expect(URI.parse(resolved).fsPath).toBe(
        `/ws/${relative.startsWith('../') ? relative.slice(3) : `a b/${relative}`}`,
      );
      expect(displayName(resolved)).toBe(relative.split('/').pop());
      expect(resolveRelative('/ws/a b/x.factors.yaml', relative)).toBe(
        `/ws/${relative.startsWith('../') ? relative.slice(3) : `a b/${relative}`}`,
      );
    },
  );

  it('refuses a path holding half of a character', () => {
    expect(relativePathProblem('a\uD800.csv')).toMatch(/unpaired surrogate/);
  });

  it('accepts paths relative to the worksheet', () => {
    for (const p of ['a.csv', 'data/a.csv', './data/a.csv', '../common/a.csv', 'my data.csv'])
      expect(relativePathProblem(p), p).toBeUndefined();
  });

  it.each([
    ['/etc/passwd', /absolute path/],
    ['file:///etc/passwd', /URI is not allowed/],
    ['https://example.org/a.csv', /URI is not allowed/],
    ['C:\\data\\a.csv', /absolute path/],
    ['C:/data/a.csv', /absolute path/],
    ['\\\\server\\share\\a.csv', /absolute path/],
    ['~/a.csv', /absolute path/],
    ['data\\a.csv', /use "\/"/],
    ['  ', /empty/],
  ])('refuses %s at the csv value', (p, why) => {
    const quoted = JSON.stringify(p);
    const diagnostics = check({ 'focus.factors.yaml': withCsv(quoted) }, 'focus.factors.yaml').filter(
      (d) => d.code === 'csv-error',
    );
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]!.message).toMatch(why);
    expect(rangeText(diagnostics[0]!.range)).toBe(`18:10-18:${10 + quoted.length}`);
  });
});

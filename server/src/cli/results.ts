import { terminalSafe } from '../core/text';
import type { Diagnostic } from '../core/diagnostics';
import { displayPath } from '../node/display-path';

export const OUTPUT_FORMATS = ['text', 'json', 'github'] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

export interface Counts {
  errors: number;
  warnings: number;
  files: number;
}

export function count(results: Map<string, Diagnostic[]>): Counts {
  let errors = 0;
  let warnings = 0;
  for (const list of results.values()) {
    for (const d of list) {
      if (d.severity === 'error') errors++;
      else if (d.severity === 'warning') warnings++;
    }
  }
  return { errors, warnings, files: results.size };
}

export function formatResults(results: Map<string, Diagnostic[]>, format: OutputFormat, cwd: string): string {
  const rows = [...results].flatMap(([file, list]) => list.map((d) => ({ file: displayPath(file, cwd), d })));
  // Terminal and CI-log formats show control characters as escapes; JSON escapes them itself.
  const safe = (s: string) => terminalSafe(s);
  switch (format) {
    case 'json':
      return `${JSON.stringify(
        rows.map(({ file, d }) => ({
          path: file,
          line: d.range.start.line + 1,
          column: d.range.start.character + 1,
          endLine: d.range.end.line + 1,
          endColumn: d.range.end.character + 1,
          severity: d.severity,
          code: d.code,
          message: d.message,
        })),
        null,
        2,
      )}\n`;
    case 'github':
      return rows.map(({ file, d }) => githubAnnotation(safe(file), { ...d, message: safe(d.message) })).join('');
    default:
      return rows
        .map(
          ({ file, d }) =>
            `${safe(file)}:${d.range.start.line + 1}:${d.range.start.character + 1} ${d.severity} ${d.code} ${safe(d.message)}\n`,
        )
        .join('');
  }
}

/** A GitHub Actions workflow command; see "Workflow commands for GitHub Actions" for the escaping rules. */
function githubAnnotation(file: string, d: Diagnostic): string {
  const level = d.severity === 'error' ? 'error' : d.severity === 'warning' ? 'warning' : 'notice';
  const prop = (s: string) =>
    s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A').replace(/:/g, '%3A').replace(/,/g, '%2C');
  const data = (s: string) => s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
  const props = [
    `file=${prop(file)}`,
    `line=${d.range.start.line + 1}`,
    `col=${d.range.start.character + 1}`,
    `endLine=${d.range.end.line + 1}`,
    `endColumn=${d.range.end.character + 1}`,
    `title=${prop(`pdsa ${d.code}`)}`,
  ];
  return `::${level} ${props.join(',')}::${data(d.message)}\n`;
}

export function summary(c: Counts): string {
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  return `${plural(c.errors, 'error')}, ${plural(c.warnings, 'warning')} in ${plural(c.files, 'file')} checked`;
}

/** Positions are 0-based lines and UTF-16 columns, as in LSP, so the language server passes them through unchanged. */
export interface Position {
  line: number;
  character: number;
}

export interface Range {
  start: Position;
  end: Position;
}

export type Severity = 'error' | 'warning' | 'info' | 'hint';

/** A replacement a quick fix can apply, e.g. the "did you mean" suggestion. */
export interface Suggestion {
  range: Range;
  newText: string;
}

export interface Diagnostic {
  uri: string;
  range: Range;
  severity: Severity;
  code: DiagnosticCode;
  message: string;
  suggestion?: Suggestion;
  /** For missing-key: where the key belongs, so a quick fix can add it. */
  missing?: { path: (string | number)[]; key: string };
}

interface CodeInfo {
  severity: Severity;
  /** Coaching checks can be switched off or re-graded in the workspace config. */
  coaching: boolean;
  summary: string;
}

/** Every diagnostic code, its default severity and what it means. Codes are stable: configs and CI refer to them. */
export const CODES = {
  'yaml-syntax': { severity: 'error', coaching: false, summary: 'The file is not valid YAML.' },
  'unsafe-character': {
    severity: 'warning',
    coaching: false,
    summary:
      'A value holds an invisible control character or a Unicode non-character (often written as a YAML escape such as "\\a" or "\\uFFFE").',
  },
  'duplicate-key': { severity: 'error', coaching: false, summary: 'A key appears twice in the same map.' },
  'multi-document': { severity: 'error', coaching: false, summary: 'A worksheet holds exactly one YAML document.' },
  'not-text': { severity: 'error', coaching: false, summary: 'The file holds binary bytes, not text.' },
  'too-large': { severity: 'error', coaching: false, summary: 'The file is too large to be a worksheet.' },
  'too-deep': { severity: 'error', coaching: false, summary: 'The file nests deeper than any worksheet does.' },
  'alias-limit': { severity: 'error', coaching: false, summary: 'Aliases expand to too much data.' },
  'empty-file': { severity: 'error', coaching: false, summary: 'The worksheet is empty.' },
  'not-a-map': { severity: 'error', coaching: false, summary: 'A worksheet is a map of keys at the top level.' },
  'unsupported-version': {
    severity: 'error',
    coaching: false,
    summary: 'The format version is missing or not one this tool reads.',
  },
  'unknown-key': { severity: 'error', coaching: false, summary: 'A key the format does not define.' },
  'missing-key': { severity: 'error', coaching: false, summary: 'A required key is missing.' },
  'wrong-type': { severity: 'error', coaching: false, summary: 'A value of the wrong type.' },
  'invalid-value': { severity: 'error', coaching: false, summary: 'A value outside the allowed choices.' },
  'invalid-id': { severity: 'error', coaching: false, summary: 'An id that is not a short slug.' },
  'invalid-date': { severity: 'error', coaching: false, summary: 'A date that is not a real YYYY-MM-DD date.' },
  'date-order': {
    severity: 'error',
    coaching: false,
    summary: 'Dates out of order (an end before its start, data not in date order).',
  },
  'duplicate-date': {
    severity: 'warning',
    coaching: false,
    summary: 'Two data points with the same date in one series.',
  },
  'results-mismatch': {
    severity: 'warning',
    coaching: false,
    summary: 'Study results do not line up with the plan questions.',
  },
  'csv-error': { severity: 'error', coaching: false, summary: "A measure's CSV file is missing or malformed." },
  'unknown-reference': {
    severity: 'error',
    coaching: false,
    summary: 'A reference to an id defined nowhere in the workspace.',
  },
  'wrong-reference-kind': {
    severity: 'error',
    coaching: false,
    summary: 'A reference to an id of the wrong kind (a factor where a strategy is expected...).',
  },
  'duplicate-id': { severity: 'error', coaching: false, summary: 'The same id is defined twice in the workspace.' },
  'reference-loop': { severity: 'error', coaching: false, summary: 'A loop in parent factors or previous cycles.' },
  'unknown-measure-in-data': {
    severity: 'warning',
    coaching: false,
    summary: 'Cycle data for a measure the cycle does not list.',
  },
  'no-prediction': { severity: 'warning', coaching: true, summary: 'A plan question with no prediction.' },
  'stuck-at-do': { severity: 'warning', coaching: true, summary: 'The Do has ended but there is no Study.' },
  'adapt-without-followup': {
    severity: 'info',
    coaching: true,
    summary: 'An "adapt" decision that no later cycle builds on.',
  },
  'strategy-without-factor': { severity: 'warning', coaching: true, summary: 'A strategy tied to no factor.' },
  'strategy-unprioritised': {
    severity: 'info',
    coaching: true,
    summary: 'A strategy tied only to factors not marked priority.',
  },
  'factor-not-validated': {
    severity: 'info',
    coaching: true,
    summary: 'A factor never validated with the people closest to the result.',
  },
  'target-incomplete': { severity: 'warning', coaching: true, summary: 'A target with no baseline or no date.' },
  'measure-without-data': {
    severity: 'info',
    coaching: true,
    summary: 'A measure with no data anywhere in the workspace.',
  },
  'unknown-package-idea': {
    severity: 'warning',
    coaching: true,
    summary: 'A strategy names a change-package idea the collaborative does not define.',
  },
  'common-measure-redefined': {
    severity: 'warning',
    coaching: true,
    summary:
      'A team reports a common measure in another unit, or with(out) a denominator, unlike its common definition.',
  },
  'common-measure-no-data': {
    severity: 'warning',
    coaching: true,
    summary: 'A team sent no data for a common measure in the last action period.',
  },
  'assessment-disagreement': {
    severity: 'info',
    coaching: true,
    summary: 'Self and faculty assessment scores differ by 1 or more.',
  },
  'assessment-flat': {
    severity: 'info',
    coaching: true,
    summary: "A team's assessment score has not changed for 3 months.",
  },
} as const satisfies Record<string, CodeInfo>;

export type DiagnosticCode = keyof typeof CODES;

export const COACHING_CODES = (Object.keys(CODES) as DiagnosticCode[]).filter((c) => CODES[c].coaching);

export function compareDiagnostics(a: Diagnostic, b: Diagnostic): number {
  return (
    a.range.start.line - b.range.start.line ||
    a.range.start.character - b.range.start.character ||
    (a.code < b.code ? -1 : a.code > b.code ? 1 : 0)
  );
}

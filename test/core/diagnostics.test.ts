import { describe, expect, it } from 'vitest';
import { CODES, type DiagnosticCode } from '../../server/src/core/diagnostics';
import { FACTORS, check, cycle, diagnosticsOf, show, workspaceOf } from '../helpers';
import { COLLAB, collabFiles, teamCycle, teamFactors } from '../collab/fixture';

/** Each fixture: files, the file to look at, and the diagnostics expected there (code and exact 1-based range). */
interface Fixture {
  code: DiagnosticCode;
  files: Record<string, string>;
  file: string;
  expected: string[];
  message?: RegExp;
}

const base = { 'focus.factors.yaml': FACTORS };
const c = (text: string) => ({ ...base, 'c.pdsa.yaml': text });

const fixtures: Fixture[] = [
  {
    code: 'yaml-syntax',
    files: c('version: 1\nid: c1\ntitle: "unterminated\nstrategy: S1\n'),
    file: 'c.pdsa.yaml',
    expected: ['yaml-syntax 3:8-3:9'],
    message: /no closing quote/,
  },
  {
    code: 'yaml-syntax',
    files: c('version: 1\nid: c1\n\tplan: x\n'),
    file: 'c.pdsa.yaml',
    expected: ['yaml-syntax 3:1-3:2'],
    message: /^this line is indented with a tab: YAML indents with spaces only/,
  },
  {
    code: 'duplicate-key',
    files: c(cycle('c1').replace('title: Cycle c1\n', 'title: Cycle c1\ntitle: Again\n')),
    file: 'c.pdsa.yaml',
    expected: ['duplicate-key 4:1-4:6'],
    message: /duplicate key "title"/,
  },
  {
    code: 'multi-document',
    files: c(`${cycle('c1')}---\nid: c2\n`),
    file: 'c.pdsa.yaml',
    expected: ['multi-document 16:1-16:4'],
  },
  {
    code: 'not-text',
    files: c('version: 1\nid: c\u0000\u0001\u0002'),
    file: 'c.pdsa.yaml',
    expected: ['not-text 2:6-2:7'],
  },
  {
    code: 'too-large',
    files: c(`version: 1\nnote: "${'x'.repeat(5 * 1024 * 1024)}"\n`),
    file: 'c.pdsa.yaml',
    expected: ['too-large 1:1-1:1'],
    message: /5\.0 MB/,
  },
  {
    code: 'too-deep',
    files: c(`version: 1\nx: ${'['.repeat(10000)}${']'.repeat(10000)}\n`),
    file: 'c.pdsa.yaml',
    expected: ['too-deep 2:203-2:204'],
  },
  { code: 'too-deep', files: c(`- ${'- '.repeat(10000)}x\n`), file: 'c.pdsa.yaml', expected: ['too-deep 1:401-1:402'] },
  {
    code: 'unsafe-character',
    files: c(cycle('c1').replace('title: Cycle c1', 'title: "Cycle\\a c1"')),
    file: 'c.pdsa.yaml',
    expected: ['unsafe-character 3:8-3:20'],
    message: /invisible control character \(U\+0007\)/,
  },
  {
    code: 'alias-limit',
    files: c(
      [
        'a: &a [x, x, x, x, x, x, x, x, x]',
        'b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]',
        'c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]',
        'd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]',
        'e: [*d, *d, *d, *d, *d, *d, *d, *d, *d]',
        '',
      ].join('\n'),
    ),
    file: 'c.pdsa.yaml',
    expected: ['alias-limit 2:8-2:10'],
  },
  { code: 'empty-file', files: c(''), file: 'c.pdsa.yaml', expected: ['empty-file 1:1-1:1'] },
  { code: 'empty-file', files: c('# only a comment\n'), file: 'c.pdsa.yaml', expected: ['empty-file 1:1-1:1'] },
  {
    code: 'not-a-map',
    files: c('- version: 1\n- id: c1\n'),
    file: 'c.pdsa.yaml',
    expected: ['not-a-map 1:1-1:13'],
    message: /found a list/,
  },
  {
    code: 'unsupported-version',
    files: c(cycle('c1').replace('version: 1', 'version: 2')),
    file: 'c.pdsa.yaml',
    expected: ['unsupported-version 1:10-1:11'],
  },
  {
    code: 'unknown-key',
    files: c(cycle('c1').replace('  objective:', '  objectiv:')),
    file: 'c.pdsa.yaml',
    expected: ['unknown-key 7:3-7:11'],
    message: /did you mean "objective"/,
  },
  {
    code: 'unknown-key',
    files: c(cycle('c1').replace('measures: [absence]', 'scale: {note: one class, 22 students}\nmeasures: [absence]')),
    file: 'c.pdsa.yaml',
    expected: ['unknown-key 5:26-5:37'],
    message: /comma inside \{ \}/,
  },
  {
    code: 'missing-key',
    files: c(cycle('c1').replace('title: Cycle c1\n', '')),
    file: 'c.pdsa.yaml',
    expected: ['missing-key 1:1-1:11'],
    message: /"title"/,
  },
  {
    code: 'missing-key',
    files: c(cycle('c1').replace('  objective: Try it\n', '')),
    file: 'c.pdsa.yaml',
    expected: ['missing-key 6:1-6:5'],
    message: /"objective" in plan/,
  },
  {
    code: 'wrong-type',
    files: c(cycle('c1').replace('title: Cycle c1', 'title: 2026')),
    file: 'c.pdsa.yaml',
    expected: ['wrong-type 3:8-3:12'],
    message: /expected text, found a number \(2026\) \(put it in quotes/,
  },
  {
    code: 'wrong-type',
    files: c(cycle('c1').replace('measures: [absence]', 'measures: absence')),
    file: 'c.pdsa.yaml',
    expected: ['wrong-type 5:11-5:18'],
    message: /expected a list/,
  },
  {
    code: 'invalid-value',
    files: c(cycle('c1').replace('decision: adopt', 'decision: adapted')),
    file: 'c.pdsa.yaml',
    expected: ['invalid-value 15:13-15:20'],
    message: /did you mean "adapt"/,
  },
  {
    code: 'invalid-id',
    files: c(cycle('c1').replace('id: c1', 'id: "cycle one"')),
    file: 'c.pdsa.yaml',
    expected: ['invalid-id 2:5-2:16'],
  },
  {
    code: 'invalid-date',
    files: c(cycle('c1').replace('end: 2026-01-09', 'end: 2026-02-30')),
    file: 'c.pdsa.yaml',
    expected: ['invalid-date 11:34-11:44'],
    message: /not a real date/,
  },
  {
    code: 'date-order',
    files: c(cycle('c1').replace('end: 2026-01-09', 'end: 2025-12-09')),
    file: 'c.pdsa.yaml',
    expected: ['date-order 11:34-11:44'],
  },
  {
    code: 'date-order',
    files: { 'focus.factors.yaml': FACTORS.replace('[2025-09-08, 29]', '[2025-08-08, 29]') },
    file: 'focus.factors.yaml',
    expected: ['date-order 20:10-20:20'],
  },
  {
    code: 'duplicate-date',
    files: { 'focus.factors.yaml': FACTORS.replace('[2025-09-08, 29]', '[2025-09-01, 29]') },
    file: 'focus.factors.yaml',
    expected: ['duplicate-date 20:10-20:20'],
  },
  {
    code: 'results-mismatch',
    files: c(
      cycle('c1').replace(
        '  learned: It worked.',
        '  results:\n    - outcome: confirmed\n    - outcome: partly\n  learned: It worked.',
      ),
    ),
    file: 'c.pdsa.yaml',
    expected: ['results-mismatch 13:3-13:10'],
  },
  {
    code: 'csv-error',
    files: {
      'focus.factors.yaml': FACTORS.replace(
        '    data:\n      - [2025-09-01, 30]\n      - [2025-09-08, 29]\n',
        '    csv: absence.csv\n',
      ),
      'absence.csv': 'date,value\n2025-09-01,30\n2025-09-31,29\n',
    },
    file: 'focus.factors.yaml',
    expected: ['csv-error 18:10-18:21'],
    message: /absence\.csv line 3: "2025-09-31" is not a real date/,
  },
  {
    code: 'csv-error',
    files: {
      'focus.factors.yaml': FACTORS.replace(
        '    data:\n      - [2025-09-01, 30]\n      - [2025-09-08, 29]\n',
        '    csv: missing.csv\n',
      ),
    },
    file: 'focus.factors.yaml',
    expected: ['csv-error 18:10-18:21'],
    message: /cannot read missing\.csv/,
  },
  {
    code: 'unknown-reference',
    files: c(cycle('c1').replace('strategy: S1', 'strategy: S2')),
    file: 'c.pdsa.yaml',
    expected: ['unknown-reference 4:11-4:13'],
    message: /no strategy "S2" in the workspace: did you mean "S1"/,
  },
  {
    code: 'wrong-reference-kind',
    files: c(cycle('c1').replace('strategy: S1', 'strategy: F1')),
    file: 'c.pdsa.yaml',
    expected: ['wrong-reference-kind 4:11-4:13'],
    message: /"F1" is a factor, but a strategy is expected/,
  },
  {
    code: 'duplicate-id',
    files: { ...base, 'a.pdsa.yaml': cycle('S1') },
    file: 'a.pdsa.yaml',
    expected: ['duplicate-id 2:5-2:7'],
    message: /also defined in focus\.factors\.yaml/,
  },
  {
    code: 'reference-loop',
    files: {
      ...base,
      'a.pdsa.yaml': cycle('a', '', { previous: 'b' }),
      'b.pdsa.yaml': cycle('b', '', { previous: 'a' }),
    },
    file: 'a.pdsa.yaml',
    expected: ['reference-loop 5:11-5:12'],
    message: /loop: a -> b -> a/,
  },
  {
    code: 'reference-loop',
    files: {
      'focus.factors.yaml': FACTORS.replace(
        '    level: mental-model\n',
        '    level: mental-model\n    parents: [F2]\n',
      ),
    },
    file: 'focus.factors.yaml',
    expected: ['reference-loop 25:15-25:17'],
    message: /^loop: F1 -> F2 -> F1: a factor cannot be its own ancestor$/,
  },
  {
    code: 'unknown-measure-in-data',
    files: c(cycle('c1', 'do:\n  data:\n    absence: [[2026-01-05, 28]]\n    belonging: [[2026-01-05, 50]]\n')),
    file: 'c.pdsa.yaml',
    expected: ['unknown-measure-in-data 19:5-19:14', 'unknown-reference 19:5-19:14'],
  },
  {
    code: 'no-prediction',
    files: c(cycle('c1').replace('      prediction: Yes\n', '')),
    file: 'c.pdsa.yaml',
    expected: ['no-prediction 9:17-9:30'],
    message: /no prediction for "Will it work\?"/,
  },
  {
    code: 'no-prediction',
    files: c(cycle('c1').replace('  questions:\n    - question: Will it work?\n      prediction: Yes\n', '')),
    file: 'c.pdsa.yaml',
    expected: ['no-prediction 6:1-6:5'],
  },
  {
    code: 'stuck-at-do',
    files: c(
      cycle('c1')
        .replace('study:\n  learned: It worked.\n', '')
        .replace('act:\n  decision: adopt\n', 'do:\n  observations: Went fine\n'),
    ),
    file: 'c.pdsa.yaml',
    expected: ['stuck-at-do 12:1-12:3'],
    message: /ended on 2026-01-09 and there is no Study/,
  },
  {
    code: 'adapt-without-followup',
    files: c(cycle('c1', '', { decision: 'adapt' })),
    file: 'c.pdsa.yaml',
    expected: ['adapt-without-followup 15:13-15:18'],
  },
  {
    code: 'strategy-without-factor',
    files: { 'focus.factors.yaml': FACTORS.replace('    addresses: [F1]\n', '') },
    file: 'focus.factors.yaml',
    expected: ['strategy-without-factor 35:9-35:11'],
  },
  {
    code: 'strategy-unprioritised',
    files: { 'focus.factors.yaml': FACTORS.replace('addresses: [F1]', 'addresses: [F2]') },
    file: 'focus.factors.yaml',
    expected: ['strategy-unprioritised 38:5-38:14'],
  },
  {
    code: 'factor-not-validated',
    files: {
      'focus.factors.yaml': FACTORS.replace('    evidence:\n      validated: {by: Drivers, on: 2025-09-10}\n', ''),
    },
    file: 'focus.factors.yaml',
    expected: ['factor-not-validated 28:9-28:11'],
  },
  {
    code: 'target-incomplete',
    files: { 'focus.factors.yaml': FACTORS.replace('    baseline: {value: 30, date: 2025-09-01}\n', '') },
    file: 'focus.factors.yaml',
    expected: ['target-incomplete 7:9-7:11'],
    message: /missing a baseline \(value and date\)/,
  },
  {
    code: 'measure-without-data',
    files: {
      'focus.factors.yaml': FACTORS.replace('    data:\n      - [2025-09-01, 30]\n      - [2025-09-08, 29]\n', ''),
    },
    file: 'focus.factors.yaml',
    expected: ['measure-without-data 14:9-14:16'],
  },
  {
    code: 'unknown-package-idea',
    files: collabFiles({ 'teams/north/north.factors.yaml': teamFactors('north', { pkg: 'P-unknown' }) }),
    file: 'teams/north/north.factors.yaml',
    expected: ['unknown-package-idea 26:14-26:23'],
    message: /no change-package idea "P-unknown"/,
  },
  {
    code: 'common-measure-redefined',
    files: collabFiles({ 'teams/north/north.factors.yaml': teamFactors('north', { unit: 'students' }) }),
    file: 'teams/north/north.factors.yaml',
    expected: ['common-measure-redefined 9:11-9:21'],
    message: /common measure in "%", but this team reports it in "students"/,
  },
  {
    code: 'common-measure-redefined',
    files: collabFiles({ 'teams/north/c1.pdsa.yaml': teamCycle('c1', { data: '      - [2026-09-10, 8, 10]' }) }),
    file: 'teams/north/c1.pdsa.yaml',
    expected: ['common-measure-redefined 14:9-14:28'],
  },
  {
    code: 'common-measure-no-data',
    files: collabFiles({ 'teams/north/c1.pdsa.yaml': teamCycle('c1', { data: '      - [2026-08-10, 80]' }) }),
    file: 'net.collaborative.yaml',
    expected: ['common-measure-no-data 6:9-6:14', 'assessment-disagreement 40:7-40:83', 'assessment-flat 41:7-41:48'],
    message: /team "north" sent no data for "greeted" in AP1/,
  },
  {
    code: 'assessment-disagreement',
    files: collabFiles(),
    file: 'net.collaborative.yaml',
    expected: ['assessment-disagreement 40:7-40:83', 'assessment-flat 41:7-41:48'],
    message: /scores itself 3\.0 and the faculty 2\.0/,
  },
  {
    code: 'assessment-flat',
    files: collabFiles({
      'net.collaborative.yaml': COLLAB.replace('self: 3.0, faculty: 2.0', 'self: 2.0, faculty: 2.0'),
    }),
    file: 'net.collaborative.yaml',
    expected: ['assessment-flat 41:7-41:48'],
    message: /north has scored 2\.0 for 3 months \(2026-08 to 2026-10\)/,
  },
];

describe('every diagnostic code has a fixture with an exact range', () => {
  it.each(fixtures.map((f, i) => [`${f.code} #${i}`, f] as const))('%s', (_, f) => {
    const ws = workspaceOf(f.files);
    expect(diagnosticsOf(ws, f.file)).toEqual(f.expected);
    if (f.message)
      expect(
        ws
          .diagnostics(`file:///ws/${f.file}`)
          .map((d) => d.message)
          .join('\n'),
      ).toMatch(f.message);
  });

  it('covers all codes', () => {
    const covered = new Set(fixtures.flatMap((f) => f.expected.map((e) => e.split(' ')[0])));
    expect((Object.keys(CODES) as string[]).filter((code) => !covered.has(code))).toEqual([]);
  });
});

describe('clean worksheets', () => {
  it('reports nothing for a complete factors file and cycle', () => {
    expect(diagnosticsOf(workspaceOf(c(cycle('c1'))), 'c.pdsa.yaml')).toEqual([]);
    expect(diagnosticsOf(workspaceOf(c(cycle('c1'))), 'focus.factors.yaml')).toEqual([]);
  });

  it('offers the did-you-mean replacement as a suggestion a quick fix can apply', () => {
    const [d] = check(c(cycle('c1').replace('decision: adopt', 'decision: adotp')), 'c.pdsa.yaml');
    expect(d?.suggestion?.newText).toBe('adopt');
    expect(show(d!)).toBe('invalid-value 15:13-15:18');
  });

  it('reports a misspelt required key once, not also as missing', () => {
    const list = check(c(cycle('c1').replace('title: Cycle c1', 'titel: Cycle c1')), 'c.pdsa.yaml');
    expect(list.map(show)).toEqual(['unknown-key 3:1-3:6']);
  });

  it('reports one diagnostic per line for a syntax slip, not a cascade', () => {
    const list = check(c('version: 1\nid: c1\n- stray\ntitle: x\n'), 'c.pdsa.yaml');
    expect(list.length).toBe(1);
  });
});

describe('empty values', () => {
  it('treat an empty required field as an error where its value goes, saying what to write', () => {
    const list = check(c(cycle('c1').replace('title: Cycle c1', 'title:')), 'c.pdsa.yaml');
    expect(list.map((d) => `${show(d)} ${d.message}`)).toEqual([
      'wrong-type 3:6-3:7 "title" is empty: write a short title for the cycle',
    ]);
  });

  it('say what to write in an empty reference and an empty choice', () => {
    const text = cycle('c1').replace('strategy: S1', 'strategy:').replace('decision: adopt', 'decision: ');
    expect(check(c(text), 'c.pdsa.yaml').map((d) => `${show(d)} ${d.message}`)).toEqual([
      'wrong-type 4:9-4:10 "strategy" is empty: write the strategy (change idea) this cycle tests',
      'invalid-value 15:11-15:13 "decision" is empty: write adopt, adapt or abandon (adopt: keep the change and scale it; adapt: change it and test again; abandon: stop testing it)',
    ]);
  });

  it('say which values an empty item of a list may take', () => {
    const text = cycle('c1').replace('study:\n', 'study:\n  results:\n    - outcome:\n');
    expect(check(c(text), 'c.pdsa.yaml').map((d) => `${show(d)} ${d.message}`)).toEqual([
      'invalid-value 14:14-14:15 "outcome" is empty: write confirmed, partly or not-confirmed',
    ]);
  });

  it('treat an empty optional field as not written yet (the coaching check then speaks)', () => {
    const list = check(c(cycle('c1').replace('      prediction: Yes', '      prediction:')), 'c.pdsa.yaml');
    expect(list.map(show)).toEqual(['no-prediction 9:17-9:30']);
  });
});

describe('syntax errors in plain words, where the slip is', () => {
  const messages = (text: string) => check(c(text), 'c.pdsa.yaml').map((d) => `${show(d)} ${d.message}`);

  it('a tab in indentation is one message, on the tab, not one per line the parser then misreads', () => {
    const text = cycle('c1').replace('  objective: Try it', '\tobjective: Try it');
    expect(messages(text)).toEqual([
      'yaml-syntax 7:1-7:2 this line is indented with a tab: YAML indents with spaces only, so replace the tab with spaces',
    ]);
  });

  it('an unclosed "[" is reported where it opens, not on the next line', () => {
    const text = cycle('c1').replace('measures: [absence]', 'measures: [absence');
    expect(messages(text)).toEqual([
      'yaml-syntax 5:11-5:12 this "[" is never closed: end the list with "]" (on this line, or on lines indented more than its key)',
    ]);
  });

  it('an unclosed "{" is reported where it opens, not at the end of the file', () => {
    const text = `${cycle('c1')}  next: {what: Spread it, when: 2026-02-01\n`;
    expect(messages(text)).toEqual([
      'yaml-syntax 16:9-16:10 this "{" is never closed: end the map with "}" (on this line, or on lines indented more than its key)',
    ]);
  });

  it('names the innermost unclosed bracket', () => {
    const text = cycle('c1').replace(
      '  when: {start: 2026-01-05, end: 2026-01-09}',
      '  when: {start: 2026-01-05, end: [2026-01-09}',
    );
    expect(messages(text).map((m) => m.split(' this')[0])).toEqual(['yaml-syntax 11:34-11:35']);
  });
});

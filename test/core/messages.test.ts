import { describe, expect, it } from 'vitest';
import { FACTORS, check, cycle, rangeText } from '../helpers';

// Messages say what is wrong where it is: a missing key at its item, the version's type, YAML tags.

const messages = (files: Record<string, string>, name: string) =>
  check(files, name)
    .filter((d) => d.severity === 'error')
    .map((d) => `${d.code} ${rangeText(d.range)} ${d.message}`);

describe('messages at their place', () => {
  it.each([
    ['kind of a measure', '    kind: outcome\n', 'missing-key 14:5-14:16 missing required key "kind" in measures[0]'],
    [
      'better of a measure',
      '    better: down\n',
      'missing-key 14:5-14:16 missing required key "better" in measures[0]',
    ],
    [
      'level of a factor',
      '    level: mental-model\n',
      'missing-key 22:5-22:11 missing required key "level" in factors[0]',
    ],
  ])('a missing %s is a missing key at its item', (_, line, expected) => {
    const found = messages({ 'focus.factors.yaml': FACTORS.replace(line, '') }, 'focus.factors.yaml');
    expect(found).toHaveLength(1);
    expect(found[0]).toMatch(new RegExp(`^${expected.replace(/[[\]().]/g, '\\$&')}`));
  });

  it('a missing outcome is a missing key at its result', () => {
    const text = cycle('c1').replace('study:\n', 'study:\n  results:\n    - note: it went well\n');
    expect(messages({ 'focus.factors.yaml': FACTORS, 'c.pdsa.yaml': text }, 'c.pdsa.yaml')).toEqual([
      expect.stringMatching(/^missing-key 14:7-14:25 missing required key "outcome" in study\.results\[0\]/),
    ]);
  });

  it('version: "1" must be the number 1', () => {
    expect(
      messages(
        { 'focus.factors.yaml': FACTORS, 'c.pdsa.yaml': cycle('c1').replace('version: 1', 'version: "1"') },
        'c.pdsa.yaml',
      ),
    ).toEqual([
      'unsupported-version 1:10-1:13 version must be the number 1, not the text "1": write version: 1 without quotes',
    ]);
  });

  it('!!binary and !!timestamp say what they are', () => {
    const found = messages(
      {
        'focus.factors.yaml': FACTORS,
        'c.pdsa.yaml': cycle('c1')
          .replace('title: Cycle c1', 'title: !!binary aGVsbG8=')
          .replace('  objective: Try it', '  objective: !!timestamp 2026-01-01'),
      },
      'c.pdsa.yaml',
    );
    expect(found).toEqual([
      expect.stringMatching(
        /^wrong-type 3:17-3:25 expected text, found binary data \(!!binary is not allowed in a worksheet\)/,
      ),
      expect.stringMatching(/^wrong-type 7:26-7:36 expected text, found a timestamp \(!!timestamp\)/),
    ]);
  });
});

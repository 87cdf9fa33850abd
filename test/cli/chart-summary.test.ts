import { describe, expect, it } from 'vitest';
import { FACTORS } from '../helpers';
import { pdsa, tempWorkspace } from '../node-helpers';

/** Absence, better down, target 20: a 12-week baseline around 30, then seven weeks at 26. */
const values = [31, 29, 31, 29, 31, 29, 31, 29, 31, 29, 31, 29, 26, 26, 26, 26, 26, 26, 26];
const data = values
  .map((v, i) => `      - [${new Date(Date.UTC(2025, 8, 1 + 7 * i)).toISOString().slice(0, 10)}, ${v}]`)
  .join('\n');
const factors = FACTORS.replace(
  '    data:\n      - [2025-09-01, 30]\n      - [2025-09-08, 29]\n',
  `    data:\n${data}\n    chart: {type: i, baseline: 12}\n`,
);

describe('pdsa chart --summary', () => {
  const dir = tempWorkspace({ 'focus.factors.yaml': factors, 'pdsa.config.yaml': 'version: 1\nchart: {rules: mdc}\n' });

  it('prints the summary table, variation and assurance as text', () => {
    const r = pdsa(['chart', 'absence', '--summary'], dir);
    expect(r).toMatchObject({ code: 0, stderr: '' });
    const lines = r.stdout.split('\n');
    expect(lines[0]).toBe('Chronic absence: I chart (XmR), Making Data Count rules');
    expect(lines[2]).toMatch(
      /^group\s+part\s+from\s+to\s+points\s+useful\s+longest run\s+max\s+crossings\s+min\s+runs signal\s+centre\s+avg lower\s+avg upper\s+beyond$/,
    );
    // 19 points around the mean 30: runs of one until the seven 26s (a run of 8 with the last 29).
    expect(lines[3]!.split(/\s{2,}/)).toEqual([
      'all',
      '1',
      '2025-09-01',
      '2026-01-05',
      '19',
      '19',
      '8',
      '7',
      '11',
      '6',
      'yes',
      '30',
      '24.68',
      '35.32',
      '0',
    ]);
    expect(r.stdout).toContain('all: special cause improvement (low); consistently fails the target (20)');
  });

  it('as JSON, with the rules from the command line winning over the workspace', () => {
    const r = pdsa(['chart', 'absence', '--summary', '--format', 'json', '--rules', 'ihi'], dir);
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout);
    expect(json).toMatchObject({
      measure: 'absence',
      type: 'i',
      rules: 'ihi',
      groups: [{ group: 'all', variation: 'improvement-low', assurance: 'fail', target: 20 }],
    });
    expect(json.groups[0].parts[0]).toMatchObject({
      part: 1,
      points: 19,
      useful: 19,
      longestRun: 8,
      longestRunLimit: 7,
      crossings: 11,
      minimumCrossings: 6,
      runsSignal: true,
      centre: 30,
      beyondLimits: 0,
    });
  });

  it('a run chart has no process limits, so no assurance', () => {
    expect(pdsa(['chart', 'absence', '--summary', '--type', 'run'], dir).stdout).toContain(
      'all: special cause improvement (low); no assurance: a run chart has no process limits\n',
    );
  });

  it('--format needs --summary', () => {
    expect(pdsa(['chart', 'absence', '--format', 'json'], dir)).toMatchObject({
      code: 2,
      stderr: expect.stringMatching(/--format goes with --summary/),
    });
  });
});

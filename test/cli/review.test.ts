import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FACTORS, cycle } from '../helpers';
import { EXAMPLE_DIR, REPO_ROOT as root, pdsa, tempWorkspace } from '../node-helpers';

describe('pdsa fmt', () => {
  it('lists unformatted files under --check (exit 1), rewrites them without it, then passes', () => {
    const messy = 'title: Cycle c1\nversion: 1\nid: "c1"\nstrategy: S1\nplan:\n    objective: Try it\n';
    const dir = tempWorkspace({ 'focus.factors.yaml': FACTORS, 'c1.pdsa.yaml': messy });
    expect(pdsa(['fmt', '--check'], dir)).toMatchObject({
      code: 1,
      stdout: 'c1.pdsa.yaml\n',
      stderr: '1 file is not formatted: run pdsa fmt\n',
    });
    expect(pdsa(['fmt'], dir)).toMatchObject({ code: 0, stdout: 'formatted c1.pdsa.yaml\n' });
    expect(fs.readFileSync(path.join(dir, 'c1.pdsa.yaml'), 'utf8')).toBe(
      'version: 1\nid: c1\ntitle: Cycle c1\nstrategy: S1\nplan:\n  objective: Try it\n',
    );
    expect(pdsa(['fmt', '--check'], dir)).toMatchObject({ code: 0, stdout: '' });
  });

  it('leaves a file with syntax errors untouched and says why (exit 2)', () => {
    const broken = 'version: 1\nid: [c1\ntitle: x\n';
    const dir = tempWorkspace({ 'c1.pdsa.yaml': broken });
    const r = pdsa(['fmt'], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(
      /^c1\.pdsa\.yaml: not formatted: line 2 has a YAML syntax error \(this "\[" is never closed/,
    );
    expect(fs.readFileSync(path.join(dir, 'c1.pdsa.yaml'), 'utf8')).toBe(broken);
  });

  it('finds the example in canonical form', () => {
    expect(pdsa(['fmt', '--check', 'examples'], root)).toMatchObject({ code: 0, stdout: '' });
  });
});

describe('pdsa diff', () => {
  const before = cycle('c1', '', { decision: 'adapt' }).replace('  learned: It worked.\n', '  learned: It worked.\n');
  const after = cycle(
    'c1',
    'do:\n  data:\n    absence: [[2026-03-02, 28], [2026-03-09, 27], [2026-03-16, 27], [2026-03-23, 25]]\n',
    { decision: 'adopt' },
  ).replace('prediction: Yes', 'prediction: Most of them will, once the photo cards are in use at both doors.');

  it('summarises two versions of a cycle in worksheet terms', () => {
    const dir = tempWorkspace({ 'old.pdsa.yaml': before, 'new.pdsa.yaml': after });
    expect(pdsa(['diff', 'old.pdsa.yaml', 'new.pdsa.yaml'], dir)).toMatchObject({
      code: 0,
      stdout:
        'new.pdsa.yaml\n  plan.questions[0].prediction rewritten\n  act.decision: adapt -> adopt\n  do.data.absence: +4 values (2026-03-02..2026-03-23)\n',
    });
  });

  it('names new factors, new links and removed items in a factors file', () => {
    const changed = FACTORS.replace(
      'strategies:',
      '  - id: F3\n    statement: Families lack transport\n    level: structure\n    parents: [F2]\nstrategies:',
    ).replace('addresses: [F1]', 'addresses: [F1, F3]');
    const dir = tempWorkspace({ 'a.factors.yaml': FACTORS, 'b.factors.yaml': changed });
    expect(pdsa(['diff', 'a.factors.yaml', 'b.factors.yaml'], dir).stdout).toBe(
      'b.factors.yaml\n  new factor F3 under F2\n  strategy S1 now addresses F3\n',
    );
  });

  it('says in one line why a version cannot be compared (alias bomb, binary, deep), never a stack trace', () => {
    const bomb = [
      'a: &a [x, x, x, x, x, x, x, x, x]',
      ...'bcdefghi'.split('').map((n, i) => `${n}: &${n} [${Array(9).fill(`*${'abcdefghi'[i]}`).join(', ')}]`),
    ].join('\n');
    const dir = tempWorkspace({
      'old.pdsa.yaml': before,
      'bomb.pdsa.yaml': bomb,
      'bin.pdsa.yaml': 'version: 1\u0000\n',
      'deep.pdsa.yaml': `${'['.repeat(5000)}${']'.repeat(5000)}`,
    });
    for (const [file, why] of [
      ['bomb.pdsa.yaml', /aliases expand to too much data/],
      ['bin.pdsa.yaml', /binary/],
      ['deep.pdsa.yaml', /nesting is deeper/],
    ] as const) {
      const r = pdsa(['diff', 'old.pdsa.yaml', file], dir);
      expect(r.stderr).toBe('');
      expect(r.stdout).toMatch(new RegExp(`^${file.replace('.', '\\.')}\\n  new version not compared: line \\d+: `));
      expect(r.stdout).toMatch(why);
      expect(r.stdout).not.toMatch(/\n\s+at /);
    }
  });

  it('compares keys named like Object.prototype members as plain keys', () => {
    const dir = tempWorkspace({
      'old.pdsa.yaml': `${before}constructor: a\n`,
      'new.pdsa.yaml': `${before}toString: b\n`,
    });
    expect(pdsa(['diff', 'old.pdsa.yaml', 'new.pdsa.yaml'], dir).stdout).toBe(
      'new.pdsa.yaml\n  constructor removed\n  toString: b (new)\n',
    );
  });

  it('works as the external diff driver of `git diff`, configured as the README says', () => {
    const dir = tempWorkspace({
      'c1.pdsa.yaml': before,
      '.gitattributes': '*.pdsa.yaml diff=pdsa\n*.factors.yaml diff=pdsa\n',
    });
    const git = (...args: string[]) =>
      execFileSync('git', args, {
        cwd: dir,
        encoding: 'utf8',
        env: {
          ...process.env,
          GIT_AUTHOR_NAME: 't',
          GIT_AUTHOR_EMAIL: 't@t',
          GIT_COMMITTER_NAME: 't',
          GIT_COMMITTER_EMAIL: 't@t',
        },
      });
    git('init', '-q');
    git('config', 'diff.pdsa.command', `"${process.execPath}" "${path.join(root, 'dist', 'cli.js')}" diff`);
    git('add', '.');
    git('commit', '-qm', 'first cycle');
    fs.writeFileSync(path.join(dir, 'c1.pdsa.yaml'), after);
    expect(git('diff')).toBe(
      'c1.pdsa.yaml\n  plan.questions[0].prediction rewritten\n  act.decision: adapt -> adopt\n  do.data.absence: +4 values (2026-03-02..2026-03-23)\n',
    );
  });
});

describe('pdsa new cycle', () => {
  it("follows the team's cycle numbering, titles without the sentence's full stop, and warns about an existing follow-up", () => {
    const dir = tempWorkspace({}, EXAMPLE_DIR);
    const r = pdsa(['new', 'cycle', '--from', 'c12-case-manager-calls'], dir);
    expect(r).toMatchObject({
      code: 0,
      stdout: 'cycles/c14-flag-in-the-case-managers-daily.pdsa.yaml\n',
      stderr:
        'pdsa: warning: c13-case-manager-calls-script already builds on c12-case-manager-calls; writing another follow-up\n',
    });
    const text = fs.readFileSync(path.join(dir, 'cycles/c14-flag-in-the-case-managers-daily.pdsa.yaml'), 'utf8');
    expect(text).toContain(
      "\nid: c14-flag-in-the-case-managers-daily\ntitle: Flag in the case managers' daily list, with a three-question script\n",
    );
    expect(pdsa(['fmt', '--check'], dir)).toMatchObject({ code: 0, stdout: '' });
  });

  it('writes the next cycle of a ramp, linked and pre-filled from the Act', () => {
    const dir = tempWorkspace({
      'focus.factors.yaml': FACTORS,
      'cycles/c1.pdsa.yaml': cycle('c1', '  next:\n    what: Greeters at both doors\n    when: 2026-02-02\n', {
        decision: 'adapt',
      }),
    });
    const r = pdsa(['new', 'cycle', '--from', 'c1'], dir);
    expect(r).toMatchObject({ code: 0, stdout: 'cycles/greeters-at-both-doors.pdsa.yaml\n' });
    expect(fs.readFileSync(path.join(dir, 'cycles/greeters-at-both-doors.pdsa.yaml'), 'utf8')).toBe(
      'version: 1\nid: greeters-at-both-doors\ntitle: Greeters at both doors\nstrategy: S1\nprevious: c1\nmeasures: [absence]\n\nplan:\n  objective: Greeters at both doors\n  who:\n  what:\n  when: {start: 2026-02-02}\n  where:\n',
    );
    // What `pdsa new` writes is already in canonical form: a pre-commit `fmt --check` passes at once.
    expect(pdsa(['fmt', '--check'], dir)).toMatchObject({ code: 0, stdout: '' });
    // The ramp goes on: c1's "adapt" now has its follow-up, so the workspace checks clean.
    expect(pdsa(['check'], dir).stderr).toBe('0 errors, 1 warning in 3 files checked\n');
    expect(pdsa(['new', 'cycle', '--from', 'nope'], dir)).toMatchObject({
      code: 2,
      stderr: 'pdsa: no cycle "nope" in the workspace\n',
    });
  });
});

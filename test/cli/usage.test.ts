import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FACTORS, cycle } from '../helpers';
import { EXAMPLE_DIR, REPO_ROOT as root, pdsa, tempWorkspace } from '../node-helpers';

const COMMANDS = ['check', 'fmt', 'new', 'diff', 'chart', 'diagram'];

describe('pdsa usage', () => {
  it('prints the help of the command asked about, with its own options', () => {
    for (const name of COMMANDS) {
      for (const args of [
        [name, '--help'],
        [name, '-h'],
        ['help', name],
      ]) {
        const r = pdsa(args);
        expect(r, args.join(' ')).toMatchObject({ code: 0, stderr: '' });
        expect(r.stdout).toMatch(new RegExp(`^Usage: pdsa ${name} `));
      }
    }
    expect(pdsa(['chart', '--help']).stdout).toContain('--rules <set>');
    expect(pdsa(['check', '--help']).stdout).not.toContain('--rules');
    expect(pdsa(['--help']).stdout).toMatch(/^Usage: pdsa <command>[\s\S]*\n {2}diagram +Write the driver diagram/);
  });

  it("rejects another command's options, unknown options and missing values (exit 2, saying which)", () => {
    expect(pdsa(['check', '--rules', 'anhoej', '-o', 'x.svg', 'examples'])).toMatchObject({
      code: 2,
      stdout: '',
      stderr: expect.stringMatching(/^pdsa check: unknown option '--rules'\nUsage: pdsa check /),
    });
    expect(pdsa(['fmt', '--frobnicate'])).toMatchObject({
      code: 2,
      stderr: expect.stringMatching(/^pdsa fmt: unknown option '--frobnicate'/),
    });
    expect(pdsa(['chart', 'absence', '--width'])).toMatchObject({
      code: 2,
      stderr: expect.stringMatching(/^pdsa chart: --width needs a value/),
    });
    expect(pdsa(['fmt', '--check=yes'])).toMatchObject({
      code: 2,
      stderr: expect.stringMatching(/^pdsa fmt: --check takes no value/),
    });
    expect(pdsa(['check', '--format', 'xml'])).toMatchObject({
      code: 2,
      stderr: expect.stringMatching(/^pdsa check: unknown format 'xml' for --format: use text, json or github/),
    });
    expect(pdsa(['chart', 'absence', '--rules=nelson'])).toMatchObject({
      code: 2,
      stderr: expect.stringMatching(/unknown set 'nelson' for --rules: use ihi, anhoej or mdc/),
    });
    expect(pdsa(['frobnicate'])).toMatchObject({
      code: 2,
      stderr: expect.stringMatching(/^pdsa: unknown command 'frobnicate'/),
    });
    expect(pdsa([])).toMatchObject({ code: 2, stderr: expect.stringMatching(/^Usage: pdsa <command>/) });
  });

  it('takes --opt=value and --opt value alike, for every option with a value', () => {
    const dir = tempWorkspace({}, EXAMPLE_DIR);
    const measure = 'chronic-absence';
    for (const [a, b] of [
      [
        ['check', '--today=2026-11-22', '--format=json'],
        ['check', '--today', '2026-11-22', '--format', 'json'],
      ],
      [
        ['chart', measure, '--rules=anhoej', '--type=i', '--width=640'],
        ['chart', measure, '--rules', 'anhoej', '--type', 'i', '--width', '640'],
      ],
    ] as const) {
      const ra = pdsa([...a], dir);
      expect(ra.code, a.join(' ')).toBe(0);
      expect(pdsa([...b], dir)).toEqual(ra);
    }
    expect(pdsa(['check', '--today=2026-13-01'], dir)).toMatchObject({
      code: 2,
      stderr: expect.stringMatching(/--today takes a date YYYY-MM-DD, not '2026-13-01'/),
    });
    pdsa(['chart', measure, '--output=a.svg'], dir);
    pdsa(['chart', measure, '-o', 'b.svg'], dir);
    expect(fs.readFileSync(path.join(dir, 'a.svg'), 'utf8')).toBe(fs.readFileSync(path.join(dir, 'b.svg'), 'utf8'));
    expect(pdsa(['check', `--cache-location=${path.join(dir, 'c.cache')}`], dir).code).toBe(0);
    expect(fs.existsSync(path.join(dir, 'c.cache'))).toBe(true);
  });

  it('says "no worksheets found" for a folder without any (exit 2), in every command that looks for them', () => {
    const dir = tempWorkspace({ 'empty/readme.txt': 'nothing here', 'notes.yaml': 'a: 1\n' });
    for (const args of [
      ['check'],
      ['check', 'empty'],
      ['fmt', '--check', 'empty'],
      ['chart', 'absence', 'empty'],
      ['diagram', 'empty'],
      ['new', 'cycle', '--from', 'c1', 'empty'],
    ]) {
      const shown = args.includes('empty') ? 'empty' : '.';
      expect(pdsa(args, dir), args.join(' ')).toMatchObject({
        code: 2,
        stdout: '',
        stderr: `pdsa: no worksheets found in ${shown} (*.pdsa.yaml, *.factors.yaml)\n`,
      });
    }
  });

  it('says why a file cannot be read, naming it as the user typed it', () => {
    const dir = tempWorkspace({ 'sub/x.txt': '' });
    expect(pdsa(['diff', 'nosuch1', 'nosuch2'], dir)).toMatchObject({
      code: 2,
      stderr:
        "pdsa: cannot read 'nosuch1': no such file or directory\npdsa: cannot read 'nosuch2': no such file or directory\n",
    });
    expect(pdsa(['diff', 'sub', 'sub/x.txt/y'], dir).stderr).toBe(
      "pdsa: cannot read 'sub': is a directory\npdsa: cannot read 'sub/x.txt/y': no such file or directory\n",
    );
    expect(pdsa(['diff', 'a'], dir)).toMatchObject({
      code: 2,
      stderr: expect.stringMatching(/^pdsa diff: diff takes two files/),
    });
  });

  it('names files relative to the current folder with forward slashes in every message, duplicate ids included', () => {
    const dir = tempWorkspace({
      'team/focus.factors.yaml': FACTORS,
      'team/cycles/c1.pdsa.yaml': cycle('c1'),
      'team/old/c1.pdsa.yaml': cycle('c1'),
    });
    const r = pdsa(['check', path.join(dir, 'team')], path.join(dir, 'team', 'cycles'));
    expect(r.stdout).toBe(
      'c1.pdsa.yaml:2:5 error duplicate-id id "c1" is also defined in ../old/c1.pdsa.yaml: ids must be unique across the workspace\n' +
        '../old/c1.pdsa.yaml:2:5 error duplicate-id id "c1" is also defined in c1.pdsa.yaml: ids must be unique across the workspace\n',
    );
    expect(pdsa(['check', 'team/nope', 'team'], dir).stderr).toContain(
      "pdsa: cannot read 'team/nope': no such file or directory\n",
    );
    expect(pdsa(['chart', 'absence', path.join(dir, 'nope')], path.join(dir, 'team')).stderr).toMatch(
      /^pdsa: cannot read '\.\.\/nope': no such file or directory\n/,
    );
  });

  it('prints the version', () => {
    const version = (JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { version: string })
      .version;
    expect(pdsa(['--version'])).toMatchObject({ code: 0, stdout: `${version}\n` });
  });
});

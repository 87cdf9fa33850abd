import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FACTORS, cycle } from '../helpers';
import { REPO_ROOT as root, pdsa, tempWorkspace } from '../node-helpers';

describe('pdsa check', () => {
  it('finds the bundled example clean', () => {
    const r = pdsa(['check', 'examples']);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe('0 errors, 0 warnings in 64 files checked\n');
    expect(r.code).toBe(0);
  });

  it('prints path:line:col severity code message and exits 1 on errors', () => {
    const dir = tempWorkspace({
      'focus.factors.yaml': FACTORS,
      'cycles/c1.pdsa.yaml': cycle('c1').replace('strategy: S1', 'strategy: S9').replace('      prediction: Yes\n', ''),
    });
    const r = pdsa(['check', '.', '--today', '2026-11-22'], dir);
    expect(r.stdout).toBe(
      'cycles/c1.pdsa.yaml:4:11 error unknown-reference no strategy "S9" in the workspace: did you mean "S1"?\n' +
        'cycles/c1.pdsa.yaml:9:17 warning no-prediction no prediction for "Will it work?": write down what you expect before the test\n',
    );
    expect(r.stderr).toBe('1 error, 1 warning in 2 files checked\n');
    expect(r.code).toBe(1);
  });

  it('exits 0 when there are only warnings, and --quiet hides them', () => {
    const dir = tempWorkspace({
      'focus.factors.yaml': FACTORS,
      'c1.pdsa.yaml': cycle('c1').replace('      prediction: Yes\n', ''),
    });
    expect(pdsa(['check'], dir).code).toBe(0);
    expect(pdsa(['check', '-q'], dir).stdout).toBe('');
  });

  it('writes JSON with 1-based positions', () => {
    const dir = tempWorkspace({
      'focus.factors.yaml': FACTORS,
      'c1.pdsa.yaml': cycle('c1').replace('decision: adopt', 'decision: adotp'),
    });
    const r = pdsa(['check', '--format', 'json'], dir);
    expect(JSON.parse(r.stdout)).toEqual([
      {
        path: 'c1.pdsa.yaml',
        line: 15,
        column: 13,
        endLine: 15,
        endColumn: 18,
        severity: 'error',
        code: 'invalid-value',
        message: '"adotp" is not allowed here: did you mean "adopt"? (one of adopt, adapt, abandon)',
      },
    ]);
  });

  it('writes GitHub workflow annotations, escaping what the format reserves', () => {
    const dir = tempWorkspace({
      'focus.factors.yaml': FACTORS,
      'a,b.pdsa.yaml': cycle('c1').replace('strategy: S1', 'strategy: S9'),
    });
    const r = pdsa(['check', '--format=github'], dir);
    expect(r.stdout).toBe(
      '::error file=a%2Cb.pdsa.yaml,line=4,col=11,endLine=4,endColumn=13,title=pdsa unknown-reference::no strategy "S9" in the workspace: did you mean "S1"?\n',
    );
  });

  it('respects .gitignore, but checks a file named on the command line', () => {
    const broken = 'version: 1\nid: [\n';
    const dir = tempWorkspace({
      '.gitignore': 'drafts/\n*.tmp.pdsa.yaml\n',
      'focus.factors.yaml': FACTORS,
      'drafts/x.pdsa.yaml': broken,
      'y.tmp.pdsa.yaml': broken,
      'node_modules/z.pdsa.yaml': broken,
    });
    fs.mkdirSync(path.join(dir, '.git'));
    expect(pdsa(['check'], dir)).toMatchObject({ code: 0, stderr: '0 errors, 0 warnings in 1 file checked\n' });
    expect(pdsa(['check', 'drafts/x.pdsa.yaml'], dir).code).toBe(1);
  });

  it('says clearly when a path cannot be read, and exits 2', () => {
    const dir = tempWorkspace({ 'focus.factors.yaml': FACTORS, 'notes.txt': 'hello' });
    const r = pdsa(['check', 'missing', 'notes.txt', '.'], dir);
    expect(r.stderr).toContain("pdsa: cannot read 'missing': no such file or directory\n");
    expect(r.stderr).toContain(
      "pdsa: 'notes.txt' is not a worksheet (expected a *.pdsa.yaml or *.factors.yaml file)\n",
    );
    expect(r.code).toBe(2);
  });

  it('rejects bad usage with exit 2 and the usage text', () => {
    expect(pdsa(['check', '--format', 'xml']).stderr).toMatch(/unknown format 'xml' for --format/);
    expect(pdsa(['check', '--format', 'xml']).code).toBe(2);
    expect(pdsa(['frobnicate']).code).toBe(2);
    expect(pdsa(['--help'])).toMatchObject({ code: 0, stdout: expect.stringMatching(/^Usage: pdsa/) });
  });

  it('uses the config at the workspace root', () => {
    const dir = tempWorkspace({
      'pdsa.config.yaml': 'checks:\n  no-prediction: error\n',
      'focus.factors.yaml': FACTORS,
      'sub/c1.pdsa.yaml': cycle('c1').replace('      prediction: Yes\n', ''),
    });
    fs.mkdirSync(path.join(dir, '.git'));
    expect(pdsa(['check', 'sub'], dir).stdout).toMatch(/sub\/c1\.pdsa\.yaml:9:17 error no-prediction/);
  });

  it('lets a nested config govern its folder, and stops looking at the repository root', () => {
    const noPrediction = (id: string) => cycle(id).replace('      prediction: Yes\n', '');
    const outer = tempWorkspace({ 'pdsa.config.yaml': 'checks:\n  no-prediction: off\n' });
    const dir = path.join(outer, 'repo');
    for (const [name, text] of Object.entries({
      'pdsa.config.yaml': 'checks:\n  no-prediction: error\n',
      'focus.factors.yaml': FACTORS,
      'c1.pdsa.yaml': noPrediction('c1'),
      'teams/west/pdsa.config.yaml': 'checks:\n  no-prediction: hint\n',
      'teams/west/c2.pdsa.yaml': noPrediction('c2'),
    })) {
      fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
      fs.writeFileSync(path.join(dir, name), text);
    }
    fs.mkdirSync(path.join(dir, '.git'));
    const lines = (args: string[]) =>
      pdsa(args, dir)
        .stdout.split('\n')
        .filter(Boolean)
        .map((l) => l.split(' ').slice(0, 3).join(' '));
    expect(lines(['check'])).toEqual([
      'c1.pdsa.yaml:9:17 error no-prediction',
      'teams/west/c2.pdsa.yaml:9:17 hint no-prediction',
    ]);
    expect(lines(['check', 'teams/west/c2.pdsa.yaml'])).toContain('teams/west/c2.pdsa.yaml:9:17 hint no-prediction');
    // Without the repository's own config, the one above the repository does not apply.
    fs.rmSync(path.join(dir, 'pdsa.config.yaml'));
    expect(lines(['check', 'c1.pdsa.yaml', 'focus.factors.yaml'])).toEqual(['c1.pdsa.yaml:9:17 warning no-prediction']);
  });

  it('brings back a file with a deeper !pattern, as git does', () => {
    const dir = tempWorkspace({
      '.gitignore': '*.pdsa.yaml\n',
      'focus.factors.yaml': FACTORS,
      'c1.pdsa.yaml': 'id: [\n',
      'keep/.gitignore': '!c2.pdsa.yaml\n',
      'keep/c2.pdsa.yaml': cycle('c2'),
    });
    fs.mkdirSync(path.join(dir, '.git'));
    expect(pdsa(['check'], dir)).toMatchObject({ code: 0, stderr: '0 errors, 0 warnings in 2 files checked\n' });
  });

  it('reuses its cache when nothing changed and notices an edit', () => {
    const dir = tempWorkspace({ 'focus.factors.yaml': FACTORS, 'c1.pdsa.yaml': cycle('c1') });
    expect(pdsa(['check', '--cache'], dir).stderr).toBe('0 errors, 0 warnings in 2 files checked\n');
    expect(pdsa(['check', '--cache'], dir).stderr).toBe('0 errors, 0 warnings in 2 files checked (cached)\n');
    fs.writeFileSync(path.join(dir, 'c1.pdsa.yaml'), cycle('c1').replace('strategy: S1', 'strategy: S9'));
    const r = pdsa(['check', '--cache'], dir);
    expect(r.stderr).toBe('1 error, 0 warnings in 2 files checked\n');
    expect(r.code).toBe(1);
  });

  it('does not reuse a cache written by another version of the tool', () => {
    const dir = tempWorkspace({ 'focus.factors.yaml': FACTORS, 'c1.pdsa.yaml': cycle('c1') });
    const version = (JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { version: string })
      .version;
    expect(pdsa(['check', '--cache'], dir).stderr).toBe('0 errors, 0 warnings in 2 files checked\n');
    const runFile = path.join(dir, '.pdsa-cache', 'check-run.json');
    const run = JSON.parse(fs.readFileSync(runFile, 'utf8')) as { tool: string };
    expect(run.tool).toMatch(new RegExp(`^${version.replace(/\./g, '\\.')}\\+[0-9a-f]{16}$`));
    run.tool = run.tool.replace(version, '0.0.0-older');
    fs.writeFileSync(runFile, JSON.stringify(run));
    expect(pdsa(['check', '--cache'], dir).stderr).toBe('0 errors, 0 warnings in 2 files checked\n');
  });
});

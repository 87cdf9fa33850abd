import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT as root } from '../node-helpers';

/** Files Git tracks (what a fresh clone has), as text; binaries and the lock file skipped. */
function trackedText(): [string, string][] {
  const files = execFileSync('git', ['ls-files', '-z'], { cwd: root, encoding: 'utf8' }).split('\0').filter(Boolean);
  return files
    .filter((f) => !/\.(png|ico|vsix|tgz)$/.test(f) && f !== 'package-lock.json' && fs.existsSync(path.join(root, f)))
    .map((f) => [f, fs.readFileSync(path.join(root, f), 'utf8')]);
}

describe('the repository stands on its own', () => {
  it('never points a reader at documents outside it, or at how it was made', () => {
    // Built from parts so this file does not match itself.
    const outside = new RegExp(
      [
        'seed\\sdoc',
        'seed\\s\\d{3}',
        '\\bissue\\s\\d+',
        "issue's\\starget",
        'engineering\\sbar',
        'product\\scard',
        '\\.\\.\\/shared\\/',
        '\\/work\\/shared',
      ].join('|'),
      'i',
    );
    const hits = trackedText().flatMap(([file, text]) =>
      text.split('\n').flatMap((line, i) => (outside.test(line) ? [`${file}:${i + 1}: ${line.trim()}`] : [])),
    );
    expect(hits).toEqual([]);
  });

  it('has a README whose links work on the Marketplace too (absolute, not relative to the repository)', () => {
    const readme = fs.readFileSync(path.join(root, 'README.md'), 'utf8');
    const relative = [...readme.matchAll(/!?\[[^\]]*\]\(([^)\s]+)\)/g)]
      .map((m) => m[1]!)
      .filter((url) => !/^(https?:|mailto:|#)/.test(url));
    expect(relative).toEqual([]);
  });

  it('ships a license that matches package.json', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { license: string };
    expect(pkg.license).toBe('MIT');
    expect(fs.readFileSync(path.join(root, 'LICENSE'), 'utf8')).toMatch(/^MIT License\n/);
  });
});

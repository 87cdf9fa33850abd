import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT as root } from '../node-helpers';

describe('the extension manifest', () => {
  const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

  it('keeps VS Code from filling id completions with words from the file', () => {
    expect(pkg.contributes.configurationDefaults['[pdsa-yaml]']['editor.wordBasedSuggestions']).toBe('off');
  });

  it('is ready for the Marketplace and Open VSX: icon, license, categories, one way to list files', () => {
    expect(pkg.icon).toMatch(/\.png$/);
    expect(pkg.files).toContain(pkg.icon);
    expect(fs.existsSync(path.join(root, 'images', 'icon.svg'))).toBe(true);
    expect(pkg.license).toBe('MIT');
    expect(pkg.categories.length).toBeGreaterThan(0);
    // vsce refuses a package with both.
    expect(fs.existsSync(path.join(root, '.vscodeignore'))).toBe(false);
    expect(pkg.scripts.package).toMatch(/^vsce package/);
  });

  it('names no repository, homepage or issue tracker that does not exist', () => {
    // Only a real remote may be named; without one, packaging must not need it.
    let remote = '';
    try {
      remote = execFileSync('git', ['config', '--get', 'remote.origin.url'], { cwd: root, encoding: 'utf8' }).trim();
    } catch {
      // No remote: nothing to name.
    }
    const plain = (url: string) => url.replace(/^git\+/, '').replace(/\.git$/, '');
    if (pkg.repository) expect(plain(pkg.repository.url as string)).toBe(plain(remote));
    else {
      expect(pkg.homepage).toBeUndefined();
      expect(pkg.bugs).toBeUndefined();
      expect(pkg.scripts.package).toContain('--allow-missing-repository');
    }
    // The README's images then stay relative: they are packaged, and VS Code shows them from the extension.
    expect(pkg.scripts.package).toContain('--no-rewrite-relative-links');
    const readme = fs.readFileSync(path.join(root, 'README.md'), 'utf8');
    for (const [, src] of readme.matchAll(/<img src="([^"]+)"/g)) {
      expect(pkg.files).toContain(`${path.posix.dirname(src!)}/*.png`);
      expect(fs.existsSync(path.join(root, src!))).toBe(true);
    }
  });
});

import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT as root } from '../node-helpers';

describe('the extension manifest', () => {
  const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

  it('keeps VS Code from filling id completions with words from the file', () => {
    expect(pkg.contributes.configurationDefaults['[pdsa-yaml]']['editor.wordBasedSuggestions']).toBe('off');
  });

  it('is ready for the Marketplace and Open VSX: icon, license, repository, categories, one way to list files', () => {
    expect(pkg.icon).toMatch(/\.png$/);
    expect(pkg.files).toContain(pkg.icon);
    expect(fs.existsSync(path.join(root, 'images', 'icon.svg'))).toBe(true);
    expect(pkg.license).toBe('MIT');
    expect(pkg.repository.url).toMatch(/^https:\/\//);
    expect(pkg.categories.length).toBeGreaterThan(0);
    // vsce refuses a package with both.
    expect(fs.existsSync(path.join(root, '.vscodeignore'))).toBe(false);
    expect(pkg.scripts.package).toMatch(/^vsce package/);
  });
});

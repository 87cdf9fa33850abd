import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO } from './code-server';

describe('the packaged extension (npm run package), as the e2e suite installs it', () => {
  const installed = process.env.PDSA_INSTALLED_EXTENSION ?? '';

  it('is what every code-server in this suite loads, not the checkout', () => {
    expect(installed).not.toBe('');
    expect(path.relative(REPO, installed).startsWith('..')).toBe(true);
  });

  it('holds the production bundles, icon, license and a README whose links work on the Marketplace', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(installed, 'package.json'), 'utf8')) as {
      icon: string;
      main: string;
      browser: string;
      repository: { url: string };
    };
    for (const file of [
      pkg.icon,
      pkg.main,
      pkg.browser,
      'dist/server.js',
      'dist/web/server.js',
      'dist/webview/runchart.js',
      'syntaxes/pdsa.tmLanguage.json',
    ]) {
      expect(fs.existsSync(path.join(installed, file)), file).toBe(true);
    }
    expect(fs.readFileSync(path.join(installed, pkg.icon)).subarray(1, 4).toString()).toBe('PNG');
    expect(fs.readFileSync(path.join(installed, pkg.main), 'utf8')).not.toContain('sourceMappingURL');
    expect(fs.readFileSync(path.join(installed, 'LICENSE.txt'), 'utf8')).toMatch(/^MIT License/);
    const readme = fs.readFileSync(path.join(installed, 'readme.md'), 'utf8');
    const relative = [...readme.matchAll(/!?\[[^\]]*\]\(([^)\s]+)\)/g)]
      .map((m) => m[1]!)
      .filter((url) => !/^(https?:|mailto:|#)/.test(url));
    expect(relative).toEqual([]);
    // Sources, tests and the example stay out of the package.
    expect(fs.readdirSync(installed).sort()).toEqual(
      expect.not.arrayContaining(['server', 'client', 'test', 'examples', 'node_modules']),
    );
  });
});

import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT as root } from '../node-helpers';

describe('Node bundles', () => {
  it('give the yaml library a snapshot of process.env, not a per-token read of the live one', () => {
    // esbuild.js redirects yaml's `process` import to server/src/node/yaml-process.ts; if a yaml
    // upgrade or a build change bypassed it, parsing would silently get ~30% slower.
    for (const bundle of ['cli.js', 'server.js']) {
      const source = fs.readFileSync(path.join(root, 'dist', bundle), 'utf8');
      expect(source.match(/require\("(node:)?process"\)/g), bundle).toEqual(['require("node:process")']);
      expect(source, bundle).toMatch(/LOG_TOKENS: \w+\.default\.env\.LOG_TOKENS/);
    }
  });

  it('cover everything the yaml library takes from process', () => {
    // The snapshot offers env and emitWarning only; a yaml release that used more would fail at run time.
    const dist = path.join(root, 'node_modules', 'yaml', 'dist');
    const used = new Set<string>();
    const variables = new Set<string>();
    for (const file of fs.readdirSync(dist, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.js'))) {
      const source = fs.readFileSync(path.join(dist, file), 'utf8');
      for (const m of source.matchAll(/node_process\.(\w+)/g)) used.add(m[1]!);
      for (const m of source.matchAll(/node_process\.env\.(\w+)/g)) variables.add(m[1]!);
    }
    expect([...used].sort()).toEqual(['emitWarning', 'env']);
    expect([...variables].sort()).toEqual(['LOG_STREAM', 'LOG_TOKENS']);
  });
});

describe('browser bundles (VS Code for the Web)', () => {
  it('require nothing but vscode: no Node built-in reaches the web worker', async () => {
    const { builtinModules } = await import('node:module');
    for (const [bundle, allowed] of [
      ['web/client.js', ['vscode']],
      ['web/server.js', []],
    ] as const) {
      const source = fs.readFileSync(path.join(root, 'dist', bundle), 'utf8');
      const required = [...source.matchAll(/\brequire\("([^"]+)"\)/g)].map((m) => m[1]!);
      expect([...new Set(required)], bundle).toEqual(allowed);
      expect(
        required.filter((r) => builtinModules.includes(r.replace(/^node:/, ''))),
        bundle,
      ).toEqual([]);
    }
  });
});

import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { EXAMPLE_DIR, REPO_ROOT as root, tempWorkspace } from '../node-helpers';

/** npm without the npm_* variables an outer `npm test` exports, which a nested npm would read as its own config. */
function npm(args: string[], cwd: string, command = 'npm'): { code: number | null; stdout: string; stderr: string } {
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^npm_/i.test(k)));
  const r = spawnSync(command, args, { cwd, env, encoding: 'utf8' });
  // npm's own warnings about this machine's config are not the tool's output.
  return { code: r.status, stdout: r.stdout, stderr: r.stderr.replace(/^npm warn .*\n/gm, '') };
}

describe('the npm package, installed as the README tells teams to', () => {
  const packDir = tempWorkspace({});
  afterAll(() => fs.rmSync(packDir, { recursive: true, force: true }));

  it('packs, installs from the file into a team repository, and runs pdsa check and fmt --check there', () => {
    // dist/ is already built by the test setup; --ignore-scripts skips the production rebuild (prepack).
    const packed = npm(['pack', '--ignore-scripts', '--json', '--pack-destination', packDir], root);
    expect(packed.code, packed.stderr).toBe(0);
    const [info] = JSON.parse(packed.stdout) as { filename: string; files: { path: string }[] }[];
    const files = info!.files.map((f) => f.path).sort();
    expect(files).toEqual(
      expect.arrayContaining([
        'LICENSE',
        'README.md',
        'package.json',
        'dist/cli.js',
        'dist/server.js',
        'dist/client.js',
      ]),
    );
    expect(files.filter((f) => /^(server|client|test|bench|examples)\//.test(f))).toEqual([]);

    const team = tempWorkspace({}, EXAMPLE_DIR);
    fs.mkdirSync(path.join(team, 'tools'));
    fs.copyFileSync(path.join(packDir, info!.filename), path.join(team, 'tools', info!.filename));
    const installed = npm(
      ['install', '--no-save', '--prefer-offline', '--no-audit', '--no-fund', `./tools/${info!.filename}`],
      team,
    );
    expect(installed.code, installed.stderr).toBe(0);

    // The commands of the README's workflow and pre-commit hook.
    expect(npm(['pdsa', 'check', '--format', 'github'], team, 'npx')).toMatchObject({
      code: 0,
      stdout: '',
      stderr: '',
    });
    expect(npm(['--no', 'pdsa', 'check', '-q'], team, 'npx')).toMatchObject({
      code: 0,
      stdout: '',
      stderr: '0 errors, 0 warnings in 14 files checked\n',
    });
    expect(npm(['--no', 'pdsa', 'fmt', '--check'], team, 'npx')).toMatchObject({ code: 0, stdout: '', stderr: '' });
    fs.rmSync(team, { recursive: true, force: true });
  }, 120_000);
});

import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO } from './code-server';

/** Resolves when `predicate` holds for the text so far; polls the growing output, no fixed sleeps. */
async function until(
  read: () => string,
  predicate: (s: string) => boolean,
  what: string,
  ms = 90_000,
): Promise<string> {
  const deadline = Date.now() + ms;
  while (!predicate(read())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}:\n${read()}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return read();
}

describe('npm start (code-server)', () => {
  it('picks another port when 8080 is taken, serves its own VS Code there, and cleans up on Ctrl+C', async () => {
    // Hold 8080 with a server that looks healthy (if something else already holds it, even better).
    const other = http.createServer((_req, res) => res.end('{"status":"alive"}'));
    await new Promise<void>((r) => {
      other.once('error', () => r());
      other.listen(8080, '127.0.0.1', r);
    });
    const env: NodeJS.ProcessEnv = { ...process.env, PDSA_USE_CODE_SERVER: '1' };
    delete env.PORT;
    const child = spawn(process.execPath, [path.join(REPO, 'dist', 'start.js')], {
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (b: Buffer) => (out += b.toString()));
    child.stderr.on('data', (b: Buffer) => (out += b.toString()));
    const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
    try {
      const text = await until(
        () => out,
        (s) => /Open:\s+(\S+)/.test(s) || child.exitCode !== null,
        'the URL',
      );
      const url = new URL(/Open:\s+(\S+)/.exec(text)![1]!);
      expect(text).toMatch(/Port 8080 is in use; using \d+\./);
      expect(url.port).not.toBe('8080');
      expect(url.searchParams.get('folder')).toBe(path.join(REPO, 'examples', 'slc-belonging'));
      // Its own code-server answers there.
      expect((await fetch(new URL('/healthz', url))).ok).toBe(true);
      expect(fs.readdirSync(os.tmpdir()).filter((f) => f.startsWith('pdsa-code-server-'))).toHaveLength(1);
      child.kill('SIGINT');
      expect(await exited).toBe(0);
      expect(fs.readdirSync(os.tmpdir()).filter((f) => f.startsWith('pdsa-code-server-'))).toEqual([]);
      await expect(fetch(new URL('/healthz', url))).rejects.toThrow();
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
      other.close();
    }
  });
});

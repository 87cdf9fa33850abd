import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

/**
 * Builds the bundles once (CLI and LSP tests run them as users do), and gives the run its own temp
 * folder: every test, and every process a test starts (CLI, language server, code-server, Chromium),
 * makes its temp files under it through TMPDIR, and the run removes it at the end, passed or failed.
 */
export default function setup(): () => void {
  execFileSync(process.execPath, [path.join(__dirname, '..', 'esbuild.js')], {
    cwd: path.join(__dirname, '..'),
    stdio: 'inherit',
  });
  const runDir = fs.mkdtempSync(path.join(os.tmpdir(), 'pdsa-tests-'));
  const saved = { TMPDIR: process.env.TMPDIR, TMP: process.env.TMP, TEMP: process.env.TEMP };
  process.env.TMPDIR = process.env.TMP = process.env.TEMP = runDir;
  return () => {
    for (const [key, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
    fs.rmSync(runDir, { recursive: true, force: true });
  };
}

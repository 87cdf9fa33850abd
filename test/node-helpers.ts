// Helpers for tests that touch the disk or run the built CLI as a user would.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

export const REPO_ROOT = path.join(__dirname, '..');
const CLI = path.join(REPO_ROOT, 'dist', 'cli.js');

/** Runs the built `pdsa` in a folder. */
export function pdsa(args: string[], cwd = REPO_ROOT): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** A throwaway folder with these files (and, optionally, a copy of another folder first). */
export function tempWorkspace(files: Record<string, string>, copyFrom?: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pdsa-test-'));
  if (copyFrom) fs.cpSync(copyFrom, dir, { recursive: true });
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), text);
  }
  return dir;
}

export const EXAMPLE_DIR = path.join(REPO_ROOT, 'examples', 'slc-belonging');

/** The collaborative example: four schools, common measures, a change package and monthly assessment. */
export const COLLAB_EXAMPLE_DIR = path.join(REPO_ROOT, 'examples', 'k3-collaborative');

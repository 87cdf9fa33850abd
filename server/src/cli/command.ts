import { parseArgs } from 'node:util';

/** Where a command writes, and the folder paths are shown relative to. */
export interface Io {
  out(s: string): void;
  err(s: string): void;
  cwd: string;
}

export interface OptionSpec {
  type: 'string' | 'boolean';
  short?: string;
  /** May be given more than once; the values are collected in order. */
  multiple?: boolean;
  /** Name of the value in the help text, e.g. "file" for `--output <file>`. */
  value?: string;
  /** The only values allowed (checked before the command runs). */
  choices?: readonly string[];
  /** One or more lines of help; the first says what the option does. */
  help: string;
}

/**
 * One `pdsa` command: its options and help live next to the code that runs it, so adding a
 * command is one new module and one line in commands.ts.
 */
export interface Command {
  name: string;
  /** The arguments after the command name, e.g. "[paths...]". */
  synopsis: string;
  /** One line for the command list of `pdsa --help`. */
  summary: string;
  /** Further paragraphs for `pdsa <command> --help`. */
  details?: string;
  options: Record<string, OptionSpec>;
  run(args: Args, io: Io): Promise<number> | number;
}

/** A failure the user can act on: printed as "pdsa: message", exit 2. */
export class CliError extends Error {}

/** Bad usage of one command: printed with a pointer to that command's help, exit 2. */
export class UsageError extends CliError {}

/** Parsed options and positionals of one command, read by name. */
export class Args {
  constructor(
    private readonly values: Record<string, string | boolean | (string | boolean)[] | undefined>,
    readonly positionals: string[],
  ) {}

  string(name: string): string | undefined {
    const v = this.values[name];
    return typeof v === 'string' ? v : undefined;
  }

  flag(name: string): boolean {
    return this.values[name] === true;
  }

  list(name: string): string[] {
    const v = this.values[name];
    return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
  }
}

const HELP_OPTION: OptionSpec = { type: 'boolean', short: 'h', help: 'Show this help' };

/** Parses one command's arguments strictly: unknown options and missing values are usage errors. */
export function parseCommandArgs(command: Command, argv: string[]): { args: Args; help: boolean } {
  const options = { ...command.options, help: HELP_OPTION };
  // parseArgs rejects keys that are present but undefined, so only the ones set are passed.
  const config = Object.fromEntries(
    Object.entries(options).map(([name, o]) => [
      name,
      { type: o.type, ...(o.short ? { short: o.short } : {}), ...(o.multiple ? { multiple: true } : {}) },
    ]),
  );
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({ args: argv, strict: true, allowPositionals: true, options: config });
  } catch (error) {
    throw new UsageError(describeParseError(error, options));
  }
  const values = parsed.values as Record<string, string | boolean | (string | boolean)[] | undefined>;
  for (const [name, spec] of Object.entries(options)) {
    if (!spec.choices) continue;
    const given = values[name];
    for (const v of Array.isArray(given) ? given : given === undefined ? [] : [given]) {
      if (typeof v === 'string' && !spec.choices.includes(v)) {
        throw new UsageError(`unknown ${spec.value ?? 'value'} '${v}' for --${name}: use ${orList(spec.choices)}`);
      }
    }
  }
  return { args: new Args(values, parsed.positionals), help: values.help === true };
}

/** Node's parseArgs messages also explain `--`; ours say just what was wrong, in the user's terms. */
function describeParseError(error: unknown, options: Record<string, OptionSpec>): string {
  const code = (error as { code?: string }).code;
  const message = error instanceof Error ? error.message : String(error);
  const quoted = /'([^']+)'/.exec(message)?.[1];
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' && quoted) return `unknown option '${quoted}'`;
  if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE' && quoted) {
    const long = /--([\w-]+)/.exec(quoted)?.[1];
    const spec = long ? options[long] : undefined;
    if (spec?.type === 'boolean') return `--${long} takes no value`;
    if (long) return `--${long} needs a value${spec?.value ? ` (${spec.value})` : ''}`;
  }
  return message;
}

export function orList(items: readonly string[]): string {
  return items.length < 2 ? items.join('') : `${items.slice(0, -1).join(', ')} or ${items[items.length - 1]}`;
}

/** `pdsa <command> --help`. */
export function commandHelp(command: Command): string {
  const rows = Object.entries({ ...command.options, help: HELP_OPTION }).map(([name, o]) => {
    const flag = `${o.short ? `-${o.short}, ` : ''}--${name}${o.type === 'string' ? ` <${o.value ?? 'value'}>` : ''}`;
    return [flag, o.help] as const;
  });
  const width = Math.max(...rows.map(([flag]) => flag.length)) + 2;
  const options = rows
    .map(([flag, help]) => `  ${flag.padEnd(width)}${help.split('\n').join(`\n  ${' '.repeat(width)}`)}\n`)
    .join('');
  return `Usage: pdsa ${command.name} ${command.synopsis}\n\n${command.summary}\n${command.details ? `\n${command.details.trimEnd()}\n` : ''}\nOptions:\n${options}`;
}

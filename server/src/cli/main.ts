import { CliError, commandHelp, parseCommandArgs, UsageError, type Io } from './command';
import { COMMANDS } from './commands';
import { TOOL_VERSION } from './version';

function globalHelp(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length)) + 2;
  const list = COMMANDS.map((c) => `  ${c.name.padEnd(width)}${c.summary}\n`).join('');
  return `Usage: pdsa <command> [options]

Commands:
${list}
Run 'pdsa <command> --help' for a command's arguments and options.

  -h, --help     Show this help
  -v, --version  Show the version
`;
}

/** Runs one `pdsa` invocation and returns its exit code (0 ok, 1 findings, 2 usage or I/O errors). */
export async function main(argv: string[], io: Io): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined) {
    io.err(globalHelp());
    return 2;
  }
  if (name === '-h' || name === '--help' || name === 'help') {
    const topic = name === 'help' ? COMMANDS.find((c) => c.name === rest[0]) : undefined;
    io.out(topic ? commandHelp(topic) : globalHelp());
    return 0;
  }
  if (name === '-v' || name === '--version') {
    io.out(`${TOOL_VERSION}\n`);
    return 0;
  }
  const command = COMMANDS.find((c) => c.name === name);
  if (!command) {
    io.err(
      `pdsa: ${name.startsWith('-') ? `unknown option '${name}'` : `unknown command '${name}'`}\n\n${globalHelp()}`,
    );
    return 2;
  }
  try {
    const { args, help } = parseCommandArgs(command, rest);
    if (help) {
      io.out(commandHelp(command));
      return 0;
    }
    return await command.run(args, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(
        `pdsa ${command.name}: ${error.message}\nUsage: pdsa ${command.name} ${command.synopsis}\nRun 'pdsa ${command.name} --help' for more.\n`,
      );
      return 2;
    }
    if (error instanceof CliError) {
      io.err(`pdsa: ${error.message}\n`);
      return 2;
    }
    throw error;
  }
}

if (require.main === module) {
  const io: Io = { out: (s) => process.stdout.write(s), err: (s) => process.stderr.write(s), cwd: process.cwd() };
  main(process.argv.slice(2), io).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      // A message, not a stack trace: set PDSA_DEBUG=1 to see where it came from.
      const detail =
        error instanceof Error
          ? process.env.PDSA_DEBUG
            ? (error.stack ?? error.message)
            : error.message
          : String(error);
      process.stderr.write(`pdsa: internal error: ${detail}\n`);
      process.exitCode = 2;
    },
  );
}

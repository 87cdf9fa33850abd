import * as fs from 'node:fs';
import { localDate } from '../core/schema/common';
import { CycleError, nextCycle } from '../core/service/cycles';
import { displayPath } from '../node/display-path';
import { CliError, UsageError, type Command } from './command';
import { loadWorkspace, scanPathsOrFail } from './load';

/** `pdsa new cycle --from <id> [paths]`: writes the next cycle of a ramp, as "Start Next Cycle" does in the editor. */
export const newCommand: Command = {
  name: 'new',
  synopsis: 'cycle --from <cycle-id> [paths...]',
  summary: 'Write the next cycle of a ramp after a cycle whose Act is filled',
  details:
    "The new file goes beside the cycle it builds on, linked to it (previous), with the same\nstrategy and measures and its Plan started from the Act's next step. Paths (default: .) say\nwhere to look for the workspace.",
  options: {
    from: { type: 'string', value: 'cycle-id', help: 'The cycle the new one builds on' },
  },
  async run(args, io) {
    const [what, ...rest] = args.positionals;
    if (what !== 'cycle')
      throw new UsageError(
        what === undefined
          ? 'say what to create: pdsa new cycle --from <cycle-id>'
          : `cannot create '${what}': pdsa new cycle --from <cycle-id>`,
      );
    const from = args.string('from');
    if (!from) throw new UsageError('cycle needs --from <cycle-id>');
    const paths = rest.length ? rest : ['.'];
    const found = await scanPathsOrFail(paths);
    const { workspace } = await loadWorkspace(found, undefined);
    for (const e of found.errors) io.err(`pdsa: ${e}\n`);
    let created: { path: string; text: string; followUps: string[] };
    try {
      // The core names files by document key; on the command line those keys are file paths.
      const next = nextCycle(workspace, from, localDate());
      created = { path: next.uri, text: next.text, followUps: next.followUps ?? [] };
    } catch (error) {
      if (error instanceof CycleError) throw new CliError(error.message);
      throw error;
    }
    if (fs.existsSync(created.path)) throw new CliError(`${displayPath(created.path, io.cwd)} already exists`);
    if (created.followUps.length)
      io.err(
        `pdsa: warning: ${created.followUps.join(', ')} already ${created.followUps.length === 1 ? 'builds' : 'build'} on ${from}; writing another follow-up\n`,
      );
    fs.writeFileSync(created.path, created.text);
    io.out(`${displayPath(created.path, io.cwd)}\n`);
    return 0;
  },
};

import * as fs from 'node:fs';
import * as path from 'node:path';
import { buildDriverModel, DiagramError } from '../core/analytics/drivers';
import { renderDriverDiagram } from '../core/render/driver-svg';
import { displayPath } from '../node/display-path';
import { CliError, UsageError, type Command } from './command';
import { loadWorkspace, scanPathsOrFail } from './load';

/** `pdsa diagram [factors-file] [-o diagram.svg]`: the driver diagram as a standalone SVG. */
export const diagramCommand: Command = {
  name: 'diagram',
  synopsis: '[factors-file] [-o diagram.svg]',
  summary: 'Write the driver diagram of a factors file as SVG',
  details: 'Without a file, draws the first factors file under the current folder.',
  options: {
    output: { type: 'string', short: 'o', value: 'file', help: 'Write the SVG to a file (default: standard output)' },
  },
  async run(args, io) {
    if (args.positionals.length > 1) throw new UsageError('diagram takes one factors file');
    const target = args.positionals[0];
    const output = args.string('output');
    const root =
      target && fs.existsSync(target) && fs.statSync(target).isFile() ? path.dirname(target) : (target ?? '.');
    const found = await scanPathsOrFail([root]);
    const { workspace } = await loadWorkspace(found, undefined);
    const factorsFiles = found.worksheets.filter((f) => /\.factors\.ya?ml$/.test(f));
    const file = target && /\.factors\.ya?ml$/.test(target) ? path.resolve(target) : factorsFiles[0];
    if (!file || !workspace.worksheet(file))
      throw new CliError(
        `no factors file ${target ? `at '${displayPath(target, io.cwd)}'` : 'under the current folder'}`,
      );
    if (!target && factorsFiles.length > 1)
      io.err(`pdsa: ${factorsFiles.length} factors files; drawing ${displayPath(file, io.cwd)} (name one to choose)\n`);
    let svg: string;
    try {
      svg = renderDriverDiagram(buildDriverModel(workspace, file), { embedStyle: true, portable: true });
    } catch (error) {
      if (error instanceof DiagramError) throw new CliError(error.message);
      throw error;
    }
    if (output) {
      fs.writeFileSync(output, `${svg}\n`);
      io.err(`wrote ${displayPath(output, io.cwd)}\n`);
    } else io.out(`${svg}\n`);
    return 0;
  },
};

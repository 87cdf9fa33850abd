import { chartCommand } from './chart';
import { checkCommand } from './check';
import { reportCommand, summaryCommand } from './collab';
import type { Command } from './command';
import { diagramCommand } from './diagram';
import { diffCommand } from './diff';
import { fmtCommand } from './fmt';
import { newCommand } from './new';

/** Every `pdsa` command, in the order `pdsa --help` lists them. A new command adds one line here. */
export const COMMANDS: readonly Command[] = [
  checkCommand,
  fmtCommand,
  newCommand,
  diffCommand,
  chartCommand,
  diagramCommand,
  summaryCommand,
  reportCommand,
];

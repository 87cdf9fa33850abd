// A generated collaborative on disk, and the changes a user makes to one between two runs.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { teamWorkspaceFiles } from '../bench/generate';
import { tempWorkspace } from './node-helpers';

/** A collaborative of 4 teams with a CSV and a config; 100 cycles each is big enough for pdsa check to use worker threads. */
export function teams(cycles = 12): string {
  const files = Object.fromEntries(teamWorkspaceFiles(4, cycles));
  const factors = 'team-00/focus.factors.yaml';
  files[factors] = files[factors]!.replace(
    /(- id: t00-belonging\n(?:.*\n)*?)    data:\n(?:      - .*\n)+/,
    '$1    csv: belonging.csv\n',
  );
  files['team-00/belonging.csv'] = 'date,value\n2026-01-05,12\n2026-01-12,11\n';
  files['pdsa.config.yaml'] = 'version: 1\nchecks:\n  adapt-without-followup: warning\n';
  const dir = tempWorkspace(files);
  fs.mkdirSync(path.join(dir, '.git'));
  return dir;
}

/** Every kind of change a user makes between two runs (or while the editor is closed). */
export function changeFiles(dir: string): void {
  const cycle = path.join(dir, 'team-01/cycles/t01-c7.pdsa.yaml');
  fs.writeFileSync(cycle, fs.readFileSync(cycle, 'utf8').replace(/^strategy: .*$/m, 'strategy: t01-S99'));
  fs.rmSync(path.join(dir, 'team-02/cycles/t02-c3.pdsa.yaml')); // t02-c4 now builds on nothing
  fs.writeFileSync(
    path.join(dir, 'team-03/cycles/extra.pdsa.yaml'),
    'version: 1\nid: t03-c5\ntitle: A copy\nstrategy: t03-S0\nplan:\n  objective: Again\n',
  );
  const broken = path.join(dir, 'team-01/cycles/t01-c8.pdsa.yaml');
  fs.writeFileSync(broken, fs.readFileSync(broken, 'utf8').replace('plan:\n', 'plan:\n  objective: [oops\n'));
  fs.appendFileSync(path.join(dir, 'team-00/belonging.csv'), '2026-01-05,13\nnot a date,1\n');
  fs.writeFileSync(path.join(dir, 'pdsa.config.yaml'), 'version: 1\nchecks:\n  adapt-without-followup: error\n');
}

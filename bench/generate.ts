// Generates a realistic workspace of N cycle files in our format (ramps of cycles over 12 strategies).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Workspace } from '../server/src/core/workspace';

const MEASURES = ['chronic-absence', 'belonging', 'greeted-by-name', 'positive-contacts', 'office-referrals'];

/** A factors file; `p` prefixes every id it defines (one team's ids in a collaborative's workspace). */
export function factorsFile(strategies: number, p = ''): string {
  const lines = [
    'version: 1',
    `id: ${p}bench-focus`,
    'title: Generated focus area',
    'result:',
    '  statement: Every student attends and belongs',
    'measures:',
  ];
  for (const m of MEASURES) {
    lines.push(`  - id: ${p}${m}`, `    name: Measure ${m}`, '    kind: outcome', '    better: down', '    data:');
    for (let w = 0; w < 52; w++) lines.push(`      - [${isoWeek(w)}, ${(20 + Math.sin(w) * 3).toFixed(1)}]`);
  }
  lines.push('factors:');
  for (let f = 0; f < 20; f++) {
    lines.push(
      `  - id: ${p}F${f}`,
      `    statement: Factor number ${f} behind the current conditions`,
      `    level: ${['event', 'pattern', 'structure', 'mental-model'][f % 4]}`,
    );
    if (f >= 5) lines.push(`    parents: [${p}F${f % 5}]`);
    lines.push(
      '    evidence:',
      `      validated: {by: Parent focus group, on: 2025-10-${String(10 + (f % 18)).padStart(2, '0')}}`,
      '    priority: true',
    );
  }
  lines.push('strategies:');
  for (let s = 0; s < strategies; s++) {
    lines.push(
      `  - id: ${p}S${s}`,
      `    title: Strategy ${s}`,
      '    hypothesis: If we try this then students come because they feel expected.',
      `    addresses: [${p}F${s % 20}]`,
    );
  }
  return `${lines.join('\n')}\n`;
}

function isoWeek(w: number): string {
  return new Date(Date.UTC(2025, 10, 3) + w * 7 * 86400000).toISOString().slice(0, 10);
}

/** One cycle; every 8 cycles form a ramp (previous links), the last one adapts... and is followed. `p` prefixes its ids. */
export function cycleFile(i: number, strategies: number, p = ''): string {
  const ramp = Math.floor(i / 8);
  const step = i % 8;
  const start = isoWeek(step * 2);
  const end = isoWeek(step * 2 + 1);
  const measure = `${p}${MEASURES[i % MEASURES.length]!}`;
  return `version: 1
id: ${p}c${i}
title: Cycle ${i} of ramp ${ramp}, step ${step}
team: Team ${ramp % 30}
strategy: ${p}S${ramp % strategies}
${step > 0 ? `previous: ${p}c${i - 1}\n` : ''}measures: [${measure}, ${p}office-referrals]
scale: {people: ${(step + 1) * 5}, sites: ${1 + (step >> 2)}, note: "step ${step} of the ramp"}

plan:
  objective: Learn whether the change works at a larger scale than the last cycle.
  questions:
    - question: Will at least ${60 + step * 4}% of students be reached?
      prediction: Yes, most of them, since the previous cycle reached ${50 + step * 4}%.
    - question: Will the balancing measure stay flat?
      prediction: No change in office referrals.
  who: Grade-level team ${ramp % 12}
  what: Run the change for two weeks with the students in scope.
  when: {start: ${start}, end: ${end}}
  where: School ${ramp % 40}
  data:
    - measure: ${measure}
      how: Weekly extract
      by: Data lead

do:
  as_planned: ${['yes', 'partly', 'no'][i % 3]}
  observations: >-
    The team carried out the change as planned on most days; students responded well and two
    families mentioned it at pick-up.
  problems: One day lost to a school assembly.
  data:
    ${measure}:
      - [${start}, ${(30 - step).toFixed(1)}]
      - [${end}, ${(29 - step).toFixed(1)}]

study:
  results:
    - outcome: confirmed
      note: Reached more students than predicted.
    - outcome: confirmed
      note: Referrals unchanged.
  learned: The change holds at this scale; the next step doubles it.
  chart: ${measure}

act:
  decision: ${step === 7 ? 'adopt' : 'adapt'}
  why: Ready for the next scale.
  next:
    what: Double the number of classes.
    when: ${isoWeek(step * 2 + 2)}
`;
}

export function generateWorkspace(dir: string, cycles: number): void {
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(path.join(dir, 'cycles'), { recursive: true });
  const strategies = 12;
  fs.writeFileSync(path.join(dir, 'bench.factors.yaml'), factorsFile(strategies));
  for (let i = 0; i < cycles; i++)
    fs.writeFileSync(path.join(dir, 'cycles', `c${i}.pdsa.yaml`), cycleFile(i, strategies));
}

/**
 * A collaborative's repository: `teams` teams, each with its own factors file and `cycles` cycle
 * files, every id prefixed by the team (t07-S3). Relative paths to text.
 */
export function teamWorkspaceFiles(teams: number, cycles: number): Map<string, string> {
  const files = new Map<string, string>();
  for (let t = 0; t < teams; t++) {
    const p = `t${String(t).padStart(2, '0')}-`;
    const folder = `team-${String(t).padStart(2, '0')}`;
    files.set(`${folder}/focus.factors.yaml`, factorsFile(12, p));
    for (let i = 0; i < cycles; i++) files.set(`${folder}/cycles/${p}c${i}.pdsa.yaml`, cycleFile(i, 12, p));
  }
  return files;
}

export function generateTeamWorkspace(dir: string, teams: number, cycles: number): void {
  fs.rmSync(dir, { recursive: true, force: true });
  for (const [name, text] of teamWorkspaceFiles(teams, cycles)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), text);
  }
}

/** 5 primary drivers, 20 secondary, 40 change ideas, 200 cycles (a large but readable diagram). */
export function bigDriverWorkspace(): Workspace {
  const ws = new Workspace({ today: '2026-11-22' });
  const lines = ['version: 1', 'id: big', 'title: Big', 'result:', '  statement: Everyone thrives', 'factors:'];
  for (let p = 0; p < 5; p++)
    lines.push(
      `  - id: P${p}`,
      `    statement: Primary driver number ${p} with a longer statement`,
      '    level: structure',
      '    priority: true',
    );
  for (let s = 0; s < 20; s++)
    lines.push(
      `  - id: D${s}`,
      `    statement: Secondary driver ${s}`,
      '    level: pattern',
      `    parents: [P${s % 5}${s % 7 === 0 ? `, P${(s + 1) % 5}` : ''}]`,
      `    priority: ${s % 3 !== 0}`,
    );
  lines.push('strategies:');
  for (let i = 0; i < 40; i++)
    lines.push(
      `  - id: S${i}`,
      `    title: Change idea ${i}`,
      '    hypothesis: If we do it then it works because reasons.',
      `    addresses: [D${i % 20}${i % 4 === 0 ? `, D${(i + 3) % 20}` : ''}]`,
    );
  ws.setWorksheet('file:///big/big.factors.yaml', `${lines.join('\n')}\n`);
  for (let c = 0; c < 200; c++)
    ws.setWorksheet(
      `file:///big/c${c}.pdsa.yaml`,
      cycleFile(c, 40).replace(/^strategy: S\d+$/m, `strategy: S${c % 40}`),
    );
  return ws;
}

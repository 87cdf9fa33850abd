import type { Range } from '../../server/src/core/diagnostics';
import type { Workspace } from '../../server/src/core/workspace';

/** A collaborative of two teams (north, south) in folders beside its file; the last action period is October 2026. */
export const COLLAB = `version: 1
id: k3
title: K-3 Belonging Collaborative
aim: Cut chronic absence among K-3 students with disabilities by a third by June 2027.
teams:
  - id: north
    name: North Elementary
    folder: teams/north
  - id: south
    name: South Elementary
    folder: teams/south
    joined: 2026-11-01
measures:
  - id: absence
    name: Chronic absence
    definition: Students absent 10% or more of enrolled days, over enrolled students.
    unit: "%"
    kind: outcome
    better: down
    denominator: true
  - id: greeted
    name: Greeted by name
    definition: Share of students greeted by name at the door, from tally sheets.
    unit: "%"
    kind: process
    better: up
    denominator: false
package:
  - driver: Every student is welcomed
    ideas:
      - {id: P-greeters, title: Greeters at every entrance}
      - {id: P-check-in, title: Check-in and check-out mentors}
calendar:
  - {kind: learning-session, name: LS1, start: 2026-08-20, end: 2026-08-21}
  - {kind: action-period, name: AP1, start: 2026-08-24, end: 2026-10-30}
  - {kind: action-period, name: AP2, start: 2026-11-02, end: 2027-01-29}
assessment:
  north:
    - {month: 2026-08, self: 2.0, faculty: 2.0}
    - {month: 2026-09, self: 3.0, faculty: 2.0, note: Greeters tested at one door}
    - {month: 2026-10, self: 2.5, faculty: 2.0}
  south:
    - {month: 2026-10, self: 1.5, faculty: 1.5}
`;

export function teamFactors(team: string, opts: { unit?: string; pkg?: string; points?: string } = {}): string {
  return `version: 1
id: ${team}-focus
title: Attendance at ${team}
result:
  statement: Every student attends
measures:
  - id: absence
    name: Chronic absence
    unit: "${opts.unit ?? '%'}"
    kind: outcome
    better: down
    data:
${opts.points ?? '      - [2026-09-04, 12, 40]\n      - [2026-10-02, 11, 40]'}
factors:
  - id: F1
    statement: Students do not feel they belong
    level: mental-model
    evidence: {validated: {by: Parents, on: 2026-08-01}}
    priority: true
strategies:
  - id: S-greeters
    title: Greeters
    hypothesis: If greeted then attend
    addresses: [F1]
    package: ${opts.pkg ?? 'P-greeters'}
`;
}

export function teamCycle(
  id: string,
  opts: { data?: string; previous?: string; start?: string; end?: string } = {},
): string {
  return `version: 1
id: ${id}
title: Cycle ${id}
strategy: S-greeters
${opts.previous ? `previous: ${opts.previous}\n` : ''}measures: [greeted]
plan:
  objective: Try it
  questions:
    - {question: Does it work?, prediction: Yes}
  when: {start: ${opts.start ?? '2026-09-01'}, end: ${opts.end ?? '2026-09-20'}}
do:
  data:
    greeted:
${opts.data ?? '      - [2026-09-10, 80]'}
study:
  learned: It works
act:
  decision: adopt
`;
}

/** The standard two-team collaborative, with overrides by file name. */
export function collabFiles(over: Record<string, string> = {}): Record<string, string> {
  return {
    'net.collaborative.yaml': COLLAB,
    'teams/north/north.factors.yaml': teamFactors('north'),
    'teams/north/c1.pdsa.yaml': teamCycle('c1'),
    'teams/south/south.factors.yaml': teamFactors('south'),
    'teams/south/c1.pdsa.yaml': teamCycle('c1', {
      start: '2026-11-03',
      end: '2026-11-20',
      data: '      - [2026-11-06, 70]',
    }),
    ...over,
  };
}

/** The text a range covers, so a test shows what a diagnostic points at. */
export function textAt(ws: Workspace, name: string, range: Range): string {
  const file = ws.worksheet(`file:///ws/${name}`)!;
  const lines = file.parsed.text.split('\n');
  if (range.start.line === range.end.line)
    return lines[range.start.line]!.slice(range.start.character, range.end.character);
  return [
    lines[range.start.line]!.slice(range.start.character),
    ...lines.slice(range.start.line + 1, range.end.line),
    lines[range.end.line]!.slice(0, range.end.character),
  ].join('\n');
}

import type { Workspace } from '../workspace';
import { dirname } from '../uri';
import { newCycleText, slugify } from './templates';

export class CycleError extends Error {}

export interface NewFile {
  uri: string;
  id: string;
  text: string;
}

/** A cycle id from a title, unique in the workspace: "greeters-at-riley", then "greeters-at-riley-2". */
function uniqueId(ws: Workspace, title: string): string {
  const base = slugify(title);
  let id = base;
  for (let n = 2; ws.definitions(id).length > 0; n++) id = `${base}-${n}`;
  return id;
}

/** A first cycle for a strategy: next to the cycles already testing it, else in cycles/ beside its factors file. */
export function newCycle(ws: Workspace, strategy: string, title: string, today: string): NewFile {
  const def = ws.definitions(strategy).find((d) => d.kind === 'strategy');
  if (!def) throw new CycleError(`no strategy "${strategy}" in the workspace`);
  const id = uniqueId(ws, title);
  const sibling = ws.references(strategy).find((r) => r.field === 'strategy');
  const folder = sibling ? dirname(sibling.uri) : `${dirname(def.uri)}/cycles`;
  return { uri: `${folder}/${id}.pdsa.yaml`, id, text: newCycleText({ id, title, strategy, today }) };
}

/**
 * The next cycle of a ramp, from a cycle whose Act is filled: beside it, building on it (previous),
 * testing the same strategy, collecting the same measures, its Plan started from the Act's next step.
 */
export function nextCycle(ws: Workspace, fromId: string, today: string): NewFile {
  const def = ws.definitions(fromId).find((d) => d.kind === 'cycle');
  const cycle = def ? ws.worksheet(def.uri)?.cycle : undefined;
  if (!def || !cycle) throw new CycleError(`no cycle "${fromId}" in the workspace${def ? ' without errors' : ''}`);
  if (!cycle.act) throw new CycleError(`cycle "${fromId}" has no Act yet: decide adopt, adapt or abandon first`);
  const next = cycle.act.next;
  const title = next?.what ?? `${cycle.title} (next cycle)`;
  const id = uniqueId(ws, title);
  const text = newCycleText({
    id,
    title,
    strategy: cycle.strategy,
    previous: cycle.id,
    measures: cycle.measures,
    team: cycle.team,
    today: next?.when ?? today,
    objective: next?.what,
  });
  return { uri: `${dirname(def.uri)}/${id}.pdsa.yaml`, id, text };
}

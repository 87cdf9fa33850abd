import type { Workspace } from '../workspace';
import { dirname } from '../uri';
import { newCycleText, slugify } from './templates';

export class CycleError extends Error {}

export interface NewFile {
  uri: string;
  id: string;
  text: string;
  /** Cycles that already build on the one this follows (`previous`): the caller warns about a second follow-up. */
  followUps?: string[];
}

/**
 * The workspace's cycle numbering, when most cycle ids follow one: "c01-greeters", "c02-...", ...
 * gives prefix "c", the highest number and its digit count.
 */
function cycleNumbering(ws: Workspace, from?: string): { prefix: string; next: number; width: number } | undefined {
  const byPrefix = new Map<string, { count: number; max: number; width: number }>();
  let cycles = 0;
  for (const id of ws.idsOfKind('cycle', from)) {
    cycles++;
    const m = /^([a-z]*?)(\d+)(?=-|$)/i.exec(id);
    if (!m) continue;
    const entry = byPrefix.get(m[1]!) ?? { count: 0, max: 0, width: 0 };
    entry.count++;
    entry.max = Math.max(entry.max, Number(m[2]));
    entry.width = Math.max(entry.width, m[2]!.length);
    byPrefix.set(m[1]!, entry);
  }
  let best: [string, { count: number; max: number; width: number }] | undefined;
  for (const entry of byPrefix) if (!best || entry[1].count > best[1].count) best = entry;
  if (!best || best[1].count < 2 || best[1].count * 2 < cycles) return undefined;
  return { prefix: best[0], next: best[1].max + 1, width: best[1].width };
}

/**
 * A cycle id from a title, unique where the new file will sit (the workspace, or in a collaborative
 * the team: `from` is a file of it), following the team's numbering when it has one
 * ("c14-flag-in-the-case-managers-daily"), else the title's slug ("greeters-at-riley", then "-2").
 */
function uniqueId(ws: Workspace, title: string, from?: string): string {
  const numbering = cycleNumbering(ws, from);
  let base = slugify(title);
  if (numbering) {
    // Numbered ids stay short like the team's: the number says the order, a few words say what.
    const words = base.length <= 32 ? base : base.slice(0, 32).replace(/-[^-]*$/, '');
    base = `${numbering.prefix}${String(numbering.next).padStart(numbering.width, '0')}-${words}`;
  }
  let id = base;
  for (let n = 2; ws.definitions(id, from).length > 0; n++) id = `${base}-${n}`;
  return id;
}

/** A title from a sentence: "Flag them daily." -> "Flag them daily". */
function titleOf(sentence: string): string {
  return sentence.trim().replace(/[.;:,\s]+$/, '');
}

/**
 * A first cycle for a strategy: next to the cycles already testing it, else in cycles/ beside its
 * factors file. `from` says whose strategy: in a collaborative every team may have its own
 * `S-greeters`, so the caller names the factors file that defines it (or any file of the team).
 */
export function newCycle(ws: Workspace, strategy: string, title: string, today: string, from?: string): NewFile {
  const def = ws.definitions(strategy, from).find((d) => d.kind === 'strategy');
  if (!def) throw new CycleError(`no strategy "${strategy}" in the workspace`);
  const id = uniqueId(ws, titleOf(title), def.uri);
  const sibling = ws.references(strategy, def.uri).find((r) => r.field === 'strategy');
  const folder = sibling ? dirname(sibling.uri) : `${dirname(def.uri)}/cycles`;
  return { uri: `${folder}/${id}.pdsa.yaml`, id, text: newCycleText({ id, title: titleOf(title), strategy, today }) };
}

/**
 * The next cycle of a ramp, from a cycle whose Act is filled: beside it, building on it (previous),
 * testing the same strategy, collecting the same measures, its Plan started from the Act's next step.
 * `from`: the cycle's file (in a collaborative, two teams may both have a "c03").
 */
export function nextCycle(ws: Workspace, fromId: string, today: string, from?: string): NewFile {
  const defs = ws.definitions(fromId, from).filter((d) => d.kind === 'cycle');
  const def = defs.find((d) => d.uri === from) ?? defs[0];
  const cycle = def ? ws.worksheet(def.uri)?.cycle : undefined;
  if (!def || !cycle) throw new CycleError(`no cycle "${fromId}" in the workspace${def ? ' without errors' : ''}`);
  if (!cycle.act) throw new CycleError(`cycle "${fromId}" has no Act yet: decide adopt, adapt or abandon first`);
  const next = cycle.act.next;
  const title = next?.what ? titleOf(next.what) : `${cycle.title} (next cycle)`;
  const id = uniqueId(ws, title, def.uri);
  const followUps = ws
    .references(cycle.id, def.uri)
    .filter((r) => r.field === 'previous')
    .map((r) => r.owner ?? ws.worksheet(r.uri)?.cycle?.id)
    .filter((owner): owner is string => owner !== undefined && owner !== cycle.id);
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
  return {
    uri: `${dirname(def.uri)}/${id}.pdsa.yaml`,
    id,
    text,
    ...(followUps.length ? { followUps: [...new Set(followUps)].sort() } : {}),
  };
}

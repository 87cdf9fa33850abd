import type { IndexView } from '../checks/crossfile';
import type { Collaborative, CommonMeasure } from '../schema/collaborative';
import type { Measure } from '../schema/factors';
import { seriesByGroup, type Point } from '../series';

type RawData = Parameters<typeof seriesByGroup>[0];

/** One team's data for one common measure, by group, with where it came from. */
export interface TeamMeasureData {
  /** Points by group (not sorted, not de-duplicated: the chart model does that). */
  groups: Map<string, Point[]>;
  /** The team's own definition of the measure (in its factors file), if it has one. */
  own?: { uri: string; index: number; measure: Measure };
  /** Cycle files that recorded data for it. */
  cycles: string[];
}

/** A collaborative as the index holds it: its file and its parsed content. */
export interface CollabView {
  uri: string;
  collab: Collaborative;
}

/**
 * Every team's data for every common measure, in one pass over the measures' definitions and
 * references (linear in the data, whatever the number of teams): measure id -> team id -> data.
 */
export function collabData(index: IndexView, c: CollabView): Map<string, Map<string, TeamMeasureData>> {
  const out = new Map<string, Map<string, TeamMeasureData>>();
  const prefix = `${c.uri}#`;
  const teamOf = (uri: string): string | undefined => {
    const s = index.scopeOf(uri);
    return s.startsWith(prefix) ? s.slice(prefix.length) : undefined;
  };
  for (const m of c.collab.measures ?? []) {
    const byTeam = new Map<string, TeamMeasureData>();
    out.set(m.id, byTeam);
    const entry = (team: string) => {
      let e = byTeam.get(team);
      if (!e) byTeam.set(team, (e = { groups: new Map(), cycles: [] }));
      return e;
    };
    const add = (e: TeamMeasureData, data: RawData) => {
      for (const [g, pts] of seriesByGroup(data)) addPoints(e, g, pts);
    };
    for (const def of index.definitions(m.id)) {
      if (def.kind !== 'measure') continue;
      const team = teamOf(def.uri);
      if (team === undefined) continue;
      const file = index.worksheet(def.uri);
      const i = def.path[1] as number;
      const measure = file?.factors?.measures?.[i];
      if (!file || !measure || measure.id !== m.id) continue;
      const e = entry(team);
      e.own = { uri: def.uri, index: i, measure };
      add(e, measure.data as RawData);
      const link = file.csv.find((l) => l.measureId === m.id);
      const csv = link ? index.csv(link.uri) : undefined;
      for (const [g, pts] of csv?.groups ?? []) addPoints(e, g, pts);
    }
    for (const ref of index.references(m.id)) {
      if (ref.field !== 'data') continue;
      const team = teamOf(ref.uri);
      if (team === undefined) continue;
      const cycle = index.worksheet(ref.uri)?.cycle;
      if (!cycle) continue;
      const e = entry(team);
      e.cycles.push(ref.uri);
      add(e, cycle.do?.data?.[m.id] as RawData);
    }
  }
  return out;
}

function addPoints(e: TeamMeasureData, group: string, pts: Point[]): void {
  const list = e.groups.get(group);
  if (list) for (const p of pts) list.push(p);
  else e.groups.set(group, [...pts]);
}

/** The common measure a team's measure id reports under, if the file belongs to a collaborative's team. */
export function commonMeasureFor(
  index: IndexView,
  fromUri: string,
  id: string,
): { uri: string; measure: CommonMeasure } | undefined {
  const scope = index.scopeOf(fromUri);
  for (const def of index.definitions(id, fromUri)) {
    if (def.kind !== 'measure' || index.scopeOf(def.uri) === scope) continue;
    const m = index.worksheet(def.uri)?.collaborative?.measures?.[def.path[1] as number];
    if (m?.id === id) return { uri: def.uri, measure: m };
  }
  return undefined;
}

/** The team a file belongs to, with its name from the collaborative file (the id when the file has no name for it). */
export function teamOfFile(index: IndexView, uri: string): { id: string; name: string } | undefined {
  const s = index.scopeOf(uri);
  const hash = s.lastIndexOf('#');
  if (hash === -1) return undefined;
  const id = s.slice(hash + 1);
  const name = index.worksheet(s.slice(0, hash))?.collaborative?.teams.find((t) => t.id === id)?.name;
  return { id, name: name ?? id };
}

import type { Factor, Strategy } from '../schema/factors';
import type { Range } from '../diagnostics';
import type { Workspace } from '../workspace';

export type NodeKind = 'aim' | 'primary' | 'secondary' | 'idea' | 'cycles';
export type Level = 'event' | 'pattern' | 'structure' | 'mental-model';

export interface DiagramNode {
  /** Unique in the diagram: the item's id, "aim", or "cycles:<idea id>" / "cycle:<cycle id>". */
  key: string;
  kind: NodeKind;
  id: string;
  label: string;
  detail?: string;
  uri?: string;
  range?: Range;
  /** Factors: marked priority. Ideas: have cycles. Muted items are drawn visibly different. */
  muted: boolean;
  level?: Level;
  /** Ideas: their cycles' status. */
  cycles?: { count: number; latest?: 'adopt' | 'adapt' | 'abandon'; rampUnderWay: boolean };
}

export interface DiagramEdge {
  from: string;
  to: string;
  strength?: 'strong' | 'weak';
}

export interface FactorPlacement {
  id: string;
  statement: string;
  impact?: 'high' | 'low';
  influence?: 'high' | 'low';
  priority: boolean;
  level: Level;
  uri: string;
  range: Range;
}

/** The theory of improvement of one focus area, derived from its factors file and the cycles in the workspace. */
export interface DriverModel {
  focus: { id: string; title: string; uri: string };
  nodes: DiagramNode[];
  edges: DiagramEdge[];
  factors: FactorPlacement[];
  /** For the iceberg: which levels some strategy reaches. */
  levelsReached: Level[];
  /** For the iceberg: the strategies (change ideas) that address a factor at each level, in file order. */
  reachedBy: Record<Level, { id: string; title: string }[]>;
}

export class DiagramError extends Error {}

/**
 * Builds the driver diagram of a factors file: aim (result and SMARTIE target) -> primary drivers
 * (factors without parents) -> secondary drivers (their children; a factor may have several parents)
 * -> change ideas (strategies, linked strong or weak) -> the cycles testing each idea. `expanded`
 * ideas show one node per cycle; others show a count.
 */
export function buildDriverModel(
  ws: Workspace,
  factorsUri: string,
  expanded: ReadonlySet<string> = new Set(),
): DriverModel {
  const file = ws.worksheet(factorsUri);
  const data = file?.factors;
  if (!file || !data)
    throw new DiagramError(
      `${factorsUri.slice(factorsUri.lastIndexOf('/') + 1)} has errors: fix them to see its driver diagram`,
    );
  const defRange = (id: string, kind: string) =>
    file.symbols.definitions.find((d) => d.id === id && d.kind === kind)?.range;

  const nodes: DiagramNode[] = [];
  const edges: DiagramEdge[] = [];
  const smartie = data.targets?.find((t) => t.kind === 'smartie') ?? data.targets?.[0];
  nodes.push({
    key: 'aim',
    kind: 'aim',
    id: data.id,
    label: data.result.statement,
    detail: smartie ? `${smartie.statement}` : undefined,
    uri: factorsUri,
    range: defRange(data.id, 'focus'),
    muted: false,
  });

  const factors = data.factors ?? [];
  const known = new Set(factors.map((f) => f.id));
  // Primary drivers: no parent in this file. Parents elsewhere or missing are reported by the checks.
  const parentsOf = (f: Factor) => (f.parents ?? []).filter((p) => known.has(p) && p !== f.id);
  for (const f of factors) {
    const parents = parentsOf(f);
    nodes.push({
      key: f.id,
      kind: parents.length ? 'secondary' : 'primary',
      id: f.id,
      label: f.statement,
      uri: factorsUri,
      range: defRange(f.id, 'factor'),
      muted: f.priority !== true,
      level: f.level,
    });
    if (parents.length) for (const p of parents) edges.push({ from: p, to: f.id });
    else edges.push({ from: 'aim', to: f.id });
  }

  const strategies = data.strategies ?? [];
  for (const s of strategies) {
    const cycles = cyclesOf(ws, s, factorsUri);
    nodes.push({
      key: s.id,
      kind: 'idea',
      id: s.id,
      label: s.title,
      detail: s.hypothesis,
      uri: factorsUri,
      range: defRange(s.id, 'strategy'),
      muted: cycles.length === 0,
      cycles: status(cycles),
    });
    for (const link of s.addresses ?? []) {
      const factor = typeof link === 'string' ? link : link.factor;
      if (known.has(factor))
        edges.push({ from: factor, to: s.id, strength: typeof link === 'string' ? undefined : link.strength });
    }
    if (cycles.length === 0) continue;
    if (expanded.has(s.id)) {
      for (const c of cycles) {
        nodes.push({
          key: `cycle:${c.id}`,
          kind: 'cycles',
          id: c.id,
          label: c.title,
          detail: c.decision ?? 'no decision yet',
          uri: c.uri,
          range: c.range,
          muted: false,
        });
        edges.push({ from: s.id, to: `cycle:${c.id}` });
      }
    } else {
      const st = status(cycles);
      nodes.push({
        key: `cycles:${s.id}`,
        kind: 'cycles',
        id: s.id,
        label: `${cycles.length} cycle${cycles.length === 1 ? '' : 's'}`,
        detail: `latest: ${st.latest ?? 'under way'}${st.rampUnderWay ? ' · ramp under way' : ''}`,
        muted: false,
      });
      edges.push({ from: s.id, to: `cycles:${s.id}` });
    }
  }

  const byLevel = new Map(factors.map((f) => [f.id, f.level]));
  const reachedBy: Record<Level, { id: string; title: string }[]> = {
    event: [],
    pattern: [],
    structure: [],
    'mental-model': [],
  };
  for (const s of strategies) {
    const levels = new Set<Level>();
    for (const l of s.addresses ?? []) {
      const level = byLevel.get(typeof l === 'string' ? l : l.factor);
      if (level) levels.add(level);
    }
    for (const level of levels) reachedBy[level].push({ id: s.id, title: s.title });
  }

  return {
    focus: { id: data.id, title: data.title, uri: factorsUri },
    nodes,
    edges,
    factors: factors.map((f) => ({
      id: f.id,
      statement: f.statement,
      impact: f.impact,
      influence: f.influence,
      priority: f.priority === true,
      level: f.level,
      uri: factorsUri,
      range: defRange(f.id, 'factor')!,
    })),
    levelsReached: (['event', 'pattern', 'structure', 'mental-model'] as Level[]).filter((l) => reachedBy[l].length),
    reachedBy,
  };
}

interface CycleInfo {
  id: string;
  title: string;
  uri: string;
  range: Range;
  start?: string;
  decision?: 'adopt' | 'adapt' | 'abandon';
}

function cyclesOf(ws: Workspace, s: Strategy, factorsUri: string): CycleInfo[] {
  const out: CycleInfo[] = [];
  // In a collaborative, only this team's cycles test this team's strategy.
  for (const ref of ws.references(s.id, factorsUri)) {
    if (ref.field !== 'strategy') continue;
    const file = ws.worksheet(ref.uri);
    const c = file?.cycle;
    const def = file?.symbols.definitions.find((d) => d.kind === 'cycle');
    if (!c || !def) continue;
    out.push({
      id: c.id,
      title: c.title,
      uri: ref.uri,
      range: def.range,
      start: c.plan.when?.start,
      decision: c.act?.decision,
    });
  }
  return out.sort((a, b) =>
    (a.start ?? '') < (b.start ?? '') ? -1 : (a.start ?? '') > (b.start ?? '') ? 1 : a.id < b.id ? -1 : 1,
  );
}

/** How many cycles, the latest decision, and whether a ramp is under way (the latest cycle adapts or has not decided). */
function status(cycles: CycleInfo[]): { count: number; latest?: 'adopt' | 'adapt' | 'abandon'; rampUnderWay: boolean } {
  const last = cycles[cycles.length - 1];
  return {
    count: cycles.length,
    latest: last?.decision,
    rampUnderWay: !!last && (last.decision === undefined || last.decision === 'adapt'),
  };
}

import { ALL_GROUP, seriesByGroup, type Point } from '../series';
import type { Measure } from '../schema/factors';
import type { Workspace } from '../workspace';
import { analyseSeries, type ChartPoint, type ChartType, type RuleSet, type SeriesAnalysis } from './runchart';

export interface CycleMark {
  id: string;
  title: string;
  uri: string;
  start: string;
  end?: string;
  decision?: 'adopt' | 'adapt' | 'abandon';
}

export interface TargetLine {
  id: string;
  value: number;
  date: string;
  group?: string;
}

export interface GroupChart {
  group: string;
  analysis: SeriesAnalysis;
}

/** Everything a run or control chart shows, as plain data: the renderer and the webview read only this. */
export interface ChartModel {
  measure: { id: string; name: string; unit?: string; better: 'up' | 'down'; definition?: string; uri: string };
  type: ChartType;
  rules: RuleSet;
  groups: GroupChart[];
  cycles: CycleMark[];
  targets: TargetLine[];
  /** The measures of the same factors file, in file order (the chart panel switches between them). */
  family?: { id: string; name: string; kind: Measure['kind'] }[];
}

export interface ChartRequest {
  measure: string;
  type?: ChartType;
  rules?: RuleSet;
  /** Only these groups (default: all). */
  groups?: string[];
  /** A file of the team asking (in a collaborative, each team has its own measure of a common id). */
  from?: string;
}

export class ChartError extends Error {}

/** Builds a measure's chart from the whole workspace: its data inline, in its CSV and in every cycle's do.data. */
export function buildChart(ws: Workspace, request: ChartRequest): ChartModel {
  // In a collaborative: the asking team's own measure, else the common measure with the team's data.
  const scope = request.from === undefined ? undefined : ws.scopeOf(request.from);
  const inScope = (uri: string) => scope === undefined || ws.scopeOf(uri) === scope;
  const defs = ws.definitions(request.measure, request.from).filter((d) => d.kind === 'measure');
  const def = defs.find((d) => ws.worksheet(d.uri)?.kind === 'factors' && inScope(d.uri)) ?? defs.find((d) => ws.worksheet(d.uri)?.kind === 'factors') ?? defs[0];
  if (!def) throw new ChartError(`no measure "${request.measure}" in the workspace`);
  const file = ws.worksheet(def.uri);
  const common = file?.collaborative?.measures?.[def.path[1] as number];
  const measure: Measure | undefined = common
    ? { id: common.id, name: common.name, definition: common.definition, unit: common.unit, kind: common.kind, better: common.better }
    : file?.factors?.measures?.[def.path[1] as number];
  if (!measure || measure.id !== request.measure) throw new ChartError(`measure "${request.measure}" has errors in ${def.uri.slice(def.uri.lastIndexOf('/') + 1)}: fix them to see its chart`);
  const type = request.type ?? 'run';
  const rules = request.rules ?? 'ihi';

  const byGroup = new Map<string, Point[]>();
  const add = (group: string, points: Point[]) => {
    const list = byGroup.get(group);
    if (list) list.push(...points);
    else byGroup.set(group, [...points]);
  };
  for (const [g, pts] of seriesByGroup(measure.data as Parameters<typeof seriesByGroup>[0])) add(g, pts);
  const csvLink = file!.csv.find((c) => c.measureId === measure.id);
  const csv = csvLink ? ws.csv(csvLink.uri) : undefined;
  for (const [g, pts] of csv?.groups ?? []) add(g, pts);

  const cycles: CycleMark[] = [];
  for (const ref of ws.references(measure.id, def.uri)) {
    if (!inScope(ref.uri)) continue;
    const cycleFile = ws.worksheet(ref.uri);
    const cycle = cycleFile?.cycle;
    if (!cycle) continue;
    if (ref.field === 'data') {
      const data = cycle.do?.data?.[measure.id];
      for (const [g, pts] of seriesByGroup(data as Parameters<typeof seriesByGroup>[0])) add(g, pts);
    }
    if (!cycles.some((c) => c.id === cycle.id) && cycle.plan.when?.start) {
      cycles.push({ id: cycle.id, title: cycle.title, uri: ref.uri, start: cycle.plan.when.start, end: cycle.plan.when.end, decision: cycle.act?.decision });
    }
  }
  cycles.sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0));

  const wanted = request.groups?.length ? new Set(request.groups) : undefined;
  const groups: GroupChart[] = [];
  for (const [group, raw] of byGroup) {
    if (wanted && !wanted.has(group)) continue;
    const points = toChartPoints(raw, measure, type);
    groups.push({
      group,
      analysis: analyseSeries(points, {
        rules,
        type,
        baseline: measure.chart?.baseline,
        phases: measure.chart?.phases,
        astronomical: measure.chart?.astronomical,
      }),
    });
  }
  groups.sort((a, b) => (a.group === ALL_GROUP ? -1 : b.group === ALL_GROUP ? 1 : 0));

  const targets: TargetLine[] = [];
  // Targets name their measure: the reference index already knows which ones are set on this one.
  for (const ref of ws.references(measure.id, def.uri)) {
    if (ref.path[0] !== 'targets' || !inScope(ref.uri)) continue;
    const target = ws.worksheet(ref.uri)?.factors?.targets?.[ref.path[1] as number];
    if (target?.measure === measure.id && target.target) targets.push({ id: target.id, value: target.target.value, date: target.target.date, group: target.group });
  }

    const family = (file!.factors?.measures ?? []).filter((m) => m?.id && m.name).map((m) => ({ id: m.id, name: m.name, kind: m.kind }));
  return { measure: { id: measure.id, name: measure.name, unit: measure.unit, better: measure.better, definition: measure.definition, uri: def.uri }, type, rules, groups, cycles, targets, family };
}

/**
 * Points in date order (the same date twice keeps the first: inline and CSV data win over cycle data).
 * A [date, count, denominator] point plots as a proportion, in percent when the unit is "%".
 */
function toChartPoints(raw: Point[], measure: Measure, type: ChartType): ChartPoint[] {
  const seen = new Set<string>();
  const sorted = [...raw].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0)).filter((p) => (seen.has(p.date) ? false : (seen.add(p.date), true)));
  const percent = measure.unit === '%' && type !== 'p';
  return sorted.map((p) => {
    if (p.denominator !== undefined && p.value !== null) {
      const proportion = p.value / p.denominator;
      return { date: p.date, value: percent ? proportion * 100 : proportion, count: p.value, denominator: p.denominator };
    }
    // A P chart needs counts and denominators: a plain value cannot be placed on it.
    return { date: p.date, value: type === 'p' ? null : p.value };
  });
}

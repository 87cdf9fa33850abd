import { ALL_GROUP, seriesByGroup, type Point } from '../series';
import type { Measure } from '../schema/factors';
import type { Workspace } from '../workspace';
import { analyseSeries, MDC_DEFAULT_RUN } from './runchart';
import { assuranceOf, variationOf, type Assurance, type Better, type Conflict, type Variation } from './status';
import { summarise, type SummaryRow } from './summary';
import type { ChartPoint, ChartType, RuleSet, SeriesAnalysis } from './types';

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
  /** One row per phase, as qicharts2's summary() (buildChart always sets it). */
  summary?: SummaryRow[];
  /** The latest point's variation (undefined without data). */
  variation?: Variation;
  /** The target against the latest phase's limits (undefined without a target, limits or better direction). */
  assurance?: Assurance;
  /** The target value assurance was judged against, on the chart's scale. */
  target?: number;
}

/** Everything a run or control chart shows, as plain data: the renderer and the webview read only this. */
export interface ChartModel {
  measure: { id: string; name: string; unit?: string; better: Better; definition?: string; uri: string };
  type: ChartType;
  rules: RuleSet;
  /** What the centre line is: the median (run chart) or the mean (control charts). buildChart always sets it. */
  centreLine?: 'median' | 'mean';
  /** The settings in force, after the request, the measure and the workspace default. buildChart always sets them. */
  settings?: { screen: boolean; shift: number; trend: number; conflict: Conflict };
  groups: GroupChart[];
  cycles: CycleMark[];
  targets: TargetLine[];
  /** In a collaborative: the name of the team whose chart this is (the title says it). */
  team?: string;
  /** Dated notes the team wrote on the measure (`notes`), in date order. */
  notes?: { date: string; text: string }[];
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
  const def =
    defs.find((d) => ws.worksheet(d.uri)?.kind === 'factors' && inScope(d.uri)) ??
    defs.find((d) => ws.worksheet(d.uri)?.kind === 'factors') ??
    defs[0];
  if (!def) throw new ChartError(`no measure "${request.measure}" in the workspace`);
  const file = ws.worksheet(def.uri);
  const common = file?.collaborative?.measures?.[def.path[1] as number];
  const measure: Measure | undefined = common
    ? {
        id: common.id,
        name: common.name,
        definition: common.definition,
        unit: common.unit,
        kind: common.kind,
        better: common.better,
      }
    : file?.factors?.measures?.[def.path[1] as number];
  if (!measure || measure.id !== request.measure)
    throw new ChartError(
      `measure "${request.measure}" has errors in ${def.uri.slice(def.uri.lastIndexOf('/') + 1)}: fix them to see its chart`,
    );
  // The request (panel, CLI) wins, then the measure's own settings, then the workspace default.
  const chart = measure.chart ?? {};
  const defaults = ws.chartDefaults(def.uri);
  const type = request.type ?? chart.type ?? 'run';
  const rules = request.rules ?? chart.rules ?? defaults.rules ?? 'ihi';
  const settings = {
    screen: chart.screen ?? defaults.screen ?? rules !== 'mdc',
    shift: chart.shift ?? defaults.shift ?? MDC_DEFAULT_RUN,
    trend: chart.trend ?? defaults.trend ?? MDC_DEFAULT_RUN,
    conflict: chart.conflict ?? defaults.conflict ?? 'improvement',
  };

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
      cycles.push({
        id: cycle.id,
        title: cycle.title,
        uri: ref.uri,
        start: cycle.plan.when.start,
        end: cycle.plan.when.end,
        decision: cycle.act?.decision,
      });
    }
  }
  cycles.sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0));

  const targets: TargetLine[] = [];
  // Targets name their measure: the reference index already knows which ones are set on this one.
  // P and P' charts plot proportions: a target written in percent is drawn and judged as one.
  const targetScale = (type === 'p' || type === 'pp') && measure.unit === '%' ? 0.01 : 1;
  for (const ref of ws.references(measure.id, def.uri)) {
    if (ref.path[0] !== 'targets' || !inScope(ref.uri)) continue;
    const target = ws.worksheet(ref.uri)?.factors?.targets?.[ref.path[1] as number];
    if (target?.measure === measure.id && target.target)
      targets.push({
        id: target.id,
        value: target.target.value * targetScale,
        date: target.target.date,
        group: target.group,
      });
  }
  targets.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));

  const wanted = request.groups?.length ? new Set(request.groups) : undefined;
  const groups: GroupChart[] = [];
  for (const [group, raw] of byGroup) {
    if (wanted && !wanted.has(group)) continue;
    const points = toChartPoints(raw, measure, type);
    const analysis = analyseSeries(points, {
      rules,
      type,
      baseline: chart.baseline,
      phases: chart.phases,
      astronomical: chart.astronomical,
      exclude: chart.exclude,
      screen: settings.screen,
      shift: settings.shift,
      trend: settings.trend,
    });
    const target = targetFor(targets, group, analysis);
    const variation = variationOf(analysis, measure.better, settings.conflict);
    const assurance = assuranceOf(analysis, measure.better, target);
    groups.push({
      group,
      analysis,
      summary: summarise(analysis),
      ...(variation ? { variation } : {}),
      ...(assurance ? { assurance } : {}),
      ...(target !== undefined ? { target } : {}),
    });
  }
  groups.sort((a, b) => (a.group === ALL_GROUP ? -1 : b.group === ALL_GROUP ? 1 : 0));

  // The team: of the file asking (a common measure is defined at the collaborative's level), else of the measure's file.
  const teamId = (request.from !== undefined ? ws.scopes.teamOf(request.from) : undefined) ?? ws.scopes.teamOf(def.uri);
  const team = teamId
    ? ws.worksheet(teamId.collab)?.collaborative?.teams?.find((t) => t?.id === teamId.team)?.name
    : undefined;
  const notes = (measure.notes ?? [])
    .filter((n) => typeof n?.date === 'string' && typeof n.text === 'string')
    .map((n) => ({ date: n.date, text: n.text }))
    .sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  const family = (file!.factors?.measures ?? [])
    .filter((m) => m?.id && m.name)
    .map((m) => ({ id: m.id, name: m.name, kind: m.kind }));
  return {
    measure: {
      id: measure.id,
      name: measure.name,
      unit: measure.unit,
      better: measure.better,
      definition: measure.definition,
      uri: def.uri,
    },
    type,
    rules,
    centreLine: type === 'run' ? 'median' : 'mean',
    settings,
    groups,
    cycles,
    targets,
    ...(team ? { team } : {}),
    ...(notes.length ? { notes } : {}),
    family,
  };
}

/**
 * The target a group's assurance is judged against: the group's own targets, else those set on no
 * group; of these, the first not yet due at the latest point, else the last one.
 */
function targetFor(targets: TargetLine[], group: string, analysis: SeriesAnalysis): number | undefined {
  const own = targets.filter((t) => t.group === group);
  const candidates = own.length ? own : targets.filter((t) => t.group === undefined);
  if (!candidates.length) return undefined;
  const lastDate = analysis.points[analysis.points.length - 1]?.date ?? '';
  return (candidates.find((t) => t.date >= lastDate) ?? candidates[candidates.length - 1]!).value;
}

/**
 * Points in date order (the same date twice keeps the first: inline and CSV data win over cycle data).
 * A [date, count, denominator] point plots as a proportion, in percent when the unit is "%".
 */
function toChartPoints(raw: Point[], measure: Measure, type: ChartType): ChartPoint[] {
  const seen = new Set<string>();
  const sorted = [...raw]
    .sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0))
    .filter((p) => (seen.has(p.date) ? false : (seen.add(p.date), true)));
  const percent = measure.unit === '%' && (type === 'run' || type === 'i');
  const needsDenominator = type === 'p' || type === 'pp' || type === 'u' || type === 'up';
  return sorted.map((p) => {
    if (p.denominator !== undefined && p.value !== null) {
      // A C chart counts events: it plots the count.
      if (type === 'c') return { date: p.date, value: p.value };
      const ratio = p.denominator > 0 ? p.value / p.denominator : null;
      return {
        date: p.date,
        value: ratio !== null && percent ? ratio * 100 : ratio,
        count: p.value,
        denominator: p.denominator,
      };
    }
    // P, U, P' and U' charts need counts and denominators: a plain value cannot be placed on them.
    return { date: p.date, value: needsDenominator ? null : p.value };
  });
}

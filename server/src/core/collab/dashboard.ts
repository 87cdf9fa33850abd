import { statusOfModel, type MeasureStatus } from '../analytics/measure-status';
import { buildChart, ChartError, type ChartModel } from '../analytics/model';
import { analyseSeries } from '../analytics/runchart';
import { variationOf, type Variation } from '../analytics/status';
import type { RuleId, SeriesAnalysis } from '../analytics/types';
import { lastActionPeriod, monthNumber, scoreOf } from '../checks/collaborative';
import type { Range } from '../diagnostics';
import type { AssessmentEntry, Collaborative, CommonMeasure } from '../schema/collaborative';
import { ALL_GROUP, seriesByGroup } from '../series';
import { resolveRelative } from '../uri';
import type { Workspace } from '../workspace';
import { primaryGroup, suggestScore, type Suggestion, type TeamEvidence } from './suggest';

/** The state of a measure for a team at its latest point, as the Making Data Count variation icons say it. */
export type CellState = 'improvement' | 'concern' | 'common-cause' | 'no-data';
export type PackageStatus = 'not-started' | 'testing' | 'adopted' | 'spreading' | 'abandoned';
export type Effect = 'improvement' | 'concern' | 'neither';

export interface Place {
  uri: string;
  range?: Range;
}

export interface MiniSeries {
  group: string;
  /** [date, value] with null for a missing value. */
  points: [string, number | null][];
  /** Centre line segments: [from index, to index, centre]. */
  centres: [number, number, number][];
  /** Signals with a side: [from index, to index, effect]. */
  spans: [number, number, Effect][];
  variation?: Variation;
}

export interface Cell {
  measure: string;
  team: string;
  state: CellState;
  /** The group the state is judged on: the team's target group for the measure, else "all", else the first. */
  group?: string;
  latest?: number;
  series: MiniSeries[];
  /** Where a click goes: the team's chart of this measure. */
  from: string;
  error?: string;
  /**
   * Variation and assurance of every group, from the team's own chart of the measure (its chart type
   * and rules: a control chart has the limits assurance needs), as the chart panel shows them.
   */
  status?: MeasureStatus;
}

export interface SignalRow {
  measure: string;
  team: string;
  group: string;
  rule: RuleId;
  start: string;
  end: string;
  effect: Effect;
  from: string;
}

export interface GapTrend {
  measure: string;
  groups: [string, string];
  /** The gap (first group minus second) by date, summed over the collaborative. */
  points: [string, number | null][];
  /** closing: a signal of the gap shrinking at the latest point; widening: growing; steady: neither; too-few: under 10 dates. */
  verdict: 'closing' | 'widening' | 'steady' | 'too-few';
  first?: number;
  last?: number;
}

export interface DashboardModel {
  collaborative: { id: string; title: string; aim: string; uri: string };
  today: string;
  period?: { name: string; start: string; end: string };
  teams: {
    id: string;
    name: string;
    folder: string;
    joined?: string;
    /** The team's first factors file (its charter), where clicks on the team go. */
    uri: string;
    cycles: number;
    studied: number;
    latestCycle?: { id: string; title: string; uri: string; decision?: string; start: string };
    suggestion: Suggestion;
    assessment: AssessmentEntry[];
  }[];
  measures: (CommonMeasure & { place: Place; min?: number; max?: number })[];
  cells: Cell[];
  whole: { measure: string; series: MiniSeries[] }[];
  gaps: GapTrend[];
  package: {
    driver: string;
    ideas: {
      id: string;
      title: string;
      place: Place;
      teams: { team: string; status: PackageStatus; cycles: number; place?: Place }[];
    }[];
  }[];
  signals: SignalRow[];
}

export class DashboardError extends Error {}

const STATUS_RANK: Record<PackageStatus, number> = {
  'not-started': 0,
  abandoned: 1,
  testing: 2,
  adopted: 3,
  spreading: 4,
};

function effectOf(side: 'high' | 'low' | undefined, better: 'up' | 'down' | 'neither'): Effect {
  if (!side || better === 'neither') return 'neither';
  return (side === 'high') === (better === 'up') ? 'improvement' : 'concern';
}

function stateOf(v: Variation | undefined): CellState {
  if (!v) return 'no-data';
  return v.startsWith('improvement') ? 'improvement' : v.startsWith('concern') ? 'concern' : 'common-cause';
}

/** Smallest and largest index of a signal (no spread: a signal may span thousands of points). */
function extent(points: number[]): [number, number] {
  let lo = points[0]!;
  let hi = lo;
  for (const p of points) {
    if (p < lo) lo = p;
    if (p > hi) hi = p;
  }
  return [lo, hi];
}

function mini(group: string, a: SeriesAnalysis, better: 'up' | 'down' | 'neither', variation?: Variation): MiniSeries {
  const spans: [number, number, Effect][] = [];
  for (const s of a.signals) if (s.side && s.points.length) spans.push([...extent(s.points), effectOf(s.side, better)]);
  return {
    group,
    points: a.points.map((p) => [
      p.date,
      p.value === null || !Number.isFinite(p.value) ? null : Math.round(p.value * 100) / 100,
    ]),
    centres: a.phases.map((ph) => [ph.from, ph.to, Math.round(ph.centre * 100) / 100]),
    spans,
    ...(variation ? { variation } : {}),
  };
}

/** The collaborative files of the workspace, by URI. */
export function collaboratives(ws: Workspace): { uri: string; title: string }[] {
  const out: { uri: string; title: string }[] = [];
  for (const f of ws.worksheets())
    if (f.kind === 'collaborative') out.push({ uri: f.uri, title: f.collaborative?.title ?? f.uri });
  return out.sort((a, b) => (a.uri < b.uri ? -1 : 1));
}

/**
 * Everything the dashboard, `pdsa summary` and `pdsa report` show about a collaborative, as plain
 * data. Each team's charts come from the same chart model as a team's own run chart (buildChart,
 * scoped to the team), so the dashboard and the chart panel can never disagree.
 */
export function buildDashboard(ws: Workspace, collabUri: string): DashboardModel {
  const file = ws.worksheet(collabUri);
  const c: Collaborative | undefined = file?.collaborative;
  if (!file || !c)
    throw new DashboardError(
      file ? 'the collaborative file has errors: fix them to see the dashboard' : `no collaborative file ${collabUri}`,
    );
  const today = ws.today;
  const period = lastActionPeriod(c, today);
  const defRange = (id: string, kind: string) =>
    file.symbols.definitions.find((d) => d.id === id && d.kind === kind)?.range;

  // One pass over the workspace: each team's files.
  const teamFiles = new Map<string, { factors: string[]; cycles: string[] }>();
  for (const t of c.teams) teamFiles.set(t.id, { factors: [], cycles: [] });
  for (const f of ws.worksheets()) {
    const team = ws.scopes.teamOf(f.uri);
    if (!team || team.collab !== collabUri) continue;
    const entry = teamFiles.get(team.team);
    if (!entry) continue;
    if (f.kind === 'factors') entry.factors.push(f.uri);
    else if (f.kind === 'cycle') entry.cycles.push(f.uri);
  }
  for (const e of teamFiles.values()) {
    e.factors.sort();
    e.cycles.sort();
  }

  const measures = (c.measures ?? []).map((m) => ({
    ...m,
    place: { uri: collabUri, range: defRange(m.id, 'measure') } as Place,
    min: undefined as number | undefined,
    max: undefined as number | undefined,
  }));
  const cells: Cell[] = [];
  const signals: SignalRow[] = [];
  const charts = new Map<string, ChartModel>();
  for (const m of measures) {
    for (const t of c.teams) {
      const files = teamFiles.get(t.id)!;
      // Any file of the team scopes the chart to it; a team with no files yet gets a URI in its folder.
      const from = files.factors[0] ?? files.cycles[0] ?? `${resolveRelative(collabUri, t.folder)}/`;
      const cell: Cell = { measure: m.id, team: t.id, state: 'no-data', series: [], from };
      cells.push(cell);
      let chart: ChartModel;
      try {
        // States and small multiples are run charts for every team; variation and assurance come from
        // the team's own chart settings (the same chart when those are a run chart, the usual case).
        const own = buildChart(ws, { measure: m.id, from });
        chart = own.type === 'run' ? own : buildChart(ws, { measure: m.id, from, type: 'run' });
        cell.status = statusOfModel(own);
      } catch (error) {
        if (error instanceof ChartError) cell.error = error.message;
        else throw error;
        continue;
      }
      charts.set(`${m.id}\u0000${t.id}`, chart);
      const withData = chart.groups.filter((g) => g.analysis.points.some((p) => p.value !== null));
      cell.series = withData.map((g) => mini(g.group, g.analysis, m.better, g.variation));
      for (const s of cell.series)
        for (const [, v] of s.points)
          if (v !== null) {
            m.min = m.min === undefined ? v : Math.min(m.min, v);
            m.max = m.max === undefined ? v : Math.max(m.max, v);
          }
      const primary = primaryGroup(chart);
      if (primary) {
        cell.group = primary.group;
        cell.state = stateOf(primary.variation);
        const pts = primary.analysis.points;
        for (let i = pts.length - 1; i >= 0; i--)
          if (pts[i]!.value !== null) {
            cell.latest = Math.round(pts[i]!.value! * 100) / 100;
            break;
          }
      }
      for (const g of withData) {
        for (const s of g.analysis.signals) {
          if (!s.points.length) continue;
          const pts = g.analysis.points;
          const [lo, hi] = extent(s.points);
          signals.push({
            measure: m.id,
            team: t.id,
            group: g.group,
            rule: s.rule,
            start: pts[lo]!.date,
            end: pts[hi]!.date,
            effect: effectOf(s.side, m.better),
            from,
          });
        }
      }
    }
  }

  const { whole, gaps } = wholeCollaborative(ws, c, collabUri, teamFiles);

  // The change package: ideas x teams, from the teams' strategies that name an idea.
  const packageRows = (c.package ?? []).map((d) => ({
    driver: d.driver,
    ideas: d.ideas.map((idea) => ({
      id: idea.id,
      title: idea.title,
      place: { uri: collabUri, range: defRange(idea.id, 'idea') } as Place,
      teams: c.teams.map((t) => ({
        team: t.id,
        status: 'not-started' as PackageStatus,
        cycles: 0,
        place: undefined as Place | undefined,
      })),
    })),
  }));
  const ideaIndex = new Map<string, (typeof packageRows)[number]['ideas'][number]>();
  for (const d of packageRows) for (const i of d.ideas) ideaIndex.set(i.id, i);
  const teamIndex = new Map(c.teams.map((t, i) => [t.id, i]));
  for (const t of c.teams) {
    for (const uri of teamFiles.get(t.id)!.factors) {
      const f = ws.worksheet(uri)!;
      f.factors?.strategies?.forEach((s) => {
        const idea = s.package ? ideaIndex.get(s.package) : undefined;
        if (!idea) return;
        const cell = idea.teams[teamIndex.get(t.id)!]!;
        const cycles = ws
          .references(s.id, uri)
          .filter((r) => r.field === 'strategy' && ws.scopeOf(r.uri) === ws.scopeOf(uri)).length;
        const status: PackageStatus =
          s.status === 'idea' || s.status === undefined ? (cycles > 0 ? 'testing' : 'not-started') : s.status;
        if (STATUS_RANK[status] >= STATUS_RANK[cell.status]) {
          cell.status = status;
          cell.place = { uri, range: f.symbols.definitions.find((d) => d.id === s.id && d.kind === 'strategy')?.range };
        }
        cell.cycles += cycles;
      });
    }
  }

  const teams = c.teams.map((t) => {
    const files = teamFiles.get(t.id)!;
    const cycles = files.cycles.map((u) => ws.worksheet(u)!).filter((f) => f.cycle);
    const studied = cycles.filter((f) => f.cycle!.study?.learned?.trim() || f.cycle!.study?.results?.length).length;
    let latest: DashboardModel['teams'][number]['latestCycle'];
    for (const f of cycles) {
      const start = f.cycle!.plan.when?.start;
      if (start && (!latest || start > latest.start))
        latest = { id: f.cycle!.id, title: f.cycle!.title, uri: f.uri, decision: f.cycle!.act?.decision, start };
    }
    const evidence: TeamEvidence = {
      factors: files.factors.map((u) => ws.worksheet(u)!.factors).filter((x) => x !== undefined),
      cycles: cycles.map((f) => f.cycle!),
      outcomes: measures
        .filter((m) => m.kind === 'outcome')
        .map((m) => ({ measure: m, chart: charts.get(`${m.id}\u0000${t.id}`) })),
      others: measures
        .filter((m) => m.kind !== 'outcome')
        .map((m) => ({ measure: m, chart: charts.get(`${m.id}\u0000${t.id}`) })),
    };
    return {
      id: t.id,
      name: t.name,
      folder: t.folder,
      ...(t.joined ? { joined: t.joined } : {}),
      uri: files.factors[0] ?? collabUri,
      cycles: cycles.length,
      studied,
      ...(latest ? { latestCycle: latest } : {}),
      suggestion: suggestScore(evidence),
      assessment: c.assessment?.[t.id] ?? [],
    };
  });

  signals.sort((a, b) => (a.end < b.end ? 1 : a.end > b.end ? -1 : a.team < b.team ? -1 : a.team > b.team ? 1 : 0));
  return {
    collaborative: { id: c.id, title: c.title, aim: c.aim, uri: collabUri },
    today,
    ...(period ? { period: { name: period.name, start: period.start, end: period.end } } : {}),
    teams,
    measures,
    cells,
    whole,
    gaps,
    package: packageRows,
    signals,
  };
}

/**
 * The collaborative as a whole: per measure and group, the teams' counts and denominators summed by
 * date (a proportion of the sums, not an average of proportions), or the values summed for plain
 * counts; a date counts the teams that reported on it. Then the gap between the first two groups by
 * date, judged by the run-chart rules on the gap series itself.
 */
function wholeCollaborative(
  ws: Workspace,
  c: Collaborative,
  collabUri: string,
  teamFiles: Map<string, { factors: string[]; cycles: string[] }>,
): { whole: DashboardModel['whole']; gaps: GapTrend[] } {
  const whole: DashboardModel['whole'] = [];
  const gaps: GapTrend[] = [];
  const teamOfUri = (uri: string) => {
    const t = ws.scopes.teamOf(uri);
    return t && t.collab === collabUri && teamFiles.has(t.team) ? t.team : undefined;
  };
  for (const m of c.measures ?? []) {
    // group -> date -> [sum of counts or values, sum of denominators]
    const sums = new Map<string, Map<string, [number, number]>>();
    const seen = new Set<string>();
    const add = (team: string, data: unknown) => {
      for (const [g, pts] of seriesByGroup(data as Parameters<typeof seriesByGroup>[0])) {
        let byDate = sums.get(g);
        if (!byDate) sums.set(g, (byDate = new Map()));
        for (const p of pts) {
          // The same team and date twice (a factors file and a cycle) counts once, as in a team's chart.
          const key = `${team}\u0000${g}\u0000${p.date}`;
          if (p.value === null || seen.has(key)) continue;
          seen.add(key);
          const s = byDate.get(p.date) ?? [0, 0];
          s[0] += p.value;
          s[1] += p.denominator ?? 0;
          byDate.set(p.date, s);
        }
      }
    };
    for (const def of ws.definitions(m.id)) {
      const team = teamOfUri(def.uri);
      const measure = team ? ws.worksheet(def.uri)?.factors?.measures?.[def.path[1] as number] : undefined;
      if (team && measure?.id === m.id) {
        add(team, measure.data);
        const link = ws.worksheet(def.uri)!.csv.find((l) => l.measureId === m.id);
        const csv = link ? ws.csv(link.uri) : undefined;
        for (const [g, pts] of csv?.groups ?? [])
          add(team, {
            [g]: pts.map((p) => (p.denominator === undefined ? [p.date, p.value] : [p.date, p.value, p.denominator])),
          });
      }
    }
    for (const ref of ws.references(m.id)) {
      if (ref.field !== 'data') continue;
      const team = teamOfUri(ref.uri);
      const cycle = team ? ws.worksheet(ref.uri)?.cycle : undefined;
      if (team && cycle) add(team, cycle.do?.data?.[m.id]);
    }
    const percent = m.unit === '%';
    const series: MiniSeries[] = [];
    const valuesByGroup = new Map<string, [string, number | null][]>();
    for (const [group, byDate] of [...sums].sort(([a], [b]) => (a === ALL_GROUP ? -1 : b === ALL_GROUP ? 1 : 0))) {
      const dates = [...byDate.keys()].sort();
      const points = dates.map((d) => {
        const [v, den] = byDate.get(d)!;
        return { date: d, value: m.denominator ? (den > 0 ? (v / den) * (percent ? 100 : 1) : null) : v };
      });
      const a = analyseSeries(points, { rules: 'ihi', type: 'run' });
      series.push(mini(group, a, m.better, variationOf(a, m.better)));
      valuesByGroup.set(
        group,
        points.map((p) => [p.date, p.value]),
      );
    }
    whole.push({ measure: m.id, series });
    const groups = [...valuesByGroup.keys()];
    if (groups.length >= 2) {
      const [g1, g2] = [groups[0]!, groups[1]!];
      const other = new Map(valuesByGroup.get(g2)!);
      const points = valuesByGroup
        .get(g1)!
        .filter(([d]) => other.has(d))
        .map(
          ([d, v]) =>
            [d, v === null || other.get(d) === null ? null : Math.round((v - other.get(d)!) * 100) / 100] as [
              string,
              number | null,
            ],
        );
      const present = points.filter(([, v]) => v !== null);
      let verdict: GapTrend['verdict'] = 'too-few';
      if (present.length >= 10) {
        const a = analyseSeries(
          points.map(([date, value]) => ({ date, value })),
          { rules: 'ihi', type: 'run', baseline: Math.min(8, Math.floor(points.length / 2)) },
        );
        // A gap is closing when its size shrinks: toward zero from whichever side it sits.
        const firstSign = Math.sign(present[0]![1]!);
        const v = variationOf(a, firstSign >= 0 ? 'down' : 'up');
        verdict = v?.startsWith('improvement') ? 'closing' : v?.startsWith('concern') ? 'widening' : 'steady';
      }
      gaps.push({
        measure: m.id,
        groups: [g1, g2],
        points,
        verdict,
        ...(present.length ? { first: present[0]![1]!, last: present[present.length - 1]![1]! } : {}),
      });
    }
  }
  return { whole, gaps };
}

/** The assessment months of a team in order, with the score that counts (faculty, else self). */
export function scoreSeries(entries: AssessmentEntry[]): { month: string; score?: number }[] {
  return [...entries]
    .sort((a, b) => monthNumber(a.month) - monthNumber(b.month))
    .map((e) => ({ month: e.month, score: scoreOf(e) }));
}

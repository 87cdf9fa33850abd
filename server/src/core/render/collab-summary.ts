import type { GroupStatus, MeasureStatus } from '../analytics/measure-status';
import { ASSURANCE_LABELS, VARIATION_LABELS } from '../analytics/status';
import { CHART_TYPE_NAMES } from '../analytics/types';
import type { DashboardModel } from '../collab/dashboard';
import { ASSESSMENT_SCALE, scoreText } from './collab-labels';
import { CellIndex, SIGNAL_COLUMNS, signalTexts, stateText, valueText } from './collab-view';
import { groupLabel } from './runchart-svg';
import { fmt } from './svg';

interface Table {
  head: string[];
  rows: string[][];
}

function teamsTable(d: DashboardModel): Table {
  const cells = new CellIndex(d);
  const head = ['Team', 'Self', 'Faculty', 'Suggested', 'Cycles', ...d.measures.map((m) => m.name)];
  const rows = d.teams.map((t) => {
    const last = t.assessment[t.assessment.length - 1];
    return [
      t.name,
      scoreText(last?.self),
      scoreText(last?.faculty),
      scoreText(t.suggestion.score),
      String(t.cycles),
      ...d.measures.map((m) => {
        const c = cells.get(m.id, t.id);
        return `${stateText(c.state)}${c.latest !== undefined ? ` (${valueText(m, c.latest)})` : ''}`;
      }),
    ];
  });
  return { head, rows };
}

/** The target against the process limits, or why there is no assurance. */
function assuranceWords(s: MeasureStatus, g: GroupStatus): string {
  if (g.assurance) return `${ASSURANCE_LABELS[g.assurance]} (${fmt(g.target!)})`;
  if (g.target === undefined) return 'no target';
  return s.type === 'run' ? 'none: a run chart has no process limits' : 'none: no process limits at the latest point';
}

/** Variation and assurance of every team, measure and group, from each team's own chart of the measure. */
function statusTable(d: DashboardModel): Table {
  const teams = new Map(d.teams.map((t) => [t.id, t.name]));
  const names = new Map(d.measures.map((m) => [m.id, m.name]));
  const rows: string[][] = [];
  for (const c of d.cells)
    for (const g of c.status?.groups ?? [])
      if (g.variation)
        rows.push([
          teams.get(c.team) ?? c.team,
          names.get(c.measure) ?? c.measure,
          g.group === 'all' ? 'everyone' : groupLabel(g.group),
          CHART_TYPE_NAMES[c.status!.type],
          VARIATION_LABELS[g.variation],
          assuranceWords(c.status!, g),
        ]);
  return { head: ['Team', 'Measure', 'Group', 'Chart', 'Variation', 'Assurance'], rows };
}

function signalsTable(d: DashboardModel): Table {
  const text = signalTexts(d);
  return {
    head: SIGNAL_COLUMNS.map((c) => c.label),
    rows: d.signals.map((s) => SIGNAL_COLUMNS.map((c) => text(s, c.key))),
  };
}

function header(d: DashboardModel): string[] {
  return [
    d.collaborative.title,
    `As of ${d.today}${d.period ? `; last action period ${d.period.name} (${d.period.start} to ${d.period.end})` : ''}.`,
  ];
}

/** Plain text: aligned columns, for a terminal or an email. Latest scores are the written ones; "suggested" comes from the worksheets. */
export function summaryText(d: DashboardModel): string {
  const out = [...header(d), ''];
  const align = (t: Table) => {
    const widths = t.head.map((h, i) => Math.max(h.length, ...t.rows.map((r) => r[i]!.length)));
    const line = (cells: string[]) =>
      cells
        .map((c, i) => c.padEnd(widths[i]!))
        .join('  ')
        .trimEnd();
    return [line(t.head), line(widths.map((w) => '-'.repeat(w))), ...t.rows.map(line)];
  };
  out.push(...align(teamsTable(d)), '');
  const status = statusTable(d);
  if (status.rows.length) out.push('Variation and assurance at the latest point:', ...align(status), '');
  out.push(d.signals.length ? `Signals (${d.signals.length}):` : 'No signals on any common measure.');
  if (d.signals.length) out.push(...align(signalsTable(d)));
  for (const g of d.gaps)
    out.push(
      '',
      `Gap in ${d.measures.find((m) => m.id === g.measure)?.name ?? g.measure} (${groupLabel(g.groups[0])} minus ${groupLabel(g.groups[1])}), the collaborative summed: ${g.verdict === 'too-few' ? 'too few dates to judge' : g.verdict}${g.first !== undefined ? ` (${fmt(g.first)} -> ${fmt(g.last!)})` : ''}.`,
    );
  return `${out.join('\n')}\n`;
}

/** GitHub-flavoured Markdown (pull-request comments, emails); worksheet text is escaped. */
export function summaryMarkdown(d: DashboardModel): string {
  const esc = (s: string) => s.replace(/[\\`*_{}[\]<>|#]/g, (c) => `\\${c}`);
  const table = (t: Table) => [
    `| ${t.head.map(esc).join(' | ')} |`,
    `|${t.head.map(() => '---').join('|')}|`,
    ...t.rows.map((r) => `| ${r.map(esc).join(' | ')} |`),
  ];
  const [title, asOf] = header(d);
  const out = [`## ${esc(title!)}`, '', esc(asOf!), '', ...table(teamsTable(d)), ''];
  const status = statusTable(d);
  if (status.rows.length) out.push('### Variation and assurance at the latest point', '', ...table(status), '');
  out.push(d.signals.length ? `### Signals (${d.signals.length})` : 'No signals on any common measure.', '');
  if (d.signals.length) out.push(...table(signalsTable(d)), '');
  for (const g of d.gaps)
    out.push(
      `Gap in ${esc(d.measures.find((m) => m.id === g.measure)?.name ?? g.measure)}: **${g.verdict === 'too-few' ? 'too few dates to judge' : g.verdict}**.`,
      '',
    );
  return `${out.join('\n').trimEnd()}\n`;
}

/** The same as data: no series, no file locations. */
export function summaryJson(d: DashboardModel): object {
  return {
    collaborative: { id: d.collaborative.id, title: d.collaborative.title, aim: d.collaborative.aim },
    today: d.today,
    ...(d.period ? { period: d.period } : {}),
    teams: d.teams.map((t) => {
      const last = t.assessment[t.assessment.length - 1];
      return {
        id: t.id,
        name: t.name,
        cycles: t.cycles,
        studied: t.studied,
        latest: last ? { month: last.month, self: last.self, faculty: last.faculty } : undefined,
        suggested: {
          score: t.suggestion.score,
          meaning: ASSESSMENT_SCALE[String(t.suggestion.score)],
          reasons: t.suggestion.reasons,
        },
        measures: Object.fromEntries(
          d.cells
            .filter((c) => c.team === t.id)
            .map((c) => [
              c.measure,
              {
                state: c.state,
                group: c.group,
                latest: c.latest,
                ...(c.status
                  ? {
                      chart: { type: c.status.type, rules: c.status.rules },
                      groups: c.status.groups.map((g) => ({
                        group: g.group,
                        variation: g.variation ?? null,
                        assurance: g.assurance ?? null,
                        target: g.target ?? null,
                      })),
                    }
                  : {}),
              },
            ]),
        ),
      };
    }),
    signals: d.signals.map(({ from: _, ...s }) => s),
    gaps: d.gaps.map(({ points: _, ...g }) => g),
  };
}

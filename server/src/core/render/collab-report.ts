import { buildDriverModel, DiagramError } from '../analytics/drivers';
import { buildChart, ChartError } from '../analytics/model';
import type { DashboardModel } from '../collab/dashboard';
import { ASSESSMENT_SCALE, scoreText } from './collab-labels';
import type { Cycle } from '../schema/cycle';
import type { Workspace } from '../workspace';
import { COLLAB_STYLE, renderScores } from './collab-svg';
import {
  CellIndex,
  evidenceGap,
  gapText,
  measureCaption,
  SIGNAL_COLUMNS,
  signalTexts,
  smallMultiples,
  stateText,
  statusText,
  valueText,
} from './collab-view';
import { DRIVER_STYLE, renderDriverDiagram } from './driver-svg';
import { groupLabel, readableDate, renderChart, STANDALONE_STYLE } from './runchart-svg';
import { escapeXml as h, fmt } from './svg';
import { statusIconsHtml } from './status-icons';

/** Strips what a static file must not carry: local paths, and focus targets that lead nowhere. */
function staticSvg(svg: string): string {
  return svg.replace(/ data-uri="[^"]*"/g, '').replace(/ tabindex="0" role="link"/g, '');
}

const PAGE_STYLE = `
:root { color-scheme: light; --pdsa-improvement: #1565c0; --pdsa-concern: #c43e00; }
body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; color: #1d1d1d; margin: 0 auto; max-width: 1200px; padding: 24px; }
h1 { font-size: 24px; margin: 0 0 4px; } h2 { font-size: 19px; margin: 32px 0 8px; border-bottom: 1px solid #ccc; padding-bottom: 4px; } h3 { font-size: 16px; margin: 20px 0 6px; }
.aim { font-size: 15px; max-width: 70em; } .meta { color: #555; }
table { border-collapse: collapse; margin: 8px 0; } th, td { border: 1px solid #d0d0d0; padding: 4px 6px; text-align: left; vertical-align: top; } th { background: #f3f3f3; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
.state { font-size: 12px; white-space: nowrap; } .state.improvement { color: #0d47a1; } .state.concern { color: #a33200; font-weight: 600; } .state.no-data { color: #666; }
.status-adopted, .status-spreading { background: #e3f2fd; } .status-testing { background: #fff8e1; } .status-abandoned { background: #f5f5f5; color: #666; }
.grid td { padding: 3px; } .grid th { font-weight: 600; font-size: 13px; }
.legend span { margin-right: 14px; } .swatch { display: inline-block; width: 18px; height: 4px; vertical-align: middle; margin-right: 4px; }
ul.reasons { margin: 4px 0; padding-left: 18px; } .met { color: #1b5e20; } .unmet { color: #666; }
.team { break-before: page; } .chart { margin: 8px 0 16px; } .chart svg, .diagram svg { max-width: 100%; height: auto; }
.ramp { margin: 6px 0 12px; padding-left: 18px; } .ramp li { margin: 3px 0; } .decision { font-weight: 600; }
@media print { body { max-width: none; padding: 0; } h2 { break-after: avoid; } table, .chart, .diagram, figure { break-inside: avoid; } }
`;

/**
 * The whole report as one static HTML file: no scripts, no external requests, no local paths. It
 * says what the dashboard says (every team on every common measure, the collaborative as a whole,
 * the change package, assessment against the evidence, every signal), then each team's charts,
 * driver diagram and ramps of cycles with what they learned.
 */
export function renderReport(ws: Workspace, d: DashboardModel): string {
  const out: string[] = [];
  out.push(
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
  );
  out.push(`<title>${h(d.collaborative.title)}: report of ${h(readableDate(d.today))}</title>`);
  out.push(
    `<style>${PAGE_STYLE}${COLLAB_STYLE}${STANDALONE_STYLE}${DRIVER_STYLE}</style>`,
    '</head>',
    '<body>',
    '<main>',
  );
  out.push(`<h1>${h(d.collaborative.title)}</h1>`, `<p class="aim">${h(d.collaborative.aim)}</p>`);
  out.push(
    `<p class="meta">As of ${h(readableDate(d.today))}. ${d.teams.length} teams, ${d.measures.length} common measures, ${d.teams.reduce((n, t) => n + t.cycles, 0)} PDSA cycles.${d.period ? ` Last action period: ${h(d.period.name)} (${h(readableDate(d.period.start))} to ${h(readableDate(d.period.end))}).` : ''}</p>`,
  );

  const cells = new CellIndex(d);
  out.push(...dashboardSection(d, cells));
  // Each team's cycles, in one pass over the workspace.
  const cyclesByTeam = new Map<string, Cycle[]>();
  for (const f of ws.worksheets()) {
    const team = f.cycle ? ws.scopes.teamOf(f.uri) : undefined;
    if (!team || team.collab !== d.collaborative.uri) continue;
    const list = cyclesByTeam.get(team.team);
    if (list) list.push(f.cycle!);
    else cyclesByTeam.set(team.team, [f.cycle!]);
  }
  for (const t of d.teams) out.push(...teamSection(ws, d, cells, t, cyclesByTeam.get(t.id) ?? []));
  out.push('</main>', '</body>', '</html>');
  return `${out.join('\n')}\n`;
}

function dashboardSection(d: DashboardModel, cells: CellIndex): string[] {
  const out: string[] = [];
  out.push('<h2 id="teams">Teams at a glance</h2>');
  out.push(
    '<table><thead><tr><th scope="col">Team</th><th scope="col">Latest score (self / faculty)</th><th scope="col">Suggested from the worksheets</th><th scope="col">Cycles (studied)</th><th scope="col">Latest cycle</th>',
  );
  for (const m of d.measures) out.push(`<th scope="col">${h(m.name)}</th>`);
  out.push('</tr></thead><tbody>');
  for (const t of d.teams) {
    const last = t.assessment[t.assessment.length - 1];
    out.push(
      `<tr><th scope="row">${h(t.name)}${t.joined ? `<br><span class="meta">joined ${h(readableDate(t.joined))}</span>` : ''}</th>`,
    );
    out.push(
      `<td>${last ? `${scoreText(last.self)} / ${scoreText(last.faculty)} <span class="meta">(${h(last.month)})</span>` : '–'}</td>`,
    );
    const gap = evidenceGap(t);
    out.push(
      `<td>${scoreText(t.suggestion.score)} <span class="meta">${h(ASSESSMENT_SCALE[String(t.suggestion.score)] ?? '')}</span>${gap === undefined ? '' : `<br><strong>${gap > 0 ? 'above' : 'below'} the written score</strong>`}</td>`,
    );
    out.push(`<td class="num">${t.cycles} (${t.studied})</td>`);
    out.push(
      `<td>${t.latestCycle ? `${h(t.latestCycle.title)} <span class="meta">(${h(readableDate(t.latestCycle.start))}${t.latestCycle.decision ? `, ${h(t.latestCycle.decision)}` : ''})</span>` : '–'}</td>`,
    );
    for (const m of d.measures) {
      const c = cells.get(m.id, t.id);
      out.push(
        `<td><span class="state ${c.state}">${stateText(c.state)}</span>${c.latest !== undefined ? ` <span class="meta">${valueText(m, c.latest)}</span>` : ''}</td>`,
      );
    }
    out.push('</tr>');
  }
  out.push('</tbody></table>');

  // Small multiples: every common measure for every team on one scale, and the collaborative summed.
  out.push('<h2 id="measures">Common measures, team by team</h2>');
  out.push(
    '<p class="legend"><span><span class="swatch" style="background:#1565c0"></span>improvement signal</span><span><span class="swatch" style="background:#c43e00"></span>concern signal</span><span>dashed: centre line (median)</span><span>each row on one scale</span></p>',
  );
  out.push('<table class="grid"><thead><tr><th scope="col">Measure</th>');
  for (const t of d.teams) out.push(`<th scope="col">${h(t.name)}</th>`);
  out.push('<th scope="col">Collaborative (summed)</th></tr></thead><tbody>');
  for (const { measure: m, teams, whole, wholeState } of smallMultiples(d, { width: 150, height: 56 })) {
    out.push(`<tr><th scope="row">${h(m.name)}<br><span class="meta">${h(measureCaption(m))}</span></th>`);
    d.teams.forEach((t, i) => {
      const c = cells.get(m.id, t.id);
      out.push(
        `<td>${teams[i] ?? ''}<span class="state ${c.state}">${stateText(c.state)}</span>${c.group && c.series.length > 1 ? ` <span class="meta">(${h(groupLabel(c.group))})</span>` : ''}`,
        // Variation and assurance of every group, from the team's own chart of the measure.
        `<br>${statusIconsHtml(c.status?.groups ?? [], (g) => (g === 'all' ? 'everyone' : groupLabel(g)))}</td>`,
      );
    });
    out.push('<td>');
    if (whole) out.push(whole, `<span class="state ${wholeState}">${stateText(wholeState)}</span><br>`);
    const gap = d.gaps.find((g) => g.measure === m.id);
    if (gap) out.push(`<span class="meta">${h(gapText(gap))}</span>`);
    out.push('</td></tr>');
  }
  out.push('</tbody></table>');

  out.push('<h2 id="package">Change package: which ideas spread</h2>');
  out.push('<table><thead><tr><th scope="col">Primary driver</th><th scope="col">Change idea</th>');
  for (const t of d.teams) out.push(`<th scope="col">${h(t.name)}</th>`);
  out.push('</tr></thead><tbody>');
  for (const drv of d.package) {
    drv.ideas.forEach((idea, i) => {
      out.push('<tr>');
      if (i === 0) out.push(`<th scope="rowgroup" rowspan="${drv.ideas.length}">${h(drv.driver)}</th>`);
      out.push(`<th scope="row">${h(idea.title)}</th>`);
      for (const cell of idea.teams) out.push(`<td class="status-${cell.status}">${h(statusText(cell))}</td>`);
      out.push('</tr>');
    });
  }
  out.push('</tbody></table>');

  out.push('<h2 id="assessment">Assessment: self, faculty and the evidence</h2>');
  out.push(
    '<p class="meta">IHI Assessment Scale for Collaboratives (1.0 to 5.0). Solid: faculty; dashed: self; ring: the score the worksheets suggest now. The written scores are the scores; the suggestion lists its reasons.</p>',
  );
  const months = d.teams.flatMap((t) => t.assessment.map((e) => e.month)).sort();
  out.push(
    '<table><thead><tr><th scope="col">Team</th><th scope="col">Scores over time</th><th scope="col">Suggested, and why</th></tr></thead><tbody>',
  );
  for (const t of d.teams) {
    out.push(`<tr><th scope="row">${h(t.name)}</th><td>`);
    if (months.length)
      out.push(
        renderScores(t.assessment, t.suggestion.score, {
          width: 260,
          height: 90,
          fromMonth: months[0]!,
          toMonth: months[months.length - 1]!,
          label: `${t.name}: assessment scores over time`,
        }),
      );
    const notes = t.assessment.filter((e) => e.note).slice(-3);
    if (notes.length)
      out.push(`<ul class="reasons">${notes.map((e) => `<li>${h(e.month)}: ${h(e.note!)}</li>`).join('')}</ul>`);
    out.push(
      `</td><td><strong>${scoreText(t.suggestion.score)}</strong> ${h(ASSESSMENT_SCALE[String(t.suggestion.score)] ?? '')}<ul class="reasons">`,
    );
    for (const r of t.suggestion.reasons)
      out.push(`<li class="${r.met ? 'met' : 'unmet'}">${r.met ? '✓' : '✗'} ${fmt(r.score)}: ${h(r.text)}</li>`);
    out.push('</ul></td></tr>');
  }
  out.push('</tbody></table>');

  out.push('<h2 id="signals">Every signal</h2>');
  if (!d.signals.length) out.push('<p>No signals on any common measure.</p>');
  else {
    out.push('<table><thead><tr>');
    for (const c of SIGNAL_COLUMNS) out.push(`<th scope="col">${h(c.label)}</th>`);
    out.push('</tr></thead><tbody>');
    const text = signalTexts(d);
    for (const s of d.signals) {
      out.push('<tr>');
      for (const c of SIGNAL_COLUMNS)
        out.push(
          c.key === 'effect'
            ? `<td><span class="state ${s.effect === 'neither' ? 'common-cause' : s.effect}">${h(text(s, c.key))}</span></td>`
            : `<td>${h(text(s, c.key))}</td>`,
        );
      out.push('</tr>');
    }
    out.push('</tbody></table>');
  }
  return out;
}

function teamSection(
  ws: Workspace,
  d: DashboardModel,
  cells: CellIndex,
  t: DashboardModel['teams'][number],
  cycles: Cycle[],
): string[] {
  const out: string[] = [`<section class="team"><h2 id="team-${h(t.id)}">${h(t.name)}</h2>`];
  for (const m of d.measures) {
    const c = cells.get(m.id, t.id);
    if (!c.series.length) continue;
    try {
      const chart = buildChart(ws, { measure: m.id, from: c.from });
      out.push(
        `<figure class="chart">${staticSvg(renderChart(chart, { width: 900, height: 300, portable: true }))}</figure>`,
      );
    } catch (error) {
      if (!(error instanceof ChartError)) throw error;
    }
  }
  const factorsFile = ws.worksheet(t.uri);
  if (factorsFile?.factors) {
    try {
      out.push(
        `<h3>Driver diagram</h3><figure class="diagram">${staticSvg(renderDriverDiagram(buildDriverModel(ws, t.uri)))}</figure>`,
      );
    } catch (error) {
      if (!(error instanceof DiagramError)) throw error;
    }
  }
  out.push('<h3>Ramps of cycles and what they learned</h3>');
  const strategies = new Map<string, Cycle[]>();
  for (const c of cycles.sort((a, b) => ((a.plan.when?.start ?? '') < (b.plan.when?.start ?? '') ? -1 : 1))) {
    const list = strategies.get(c.strategy);
    if (list) list.push(c);
    else strategies.set(c.strategy, [c]);
  }
  const titles = new Map((factorsFile?.factors?.strategies ?? []).map((s) => [s.id, s.title]));
  if (!strategies.size) out.push('<p>No cycles yet.</p>');
  for (const [strategy, list] of strategies) {
    out.push(`<p><strong>${h(titles.get(strategy) ?? strategy)}</strong></p><ol class="ramp">`);
    for (const c of list) {
      const when = c.plan.when
        ? `${readableDate(c.plan.when.start)}${c.plan.when.end ? ` to ${readableDate(c.plan.when.end)}` : ''}`
        : '';
      const learned = c.study?.learned ? ` ${h(c.study.learned)}` : c.do ? ' (no Study yet)' : ' (planned)';
      out.push(
        `<li>${h(c.title)} <span class="meta">${h(when)}${c.scale?.people ? `, ${c.scale.people} people` : ''}</span>${c.act?.decision ? ` <span class="decision">${h(c.act.decision)}</span>` : ''}.${learned}</li>`,
      );
    }
    out.push('</ol>');
  }
  out.push('</section>');
  return out;
}

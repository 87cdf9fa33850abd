/** The chart panel's static markup (shared with the browser tests, which load the real page). */
export const RUN_CHART_BODY = `<div class="toolbar" role="toolbar" aria-label="Chart">
  <span class="measure-picker">
    <button id="previous" type="button" class="icon" title="Previous measure" aria-label="Previous measure">&#8249;</button>
    <select id="measure" aria-label="Measure"></select>
    <button id="next" type="button" class="icon" title="Next measure" aria-label="Next measure">&#8250;</button>
  </span>
  <label>Chart <select id="type"></select></label>
  <label>Rules <select id="rules"><option value="ihi">IHI</option><option value="anhoej">Anhøj</option><option value="mdc">Making Data Count</option></select></label>
  <label>Range <select id="range"><option value="all">All</option><option value="12">Last 12 points</option><option value="26">Last 26 points</option><option value="52">Last 52 points</option><option value="custom">From … to …</option></select></label>
  <span id="custom-range" hidden><input type="date" id="range-from" aria-label="From"> <input type="date" id="range-to" aria-label="To"></span>
  <button id="family" type="button" class="secondary" title="Every measure of this factors file at a glance: outcome, process and balancing">All measures</button>
  <button id="lock" type="button" class="secondary" aria-pressed="false" title="Keep this chart: Show Run Chart then opens another panel beside it">Lock</button>
  <span class="export" role="group" aria-label="Export"><button id="export" type="button" title="Save the chart, with its legend and signals, as SVG">SVG</button><button id="export-png" type="button" title="Save the chart, with its legend and signals, as PNG">PNG</button><button id="copy" type="button" class="secondary" title="Copy the chart as an image">Copy image</button></span>
  <span id="status" role="status"></span>
  <a id="measure-name" href="#" title="Open the measure's definition in the factors file">Edit measure</a>
</div>
<section id="family-view" hidden aria-label="Family of measures"></section>
<div id="chart-view">
<div id="type-note" class="note"></div>
<div id="error" role="alert"></div>
<div id="spc-status" role="group" aria-label="Variation and assurance at the latest point" hidden></div>
<div id="chart"></div>
<div id="range-note" class="note"></div>
<div id="point-readout" class="note" aria-live="polite"></div>
<div id="definition"></div>
<h3 id="signals-heading">Signals</h3>
<ul id="signals"></ul>
<details id="spc-summary" open hidden><summary>Summary table: runs analysis, centre and limits per phase</summary><div id="spc-summary-tables"></div></details>
<details><summary>Data table</summary><table><thead><tr><th>Date</th><th>Group</th><th>Value</th><th>Signals and notes</th></tr></thead><tbody id="table-body"></tbody></table></details>
</div>`;

/** The driver-diagram panel's static markup (shared with the browser tests, which load the real page). */
export const DRIVERS_BODY = `<div class="toolbar">
  <strong id="title"></strong>
  <button id="tab-drivers" type="button">Driver diagram</button>
  <button id="tab-four-blocker" type="button">Four-blocker</button>
  <button id="tab-iceberg" type="button">Iceberg</button>
  <button id="export" type="button" class="primary">Export SVG</button>
</div>
<div id="error" role="alert"></div>
<section id="view-drivers" class="view">
  <div class="zoom" role="group" aria-label="Zoom">
    <button id="zoom-out" type="button" title="Zoom out (-)" aria-label="Zoom out">&#8722;</button>
    <span id="zoom-level" aria-live="polite"></span>
    <button id="zoom-in" type="button" title="Zoom in (+)" aria-label="Zoom in">+</button>
    <button id="zoom-fit" type="button" title="Fit the whole diagram (0)">Fit</button>
    <span class="hint">Click an item to open it and highlight its path from the aim; click a cycle count to list its cycles. Drag or use the arrow keys to pan; Ctrl+wheel or +/- to zoom.</span>
  </div>
  <div id="diagram" tabindex="0" aria-label="Driver diagram (arrow keys pan, + and - zoom)"></div>
</section>
<section id="view-four-blocker" class="view" hidden><div id="quadrants" class="quadrants"></div><div id="unplaced" class="unplaced"></div></section>
<section id="view-iceberg" class="view" hidden>
  <p class="caption">The iceberg: what the team sees (events) rests on patterns, the structures that produce them and the mental models that hold those in place. Changes that reach the deeper levels last; changes that only add a programme at the surface seldom move results.</p>
  <ul class="key" aria-label="What the bars mean">
    <li><span class="swatch reached"></span>Green bar: at least one change idea addresses a factor at this level</li>
    <li><span class="swatch not-reached"></span>Red bar: no change idea reaches this level yet</li>
  </ul>
  <p id="iceberg-note" class="note"></p><div id="iceberg"></div>
</section>`;

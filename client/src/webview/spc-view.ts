// The chart panel's statistical process control view: the variation and assurance icons above the
// chart and the summary table under it. One hook for the panel's script: show a model, or clear.
import type { ChartModel } from '../../../server/src/core/analytics/model';
import { renderStatusStrip } from './status-strip';
import { renderSummaryTables } from './summary-table';

/** The page's containers (in the panel's body markup). */
const status = () => document.getElementById('spc-status');
const summary = () => document.getElementById('spc-summary');
const tables = () => document.getElementById('spc-summary-tables');

/** Redraws only when the model changed: the panel redraws its chart on every resize. */
let shown: ChartModel | undefined;

export function showSpc(model: ChartModel | undefined): void {
  if (model === shown) return;
  shown = model;
  const strip = status();
  const box = summary();
  const list = tables();
  if (!strip || !box || !list) return;
  if (!model) {
    strip.replaceChildren();
    list.replaceChildren();
    strip.hidden = true;
    box.hidden = true;
    return;
  }
  renderStatusStrip(model, strip);
  renderSummaryTables(model, list);
  box.hidden = false;
}

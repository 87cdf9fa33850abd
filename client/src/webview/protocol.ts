/**
 * Messages between the extension and the chart webview, as discriminated unions: both sides switch
 * on `type`, so a new message that one side does not handle fails the typecheck.
 */
import type { ChartModel } from '../../../server/src/core/analytics/model';
import type { ChartType, RuleSet } from '../../../server/src/core/analytics/runchart';
import type { ChartRange } from '../../../server/src/core/render/window';

export interface ChartViewState {
  measure: string;
  /** In a collaborative: a file of the team whose chart this is (each team has its own data for a common measure). */
  from?: string;
  /** Absent until the user picks one: the measure's own `chart.rules` / `chart.type`, then the workspace default. */
  rules?: RuleSet;
  type?: ChartType;
  /** A locked panel keeps its measure: Show Run Chart opens or reuses another panel (like a locked Markdown preview). */
  locked?: boolean;
  /** The chart of one measure, or the family of measures: every measure of the factors file at a glance. */
  view?: 'chart' | 'family';
  /** The date range shown (absent: all). A view of the whole series: centre lines, limits and signals come from all of it. */
  range?: ChartRange;
}

/** A measure the panel can switch to: the measures of the same factors file, in file order. */
export interface MeasureChoice {
  id: string;
  name: string;
}

export type ToWebview =
  | { type: 'chart'; model: ChartModel; state: ChartViewState; measures: MeasureChoice[] }
  | { type: 'family'; models: ChartModel[]; state: ChartViewState; measures: MeasureChoice[] }
  | { type: 'error'; message: string; state: ChartViewState; measures: MeasureChoice[] };

export type FromWebview =
  | { type: 'ready' }
  | { type: 'options'; rules: RuleSet; chartType: ChartType }
  | { type: 'measure'; measure: string }
  | { type: 'family' }
  | { type: 'lock'; locked: boolean }
  | { type: 'range'; range?: ChartRange }
  | { type: 'openCycle'; uri: string }
  | { type: 'openMeasure' }
  /**
   * Save the chart as the viewer sees it (groups shown, date range): the webview renders the file
   * (SVG text, or PNG drawn on its canvas as base64) and the extension asks where to save it. PNG is
   * rasterised in the webview so it works in every extension host (the web worker host has no native
   * modules, and the .vsix ships none).
   */
  | { type: 'export'; format: 'svg' | 'png'; data: string };

/** The driver-diagram webview. */
export interface DiagramViewState {
  uri: string;
  view: 'drivers' | 'four-blocker' | 'iceberg';
  expanded: string[];
}

export type ToDiagramWebview =
  | { type: 'model'; model: import('../../../server/src/core/analytics/drivers').DriverModel; state: DiagramViewState }
  | { type: 'error'; message: string; state: DiagramViewState };

export type FromDiagramWebview =
  | { type: 'ready' }
  | { type: 'open'; uri: string; line: number }
  | { type: 'expand'; idea: string }
  | { type: 'view'; view: DiagramViewState['view'] }
  | { type: 'moveFactor'; factor: string; impact: 'high' | 'low'; influence: 'high' | 'low' }
  | { type: 'export' };

/** The collaborative dashboard webview. */
export type ToDashboardWebview =
  | { type: 'model'; model: import('../../../server/src/core/collab/dashboard').DashboardModel }
  | { type: 'error'; message: string };

export type FromDashboardWebview =
  | { type: 'ready' }
  | { type: 'open'; uri: string; line: number; character: number }
  | { type: 'chart'; measure: string; from: string };

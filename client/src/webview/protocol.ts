/**
 * Messages between the extension and the chart webview, as discriminated unions: both sides switch
 * on `type`, so a new message that one side does not handle fails the typecheck.
 */
import type { ChartModel } from '../../../server/src/core/analytics/model';
import type { ChartType, RuleSet } from '../../../server/src/core/analytics/runchart';

export interface ChartViewState {
  measure: string;
  rules: RuleSet;
  type: ChartType;
}

export type ToWebview = { type: 'chart'; model: ChartModel; state: ChartViewState } | { type: 'error'; message: string; state: ChartViewState };

export type FromWebview =
  | { type: 'ready' }
  | { type: 'options'; rules: RuleSet; chartType: ChartType }
  | { type: 'openCycle'; uri: string }
  | { type: 'openMeasure' }
  | { type: 'export' };

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

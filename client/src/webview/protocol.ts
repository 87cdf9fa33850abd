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

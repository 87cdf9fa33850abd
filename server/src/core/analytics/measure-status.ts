import type { Workspace } from '../workspace';
import { buildChart, ChartError, type ChartModel } from './model';
import { ASSURANCE_LABELS, VARIATION_LABELS, type Assurance, type Variation } from './status';
import { CHART_TYPE_NAMES, RULE_SET_NAMES, type ChartType, type RuleSet } from './types';

/** A measure's status at a glance, per group: what the variation and assurance icons show. */
export interface GroupStatus {
  group: string;
  variation?: Variation;
  assurance?: Assurance;
  target?: number;
  /** The latest point that counts (present, not excluded). */
  latest?: { date: string; value: number };
}

export interface MeasureStatus {
  measure: string;
  type: ChartType;
  rules: RuleSet;
  groups: GroupStatus[];
}

/** The status of one chart model's groups. */
export function statusOfModel(model: ChartModel): MeasureStatus {
  return {
    measure: model.measure.id,
    type: model.type,
    rules: model.rules,
    groups: model.groups.map((g) => {
      let latest: GroupStatus['latest'];
      const pts = g.analysis.points;
      for (let i = pts.length - 1; i >= 0 && !latest; i--) {
        const p = pts[i]!;
        if (p.value !== null && Number.isFinite(p.value) && p.excluded === undefined)
          latest = { date: p.date, value: p.value };
      }
      return {
        group: g.group,
        ...(g.variation ? { variation: g.variation } : {}),
        ...(g.assurance ? { assurance: g.assurance } : {}),
        ...(g.target !== undefined ? { target: g.target } : {}),
        ...(latest ? { latest } : {}),
      };
    }),
  };
}

/**
 * Variation and assurance of a measure for every group, with the chart settings the team chose
 * (the measure's, else the workspace default). `from`: a file of the team asking, in a collaborative.
 * Undefined when the measure does not exist or has errors: never throws for bad worksheets.
 */
export function measureStatus(ws: Workspace, measure: string, from?: string): MeasureStatus | undefined {
  try {
    return statusOfModel(buildChart(ws, { measure, ...(from ? { from } : {}) }));
  } catch (error) {
    if (error instanceof ChartError) return undefined;
    throw error;
  }
}

/** One line per group in words, e.g. "all: special cause improvement (low); consistently fails the target 20". */
export function statusLines(status: MeasureStatus): string[] {
  return status.groups.map((g) => {
    const variation = g.variation ? VARIATION_LABELS[g.variation] : 'no data';
    const assurance = g.assurance ? `; ${ASSURANCE_LABELS[g.assurance]} ${g.target}` : '';
    return `${g.group}: ${variation}${assurance}`;
  });
}

/** "I chart (XmR), Making Data Count rules". */
export function statusHeading(status: MeasureStatus): string {
  return `${CHART_TYPE_NAMES[status.type]}, ${RULE_SET_NAMES[status.rules]} rules`;
}

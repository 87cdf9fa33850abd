import type { Variation } from '../analytics/status';
import type { CellState, Effect, PackageStatus } from '../collab/dashboard';

/** Words for the dashboard's states, shared by the webview, `pdsa summary` and `pdsa report`. */
export const STATE_LABELS: Record<CellState, string> = {
  improvement: 'improvement',
  concern: 'concern',
  'common-cause': 'common cause',
  'no-data': 'no data',
};
export const STATUS_LABELS: Record<PackageStatus, string> = {
  'not-started': 'not started',
  testing: 'testing',
  adopted: 'adopted',
  spreading: 'spreading',
  abandoned: 'abandoned',
};
export const EFFECT_LABELS: Record<Effect, string> = {
  improvement: 'improvement',
  concern: 'concern',
  neither: 'pattern, no direction',
};
/** A glyph beside each state, so it never rests on colour alone. */
export const STATE_MARKS: Record<CellState, string> = {
  improvement: '▲',
  concern: '◆',
  'common-cause': '●',
  'no-data': '○',
};

export function scoreText(v: number | undefined): string {
  return v === undefined ? '–' : v.toFixed(1);
}

/** The IHI Assessment Scale for Collaboratives, 1.0 to 5.0 in halves. */
export const ASSESSMENT_SCALE: Record<string, string> = {
  '1': 'forming team',
  '1.5': 'planning for the project has begun',
  '2': 'activity, but no changes',
  '2.5': 'changes tested, but no improvement',
  '3': 'modest improvement',
  '3.5': 'improvement',
  '4': 'significant improvement',
  '4.5': 'sustainable improvement',
  '5': 'outstanding sustainable results',
};

/** The state of a series from its latest point's variation (the collaborative's summed series, as a team's cell). */
export function wholeState(v: Variation | undefined): CellState {
  if (!v) return 'no-data';
  return v.startsWith('improvement') ? 'improvement' : v.startsWith('concern') ? 'concern' : 'common-cause';
}

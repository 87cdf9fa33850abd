import { describe, expect, it } from 'vitest';
import { csvRows } from '../../bench/hostile-inputs';
import { buildChart } from '../../server/src/core/analytics/model';
import { renderChart } from '../../server/src/core/render/runchart-svg';
import { FACTORS, workspaceOf } from '../helpers';

// Charts of any length: every point is analysed (no spread of a long array into a call), and the
// drawing stays small because dense series are thinned per pixel.

const withCsv = FACTORS.replace(
  '    data:\n      - [2025-09-01, 30]\n      - [2025-09-08, 29]\n',
  '    csv: absence.csv\n',
);

describe('long series', { timeout: 120_000 }, () => {
  for (const rows of [100_000, 1_000_000]) {
    it(`analyses and draws ${rows.toLocaleString('en')} points`, () => {
      const ws = workspaceOf({ 'focus.factors.yaml': withCsv, 'absence.csv': csvRows(rows) });
      for (const type of ['run', 'i'] as const) {
        const model = buildChart(ws, { measure: 'absence', type });
        expect(model.groups.reduce((n, g) => n + g.analysis.points.length, 0)).toBe(rows);
        const svg = renderChart(model, { width: 1000, height: 620 });
        expect(svg.length).toBeLessThan(1_000_000);
        expect(svg.startsWith('<svg')).toBe(true);
      }
    });
  }
});

// Times the driver diagram (model + layout + SVG) for 5 primary drivers, 20 secondary, 40 change ideas
// and 200 cycles (goal: under 200 ms). `npm run bench:diagram`.
import { buildDriverModel } from '../server/src/core/analytics/drivers';
import { renderDriverDiagram } from '../server/src/core/render/driver-svg';
import { bigDriverWorkspace } from './generate';

const ws = bigDriverWorkspace();
const times: number[] = [];
let size = 0;
for (let i = 0; i < 25; i++) {
  const t = performance.now();
  size = renderDriverDiagram(
    buildDriverModel(ws, 'file:///big/big.factors.yaml', new Set(i % 2 ? ['S1', 'S2'] : [])),
  ).length;
  times.push(performance.now() - t);
}
const warm = times.slice(5).sort((a, b) => a - b);
console.log('| case | model + layout + SVG, median | p95 | SVG size |');
console.log('|---|---|---|---|');
console.log(
  `| 5 primary, 20 secondary, 40 ideas, 200 cycles | ${warm[Math.floor(warm.length / 2)]!.toFixed(1)} ms | ${warm[Math.floor(warm.length * 0.95)]!.toFixed(1)} ms | ${(size / 1024).toFixed(0)} KB |`,
);
console.log(`(first, cold: ${times[0]!.toFixed(1)} ms)`);

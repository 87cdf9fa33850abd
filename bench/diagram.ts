// Times the driver diagram (model + layout + SVG) for 5 primary drivers, 20 secondary, 40 change ideas
// and 200 cycles (goal: under 200 ms), then compares our layered layout with elkjs's on the example and
// that case, laid out for a 600 px panel: edge crossings, edge segments through boxes that are not
// their ends, bends, size and the zoom it needs to fit, time. `npm run bench:diagram`.
import * as fs from 'node:fs';
import * as path from 'node:path';
import ELK from 'elkjs/lib/elk.bundled.js';
import type { ElkExtendedEdge, ElkNode } from 'elkjs/lib/elk-api';
import { buildDriverModel, type DriverModel } from '../server/src/core/analytics/drivers';
import {
  boxText,
  edgeCrossings,
  edgesThroughBoxes,
  layoutDiagram,
  LINE,
  type Box,
  type Layout,
} from '../server/src/core/analytics/layout';
import { renderDriverDiagram } from '../server/src/core/render/driver-svg';
import { Workspace } from '../server/src/core/workspace';
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
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const warm = times.slice(5).sort((a, b) => a - b);
console.log('| case | model + layout + SVG, median | p95 | SVG size |');
console.log('|---|---|---|---|');
console.log(
  `| 5 primary, 20 secondary, 40 ideas, 200 cycles | ${median(warm).toFixed(1)} ms | ${warm[Math.floor(warm.length * 0.95)]!.toFixed(1)} ms | ${(size / 1024).toFixed(0)} KB |`,
);
console.log(`(first, cold: ${times[0]!.toFixed(1)} ms)\n`);

function example(): Workspace {
  const dir = path.join(__dirname, '..', '..', 'examples', 'slc-belonging');
  const w = new Workspace({ today: '2026-11-22' });
  w.setWorksheet(
    'file:///ex/belonging.factors.yaml',
    fs.readFileSync(path.join(dir, 'belonging.factors.yaml'), 'utf8'),
  );
  for (const f of fs.readdirSync(path.join(dir, 'cycles')))
    w.setWorksheet(`file:///ex/cycles/${f}`, fs.readFileSync(path.join(dir, 'cycles', f), 'utf8'));
  return w;
}

const PARTITION = { aim: 0, primary: 1, secondary: 2, idea: 3, cycles: 4 } as const;
const TRUNK = 20; // the left margin our narrow layout gives the trunk from the aim

/**
 * elkjs's layered algorithm on the same boxes (sizes from our layout for 600 px, so the text wraps
 * alike), one partition per column, orthogonal routing. With `banner`, the aim is left out and put
 * above as ours does beside the editor; `tight` narrows elk's spacing of edges between layers.
 */
async function elkLayout(model: DriverModel, ours: Layout, banner: boolean, tight: boolean): Promise<Layout> {
  const nodes = model.nodes.filter((n) => !banner || n.kind !== 'aim');
  const edges = model.edges.filter((e) => !banner || e.from !== 'aim');
  const primaryWidth = ours.boxes.get(model.nodes.find((n) => n.kind === 'primary')!.key)!.width;
  const graph: ElkNode = {
    id: 'root',
    layoutOptions: {
      'elk.algorithm': 'layered',
      'elk.direction': 'RIGHT',
      'elk.edgeRouting': 'ORTHOGONAL',
      'elk.partitioning.activate': 'true',
      'elk.spacing.nodeNode': '14',
      'elk.layered.spacing.nodeNodeBetweenLayers': '22',
      'elk.padding': '[top=16,left=16,bottom=16,right=16]',
      ...(tight
        ? { 'elk.layered.spacing.edgeEdgeBetweenLayers': '3', 'elk.layered.spacing.edgeNodeBetweenLayers': '6' }
        : {}),
    },
    children: nodes.map((n) => {
      const b = ours.boxes.get(n.key)!;
      return {
        id: n.key,
        // Without the banner the aim is a column as wide as the drivers'.
        width: n.kind === 'aim' ? primaryWidth : b.width,
        height: n.kind === 'aim' ? 12 + boxText(n, primaryWidth).lines.length * LINE : b.height,
        layoutOptions: { 'elk.partitioning.partition': String(PARTITION[n.kind]) },
      };
    }),
    edges: edges.map((e, i) => ({ id: `e${i}`, sources: [e.from], targets: [e.to] })),
  };
  const out = await new ELK().layout(graph);
  const boxes = new Map<string, Box>();
  for (const c of out.children ?? [])
    boxes.set(c.id, { key: c.id, x: c.x!, y: c.y!, width: c.width!, height: c.height! });
  const routes = ((out.edges ?? []) as ElkExtendedEdge[]).map((e, i) => {
    const s = e.sections![0]!;
    return { from: edges[i]!.from, to: edges[i]!.to, points: [s.startPoint, ...(s.bendPoints ?? []), s.endPoint] };
  });
  return { boxes, texts: new Map(), routes, titles: [], width: out.width! + (banner ? TRUNK : 0), height: out.height! };
}

async function compare(): Promise<void> {
  const cases: [string, DriverModel][] = [
    ['example', buildDriverModel(example(), 'file:///ex/belonging.factors.yaml')],
    ['5 / 20 / 40 / 200', buildDriverModel(ws, 'file:///big/big.factors.yaml')],
  ];
  console.log('Laid out for a 600 px panel:\n');
  console.log(
    '| case | layout | edge crossings | segments through other boxes | bends | size (px) | zoom to fit 600 px | layout time, median |',
  );
  console.log('|---|---|---|---|---|---|---|---|');
  for (const [name, model] of cases) {
    const ours = layoutDiagram(model.nodes, model.edges, 600);
    const rows: [string, Layout, number][] = [];
    const t: number[] = [];
    for (let i = 0; i < 20; i++) {
      const s = performance.now();
      layoutDiagram(model.nodes, model.edges, 600);
      t.push(performance.now() - s);
    }
    rows.push(['ours (aim as banner)', ours, median(t)]);
    for (const [label, banner, tight] of [
      ['elkjs', false, false],
      ['elkjs, aim as banner', true, false],
      ['elkjs, aim as banner, tight edge spacing', true, true],
    ] as const) {
      const te: number[] = [];
      let l: Layout | undefined;
      for (let i = 0; i < 5; i++) {
        const s = performance.now();
        l = await elkLayout(model, ours, banner, tight);
        te.push(performance.now() - s);
      }
      rows.push([label, l!, median(te)]);
    }
    for (const [label, l, ms] of rows) {
      const bends = l.routes.reduce((n, r) => n + r.points.length - 2, 0);
      console.log(
        `| ${name} | ${label} | ${edgeCrossings(l)} | ${edgesThroughBoxes(l).length} | ${bends} | ${Math.round(l.width)} x ${Math.round(l.height)} | ${Math.round(Math.min(1, 600 / l.width) * 100)}% | ${ms.toFixed(1)} ms |`,
      );
    }
  }
}
void compare();

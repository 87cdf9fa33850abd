// Generators of oversized worksheets shaped the way that once made a pass quadratic or crash the
// process. The scale bench (`npm run bench:scale`) times them; the core tests check them for correctness.

const HEAD = 'version: 1\nid: focus\ntitle: Attendance\nresult:\n  statement: Every student attends\n';

function factor(id: string, parents: string[]): string {
  return `  - id: ${id}\n    statement: Factor ${id}\n    level: event\n${parents.length ? `    parents: [${parents.join(', ')}]\n` : ''}`;
}

/** One root factor and n factors that all name it as their parent. */
export function factorsWithOneParent(n: number): string {
  const out = [HEAD, 'factors:\n', factor('root', [])];
  for (let i = 0; i < n; i++) out.push(factor(`f${i}`, ['root']));
  return out.join('');
}

/** n factors, each the parent of the next; with `loop`, the first names the last as its parent. */
export function factorChain(n: number, loop = false): string {
  const out = [HEAD, 'factors:\n'];
  for (let i = 0; i < n; i++) out.push(factor(`f${i}`, i > 0 ? [`f${i - 1}`] : loop ? [`f${n - 1}`] : []));
  return out.join('');
}

/** A valid cycle file with n unknown top-level keys. */
export function unknownKeys(n: number): string {
  const out = ['version: 1\nid: c0\ntitle: Cycle\nstrategy: S1\nplan:\n  objective: Try it\n'];
  for (let i = 0; i < n; i++) out.push(`extra${i}: value ${i}\n`);
  return out.join('');
}

export const CHAIN_FACTORS = `${HEAD}factors:\n${factor('F1', [])}strategies:\n  - id: S1\n    title: Greeters\n    hypothesis: If we greet students then they come because they feel expected.\n    addresses: [F1]\n`;

/** n cycle files, each building on the one before; with `loop`, the first builds on the last. */
export function cycleChain(n: number, loop = false): Record<string, string> {
  const files: Record<string, string> = { 'focus.factors.yaml': CHAIN_FACTORS };
  for (let i = 0; i < n; i++) {
    const previous = i > 0 ? `c${i - 1}` : loop ? `c${n - 1}` : undefined;
    files[`c${i}.pdsa.yaml`] =
      `version: 1\nid: c${i}\ntitle: Cycle ${i}\nstrategy: S1\n${previous ? `previous: ${previous}\n` : ''}plan:\n  objective: Try it\n  questions:\n    - question: Will it work?\n      prediction: Yes\nact:\n  decision: adopt\n`;
  }
  return files;
}

/** A measure CSV file of n daily rows in two groups. */
export function csvRows(n: number): string {
  const out = ['date,group,value\n'];
  const start = Date.UTC(2000, 0, 1);
  for (let i = 0; i < n; i++) {
    const date = new Date(start + Math.floor(i / 2) * 86400000).toISOString().slice(0, 10);
    out.push(`${date},${i % 2 ? 'swd' : 'all-students'},${(20 + Math.sin(i) * 3).toFixed(2)}\n`);
  }
  return out.join('');
}

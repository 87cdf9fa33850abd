import type { Reference } from '../symbols';

/**
 * Loops in the `previous` (cycle) and `parents` (factor) chains of the whole workspace, found in
 * one linear pass: the strongly connected components of the link graph (Tarjan's algorithm,
 * iterative so a chain of any length cannot overflow the stack). A link is part of a loop when
 * both its ends lie in the same component. Each component keeps one concrete loop to show.
 */

export type ChainField = 'previous' | 'parent';

export interface Loop {
  field: ChainField;
  /** One loop through the component, each member once, starting at its smallest id. */
  members: string[];
  /** Where each member sits in `members`. */
  position: Map<string, number>;
}

/** Members listed in a message before the rest is summarised. */
const SHOWN = 5;

/**
 * Where a link's two ends live, as graph nodes. Without a collaborative a node is the id itself; in
 * one, each team has its own ids, so a node is `<scope>\0<id>`: team A's c1 -> c2 and team B's
 * c2 -> c1 are two chains, not one loop.
 */
export type ChainNodes = (link: Reference) => { owner: string; target: string };

const plainNodes: ChainNodes = (r) => ({ owner: r.owner!, target: r.id });

/** The id a node stands for (the part after the scope, when there is one). */
const idOf = (node: string) => node.slice(node.lastIndexOf('\u0000') + 1);

export class ChainLoops {
  private readonly component = new Map<string, Loop>();

  constructor(
    links: Iterable<Reference>,
    private readonly nodes: ChainNodes = plainNodes,
  ) {
    for (const field of ['previous', 'parent'] as const) {
      const edges = new Map<string, string[]>();
      for (const r of links) {
        if (r.field !== field || r.owner === undefined) continue;
        const { owner, target } = nodes(r);
        const out = edges.get(owner);
        if (out) out.push(target);
        else edges.set(owner, [target]);
      }
      for (const members of stronglyConnected(edges)) {
        const set = new Set(members);
        const start = members.reduce((a, b) => (b < a ? b : a));
        // A single member is a loop only when it names itself.
        if (members.length === 1 && !(edges.get(start) ?? []).includes(start)) continue;
        // A loop stays within one scope (a team sees only its own ids and the collaborative's, which
        // never name a team's), so its members' ids are distinct.
        const cycle = loopFrom(start, edges, set).map(idOf);
        const loop: Loop = { field, members: cycle, position: new Map(cycle.map((id, i) => [id, i])) };
        for (const node of members) this.component.set(`${field}\u0000${node}`, loop);
      }
    }
  }

  /** The loop a link belongs to, if both its ends are in one loop. */
  loopOf(link: Reference): Loop | undefined {
    if ((link.field !== 'previous' && link.field !== 'parent') || link.owner === undefined) return undefined;
    const { owner, target } = this.nodes(link);
    const loop = this.component.get(`${link.field}\u0000${owner}`);
    return loop && loop === this.component.get(`${link.field}\u0000${target}`) ? loop : undefined;
  }
}

/** "a -> b -> c -> a", from `from` when it is on the loop shown; long loops list the first few members and a count. */
export function describeLoop(loop: Loop, from: string): string {
  const at = loop.position.get(from);
  const rotated = at === undefined ? loop.members : [...loop.members.slice(at), ...loop.members.slice(0, at)];
  const noun = loop.field === 'previous' ? 'cycles' : 'factors';
  const through = at === undefined ? ` through ${from}` : '';
  if (rotated.length <= SHOWN + 1) return `loop${through}: ${[...rotated, rotated[0]].join(' -> ')}`;
  return `loop of ${rotated.length} ${noun}${through}: ${rotated.slice(0, SHOWN).join(' -> ')} -> ... ${rotated.length - SHOWN} more -> ${rotated[0]}`;
}

/** Tarjan's strongly connected components without recursion. */
function stronglyConnected(edges: Map<string, string[]>): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const out: string[][] = [];
  let next = 0;
  for (const root of edges.keys()) {
    if (index.has(root)) continue;
    // Frames: a node and how many of its successors have been visited.
    const frames: [string, number][] = [[root, 0]];
    index.set(root, next);
    low.set(root, next++);
    stack.push(root);
    onStack.add(root);
    while (frames.length) {
      const frame = frames[frames.length - 1]!;
      const [node, i] = frame;
      const successors = edges.get(node) ?? [];
      if (i < successors.length) {
        frame[1]++;
        const w = successors[i]!;
        if (!index.has(w)) {
          index.set(w, next);
          low.set(w, next++);
          stack.push(w);
          onStack.add(w);
          frames.push([w, 0]);
        } else if (onStack.has(w)) low.set(node, Math.min(low.get(node)!, index.get(w)!));
        continue;
      }
      frames.pop();
      const parent = frames[frames.length - 1];
      if (parent) low.set(parent[0], Math.min(low.get(parent[0])!, low.get(node)!));
      if (low.get(node) === index.get(node)) {
        const members: string[] = [];
        let w: string;
        do {
          w = stack.pop()!;
          onStack.delete(w);
          members.push(w);
        } while (w !== node);
        out.push(members);
      }
    }
  }
  return out;
}

/** The shortest way from start back to itself inside one component (breadth first). */
function loopFrom(start: string, edges: Map<string, string[]>, component: Set<string>): string[] {
  const cameFrom = new Map<string, string>();
  const queue = [start];
  for (let q = 0; q < queue.length; q++) {
    const node = queue[q]!;
    for (const w of edges.get(node) ?? []) {
      if (!component.has(w)) continue;
      if (w === start) {
        const path = [node];
        while (path[path.length - 1] !== start) path.push(cameFrom.get(path[path.length - 1]!)!);
        return path.reverse();
      }
      if (!cameFrom.has(w)) {
        cameFrom.set(w, node);
        queue.push(w);
      }
    }
  }
  return [start];
}

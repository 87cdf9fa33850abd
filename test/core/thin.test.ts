import { describe, expect, it } from 'vitest';
import { pointsToDraw } from '../../server/src/core/render/thin';

describe('thinning a dense series per pixel column', () => {
  it('draws a sparse series whole', () => {
    expect(pointsToDraw({ x: (i) => i * 10, values: [1, 2, 3], signal: () => false, width: 100 })).toBeUndefined();
  });

  it("keeps each column's first, last, lowest and highest point, every signal column's extremes, and breaks at gaps", () => {
    // 1,000 points over 10 pixels: 100 per column.
    const values: (number | null)[] = Array.from({ length: 1000 }, (_, i) => (i % 100) + (i === 555 ? 1000 : 0));
    values[300] = null;
    values[301] = null;
    const signal = (i: number) => i >= 700 && i < 800;
    const mask = pointsToDraw({ x: (i) => i / 100, values, signal, width: 10 })!;
    const kept = [...mask.keys()].filter((i) => mask[i]);
    expect(kept.length).toBeLessThan(60);
    for (const i of [0, 99, 555, 300, 302, 700, 799, 999]) expect(kept, `point ${i}`).toContain(i);
    expect(kept).not.toContain(301);
    expect(kept).not.toContain(450);
  });
});

// `pdsa chart -o chart.png`: a PNG made without a browser, with the title, legend and signals in it.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXAMPLE_DIR, pdsa, tempWorkspace } from '../node-helpers';

describe('pdsa chart to PNG', () => {
  it('writes a PNG of the chart at twice its size', () => {
    const dir = tempWorkspace({});
    const out = path.join(dir, 'chart.png');
    const r = pdsa(['chart', 'chronic-absence', EXAMPLE_DIR, '-o', out, '--width', '600']);
    expect(r.code, r.stderr).toBe(0);
    const png = fs.readFileSync(out);
    expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    // IHDR: width and height, big-endian, at bytes 16-23.
    expect(png.readUInt32BE(16)).toBe(1200);
    expect(png.readUInt32BE(20)).toBeGreaterThan(600);
    expect(r.stderr).toMatch(/wrote .*chart\.png/);
  });

  it('puts the signals in words into the exported SVG, and no local paths', () => {
    const r = pdsa(['chart', 'chronic-absence', EXAMPLE_DIR]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('class="signal-summary"');
    expect(r.stdout).toMatch(/Improvement: Students with disabilities/);
    expect(r.stdout).not.toContain(EXAMPLE_DIR);
  });
});

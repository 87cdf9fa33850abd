// Signal colours keep WCAG 1.4.11's 3:1 contrast for graphical marks against each theme's editor
// background, and improvement and concern stay apart for the common colour-vision deficiencies.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';

function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5]
    .map((i) => parseInt(hex.slice(i, i + 2), 16) / 255)
    .map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
}
function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi! + 0.05) / (lo! + 0.05);
}
/** Brettel/Viénot-style deuteranopia and protanopia simulation (linear RGB matrices). */
function simulate(hex: string, kind: 'deutan' | 'protan'): [number, number, number] {
  const lin = [1, 3, 5]
    .map((i) => parseInt(hex.slice(i, i + 2), 16) / 255)
    .map((c) => (c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4)) as [number, number, number];
  const m =
    kind === 'deutan'
      ? [0.29275, 0.70725, 0, 0.29275, 0.70725, 0, -0.02234, 0.02234, 1]
      : [0.1124, 0.8876, 0, 0.1124, 0.8876, 0, 0.00401, -0.00401, 1];
  return [
    m[0]! * lin[0] + m[1]! * lin[1] + m[2]! * lin[2],
    m[3]! * lin[0] + m[4]! * lin[1] + m[5]! * lin[2],
    m[6]! * lin[0] + m[7]! * lin[1] + m[8]! * lin[2],
  ];
}

const css = fs.readFileSync(path.join(__dirname, '..', '..', 'client', 'src', 'webview', 'theme.css'), 'utf8');
function colours(selector: RegExp): Record<string, string> {
  const block = selector.exec(css)?.[1] ?? '';
  return Object.fromEntries(
    [...block.matchAll(/--pdsa-(improvement|concern|neither):\s*(#[0-9A-Fa-f]{6})/g)].map((m) => [m[1]!, m[2]!]),
  );
}

describe('signal colours', () => {
  const themes = [
    {
      name: 'light (Light+ #ffffff)',
      background: '#ffffff',
      colours: colours(/body \{\s*(--pdsa-improvement[^}]*)\}/),
    },
    { name: 'dark (Dark+ #1e1e1e)', background: '#1e1e1e', colours: colours(/body\.vscode-dark \{([^}]*)\}/) },
    {
      name: 'high contrast (#000000)',
      background: '#000000',
      colours: colours(/body\.vscode-high-contrast \{([^}]*)\}/),
    },
    {
      name: 'high contrast light (#ffffff)',
      background: '#ffffff',
      colours: colours(/body\.vscode-high-contrast-light \{([^}]*)\}/),
    },
  ];
  for (const theme of themes) {
    it(`reach 3:1 against the ${theme.name} background`, () => {
      expect(Object.keys(theme.colours).sort()).toEqual(['concern', 'improvement', 'neither']);
      for (const [name, colour] of Object.entries(theme.colours))
        expect(contrast(colour, theme.background), `${name} ${colour}`).toBeGreaterThanOrEqual(3);
    });
    it(`keep improvement and concern apart for deuteranopia and protanopia (${theme.name})`, () => {
      for (const kind of ['deutan', 'protan'] as const) {
        const a = simulate(theme.colours.improvement!, kind);
        const b = simulate(theme.colours.concern!, kind);
        // Blue against orange: the blue-yellow axis survives red-green deficiencies.
        expect(Math.abs(a[2] - b[2]), kind).toBeGreaterThan(0.1);
      }
    });
  }
});

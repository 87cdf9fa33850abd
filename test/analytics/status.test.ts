import { describe, expect, it } from 'vitest';
import { measureStatus } from '../../server/src/core/analytics/measure-status';
import {
  ASSURANCE_LABELS,
  VARIATION_LABELS,
  type Assurance,
  type Variation,
} from '../../server/src/core/analytics/status';
import { hover } from '../../server/src/core/service/hover';
import { assuranceIcon, STATUS_COLOURS, variationIcon } from '../../server/src/core/render/status-icons';
import { FACTORS, workspaceOf } from '../helpers';

const VARIATIONS = Object.keys(VARIATION_LABELS) as Variation[];
const ASSURANCES = Object.keys(ASSURANCE_LABELS) as Assurance[];

/** Better down, target 20; a 12-week baseline around 30 then seven weeks at 26 (a shift down). */
function workspace(chart = '    chart: {type: i, rules: mdc, baseline: 12}\n') {
  const values = [31, 29, 31, 29, 31, 29, 31, 29, 31, 29, 31, 29, 26, 26, 26, 26, 26, 26, 26];
  const data = values
    .map((v, i) => `      - [${new Date(Date.UTC(2025, 8, 1 + 7 * i)).toISOString().slice(0, 10)}, ${v}]`)
    .join('\n');
  return workspaceOf({
    'focus.factors.yaml': FACTORS.replace(
      '    data:\n      - [2025-09-01, 30]\n      - [2025-09-08, 29]\n',
      `    data:\n${data}\n${chart}`,
    ),
  });
}

describe('status icons', () => {
  it('one well-formed, labelled SVG per variation and assurance, in the MDC colours', () => {
    const parser = new DOMParserLike();
    for (const v of VARIATIONS) {
      const svg = variationIcon(v);
      expect(parser.wellFormed(svg), v).toBe(true);
      expect(svg).toContain(`<title>Variation: ${VARIATION_LABELS[v]}</title>`);
      const colour = v.startsWith('improvement')
        ? STATUS_COLOURS.improvement
        : v.startsWith('concern')
          ? STATUS_COLOURS.concern
          : STATUS_COLOURS.common;
      expect(svg, v).toContain(`fill="${colour}"`);
    }
    for (const a of ASSURANCES) {
      const svg = assuranceIcon(a, 32);
      expect(parser.wellFormed(svg), a).toBe(true);
      expect(svg).toContain(`aria-label="Assurance: ${ASSURANCE_LABELS[a]}"`);
      expect(svg).toContain(
        `fill="${a === 'pass' ? STATUS_COLOURS.improvement : a === 'fail' ? STATUS_COLOURS.concern : STATUS_COLOURS.common}"`,
      );
    }
    // Every icon is different.
    expect(new Set([...VARIATIONS.map((v) => variationIcon(v)), ...ASSURANCES.map((a) => assuranceIcon(a))]).size).toBe(
      VARIATIONS.length + ASSURANCES.length,
    );
  });
});

describe('measure status', () => {
  it('per group: variation, assurance, target and the latest point', () => {
    expect(measureStatus(workspace(), 'absence')).toEqual({
      measure: 'absence',
      type: 'i',
      rules: 'mdc',
      groups: [
        {
          group: 'all',
          variation: 'improvement-low',
          assurance: 'fail',
          target: 20,
          latest: { date: '2026-01-05', value: 26 },
        },
      ],
    });
  });

  it('undefined for an unknown measure, never an exception', () => {
    expect(measureStatus(workspace(), 'nope')).toBeUndefined();
  });

  it('the hover of a measure id shows its icons and says its status in words', () => {
    const ws = workspace();
    const text = ws.worksheet('file:///ws/focus.factors.yaml')!.parsed.text;
    const offset = text.indexOf('measure: absence') + 'measure: '.length + 2;
    const line = text.slice(0, offset).split('\n').length - 1;
    const character = offset - text.lastIndexOf('\n', offset - 1) - 1;
    const h = hover(ws, 'file:///ws/focus.factors.yaml', { line, character });
    const value = (h!.contents as { value: string }).value;
    expect(value).toContain('**Latest point** (I chart \\(XmR\\), Making Data Count rules):');
    // Each group: its icons as images with their words as alt text, then the words.
    const row = value.split('\n').find((l) => l.startsWith('- ![Variation'))!;
    const images = [...row.matchAll(/!\[([^\]]*)\]\(data:image\/svg\+xml,([^)]*)\)/g)];
    expect(images.map((m) => m[1])).toEqual([
      'Variation: special cause improvement (low)',
      'Assurance: consistently fails the target',
    ]);
    expect(decodeURIComponent(images[0]![2]!)).toBe(variationIcon('improvement-low', 18));
    expect(decodeURIComponent(images[1]![2]!)).toBe(assuranceIcon('fail', 18));
    expect(row.endsWith(') all: special cause improvement \\(low\\); consistently fails the target 20')).toBe(true);
  });
});

/** A tiny XML well-formedness check: balanced tags, quoted attributes, no stray "<" or "&". */
class DOMParserLike {
  wellFormed(xml: string): boolean {
    const stack: string[] = [];
    const re = /<(\/?)([a-zA-Z][\w-]*)((?:\s+[\w:-]+="[^"<]*")*)\s*(\/?)>|([^<]+)/gy;
    let m: RegExpExecArray | null;
    let at = 0;
    while ((m = re.exec(xml))) {
      at = re.lastIndex;
      if (m[5] !== undefined) {
        if (/&(?!(amp|lt|gt|quot|apos);)/.test(m[5])) return false;
        continue;
      }
      if (m[1]) {
        if (stack.pop() !== m[2]) return false;
      } else if (!m[4]) stack.push(m[2]!);
    }
    return at === xml.length && stack.length === 0;
  }
}

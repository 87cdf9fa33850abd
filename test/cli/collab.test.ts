import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { COLLAB_EXAMPLE_DIR, pdsa, REPO_ROOT } from '../node-helpers';

const TEAMS = ['Granger Elementary', 'Riverside Elementary', 'Lincoln Elementary', 'Canyon View Elementary'];
const MEASURES = [
  'Chronic absence',
  'Students who say they belong',
  'Positive contacts with families',
  'Office referrals, K-3 students with disabilities',
];

describe('pdsa summary', () => {
  it("prints each team's latest state and every signal", () => {
    const r = pdsa(['summary', COLLAB_EXAMPLE_DIR]);
    expect(r.code).toBe(0);
    const lines = r.stdout.split('\n');
    expect(lines[0]).toBe('K-3 Attendance and Belonging Collaborative');
    expect(lines.find((l) => l.startsWith('Lincoln Elementary'))).toMatch(
      /^Lincoln Elementary\s+2\.5\s+2\.0\s+2\.5\s+12\s+◆ concern \(39\.2%\)/,
    );
    expect(r.stdout).toMatch(
      /Chronic absence\s+Lincoln Elementary\s+Students with disabilities\s+shift\s+2026-05-29\s+2026-10-30\s+concern/,
    );
  });

  it('gives JSON and Markdown', () => {
    const json = JSON.parse(pdsa(['summary', COLLAB_EXAMPLE_DIR, '--format', 'json']).stdout) as {
      teams: { id: string; suggested: { score: number }; measures: Record<string, { state: string }> }[];
      signals: unknown[];
    };
    expect(json.teams.map((t) => [t.id, t.suggested.score, t.measures['chronic-absence']!.state])).toEqual([
      ['granger', 4.5, 'improvement'],
      ['riverside', 2.5, 'common-cause'],
      ['lincoln', 2.5, 'concern'],
      ['canyon-view', 4, 'improvement'],
    ]);
    expect(JSON.stringify(json)).not.toContain(REPO_ROOT);
    const md = pdsa(['summary', COLLAB_EXAMPLE_DIR, '--format', 'markdown']).stdout;
    expect(md.split('\n').slice(0, 5)).toEqual([
      '## K-3 Attendance and Belonging Collaborative',
      '',
      'As of 2026-11-20; last action period Action period 3 (2026-05-11 to 2026-10-30).',
      '',
      '| Team | Self | Faculty | Suggested | Cycles | Chronic absence | Students who say they belong | Positive contacts with families | Office referrals, K-3 students with disabilities |',
    ]);
  });

  it('says clearly when there is no collaborative', () => {
    expect(pdsa(['summary', path.join(REPO_ROOT, 'examples', 'slc-belonging')])).toMatchObject({
      code: 2,
      stderr: expect.stringMatching(/^pdsa: no \*\.collaborative\.yaml file under the paths/),
    });
  });
});

describe('pdsa report', () => {
  it('writes one self-contained HTML file with every team and common measure, no scripts, requests or local paths', () => {
    const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'pdsa-report-')), 'report.html');
    const r = pdsa(['report', COLLAB_EXAMPLE_DIR, '-o', out]);
    expect(r.code).toBe(0);
    const html = fs.readFileSync(out, 'utf8');
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(html).not.toMatch(/<script|<link|<img|<iframe|url\(|@import/i);
    expect(html.match(/https?:\/\/[^"' ]+/g)!.every((u) => u === 'http://www.w3.org/2000/svg')).toBe(true);
    expect(html).not.toContain(REPO_ROOT);
    expect(html).not.toContain('file:');
    for (const t of TEAMS)
      expect(html).toContain(
        `<h2 id="team-${t.split(' ')[0]!.toLowerCase()}`.replace('team-canyon', 'team-canyon-view'),
      );
    for (const m of MEASURES) expect(html).toContain(`<th scope="row">${m}<br>`);
    // Each team's run charts and driver diagram.
    expect(html.match(/<svg[^>]*class="pdsa-chart/g)!.length).toBe(16);
    expect(html.match(/<figure class="diagram">/g)!.length).toBe(4);
  });
});

import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { buildDriverModel } from '../../server/src/core/analytics/drivers';
import { layoutDiagram, overlaps } from '../../server/src/core/analytics/layout';
import { renderDriverDiagram } from '../../server/src/core/render/driver-svg';
import { wrapText } from '../../server/src/core/render/text';
import { moveFactorEdits } from '../../server/src/core/service/factor-edits';
import { Workspace } from '../../server/src/core/workspace';
import { bigDriverWorkspace as bigWorkspace } from '../../bench/generate';

const EXAMPLE = path.join(__dirname, '..', '..', 'examples', 'slc-belonging');

function exampleWorkspace(): Workspace {
  const ws = new Workspace({ today: '2026-11-22' });
  ws.setWorksheet(
    'file:///ex/belonging.factors.yaml',
    fs.readFileSync(path.join(EXAMPLE, 'belonging.factors.yaml'), 'utf8'),
  );
  for (const f of fs.readdirSync(path.join(EXAMPLE, 'cycles')))
    ws.setWorksheet(`file:///ex/cycles/${f}`, fs.readFileSync(path.join(EXAMPLE, 'cycles', f), 'utf8'));
  return ws;
}

describe('driver diagram model', () => {
  const model = buildDriverModel(exampleWorkspace(), 'file:///ex/belonging.factors.yaml');

  it('derives aim -> primary -> secondary -> ideas -> cycles, with multi-parent links', () => {
    const kinds = (k: string) => model.nodes.filter((n) => n.kind === k).map((n) => n.id);
    expect(kinds('aim')).toEqual(['k3-belonging']);
    expect(kinds('primary')).toEqual(['F-pullout', 'F-expected-absence', 'F-problem-calls', 'F-late-bus']);
    expect(kinds('secondary')).toEqual([
      'F-side-entrance',
      'F-belonging-is-sped-job',
      'F-no-iep-followup',
      'F-calls-at-conferences',
    ]);
    expect(model.edges.filter((e) => e.to === 'F-side-entrance')).toEqual([
      { from: 'F-pullout', to: 'F-side-entrance' },
      { from: 'F-late-bus', to: 'F-side-entrance' },
    ]);
    expect(model.edges.filter((e) => e.to === 'S-greeters')).toEqual([
      { from: 'F-side-entrance', to: 'S-greeters', strength: 'strong' },
      { from: 'F-pullout', to: 'S-greeters', strength: 'weak' },
    ]);
  });

  it('attaches cycles to the right ideas with their status; untested ideas and unprioritised factors are muted', () => {
    const idea = (id: string) => model.nodes.find((n) => n.key === id)!;
    expect(idea('S-greeters').cycles).toEqual({ count: 4, latest: 'adopt', rampUnderWay: false });
    expect(idea('S-case-manager-followup').cycles).toEqual({ count: 2, latest: undefined, rampUnderWay: true });
    expect(idea('S-class-buddies').cycles).toEqual({ count: 1, latest: 'abandon', rampUnderWay: false });
    expect(idea('S-attendance-myths')).toMatchObject({ muted: true, cycles: { count: 0, rampUnderWay: false } });
    expect(model.nodes.find((n) => n.key === 'F-late-bus')!.muted).toBe(true);
    expect(model.nodes.find((n) => n.key === 'cycles:S-greeters')).toMatchObject({
      label: '4 cycles',
      detail: 'latest: adopt',
    });
  });

  it('shows one node per cycle for an expanded idea', () => {
    const expanded = buildDriverModel(exampleWorkspace(), 'file:///ex/belonging.factors.yaml', new Set(['S-greeters']));
    expect(expanded.nodes.filter((n) => n.key.startsWith('cycle:')).map((n) => n.id)).toEqual([
      'c01-greeters-one-door',
      'c02-greeters-photo-cards',
      'c03-greeters-side-entrance',
      'c04-greeters-four-schools',
    ]);
  });

  it('leaves out links to factors that do not exist (the checks report them)', () => {
    const ws = exampleWorkspace();
    const text = fs
      .readFileSync(path.join(EXAMPLE, 'belonging.factors.yaml'), 'utf8')
      .replace('parents: [F-problem-calls]', 'parents: [F-nowhere]');
    ws.setWorksheet('file:///ex/belonging.factors.yaml', text);
    const m = buildDriverModel(ws, 'file:///ex/belonging.factors.yaml');
    expect(m.nodes.find((n) => n.key === 'F-calls-at-conferences')!.kind).toBe('primary');
    expect(m.edges.some((e) => e.from === 'F-nowhere')).toBe(false);
  });

  it('knows which iceberg levels the strategies reach', () => {
    expect(model.levelsReached).toEqual(['event', 'pattern', 'structure', 'mental-model']);
  });

  it('lists the strategies that reach each iceberg level (address a factor at it), once each, in file order', () => {
    const ids = (level: keyof typeof model.reachedBy) => model.reachedBy[level].map((s) => s.id);
    expect(ids('event')).toEqual(['S-positive-calls']);
    expect(ids('pattern')).toEqual(['S-greeters', 'S-positive-calls']);
    expect(ids('structure')).toEqual(['S-greeters', 'S-homeroom-first', 'S-case-manager-followup', 'S-class-buddies']);
    expect(ids('mental-model')).toEqual(['S-homeroom-first', 'S-case-manager-followup', 'S-attendance-myths']);
    expect(model.reachedBy.structure[0]).toEqual({
      id: 'S-greeters',
      title: 'Morning greeters who know every student by name',
    });
  });

  it('lays boxes out without overlaps, also for 5 primary, 20 secondary, 40 ideas and 200 cycles', () => {
    expect(overlaps(layoutDiagram(model.nodes, model.edges))).toBe(false);
    const big = bigWorkspace();
    const m = buildDriverModel(big, 'file:///big/big.factors.yaml');
    expect(m.nodes.filter((n) => n.kind === 'idea')).toHaveLength(40);
    expect(overlaps(layoutDiagram(m.nodes, m.edges))).toBe(false);
    for (const width of [480, 600, 1000, 1600]) {
      expect(overlaps(layoutDiagram(model.nodes, model.edges, width)), `example at ${width}`).toBe(false);
      expect(overlaps(layoutDiagram(m.nodes, m.edges, width)), `bench at ${width}`).toBe(false);
    }
    const svg = renderDriverDiagram(m);
    expect(svg.match(/<g class="node/g)).toHaveLength(1 + 5 + 20 + 40 + 40);
  });

  it('beside the editor, puts the aim above four columns that share the panel and feeds the primary drivers from a trunk', () => {
    const l = layoutDiagram(model.nodes, model.edges, 600);
    const aim = l.boxes.get('aim')!;
    const primaries = model.nodes.filter((n) => n.kind === 'primary').map((n) => l.boxes.get(n.key)!);
    expect(l.width).toBeLessThanOrEqual(600);
    expect(aim.width).toBeGreaterThan(500);
    for (const p of primaries) expect(p.y).toBeGreaterThan(aim.y + aim.height);
    const trunk = l.routes.filter((r) => r.from === 'aim');
    expect(trunk).toHaveLength(primaries.length);
    for (const r of trunk) expect(r.points[0]).toEqual({ x: r.points[1]!.x, y: aim.y + aim.height });
    // Full width keeps the aim as the first column.
    const wide = layoutDiagram(model.nodes, model.edges, 1600);
    expect(wide.boxes.get('aim')!.x + wide.boxes.get('aim')!.width).toBeLessThan(wide.boxes.get(primaries[0]!.key)!.x);
  });

  it('wraps a long id after a hyphen, not between two letters', () => {
    expect(wrapText('F-belonging-is-sped-job · not priority', 110, 10)).toEqual([
      'F-belonging-is-sped-',
      'job · not priority',
    ]);
    expect(wrapText('abcdefghijklmnopqrstuvwxyz', 60, 10).join('')).toBe('abcdefghijklmnopqrstuvwxyz');
  });

  it('escapes worksheet text in the SVG', () => {
    const ws = exampleWorkspace();
    ws.setWorksheet(
      'file:///ex/belonging.factors.yaml',
      fs
        .readFileSync(path.join(EXAMPLE, 'belonging.factors.yaml'), 'utf8')
        .replace('title: Start every day in homeroom', 'title: "<script>alert(1)</script>"'),
    );
    const svg = renderDriverDiagram(buildDriverModel(ws, 'file:///ex/belonging.factors.yaml'));
    expect(svg).not.toContain('<script>');
    expect(svg).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  });
});

describe('a diagram to share', () => {
  it('carries no file paths or line numbers when portable (CLI and export)', () => {
    const model = buildDriverModel(exampleWorkspace(), 'file:///ex/belonging.factors.yaml');
    expect(renderDriverDiagram(model)).toContain('data-uri="file:///ex/');
    const portable = renderDriverDiagram(model, { portable: true, embedStyle: true });
    expect(portable).not.toMatch(/file:|data-uri|data-line/);
  });
});

describe('moving a factor in the four-blocker', () => {
  const uri = 'file:///ex/belonging.factors.yaml';
  const original = fs.readFileSync(path.join(EXAMPLE, 'belonging.factors.yaml'), 'utf8');
  const apply = (ws: Workspace, factor: string, impact: 'high' | 'low', influence: 'high' | 'low') =>
    TextDocument.applyEdits(
      TextDocument.create(uri, 'yaml', 1, ws.worksheet(uri)!.parsed.text),
      moveFactorEdits(ws.worksheet(uri)!, factor, impact, influence),
    );

  it('changes only the two values, keeping every comment and line', () => {
    const after = apply(exampleWorkspace(), 'F-late-bus', 'low', 'high');
    const diff = original
      .split('\n')
      .map((l, i) => [l, after.split('\n')[i]])
      .filter(([a, b]) => a !== b);
    expect(diff).toEqual([
      ['    impact: high', '    impact: low'],
      ['    influence: low', '    influence: high'],
    ]);
  });

  it("adds the keys when the factor has none, at the factor's indentation", () => {
    const ws = new Workspace({ today: '2026-11-22' });
    ws.setWorksheet(
      uri,
      'version: 1\nid: f\ntitle: t\nresult:\n  statement: s\nfactors:\n  - id: F1\n    statement: x # why\n    level: event\nstrategies: []\n',
    );
    expect(apply(ws, 'F1', 'high', 'low')).toBe(
      'version: 1\nid: f\ntitle: t\nresult:\n  statement: s\nfactors:\n  - id: F1\n    statement: x # why\n    level: event\n    impact: high\n    influence: low\nstrategies: []\n',
    );
  });
});

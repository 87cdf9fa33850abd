import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyseCompact, compactWorksheet } from '../../server/src/core/compact';
import { Workspace } from '../../server/src/core/workspace';
import { teamWorkspaceFiles } from '../../bench/generate';
import { EXAMPLE_DIR } from '../node-helpers';
import { TODAY } from '../helpers';
import { collabFiles, teamCycle, teamFactors } from '../collab/fixture';

/** name -> text of every file under a folder (worksheets, CSV, config). */
function readFolder(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const e of fs.readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (e.isFile())
      out.set(
        path.relative(dir, path.join(e.parentPath, e.name)).split(path.sep).join('/'),
        fs.readFileSync(path.join(e.parentPath, e.name), 'utf8'),
      );
  }
  return out;
}

/**
 * Loads the files into a workspace: in process (setWorksheet), or the way workers and caches do it
 * (the compact result, structured-cloned as postMessage and the cache do, then setAnalysed).
 */
function load(files: Map<string, string>, compact: boolean): Workspace {
  const ws = new Workspace({ today: TODAY, retainSyntaxTrees: false });
  for (const [name, text] of files) {
    const uri = `file:///ws/${name}`;
    if (name.endsWith('.csv')) ws.setCsv(uri, text);
    else if (name.endsWith('pdsa.config.yaml')) ws.setConfig(uri, text);
    else if (!compact) ws.setWorksheet(uri, text);
    else {
      const result = analyseCompact(uri, text);
      if (result) ws.setAnalysed(structuredClone(result), text);
    }
  }
  for (const uri of ws.missingCsv()) ws.setCsv(uri, null);
  return ws;
}

/** A generated collaborative with the slips that put cross-file diagnostics in every place they can go. */
function brokenTeams(): Map<string, string> {
  const files = teamWorkspaceFiles(2, 24);
  const edit = (name: string, from: string | RegExp, to: string) => {
    const text = files.get(name)!;
    const next = text.replace(from, to);
    if (next === text) throw new Error(`edit of ${name} changed nothing`);
    files.set(name, next);
  };
  const cycle = (t: number, i: number) => `team-0${t}/cycles/t0${t}-c${i}.pdsa.yaml`;
  edit(cycle(0, 3), /^strategy: .*$/m, 'strategy: t00-S99'); // unknown reference
  edit(cycle(0, 5), /^id: .*$/m, 'id: t00-c4'); // duplicate id
  edit(cycle(0, 7), 'plan:\n', 'plan:\n  objective: [unclosed\n'); // syntax error
  edit(cycle(0, 9), /\nstudy:[\s\S]*?\nact:/, '\nact:'); // the Do ended, no Study: stuck-at-do on `do`
  edit(cycle(0, 10), /\ndo:[\s\S]*?\nact:/, '\nact:'); // ... and on plan.when.end when there is no Do
  edit(cycle(1, 23), 'decision: adopt', 'decision: adapt'); // adapt, and nothing builds on it
  edit(cycle(1, 2), /^previous: .*$/m, 'previous: t01-c5'); // a loop c2 -> c5 -> c4 -> c3 -> c2
  edit('team-01/focus.factors.yaml', /(- id: t01-F0\n(?:.*\n)*?)    priority: true\n/, '$1'); // S0 addresses only an unprioritised factor
  edit(
    'team-01/focus.factors.yaml',
    'measures:\n',
    'measures:\n  - id: t01-unused\n    name: Nobody collects this\n    kind: process\n    better: up\n',
  ); // a measure without data
  return files;
}

function compare(files: Map<string, string>): Map<string, unknown> {
  const inProcess = load(files, false);
  const viaCompact = load(files, true);
  const expected = inProcess.allDiagnostics();
  expect(viaCompact.allDiagnostics()).toEqual(expected);
  // The cross-file checks placed every diagnostic without a syntax tree: none was re-parsed.
  for (const file of viaCompact.worksheets()) expect(file.parsed.doc, file.uri).toBeUndefined();
  return expected;
}

describe('compact per-file results (what workers and caches hand back)', () => {
  it('give the example the same diagnostics as the in-process path', () => {
    const results = compare(readFolder(EXAMPLE_DIR));
    expect(results.size).toBeGreaterThan(10);
  });

  it('give a generated collaborative with cross-file problems the same diagnostics', () => {
    const results = compare(brokenTeams()) as Map<string, { code: string }[]>;
    const codes = new Set([...results.values()].flat().map((d) => d.code));
    for (const code of [
      'unknown-reference',
      'duplicate-id',
      'yaml-syntax',
      'stuck-at-do',
      'adapt-without-followup',
      'reference-loop',
      'strategy-unprioritised',
      'measure-without-data',
    ]) {
      expect(codes, code).toContain(code);
    }
  });

  it("give a collaborative's cross-team checks the same diagnostics", () => {
    const north = teamFactors('north', {
      unit: 'students',
      pkg: 'P-unknown',
      points: '      - [2026-08-04, 12, 40]\n      - [2026-08-11, 11]',
    }).replace('kind: outcome', 'kind: process');
    const files = new Map(
      Object.entries(
        collabFiles({
          'teams/north/north.factors.yaml': north,
          'teams/north/c1.pdsa.yaml': teamCycle('c1', { data: '      - [2026-08-10, 8, 10]' }),
        }),
      ),
    );
    const results = compare(files) as Map<string, { code: string }[]>;
    const codes = [...results.values()]
      .flat()
      .map((d) => d.code)
      .sort();
    expect(codes).toEqual([
      'assessment-disagreement',
      'assessment-flat',
      'common-measure-no-data',
      'common-measure-redefined',
      'common-measure-redefined',
      'common-measure-redefined',
      'common-measure-redefined',
      'unknown-package-idea',
    ]);
  });

  it('carry no syntax tree and survive a structured clone unchanged', () => {
    const text = teamWorkspaceFiles(1, 1).get('team-00/focus.factors.yaml')!;
    const result = analyseCompact('file:///ws/a.factors.yaml', text)!;
    expect(JSON.stringify(result)).not.toMatch(/"range":\[\d+,\d+,\d+\]/); // yaml nodes carry [start, valueEnd, end]
    expect(structuredClone(result)).toEqual(result);
    expect(Object.keys(result.anchors).length).toBeGreaterThan(10);
  });

  it('keep what the in-process analysis has, minus the tree', () => {
    const ws = new Workspace({ today: TODAY });
    const text = teamWorkspaceFiles(1, 3).get('team-00/cycles/t00-c2.pdsa.yaml')!;
    const file = ws.setWorksheet('file:///ws/c.pdsa.yaml', text)!;
    const compact = compactWorksheet(file);
    expect(compact).toEqual(analyseCompact('file:///ws/c.pdsa.yaml', text));
    expect(compact.cycle).toBe(file.cycle);
    expect('parsed' in compact).toBe(false);
  });
});

import { describe, expect, it } from 'vitest';
import { applyChanges, loadFound, WorkspaceFiles } from '../../server/src/core/files';
import { Workspace } from '../../server/src/core/workspace';
import { FACTORS, TODAY, cycle, memoryHost } from '../helpers';

const NO_PREDICTION = cycle('c1').replace('      prediction: Yes\n', '');

async function scanned(files: Record<string, string>) {
  const host = memoryHost(files);
  const wf = new WorkspaceFiles(host, [host.root]);
  const found = await wf.scan();
  const names = (uris: string[]) => uris.map((u) => decodeURIComponent(u.slice(host.root.length + 1)));
  return { host, wf, found, worksheets: names(found.worksheets), configs: names(found.configs) };
}

async function loaded(files: Record<string, string>) {
  const s = await scanned(files);
  const ws = new Workspace({ today: TODAY });
  ws.setRoots(s.wf.roots);
  await loadFound(ws, s.wf, s.found);
  return { ...s, ws, codes: (name: string) => ws.diagnostics(s.host.uri(name)).map((d) => `${d.code}:${d.severity}`) };
}

describe('workspace files: discovery', () => {
  it('lists cycles, factors, collaborative files and configs, and skips .git and node_modules', async () => {
    const { worksheets, configs } = await scanned({
      'focus.factors.yml': FACTORS,
      'cycles/c1.pdsa.yaml': '',
      'teams/all.collaborative.yaml': '',
      'pdsa.config.yaml': '',
      'teams/west/pdsa.config.yaml': '',
      'notes.yaml': '',
      'data/x.csv': '',
      'node_modules/p/c.pdsa.yaml': '',
      '.git/c.pdsa.yaml': '',
      'has space/c 2.pdsa.yaml': '',
    });
    expect(worksheets).toEqual([
      'cycles/c1.pdsa.yaml',
      'focus.factors.yml',
      'has space/c 2.pdsa.yaml',
      'teams/all.collaborative.yaml',
    ]);
    expect(configs).toEqual(['pdsa.config.yaml', 'teams/west/pdsa.config.yaml']);
  });

  it('names what cannot be scanned instead of failing', async () => {
    const host = memoryHost({ 'a.pdsa.yaml': '' });
    const wf = new WorkspaceFiles(host, [host.root]);
    const found = await wf.scan([host.uri('missing'), host.uri('a.pdsa.yaml'), 'memfs:/elsewhere']);
    expect(found.worksheets).toEqual([host.uri('a.pdsa.yaml')]);
    expect(found.problems).toEqual([
      { uri: host.uri('missing'), kind: 'unreadable', message: 'no such file or directory' },
      { uri: 'memfs:/elsewhere', kind: 'unreadable', message: 'outside the workspace' },
    ]);
  });
});

describe('workspace files: ignore rules with git semantics', () => {
  it('reads a .gitignore in every folder, patterns relative to it', async () => {
    const { worksheets } = await scanned({
      '.gitignore': 'drafts/\n*.tmp.pdsa.yaml\n',
      'a.pdsa.yaml': '',
      'drafts/x.pdsa.yaml': '',
      'y.tmp.pdsa.yaml': '',
      'team/.gitignore': 'old.pdsa.yaml\n',
      'team/old.pdsa.yaml': '',
      'team/new.pdsa.yaml': '',
      'other/old.pdsa.yaml': '',
    });
    expect(worksheets).toEqual(['a.pdsa.yaml', 'other/old.pdsa.yaml', 'team/new.pdsa.yaml']);
  });

  it('lets a deeper !pattern bring back a file a higher layer ignored, but not inside an ignored folder', async () => {
    const { worksheets, wf, host } = await scanned({
      '.gitignore': '*.pdsa.yaml\narchive/\n',
      'a.pdsa.yaml': '',
      'keep/.gitignore': '!keep.pdsa.yaml\n',
      'keep/keep.pdsa.yaml': '',
      'keep/drop.pdsa.yaml': '',
      'archive/.gitignore': '!*.pdsa.yaml\n',
      'archive/z.pdsa.yaml': '',
    });
    expect(worksheets).toEqual(['keep/keep.pdsa.yaml']);
    // The same judgement for a single file (a watched change), without a scan.
    expect(await wf.isIgnored(host.uri('keep/keep.pdsa.yaml'))).toBe(false);
    expect(await wf.isIgnored(host.uri('keep/drop.pdsa.yaml'))).toBe(true);
    expect(await wf.isIgnored(host.uri('archive/z.pdsa.yaml'))).toBe(true);
    expect(await wf.isIgnored('memfs:/elsewhere/x.pdsa.yaml')).toBe(true);
  });

  it('a deeper ignore file can also ignore what a higher one kept', async () => {
    const { worksheets } = await scanned({
      '.gitignore': '!*.pdsa.yaml\n',
      'a/.gitignore': '*\n',
      'a/x.pdsa.yaml': '',
      'b.pdsa.yaml': '',
    });
    expect(worksheets).toEqual(['b.pdsa.yaml']);
  });

  it('rescans when an ignore file changes, and drops or adds files', async () => {
    const { ws, host, wf } = await loaded({
      'focus.factors.yaml': FACTORS,
      'c1.pdsa.yaml': cycle('c1'),
      'drafts/c2.pdsa.yaml': cycle('c2'),
    });
    expect(ws.fileCount).toBe(3);
    host.files['.gitignore'] = 'drafts/\n';
    await applyChanges(ws, wf, [{ uri: host.uri('.gitignore'), type: 'created' }]);
    expect(ws.worksheet(host.uri('drafts/c2.pdsa.yaml'))).toBeUndefined();
    expect(ws.fileCount).toBe(2);
    // A file created in an ignored folder stays out.
    host.files['drafts/c3.pdsa.yaml'] = cycle('c3');
    await applyChanges(ws, wf, [{ uri: host.uri('drafts/c3.pdsa.yaml'), type: 'created' }]);
    expect(ws.worksheet(host.uri('drafts/c3.pdsa.yaml'))).toBeUndefined();
    delete host.files['.gitignore'];
    await applyChanges(ws, wf, [{ uri: host.uri('.gitignore'), type: 'deleted' }]);
    expect(ws.fileCount).toBe(4);
  });
});

describe('workspace files: config lookup', () => {
  it('the nearest pdsa.config.yaml upward governs a file; a nested one governs its folder', async () => {
    const { codes } = await loaded({
      'pdsa.config.yaml': 'version: 1\nchecks:\n  no-prediction: error\n',
      'focus.factors.yaml': FACTORS,
      'c1.pdsa.yaml': NO_PREDICTION,
      'teams/west/pdsa.config.yaml': 'version: 1\nchecks:\n  no-prediction: off\n',
      'teams/west/cycles/c2.pdsa.yaml': NO_PREDICTION.replace('id: c1', 'id: c2'),
      'teams/east/c3.pdsa.yaml': NO_PREDICTION.replace('id: c1', 'id: c3'),
    });
    expect(codes('c1.pdsa.yaml')).toEqual(['no-prediction:error']);
    expect(codes('teams/west/cycles/c2.pdsa.yaml')).toEqual([]);
    expect(codes('teams/east/c3.pdsa.yaml')).toEqual(['no-prediction:error']);
  });

  it('a config outside the workspace governs nothing, but its own problems are still reported', () => {
    const ws = new Workspace({ today: TODAY });
    ws.setRoots(['memfs:/ws/project']);
    ws.setWorksheet('memfs:/ws/project/focus.factors.yaml', FACTORS);
    ws.setWorksheet('memfs:/ws/project/c1.pdsa.yaml', NO_PREDICTION);
    ws.setConfig('memfs:/ws/pdsa.config.yaml', 'version: 1\nchecks:\n  no-prediction: off\n  nope: error\n');
    expect(ws.diagnostics('memfs:/ws/project/c1.pdsa.yaml').map((d) => d.code)).toEqual(['no-prediction']);
    expect(ws.diagnostics('memfs:/ws/pdsa.config.yaml').map((d) => d.code)).toEqual(['unknown-key']);
    // The same config inside the workspace governs; removing it restores the defaults.
    ws.setConfig('memfs:/ws/project/pdsa.config.yaml', 'version: 1\nchecks:\n  no-prediction: off\n');
    expect(ws.diagnostics('memfs:/ws/project/c1.pdsa.yaml')).toEqual([]);
    ws.setConfig('memfs:/ws/project/pdsa.config.yaml', undefined);
    expect(ws.diagnostics('memfs:/ws/project/c1.pdsa.yaml').map((d) => d.code)).toEqual(['no-prediction']);
  });

  it('takes `today` from the outermost config in the workspace', () => {
    const ws = new Workspace();
    ws.setRoots(['memfs:/ws']);
    ws.setConfig('memfs:/ws/team/pdsa.config.yaml', 'version: 1\ntoday: 2026-03-01\n');
    expect(ws.today).toBe('2026-03-01');
    ws.setConfig('memfs:/ws/pdsa.config.yaml', 'version: 1\ntoday: 2026-02-01\n');
    expect(ws.today).toBe('2026-02-01');
    ws.setConfig('memfs:/pdsa.config.yaml', 'version: 1\ntoday: 2020-01-01\n');
    expect(ws.today).toBe('2026-02-01');
  });

  it('scanning a folder inside the workspace also finds the configs above it, up to the root', async () => {
    const host = memoryHost({
      'pdsa.config.yaml': '',
      'a/pdsa.config.yaml': '',
      'a/b/c.pdsa.yaml': '',
      'x/pdsa.config.yaml': '',
    });
    const found = await new WorkspaceFiles(host, [host.root]).scan([host.uri('a/b')]);
    expect(found.configs).toEqual([host.uri('a/pdsa.config.yaml'), host.uri('pdsa.config.yaml')].sort());
  });
});

describe('workspace files: reading linked files', () => {
  it('reads a CSV file only inside the workspace and only when it is a regular file', async () => {
    const host = memoryHost({ 'data/m.csv': 'date,value\n', 'data/folder/x.csv': '' });
    const wf = new WorkspaceFiles(host, [`${host.root}/data`]);
    expect(await wf.readLinked(host.uri('data/m.csv'))).toEqual({ text: 'date,value\n' });
    expect(await wf.readLinked(host.uri('data/folder'))).toEqual({ problem: 'it is a folder, not a file' });
    expect(await wf.readLinked(host.uri('secret.csv'))).toEqual({
      problem: expect.stringMatching(/^it is outside the workspace/),
    });
    expect(await wf.readLinked(`${host.root}/data/../secret.csv`)).toEqual({
      problem: expect.stringMatching(/^it is outside the workspace/),
    });
    expect(host.reads).toEqual(['data/m.csv']);
  });
});

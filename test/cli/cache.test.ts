import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCheck } from '../../server/src/cli/check';
import { analyseCompact } from '../../server/src/core/compact';
import { contentHash, ResultCache } from '../../server/src/node/result-cache';
import { teamWorkspaceFiles } from '../../bench/generate';
import { pdsa, REPO_ROOT, tempWorkspace } from '../node-helpers';
import { changeFiles, teams } from '../team-workspace';

const WORKER = path.join(REPO_ROOT, 'dist', 'analysis-worker.js');
const TODAY = '2026-11-22';

describe('pdsa check on worker threads and with --cache', () => {
  it('gives the same results on worker threads as in one thread', async () => {
    const dir = teams(100);
    changeFiles(dir);
    const inProcess = await runCheck({ paths: [dir], today: TODAY, threads: 0 });
    const parallel = await runCheck({ paths: [dir], today: TODAY, threads: 2, workerScript: WORKER });
    expect(inProcess.stats).toMatchObject({ threads: 0, analysed: 404 });
    expect(parallel.stats).toMatchObject({ threads: 2, analysed: 404 });
    expect([...parallel.results]).toEqual([...inProcess.results]);
    const codes = new Set([...inProcess.results.values()].flat().map((d) => d.code));
    for (const code of ['unknown-reference', 'duplicate-id', 'yaml-syntax', 'csv-error', 'adapt-without-followup'])
      expect(codes, code).toContain(code);
  });

  it('analyses small inputs in process, where workers do not pay', async () => {
    const dir = tempWorkspace(Object.fromEntries([...teamWorkspaceFiles(1, 5)]));
    expect((await runCheck({ paths: [dir], today: TODAY, threads: 2, workerScript: WORKER })).stats.threads).toBe(0);
  });

  it('reuses the results of unchanged files and re-analyses the changed ones', async () => {
    const dir = teams();
    const cacheDir = path.join(dir, '.pdsa-cache');
    const first = await runCheck({ paths: [dir], today: TODAY, cacheDir, threads: 0 });
    expect(first.stats).toMatchObject({ analysed: 52, reused: 0 });
    const again = await runCheck({ paths: [dir], today: TODAY, cacheDir, threads: 0 });
    expect(again.fromCache).toBe(true);
    expect([...again.results]).toEqual([...first.results]);

    changeFiles(dir);
    const cold = await runCheck({ paths: [dir], today: TODAY, threads: 0 });
    const warm = await runCheck({ paths: [dir], today: TODAY, cacheDir, threads: 0 });
    expect(warm.fromCache).toBe(false);
    expect(warm.stats).toMatchObject({ analysed: 3, reused: 49 }); // the two edited cycles and the new one
    expect([...warm.results]).toEqual([...cold.results]);
    // A different date is a different run: the per-file results stay valid, the cross-file checks run again.
    const later = await runCheck({ paths: [dir], today: '2027-01-01', cacheDir, threads: 0 });
    expect(later.fromCache).toBe(false);
    expect(later.stats.analysed).toBe(0);
  });

  it('prints the same as an uncached run, after every kind of change on disk', () => {
    const dir = teams();
    const run = (...extra: string[]) => pdsa(['check', '--format', 'json', '--today', TODAY, ...extra], dir);
    const cold = run();
    expect(run('--cache').stdout).toBe(cold.stdout);
    const cached = run('--cache');
    expect(cached.stdout).toBe(cold.stdout);
    expect(fs.readdirSync(path.join(dir, '.pdsa-cache')).sort()).toEqual(['analysis.bin', 'check-run.json']);

    changeFiles(dir);
    const changedCold = run();
    expect(changedCold.stdout).not.toBe(cold.stdout);
    const changedCached = run('--cache');
    expect(changedCached.stdout).toBe(changedCold.stdout);
    expect(changedCached.code).toBe(changedCold.code);
    // The same text with the same size, written back with an old modification time: content decides, not the clock.
    const cycle = path.join(dir, 'team-01/cycles/t01-c7.pdsa.yaml');
    const { mtime } = fs.statSync(cycle);
    fs.writeFileSync(cycle, fs.readFileSync(cycle, 'utf8').replace('t01-S99', 't01-S98'));
    fs.utimesSync(cycle, mtime, mtime);
    expect(run('--cache').stdout).toBe(run().stdout);
    expect(run('--cache').stdout).toContain('t01-S98');
  });

  it('ignores a damaged cache and rewrites it', () => {
    const dir = teams();
    const cold = pdsa(['check', '--today', TODAY], dir);
    pdsa(['check', '--today', TODAY, '--cache'], dir);
    const bin = path.join(dir, '.pdsa-cache', 'analysis.bin');
    fs.writeFileSync(bin, fs.readFileSync(bin).subarray(0, 5000));
    fs.writeFileSync(path.join(dir, '.pdsa-cache', 'check-run.json'), '{"tool":');
    const r = pdsa(['check', '--today', TODAY, '--cache'], dir);
    expect(r.stdout).toBe(cold.stdout);
    expect(r.stderr).toBe(cold.stderr);
    expect(pdsa(['check', '--today', TODAY, '--cache'], dir).stderr).toMatch(/\(cached\)\n$/);
  });
});

describe('the per-file result cache', () => {
  it('keeps results by URI and content hash, and drops them for another build of the tool', () => {
    const dir = tempWorkspace({});
    const file = path.join(dir, 'cache', 'analysis.bin');
    const text = teamWorkspaceFiles(1, 1).get('team-00/cycles/t00-c0.pdsa.yaml')!;
    const result = analyseCompact('/ws/c.pdsa.yaml', text)!;
    const hash = contentHash(text);
    const cache = new ResultCache(file, 'build-a');
    cache.set('/ws/c.pdsa.yaml', hash, result);
    cache.save();
    const again = new ResultCache(file, 'build-a');
    expect(again.get('/ws/c.pdsa.yaml', hash)).toEqual(result);
    expect(again.get('/ws/c.pdsa.yaml', contentHash(`${text}\n`))).toBeUndefined();
    expect(again.get('/ws/other.pdsa.yaml', hash)).toBeUndefined();
    expect(new ResultCache(file, 'build-b').size).toBe(0);
  });
});

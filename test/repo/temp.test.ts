import * as os from 'node:os';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempWorkspace } from '../node-helpers';

describe('test runs', () => {
  it('keep their temp files in one folder of their own, which the run removes (test/build-once.ts)', () => {
    expect(path.basename(os.tmpdir())).toMatch(/^pdsa-tests-/);
    expect(path.dirname(tempWorkspace({}))).toBe(os.tmpdir());
    // Processes the tests start (CLI, language server, code-server, Chromium) inherit it.
    expect(process.env.TMPDIR).toBe(os.tmpdir());
  });
});

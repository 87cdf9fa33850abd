import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { LspClient, tempWorkspace } from './lsp-client';

const EXAMPLE = path.join(__dirname, '..', '..', 'examples', 'slc-belonging');
const C03 = 'cycles/c03-greeters-side-entrance.pdsa.yaml';
const C04 = 'cycles/c04-greeters-four-schools.pdsa.yaml';
const C12 = 'cycles/c12-case-manager-calls.pdsa.yaml';
const C13 = 'cycles/c13-case-manager-calls-script.pdsa.yaml';

describe('language server: a slip while typing stays in the file being typed in', () => {
  let client: LspClient;

  beforeAll(async () => {
    client = new LspClient(tempWorkspace({}, EXAMPLE));
    await client.start();
    await client.waitFor(() => client.notifications.length > 0, 'first workspace status');
  });
  afterAll(() => client.stop());

  /**
   * Types `slip` at a place in one file, waits until the server reports its syntax error, then undoes
   * it and waits until the file is clean again; returns every list the server published meanwhile for `other`.
   */
  async function slipAndUndo(
    file: string,
    at: { line: number; character: number },
    slip: string,
    other: string,
  ): Promise<Diagnostic[][]> {
    const uri = client.open(file);
    const otherUri = client.uri(other);
    await client.waitFor(() => client.diagnostics.get(uri)?.length === 0, `${file} clean on open`);
    const seen: Diagnostic[][] = [];
    const record = () => {
      const list = client.diagnostics.get(otherUri);
      if (list && list !== seen[seen.length - 1]) seen.push(list);
    };
    client.edit(uri, { start: at, end: at }, slip);
    const errors = await client.waitFor(() => {
      record();
      const list = client.diagnostics.get(uri);
      return list?.some((d) => d.code === 'yaml-syntax') ? list : undefined;
    }, 'the syntax error');
    expect(errors.every((d) => d.code === 'yaml-syntax')).toBe(true);
    const lines = slip.split('\n');
    const end = {
      line: at.line + lines.length - 1,
      character: (lines.length === 1 ? at.character : 0) + lines.at(-1)!.length,
    };
    client.edit(uri, { start: at, end }, '');
    await client.waitFor(() => {
      record();
      return client.diagnostics.get(uri)?.length === 0;
    }, `${file} clean again`);
    return seen;
  }

  it('a half-typed key at the end of c13 does not make c12 say that no cycle builds on it', async () => {
    const seen = await slipAndUndo(C13, { line: 25, character: 0 }, 'deci', C12);
    expect(seen.flat()).toEqual([]);
  });

  it('a broken line in c03 does not make c04 say that c03 does not exist', async () => {
    // Line 19 is "  what: Greeters at both entrances, ..."; a second ": " and a stray quote break it.
    const seen = await slipAndUndo(C03, { line: 18, character: 8 }, 'Greeters: at: both\n  bad "', C04);
    expect(seen.flat()).toEqual([]);
  });
});

import { describe, expect, it } from 'vitest';
import { completions } from '../../server/src/core/service/completion';
import { FACTORS, TODAY, workspaceOf } from '../helpers';

const HEAD = 'version: 1\nid: c1\ntitle: Cycle c1\nstrategy: S1\n';

function sectionBody(text: string, label: string): string {
  const ws = workspaceOf({ 'focus.factors.yaml': FACTORS, 'c1.pdsa.yaml': text });
  const lines = text.split('\n');
  const items = completions(ws, 'file:///ws/c1.pdsa.yaml', { line: lines.length - 1, character: 0 }, TODAY);
  const item = items.find((i) => i.label === `${label} (section)`);
  expect(item, `${label} snippet`).toBeDefined();
  return (item!.textEdit as { newText: string } | undefined)?.newText ?? String(item!.insertText);
}

describe('section snippets', () => {
  it("offer the cycle's own measures as a choice and start data values empty, never at a fake 0", () => {
    const body = sectionBody(`${HEAD}measures: [absence]\nplan:\n  objective: x\n`, 'do');
    expect(body).toContain('    ${4|absence|}:\n');
    expect(body).toContain(`      - [\${5:${TODAY}}, \${6}]`);
    expect(body).not.toMatch(/measure-id|, ?\$\{6:0\}/);
  });

  it("offer the workspace's measures when the cycle names none", () => {
    expect(sectionBody(`${HEAD}plan:\n  objective: x\n`, 'do')).toContain('    ${4|absence|}:\n');
  });
});

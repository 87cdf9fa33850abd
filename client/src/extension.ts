import * as vscode from 'vscode';
import { listItems } from '../../server/src/lsp/protocol';
import { newCycleFile, startNextCycle } from './commands';
import { Ctx } from './ctx';
import { RUN_CHART_VIEW, RunChartPanel } from './panels/runChartPanel';
import type { ChartViewState } from './webview/protocol';

let ctx: Ctx | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  ctx = new Ctx(context);
  const c = ctx;
  c.register(vscode.commands.registerCommand('pdsa.newCycle', () => newCycleFile(c)));
  c.register(vscode.commands.registerCommand('pdsa.startNextCycle', (from?: string) => startNextCycle(c, from)));
  c.register(vscode.commands.registerCommand('pdsa.restartServer', () => c.restart()));
  c.register(vscode.commands.registerCommand('pdsa.showOutput', () => c.output.show()));
  c.register(vscode.commands.registerCommand('pdsa.showRunChart', (measure?: string) => showRunChart(c, measure)));
  // Chart panels come back after a window reload.
  c.register(
    vscode.window.registerWebviewPanelSerializer(RUN_CHART_VIEW, {
      deserializeWebviewPanel: async (panel, state: ChartViewState | undefined) => RunChartPanel.revive(c, panel, state),
    }),
  );
  await c.start();
}

/** From a CodeLens the measure comes as an argument; from the palette or the editor title, the user picks one. */
async function showRunChart(c: Ctx, measure?: string): Promise<void> {
  if (typeof measure !== 'string') {
    const measures = await c.languageClient.sendRequest(listItems, { kind: 'measure' });
    if (measures.length === 0) {
      void vscode.window.showWarningMessage('No measures in this workspace yet: add one to a *.factors.yaml file first.');
      return;
    }
    const picked = await vscode.window.showQuickPick(
      measures.map((m) => ({ label: m.id, description: m.title })),
      { title: 'Show run chart: which measure?' },
    );
    if (!picked) return;
    measure = picked.label;
  }
  RunChartPanel.show(c, measure);
}

export async function deactivate(): Promise<void> {
  await ctx?.dispose();
  ctx = undefined;
}

import * as vscode from 'vscode';
import { listItems } from '../../server/src/lsp/protocol';
import { newCycleFile, startNextCycle } from './commands';
import { Ctx, type ServerLauncher } from './ctx';
import { RUN_CHART_VIEW, RunChartPanel } from './panels/runChartPanel';
import type { ChartViewState, DiagramViewState } from './webview/protocol';
import { DRIVER_VIEW, DriverPanel } from './panels/driverPanel';
import { DASHBOARD_VIEW, DashboardPanel } from './panels/dashboardPanel';

let ctx: Ctx | undefined;

/** Activation shared by the desktop (main.ts) and the web (browser.ts): only the server's launcher differs. */
export async function activateExtension(context: vscode.ExtensionContext, launcher: ServerLauncher): Promise<void> {
  ctx = new Ctx(context, launcher);
  const c = ctx;
  c.register(vscode.commands.registerCommand('pdsa.newCycle', () => newCycleFile(c)));
  c.register(
    vscode.commands.registerCommand('pdsa.startNextCycle', (from?: string, uri?: string) =>
      startNextCycle(c, from, uri),
    ),
  );
  c.register(vscode.commands.registerCommand('pdsa.restartServer', () => c.restart()));
  c.register(vscode.commands.registerCommand('pdsa.showOutput', () => c.output.show()));
  c.register(
    vscode.commands.registerCommand('pdsa.showRunChart', (measure?: string, from?: string) =>
      showRunChart(c, measure, from),
    ),
  );
  c.register(
    vscode.commands.registerCommand('pdsa.showDriverDiagram', (uri?: vscode.Uri | string) => showDriverDiagram(c, uri)),
  );
  c.register(
    vscode.commands.registerCommand('pdsa.showDashboard', (uri?: vscode.Uri | string) => showDashboard(c, uri)),
  );
  // Chart panels come back after a window reload.
  c.register(
    vscode.window.registerWebviewPanelSerializer(RUN_CHART_VIEW, {
      deserializeWebviewPanel: async (panel, state: ChartViewState | undefined) =>
        RunChartPanel.revive(c, panel, state),
    }),
  );
  c.register(
    vscode.window.registerWebviewPanelSerializer(DRIVER_VIEW, {
      deserializeWebviewPanel: async (panel, state: DiagramViewState | undefined) =>
        DriverPanel.revive(c, panel, state),
    }),
  );
  c.register(
    vscode.window.registerWebviewPanelSerializer(DASHBOARD_VIEW, {
      deserializeWebviewPanel: async (panel, state: { uri?: string } | undefined) =>
        DashboardPanel.revive(c, panel, state),
    }),
  );
  await c.start();
}

/** The dashboard of the collaborative file given (editor title), open in the editor, or picked from the workspace's. */
async function showDashboard(c: Ctx, uri?: vscode.Uri | string): Promise<void> {
  let target = typeof uri === 'string' ? uri : uri?.toString();
  const active = vscode.window.activeTextEditor?.document;
  if (!target && active && /\.collaborative\.ya?ml$/.test(active.fileName)) target = active.uri.toString();
  if (!target) {
    const all = await (await c.languageClient()).sendRequest(listItems, { kind: 'collaborative' });
    if (all.length === 0) {
      void vscode.window.showWarningMessage('No *.collaborative.yaml file in this workspace yet.');
      return;
    }
    const picked =
      all.length === 1
        ? { uri: all[0]!.uri }
        : await vscode.window.showQuickPick(
            all.map((f) => ({ label: f.title ?? f.id, description: f.id, uri: f.uri })),
            { title: 'Show collaborative dashboard: which collaborative?' },
          );
    if (!picked) return;
    target = picked.uri;
  }
  DashboardPanel.show(c, target);
}

/** The diagram of the factors file given (editor title), open in the editor, or picked from the workspace's. */
async function showDriverDiagram(c: Ctx, uri?: vscode.Uri | string): Promise<void> {
  let target = typeof uri === 'string' ? uri : uri?.toString();
  const active = vscode.window.activeTextEditor?.document;
  if (!target && active && /\.factors\.ya?ml$/.test(active.fileName)) target = active.uri.toString();
  if (!target) {
    const focuses = await (await c.languageClient()).sendRequest(listItems, { kind: 'focus' });
    if (focuses.length === 0) {
      void vscode.window.showWarningMessage('No *.factors.yaml file in this workspace yet.');
      return;
    }
    const picked =
      focuses.length === 1
        ? { uri: focuses[0]!.uri }
        : await vscode.window.showQuickPick(
            focuses.map((f) => ({ label: f.id, description: f.title, uri: f.uri })),
            { title: 'Show driver diagram: which focus area?' },
          );
    if (!picked) return;
    target = picked.uri;
  }
  DriverPanel.show(c, target);
}

/** From a CodeLens the measure comes as an argument; from the palette or the editor title, the user picks one. */
async function showRunChart(c: Ctx, measure?: string, from?: string): Promise<void> {
  if (typeof measure !== 'string') {
    const measures = await (await c.languageClient()).sendRequest(listItems, { kind: 'measure' });
    if (measures.length === 0) {
      void vscode.window.showWarningMessage(
        'No measures in this workspace yet: add one to a *.factors.yaml file first.',
      );
      return;
    }
    const picked = await vscode.window.showQuickPick(
      measures.map((m) => ({ label: m.id, description: m.title })),
      { title: 'Show run chart: which measure?' },
    );
    if (!picked) return;
    measure = picked.label;
  }
  RunChartPanel.show(c, measure, typeof from === 'string' ? from : undefined);
}

export async function deactivate(): Promise<void> {
  await ctx?.dispose();
  ctx = undefined;
}

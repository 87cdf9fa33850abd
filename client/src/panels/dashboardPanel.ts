import * as vscode from 'vscode';
import { dashboard } from '../../../server/src/lsp/protocol';
import type { Ctx } from '../ctx';
import { onWorksheetChange, webviewHtml, webviewOptions } from './webview-html';
import type { FromDashboardWebview, ToDashboardWebview } from '../webview/protocol';
import { RunChartPanel } from './runChartPanel';
import { DASHBOARD_BODY } from './dashboard-body';

export const DASHBOARD_VIEW = 'pdsa.dashboard';

/**
 * The collaborative dashboard: one panel per collaborative file, live (it re-asks the server when
 * any worksheet changes). Clicks in the webview open the team's chart, diagram or file.
 */
export class DashboardPanel implements vscode.Disposable {
  private static readonly panels = new Map<string, DashboardPanel>();
  private readonly disposables: vscode.Disposable[] = [];

  static show(ctx: Ctx, uri: string | undefined): void {
    const key = uri ?? '';
    const existing = DashboardPanel.panels.get(key);
    if (existing) {
      existing.panel.reveal(undefined, true);
      void existing.refresh();
      return;
    }
    const panel = vscode.window.createWebviewPanel(
      DASHBOARD_VIEW,
      'Collaborative dashboard',
      { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true },
      webviewOptions(ctx.extension.extensionUri),
    );
    new DashboardPanel(ctx, panel, uri);
  }

  static revive(ctx: Ctx, panel: vscode.WebviewPanel, state: { uri?: string } | undefined): void {
    panel.webview.options = webviewOptions(ctx.extension.extensionUri);
    new DashboardPanel(ctx, panel, state?.uri);
  }

  private constructor(
    private readonly ctx: Ctx,
    private readonly panel: vscode.WebviewPanel,
    private readonly uri: string | undefined,
  ) {
    DashboardPanel.panels.set(uri ?? '', this);
    panel.webview.html = webviewHtml(
      panel.webview,
      ctx.extension.extensionUri,
      'dashboard',
      'Collaborative dashboard',
      DASHBOARD_BODY,
    );
    this.disposables.push(
      panel.onDidDispose(() => this.dispose()),
      panel.webview.onDidReceiveMessage((m: FromDashboardWebview) => void this.receive(m)),
      onWorksheetChange(() => void this.refresh()),
    );
  }

  /**
   * Where what the dashboard opens goes: the first column, the dashboard staying beside it (or, when
   * the dashboard is itself in the first column, beside the dashboard), so a coach can click through
   * teams with the dashboard in view.
   */
  private otherColumn(): vscode.ViewColumn {
    return this.panel.viewColumn === vscode.ViewColumn.One ? vscode.ViewColumn.Beside : vscode.ViewColumn.One;
  }

  private async receive(m: FromDashboardWebview): Promise<void> {
    switch (m.type) {
      case 'ready':
        await this.refresh();
        break;
      case 'open': {
        const position = new vscode.Position(m.line, m.character);
        await vscode.window.showTextDocument(vscode.Uri.parse(m.uri), {
          viewColumn: this.otherColumn(),
          selection: new vscode.Range(position, position),
        });
        break;
      }
      case 'chart':
        RunChartPanel.show(this.ctx, m.measure, m.from, this.otherColumn());
        break;
    }
  }

  private async refresh(): Promise<void> {
    let message: ToDashboardWebview;
    try {
      const model = await (await this.ctx.languageClient()).sendRequest(dashboard, this.uri ? { uri: this.uri } : {});
      this.panel.title = `Dashboard: ${model.collaborative.title}`;
      message = { type: 'model', model };
    } catch (error) {
      message = { type: 'error', message: error instanceof Error ? error.message : String(error) };
    }
    await this.panel.webview.postMessage(message);
  }

  dispose(): void {
    DashboardPanel.panels.delete(this.uri ?? '');
    for (const d of this.disposables.splice(0)) d.dispose();
    this.panel.dispose();
  }
}

import * as vscode from 'vscode';
import { renderChart } from '../../../server/src/core/render/runchart-svg';
import { chart, type ChartModel } from '../../../server/src/lsp/protocol';
import type { Ctx } from '../ctx';
import { onWorksheetChange, webviewHtml, webviewOptions } from './webview-html';
import type { ChartViewState, FromWebview, ToWebview } from '../webview/protocol';

export const RUN_CHART_VIEW = 'pdsa.runChart';

/** One panel per measure, kept live: it re-asks the server for the chart when any worksheet changes. */
export class RunChartPanel implements vscode.Disposable {
  private static readonly panels = new Map<string, RunChartPanel>();
  private readonly disposables: vscode.Disposable[] = [];
  private model: ChartModel | undefined;

  static show(ctx: Ctx, measure: string): void {
    const existing = RunChartPanel.panels.get(measure);
    if (existing) {
      existing.panel.reveal();
      return;
    }
    const panel = vscode.window.createWebviewPanel(RUN_CHART_VIEW, `Run chart: ${measure}`, vscode.ViewColumn.Beside, webviewOptions(ctx.extension.extensionUri));
    new RunChartPanel(ctx, panel, { measure, rules: 'ihi', type: 'run' });
  }

  /** Restores a panel after a window reload (see the serializer in extension.ts). */
  static revive(ctx: Ctx, panel: vscode.WebviewPanel, state: ChartViewState | undefined): void {
    if (!state?.measure) {
      panel.dispose();
      return;
    }
    panel.webview.options = webviewOptions(ctx.extension.extensionUri);
    new RunChartPanel(ctx, panel, state);
  }

  private constructor(
    private readonly ctx: Ctx,
    private readonly panel: vscode.WebviewPanel,
    private state: ChartViewState,
  ) {
    RunChartPanel.panels.set(state.measure, this);
    panel.title = `Run chart: ${state.measure}`;
    panel.webview.html = this.html();
    this.disposables.push(
      panel.onDidDispose(() => this.dispose()),
      panel.webview.onDidReceiveMessage((m: FromWebview) => this.receive(m)),
      // Live: any change to a worksheet or a CSV may feed this chart.
      onWorksheetChange(() => void this.refresh()),
    );
  }

  private html(): string {
    return webviewHtml(
      this.panel.webview,
      this.ctx.extension.extensionUri,
      'runchart',
      'Run chart',
      `<div class="toolbar">
  <strong><a id="measure-name" href="#" title="Open the measure's definition"></a></strong>
  <label>Chart <select id="type"><option value="run">Run chart</option><option value="i">I chart (XmR)</option><option value="p">P chart</option></select></label>
  <label>Rules <select id="rules"><option value="ihi">IHI</option><option value="anhoej">Anhøj</option></select></label>
  <button id="export" type="button">Export SVG</button>
</div>
<div id="definition"></div>
<div id="error" role="alert"></div>
<div id="chart"></div>
<h3 id="signals-heading">Signals</h3>
<ul id="signals"></ul>
<details><summary>Data table</summary><table><thead><tr><th>Date</th><th>Group</th><th>Value</th><th>Signals</th></tr></thead><tbody id="table-body"></tbody></table></details>`,
    );
  }

  private async receive(message: FromWebview): Promise<void> {
    switch (message.type) {
      case 'ready':
        await this.refresh();
        break;
      case 'options':
        this.state = { ...this.state, rules: message.rules, type: message.chartType };
        await this.refresh();
        break;
      case 'openCycle':
        await vscode.window.showTextDocument(vscode.Uri.parse(message.uri), { viewColumn: vscode.ViewColumn.One });
        break;
      case 'openMeasure':
        if (this.model) await vscode.commands.executeCommand('vscode.open', vscode.Uri.parse(this.model.measure.uri), { viewColumn: vscode.ViewColumn.One });
        break;
      case 'export':
        await this.export();
        break;
    }
  }

  private async refresh(): Promise<void> {
    let message: ToWebview;
    try {
      this.model = await (await this.ctx.languageClient()).sendRequest(chart, { measure: this.state.measure, rules: this.state.rules, type: this.state.type });
      message = { type: 'chart', model: this.model, state: this.state };
    } catch (error) {
      message = { type: 'error', message: error instanceof Error ? error.message : String(error), state: this.state };
    }
    await this.panel.webview.postMessage(message);
  }

  private async export(): Promise<void> {
    if (!this.model) return;
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
    const target = await vscode.window.showSaveDialog({
      defaultUri: folder ? vscode.Uri.joinPath(folder, `${this.state.measure}-${this.state.type}.svg`) : undefined,
      filters: { SVG: ['svg'] },
    });
    if (!target) return;
    await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(`${renderChart(this.model, { width: 1000, embedStyle: true })}\n`));
    void vscode.window.showInformationMessage(`Saved ${vscode.workspace.asRelativePath(target)}`);
  }

  dispose(): void {
    RunChartPanel.panels.delete(this.state.measure);
    for (const d of this.disposables.splice(0)) d.dispose();
    this.panel.dispose();
  }
}

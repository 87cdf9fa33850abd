import * as vscode from 'vscode';
import { chartKind } from '../../../server/src/core/render/runchart-svg';
import { chart, type ChartModel } from '../../../server/src/lsp/protocol';
import type { Ctx } from '../ctx';
import { RUN_CHART_BODY } from './runchart-body';
import { onWorksheetChange, webviewHtml, webviewOptions } from './webview-html';
import type { ChartViewState, FromWebview, MeasureChoice, ToWebview } from '../webview/protocol';

export const RUN_CHART_VIEW = 'pdsa.runChart';

/**
 * One chart panel that switches measure: Show Run Chart reveals it with the measure asked for
 * instead of opening another column. A locked panel keeps its measure (like a locked Markdown
 * preview), so two charts can sit side by side. Panels stay live: they re-ask the server for the
 * chart when any worksheet changes.
 */
export class RunChartPanel implements vscode.Disposable {
  private static readonly panels = new Set<RunChartPanel>();
  private readonly disposables: vscode.Disposable[] = [];
  private model: ChartModel | undefined;

  /**
   * `from`: in a collaborative, a file of the team whose chart this is. `column`: where a new panel
   * goes (beside the active editor unless the caller, such as the dashboard, knows better).
   */
  static show(ctx: Ctx, measure: string, from?: string, column: vscode.ViewColumn = vscode.ViewColumn.Beside): void {
    const unlocked = [...RunChartPanel.panels].find((p) => !p.state.locked);
    if (unlocked) {
      unlocked.switchTo(measure, from);
      unlocked.panel.reveal(undefined, true);
      return;
    }
    const locked = [...RunChartPanel.panels].find((p) => p.state.measure === measure && p.state.from === from);
    if (locked) {
      locked.panel.reveal(undefined, true);
      return;
    }
    const panel = vscode.window.createWebviewPanel(
      RUN_CHART_VIEW,
      `Run chart: ${measure}`,
      { viewColumn: column, preserveFocus: true },
      webviewOptions(ctx.extension.extensionUri),
    );
    new RunChartPanel(ctx, panel, { measure, ...(from ? { from } : {}) });
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
    RunChartPanel.panels.add(this);
    this.retitle();
    panel.webview.html = this.html();
    this.disposables.push(
      panel.onDidDispose(() => this.dispose()),
      panel.webview.onDidReceiveMessage((m: FromWebview) => this.receive(m)),
      // Live: any change to a worksheet or a CSV may feed this chart.
      onWorksheetChange(() => void this.refresh()),
    );
  }

  private switchTo(measure: string, from: string | undefined): void {
    if (measure === this.state.measure && from === this.state.from) return;
    // Another measure has its own chart settings: a type or rule set picked for this one does not carry over.
    const { from: _, rules: _rules, type: _type, ...rest } = this.state;
    this.state = { ...rest, measure, ...(from ? { from } : {}) };
    this.model = undefined;
    this.retitle();
    void this.refresh();
  }

  /** The tab says what the chart is and which measure, and whether it is locked. */
  private retitle(): void {
    const kind = chartKind(this.state.type ?? this.model?.type ?? 'run').name.replace(' (XmR)', '');
    this.panel.title =
      this.state.view === 'family'
        ? `${this.state.locked ? '[Locked] ' : ''}Family of measures`
        : `${this.state.locked ? '[Locked] ' : ''}${kind}: ${this.model?.measure.name ?? this.state.measure}${this.model?.team ? ` (${this.model.team})` : ''}`;
  }

  private html(): string {
    return webviewHtml(this.panel.webview, this.ctx.extension.extensionUri, 'runchart', 'Run chart', RUN_CHART_BODY);
  }

  private async receive(message: FromWebview): Promise<void> {
    switch (message.type) {
      case 'ready':
        await this.refresh();
        break;
      case 'options':
        this.state = { ...this.state, rules: message.rules, type: message.chartType };
        this.retitle();
        await this.refresh();
        break;
      case 'measure':
        this.switchTo(message.measure, this.state.from);
        break;
      case 'range':
        // The webview already drew it; kept so the panel reopens (and switches measure) with the same range.
        this.state = { ...this.state, range: message.range };
        if (!message.range) delete this.state.range;
        break;
      case 'lock':
        this.state = { ...this.state, locked: message.locked };
        this.retitle();
        await this.refresh();
        break;
      case 'openCycle':
        await vscode.window.showTextDocument(vscode.Uri.parse(message.uri), { viewColumn: vscode.ViewColumn.One });
        break;
      case 'openMeasure':
        if (this.model)
          await vscode.commands.executeCommand('vscode.open', vscode.Uri.parse(this.model.measure.uri), {
            viewColumn: vscode.ViewColumn.One,
          });
        break;
      case 'export':
        await this.save(message.format, message.data);
        break;
    }
  }

  private async refresh(): Promise<void> {
    let message: ToWebview;
    const state = this.state;
    try {
      const client = await this.ctx.languageClient();
      const from = state.from ? { from: state.from } : {};
      if (state.view === 'family') {
        // Each measure with its own chart settings (the team's choice of chart type and rules).
        const first = await client.sendRequest(chart, { measure: state.measure, ...from });
        const others = await Promise.all(
          (first.family ?? [])
            .filter((f) => f.id !== first.measure.id)
            .map((f) =>
              client.sendRequest(chart, { measure: f.id, ...from }).then(
                (m) => m,
                () => undefined,
              ),
            ),
        );
        if (state !== this.state) return;
        const byId = new Map([first, ...others].filter((m): m is ChartModel => !!m).map((m) => [m.measure.id, m]));
        const models = (first.family ?? [first.measure]).map((f) => byId.get(f.id)).filter((m): m is ChartModel => !!m);
        this.measures = (first.family ?? []).map((m) => ({ id: m.id, name: m.name }));
        this.retitle();
        await this.panel.webview.postMessage({
          type: 'family',
          models,
          state,
          measures: this.measures,
        } satisfies ToWebview);
        return;
      }
      const model = await client.sendRequest(chart, {
        measure: state.measure,
        rules: state.rules,
        type: state.type,
        ...from,
      });
      if (state !== this.state) return; // switched meanwhile: that refresh posts
      this.model = model;
      this.measures = (model.family ?? []).map((m) => ({ id: m.id, name: m.name }));
      // The pickers show what the chart is: the user's choice, else the measure's own settings.
      message = {
        type: 'chart',
        model,
        state: { ...state, rules: model.rules, type: model.type },
        measures: this.measures,
      };
    } catch (error) {
      message = {
        type: 'error',
        message: error instanceof Error ? error.message : String(error),
        state,
        measures: this.measures,
      };
    }
    this.retitle();
    await this.panel.webview.postMessage(message);
  }

  /** The last known measures of the factors file, kept for the picker when a chart fails. */
  private measures: MeasureChoice[] = [];

  /**
   * Saves a file the webview rendered (SVG text or base64 PNG: the chart as shown, with its title,
   * legend and signals in words, and no file paths) where the user says.
   */
  private async save(format: 'svg' | 'png', data: string): Promise<void> {
    if (!data) {
      void vscode.window.showErrorMessage(`The chart could not be drawn as ${format.toUpperCase()}.`);
      return;
    }
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
    const type = this.model?.type ?? this.state.type ?? 'run';
    const target = await vscode.window.showSaveDialog({
      defaultUri: folder ? vscode.Uri.joinPath(folder, `${this.state.measure}-${type}.${format}`) : undefined,
      filters: format === 'png' ? { PNG: ['png'] } : { SVG: ['svg'] },
    });
    if (!target) return;
    const bytes =
      format === 'png' ? Uint8Array.from(atob(data), (c) => c.charCodeAt(0)) : new TextEncoder().encode(`${data}\n`);
    await vscode.workspace.fs.writeFile(target, bytes);
    void vscode.window.showInformationMessage(`Saved ${vscode.workspace.asRelativePath(target)}`);
  }

  dispose(): void {
    RunChartPanel.panels.delete(this);
    for (const d of this.disposables.splice(0)) d.dispose();
    this.panel.dispose();
  }
}

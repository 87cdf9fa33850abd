import * as vscode from 'vscode';
import { renderDriverDiagram } from '../../../server/src/core/render/driver-svg';
import { drivers, moveFactor, type DriverModel } from '../../../server/src/lsp/protocol';
import type { Ctx } from '../ctx';
import type { DiagramViewState, FromDiagramWebview, ToDiagramWebview } from '../webview/protocol';
import { DRIVERS_BODY } from './drivers-body';
import { onWorksheetChange, webviewHtml, webviewOptions } from './webview-html';

export const DRIVER_VIEW = 'pdsa.driverDiagram';

/** The driver diagram, four-blocker and iceberg of one factors file, live as the worksheets change. */
export class DriverPanel implements vscode.Disposable {
  private static readonly panels = new Map<string, DriverPanel>();
  private readonly disposables: vscode.Disposable[] = [];
  private model: DriverModel | undefined;

  static show(ctx: Ctx, uri: string): void {
    const existing = DriverPanel.panels.get(uri);
    if (existing) {
      existing.panel.reveal();
      return;
    }
    const panel = vscode.window.createWebviewPanel(
      DRIVER_VIEW,
      'Driver diagram',
      vscode.ViewColumn.Beside,
      webviewOptions(ctx.extension.extensionUri),
    );
    new DriverPanel(ctx, panel, { uri, view: 'drivers', expanded: [] });
  }

  static revive(ctx: Ctx, panel: vscode.WebviewPanel, state: DiagramViewState | undefined): void {
    if (!state?.uri) {
      panel.dispose();
      return;
    }
    panel.webview.options = webviewOptions(ctx.extension.extensionUri);
    new DriverPanel(ctx, panel, state);
  }

  private constructor(
    private readonly ctx: Ctx,
    private readonly panel: vscode.WebviewPanel,
    private state: DiagramViewState,
  ) {
    DriverPanel.panels.set(state.uri, this);
    panel.title = `Drivers: ${state.uri.slice(state.uri.lastIndexOf('/') + 1).replace(/\.factors\.ya?ml$/, '')}`;
    panel.webview.html = webviewHtml(
      panel.webview,
      ctx.extension.extensionUri,
      'drivers',
      'Driver diagram',
      DRIVERS_BODY,
    );
    this.disposables.push(
      panel.onDidDispose(() => this.dispose()),
      panel.webview.onDidReceiveMessage((m: FromDiagramWebview) => this.receive(m)),
      onWorksheetChange(() => void this.refresh()),
    );
  }

  private async receive(message: FromDiagramWebview): Promise<void> {
    switch (message.type) {
      case 'ready':
        await this.refresh();
        break;
      case 'open': {
        const position = new vscode.Position(Math.max(0, message.line - 1), 0);
        const uri = vscode.Uri.parse(message.uri);
        await vscode.window.showTextDocument(uri, {
          viewColumn: this.columnFor(uri),
          selection: new vscode.Range(position, position),
        });
        break;
      }
      case 'expand':
        this.state = {
          ...this.state,
          expanded: this.state.expanded.includes(message.idea)
            ? this.state.expanded.filter((i) => i !== message.idea)
            : [...this.state.expanded, message.idea],
        };
        await this.refresh();
        break;
      case 'view':
        this.state = { ...this.state, view: message.view };
        await this.refresh();
        break;
      case 'moveFactor': {
        // The server computes the smallest edit; applying it through VS Code makes it one undo step.
        const edit = await (
          await this.ctx.languageClient()
        ).sendRequest(moveFactor, {
          uri: this.state.uri,
          factor: message.factor,
          impact: message.impact,
          influence: message.influence,
        });
        const converted = await (await this.ctx.languageClient()).protocol2CodeConverter.asWorkspaceEdit(edit);
        const [uri, edits] = converted?.entries()[0] ?? [];
        if (!converted || !uri) break;
        // Shown where it happens: the factors file opens beside the panel first, so the change stays
        // unsaved (dirty) in its editor, to be seen, saved or undone like any other edit (VS Code saves
        // an edit to a file that no editor shows). The panel keeps the focus for more arrow-key moves.
        const at = edits?.[0]?.range.start;
        await vscode.window.showTextDocument(uri, {
          viewColumn: this.columnFor(uri),
          preserveFocus: true,
          selection: at ? new vscode.Range(at, at) : undefined,
        });
        await vscode.workspace.applyEdit(converted);
        break;
      }
      case 'export': {
        if (!this.model) return;
        const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
        const target = await vscode.window.showSaveDialog({
          defaultUri: folder ? vscode.Uri.joinPath(folder, `${this.model.focus.id}-drivers.svg`) : undefined,
          filters: { SVG: ['svg'] },
        });
        if (target)
          await vscode.workspace.fs.writeFile(
            target,
            new TextEncoder().encode(`${renderDriverDiagram(this.model, { embedStyle: true, portable: true })}\n`),
          );
        break;
      }
    }
  }

  /** Where to show a file: where it is already visible, else beside the panel, never over it. */
  private columnFor(uri: vscode.Uri): vscode.ViewColumn {
    const shown = vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === uri.toString());
    if (shown?.viewColumn) return shown.viewColumn;
    return this.panel.viewColumn === vscode.ViewColumn.One ? vscode.ViewColumn.Beside : vscode.ViewColumn.One;
  }

  private async refresh(): Promise<void> {
    let message: ToDiagramWebview;
    try {
      this.model = await (
        await this.ctx.languageClient()
      ).sendRequest(drivers, { uri: this.state.uri, expanded: this.state.expanded });
      message = { type: 'model', model: this.model, state: this.state };
    } catch (error) {
      message = { type: 'error', message: error instanceof Error ? error.message : String(error), state: this.state };
    }
    await this.panel.webview.postMessage(message);
  }

  dispose(): void {
    DriverPanel.panels.delete(this.state.uri);
    for (const d of this.disposables.splice(0)) d.dispose();
    this.panel.dispose();
  }
}

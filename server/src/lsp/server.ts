import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  DidChangeConfigurationNotification,
  FileChangeType,
  ResponseError,
  ErrorCodes,
  TextDocumentSyncKind,
  TextDocuments,
  type Connection,
  type InitializeParams,
  type InitializeResult,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { loadMissingCsv } from '../core/host';
import { codeActions, cycleActions } from '../core/service/actions';
import { completions } from '../core/service/completion';
import { hover } from '../core/service/hover';
import { definition, prepareRename, references, rename, RenameError } from '../core/service/navigation';
import { documentSymbols, foldingRanges } from '../core/service/outline';
import { CycleError, newCycle as createCycle, nextCycle } from '../core/service/cycles';
import { CONFIG_FILE_NAME, worksheetKind } from '../core/uri';
import { Workspace } from '../core/workspace';
import { findWorksheets } from '../node/find-files';
import { nodeHost, pathOf, uriOf } from '../node/host';
import { toLspDiagnostic } from './convert';
import { chart, drivers, listItems, moveFactor, newCycle, nextCycle as nextCycleRequest, workspaceStatus, type Settings } from './protocol';
import { buildChart, ChartError } from '../core/analytics/model';
import { buildDriverModel, DiagramError } from '../core/analytics/drivers';
import { moveFactorEdits } from '../core/service/factor-edits';
import { codeLenses } from '../core/service/codelens';
import { formattingEdits } from '../core/service/formatting';

/**
 * The language server: a thin shell that feeds the core Workspace from the editor (open documents)
 * and the disk (workspace scan, watched files), and publishes what the core says changed.
 */
export function startServer(connection: Connection): void {
  const documents = new TextDocuments(TextDocument);
  // Syntax trees are kept only for files being edited: thousands of files would otherwise cost
  // hundreds of MB.
  const workspace = new Workspace({ retainSyntaxTrees: false });
  const counts = new Map<string, [number, number]>();
  let roots: string[] = [];
  let configurationPull = false;

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    roots = (params.workspaceFolders?.map((f) => f.uri) ?? (params.rootUri ? [params.rootUri] : [])).filter((u) => u.startsWith('file:'));
    configurationPull = params.capabilities.workspace?.configuration === true;
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: false },
        completionProvider: { triggerCharacters: [':', ' ', '[', ',', '-'] },
        hoverProvider: true,
        definitionProvider: true,
        referencesProvider: true,
        renameProvider: { prepareProvider: true },
        documentSymbolProvider: true,
        foldingRangeProvider: true,
        codeActionProvider: { codeActionKinds: ['quickfix'] },
        codeLensProvider: { resolveProvider: false },
        documentFormattingProvider: true,
        documentRangeFormattingProvider: true,
      },
      serverInfo: { name: 'pdsa-workbench' },
    };
  });

  connection.onInitialized(async () => {
    if (configurationPull) await connection.client.register(DidChangeConfigurationNotification.type, { section: 'pdsa' });
    await pullSettings();
    const started = Date.now();
    try {
      const files = await scanRoots();
      connection.console.info(`pdsa: indexed ${files} worksheet files in ${Date.now() - started} ms`);
    } catch (error) {
      connection.console.error(`pdsa: the workspace scan failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    } finally {
      // Whatever happened, publish what the index holds; a failed scan must not silence the editor.
      scanning = false;
      scanDone();
    }
    await publish();
  });

  async function pullSettings(): Promise<void> {
    if (!configurationPull) return;
    const settings = ((await connection.workspace.getConfiguration('pdsa')) ?? {}) as Settings;
    workspace.setEditorChecks(settings.checks);
  }

  connection.onDidChangeConfiguration(async (change) => {
    if (configurationPull) await pullSettings();
    else workspace.setEditorChecks(((change.settings as { pdsa?: Settings } | undefined)?.pdsa ?? {}).checks);
    await publish();
  });

  /** True until the first scan of the workspace is complete: until then cross-file results are partial. */
  let scanning = true;
  let scanDone: () => void = () => undefined;
  /** Requests that read the whole index (lists, charts, diagrams, new cycles) wait for the first scan. */
  const scanned = new Promise<void>((resolve) => (scanDone = resolve));

  /**
   * Reads every worksheet under the workspace folders into the index, factors files first (they
   * define most ids). It yields to the event loop between chunks, so a file the editor opens
   * meanwhile is parsed once, on open, and skipped here.
   */
  async function scanRoots(): Promise<number> {
    const found = findWorksheets(roots.map(pathOf));
    for (const error of found.errors) connection.console.warn(`pdsa: ${error}`);
    const root = roots[0];
    if (root) {
      const configPath = path.join(pathOf(root), CONFIG_FILE_NAME);
      if (fs.existsSync(configPath)) workspace.setConfig(uriOf(configPath), fs.readFileSync(configPath, 'utf8'));
    }
    const files = [...found.worksheets].sort((a, b) => Number(worksheetKind(a) === 'cycle') - Number(worksheetKind(b) === 'cycle'));
    const CHUNK = 100;
    for (let i = 0; i < files.length; i += CHUNK) {
      for (const file of files.slice(i, i + CHUNK)) {
        const uri = uriOf(file);
        if (documents.get(uri)) continue; // the editor's text wins over the disk's
        try {
          workspace.setWorksheet(uri, fs.readFileSync(file, 'utf8'));
        } catch (error) {
          connection.console.warn(`pdsa: cannot read ${file}: ${String(error)}`);
        }
      }
      await new Promise((resolve) => setImmediate(resolve));
    }
    return found.worksheets.length;
  }

  let totalErrors = 0;
  let totalWarnings = 0;
  let statusTimer: ReturnType<typeof setTimeout> | undefined;

  /** Publishes the files whose diagnostics changed, and (coalesced) the workspace counts for the status bar. */
  async function publish(): Promise<void> {
    if (scanning) return; // the scan publishes everything once the index is whole
    await loadMissingCsv(workspace, nodeHost);
    const changes = workspace.takeChanges();
    for (const [uri, diagnostics] of changes) {
      void connection.sendDiagnostics({ uri, diagnostics: diagnostics.map(toLspDiagnostic) });
      const [oldErrors, oldWarnings] = counts.get(uri) ?? [0, 0];
      const errors = diagnostics.filter((d) => d.severity === 'error').length;
      const warnings = diagnostics.filter((d) => d.severity === 'warning').length;
      totalErrors += errors - oldErrors;
      totalWarnings += warnings - oldWarnings;
      if (errors || warnings) counts.set(uri, [errors, warnings]);
      else counts.delete(uri);
    }
    if (statusTimer === undefined) {
      // One status update per burst of changes (opening 5,000 files is 5,000 publishes).
      statusTimer = setTimeout(() => {
        statusTimer = undefined;
        void connection.sendNotification(workspaceStatus, { errors: totalErrors, warnings: totalWarnings, files: workspace.fileCount });
      }, 20);
    }
  }

  // onDidChangeContent also fires when a document opens: parse there, once.
  const justOpened = new Set<string>();
  documents.onDidOpen((e) => justOpened.add(e.document.uri));
  documents.onDidChangeContent(async (e) => {
    const uri = e.document.uri;
    const text = e.document.getText();
    const opening = justOpened.delete(uri);
    if (uri.endsWith(CONFIG_FILE_NAME)) workspace.setConfig(uri, text);
    // A file being edited keeps its syntax tree: completion and hovers read it right after the
    // keystroke. Merely opened files do not (a restored session may open thousands); the first
    // completion in one parses it once.
    else workspace.setWorksheet(uri, text, !opening);
    // An editor that opens a file shows its problems even when there are none to clear.
    if (opening) workspace.republish(uri);
    await publish();
  });
  documents.onDidClose(async (e) => {
    // Back to what is on disk (the user may close without saving).
    const text = await nodeHost.readFile(e.document.uri);
    if (worksheetKind(e.document.uri)) {
      if (text === null) workspace.deleteWorksheet(e.document.uri);
      else workspace.setWorksheet(e.document.uri, text);
    }
    await publish();
  });

  connection.onDidChangeWatchedFiles(async ({ changes }) => {
    for (const change of changes) {
      if (documents.get(change.uri)) continue;
      const deleted = change.type === FileChangeType.Deleted;
      const text = deleted ? null : await nodeHost.readFile(change.uri);
      if (change.uri.endsWith(`/${CONFIG_FILE_NAME}`)) workspace.setConfig(change.uri, text ?? undefined);
      else if (worksheetKind(change.uri)) {
        if (text === null) workspace.deleteWorksheet(change.uri);
        else workspace.setWorksheet(change.uri, text);
      } else if (/\.csv$/i.test(change.uri) && workspace.csv(change.uri) !== undefined) workspace.setCsv(change.uri, text);
    }
    await publish();
  });

  const today = () => workspace.today;
  connection.onCompletion((p) => completions(workspace, p.textDocument.uri, p.position, today()));
  connection.onHover((p) => hover(workspace, p.textDocument.uri, p.position));
  connection.onDefinition((p) => definition(workspace, p.textDocument.uri, p.position));
  connection.onReferences((p) => references(workspace, p.textDocument.uri, p.position, p.context.includeDeclaration));
  connection.onPrepareRename((p) => prepareRename(workspace, p.textDocument.uri, p.position));
  connection.onRenameRequest((p) => {
    try {
      return rename(workspace, p.textDocument.uri, p.position, p.newName);
    } catch (error) {
      if (error instanceof RenameError) throw new ResponseError(ErrorCodes.InvalidParams, error.message);
      throw error;
    }
  });
  connection.onDocumentSymbol((p) => {
    const file = workspace.worksheet(p.textDocument.uri);
    return file ? documentSymbols(file) : [];
  });
  connection.onFoldingRanges((p) => {
    const file = workspace.worksheet(p.textDocument.uri);
    return file ? foldingRanges(file) : [];
  });
  connection.onCodeAction((p) => [...codeActions(workspace, p.textDocument.uri, p.context.diagnostics), ...cycleActions(workspace, p.textDocument.uri, p.range)]);

  connection.onDocumentFormatting((p) => {
    const file = workspace.worksheet(p.textDocument.uri);
    return file ? formattingEdits(file) : [];
  });
  connection.onDocumentRangeFormatting((p) => {
    const file = workspace.worksheet(p.textDocument.uri);
    return file ? formattingEdits(file, p.range) : [];
  });

  connection.onCodeLens((p) => {
    const file = workspace.worksheet(p.textDocument.uri);
    return file ? codeLenses(file) : [];
  });

  connection.onRequest(chart, async (params) => {
    await scanned;
    try {
      return buildChart(workspace, { measure: params.measure, type: params.type, rules: params.rules });
    } catch (error) {
      if (error instanceof ChartError) throw new ResponseError(ErrorCodes.InvalidParams, error.message);
      throw error;
    }
  });

  connection.onRequest(drivers, async ({ uri, expanded }) => {
    await scanned;
    try {
      return buildDriverModel(workspace, uri, new Set(expanded ?? []));
    } catch (error) {
      if (error instanceof DiagramError) throw new ResponseError(ErrorCodes.InvalidParams, error.message);
      throw error;
    }
  });
  connection.onRequest(moveFactor, ({ uri, factor, impact, influence }) => {
    const file = workspace.worksheet(uri);
    const version = documents.get(uri)?.version ?? null;
    const edits = file ? moveFactorEdits(file, factor, impact, influence) : [];
    return { documentChanges: edits.length ? [{ textDocument: { uri, version }, edits }] : [] };
  });

  connection.onRequest(listItems, async ({ kind }) => {
    await scanned;
    return [...workspace.idsOfKind(kind)].map((id) => {
      const def = workspace.definitions(id).find((d) => d.kind === kind)!;
      return { id, title: def.title, uri: def.uri };
    });
  });

  const cycleRequest = <T>(make: () => T): T => {
    try {
      return make();
    } catch (error) {
      if (error instanceof CycleError) throw new ResponseError(ErrorCodes.InvalidParams, error.message);
      throw error;
    }
  };
  connection.onRequest(newCycle, async ({ strategy, title }) => (await scanned, cycleRequest(() => createCycle(workspace, strategy, title, today()))));
  connection.onRequest(nextCycleRequest, async ({ from }) => (await scanned, cycleRequest(() => nextCycle(workspace, from, today()))));

  documents.listen(connection);
  connection.listen();
}

import { guardHandlers } from './guard';
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
import type { AnalysisJob, BulkAnalyser } from '../core/compact';
import type { Diagnostic } from '../core/diagnostics';
import { analyseInto, applyChanges, isConfigName, loadFound, loadMissingCsv, WorkspaceFiles } from '../core/files';
import { readOrNull, type FileChange, type WorkspaceHost } from '../core/host';
import { codeActions, cycleActions } from '../core/service/actions';
import { rebaselineActions } from '../core/service/rebaseline';
import { completions } from '../core/service/completion';
import { hover } from '../core/service/hover';
import { definition, prepareRename, references, rename, RenameError } from '../core/service/navigation';
import { documentSymbols, foldingRanges } from '../core/service/outline';
import { CycleError, newCycle as createCycle, nextCycle } from '../core/service/cycles';
import { basename, worksheetKind } from '../core/uri';
import { Workspace } from '../core/workspace';
import { toLspDiagnostic } from './convert';
import {
  chart,
  dashboard,
  drivers,
  listItems,
  moveFactor,
  newCycle,
  nextCycle as nextCycleRequest,
  workspaceStatus,
  type Settings,
} from './protocol';
import { buildChart, ChartError } from '../core/analytics/model';
import { buildDashboard, collaboratives, DashboardError } from '../core/collab/dashboard';
import { teamOfFile } from '../core/collab/team-data';
import { buildDriverModel, DiagramError } from '../core/analytics/drivers';
import { moveFactorEdits } from '../core/service/factor-edits';
import { codeLenses } from '../core/service/codelens';
import { formattingEdits } from '../core/service/formatting';

const CHANGE_TYPES = {
  [FileChangeType.Created]: 'created',
  [FileChangeType.Changed]: 'changed',
  [FileChangeType.Deleted]: 'deleted',
} as const;

/** Changes the editor's file watcher reports (it watches whatever file system the workspace is on). */
function watchThroughEditor(connection: Connection): NonNullable<WorkspaceHost['watch']> {
  return (listener) =>
    connection.onDidChangeWatchedFiles(({ changes }) =>
      listener(changes.map((c): FileChange => ({ uri: c.uri, type: CHANGE_TYPES[c.type] ?? 'changed' }))),
    );
}

/** Lets other tasks (the editor's requests) run between chunks of work. */
const pause = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/**
 * The language server: a thin shell that feeds the core Workspace from the editor (open documents)
 * and the workspace's files (scan, watched changes), and publishes what the core says changed.
 * The same server runs on Node (desktop: the disk) and in a browser's web worker (the editor's
 * file system, asked through the client); only the connection and the host differ.
 */
/** What a platform can add to the first scan of the workspace. */
export interface ScanAccelerator {
  /** Analyses the files found (Node: worker threads, and the results cached by the previous start). */
  analyser: BulkAnalyser;
  /** Once the first scan is complete, with the worksheets in the index: keep what the next start can reuse. */
  scanned(uris: string[]): void;
  /** How the scan's files were analysed, for the log ("4000 from the cache, 1050 on 2 threads"). */
  summary(): string;
  /**
   * What the previous session published once its scan was complete, if it saw exactly these files
   * (configs and worksheets as read, the CSV files it read) in this context; else undefined.
   */
  previousDiagnostics?(
    context: string,
    read: AnalysisJob[],
    readCsv: ReadCsv,
  ): Promise<Map<string, Diagnostic[]> | undefined>;
  /** After the first publish: keeps what it published (every file's diagnostics, and the CSV files read) for the next start. */
  rememberDiagnostics?(published: Map<string, Diagnostic[]>, csv: string[], readCsv: ReadCsv): Promise<void>;
  /** Something changed between the scan's reads and the first publish: keep nothing. */
  forgetDiagnostics?(): void;
}

/** A CSV file as the index reads it: its text, or why it cannot be read. */
export type ReadCsv = (uri: string) => Promise<string>;

export interface ServerOptions {
  /** Node's worker threads and warm-start cache; a browser has none and analyses on the server's thread. */
  scanAccelerator?: (params: InitializeParams) => ScanAccelerator | undefined;
}

export function startServer(rawConnection: Connection, host: WorkspaceHost, options: ServerOptions = {}): void {
  // Every handler answers with a message at worst, never a stack trace (guard.ts).
  const connection = guardHandlers(rawConnection);
  const documents = new TextDocuments(TextDocument);
  // Syntax trees are kept only for files being edited: thousands of files would otherwise cost
  // hundreds of MB.
  const workspace = new Workspace({ retainSyntaxTrees: false });
  const counts = new Map<string, [number, number]>();
  let files = new WorkspaceFiles(host, []);
  let configurationPull = false;
  let accelerator: ScanAccelerator | undefined;
  /**
   * Worksheets the editor opened during the first scan, with an accelerator: analysed with the
   * scan (most hold what the disk holds, and the scan analyses that anyway) rather than one by one
   * on this thread as they open. An editor restoring a session may open thousands.
   */
  const deferred = new Set<string>();

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    const roots = params.workspaceFolders?.map((f) => f.uri) ?? (params.rootUri ? [params.rootUri] : []);
    files = new WorkspaceFiles(host, roots);
    workspace.setRoots(files.roots);
    configurationPull = params.capabilities.workspace?.configuration === true;
    try {
      accelerator = options.scanAccelerator?.(params);
    } catch (error) {
      connection.console.warn(
        `pdsa: scanning on this thread only: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
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
    if (configurationPull)
      await connection.client.register(DidChangeConfigurationNotification.type, { section: 'pdsa' });
    await pullSettings();
    const started = Date.now();
    try {
      const files = await scanRoots();
      connection.console.info(
        `pdsa: indexed ${files} worksheet files in ${Date.now() - started} ms${accelerator ? ` (${accelerator.summary()})` : ''}`,
      );
    } catch (error) {
      connection.console.error(
        `pdsa: the workspace scan failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
      );
    } finally {
      // Whatever happened, publish what the index holds; a failed scan must not silence the editor.
      scanning = false;
      scanDone();
    }
    await publish();
    // After publishing: writing the warm-start cache must not delay the first diagnostics.
    const kept = accelerator;
    accelerator = undefined;
    setTimeout(async () => {
      try {
        kept?.scanned([...workspace.worksheets()].map((f) => f.uri));
        // What was just published describes the files the scan read only if nothing changed since.
        if (edits === editsAtRead && context() === contextAtRead)
          await kept?.rememberDiagnostics?.(workspace.allDiagnostics(), workspace.linkedCsv(), readCsv);
        else kept?.forgetDiagnostics?.();
      } catch (error) {
        connection.console.warn(
          `pdsa: cannot keep results for the next start: ${error instanceof Error ? error.message : String(error)}`,
        );
      }
    }, 0);
  });

  /** Edits, closes, file changes: anything after which the scan's reads no longer describe the files. */
  let edits = 0;
  let editsAtRead = -1;
  let contextAtRead: string | undefined;
  /** The editor's checks settings, part of what the published diagnostics depend on. */
  let editorChecks: Settings['checks'];
  const context = () => JSON.stringify([workspace.today, editorChecks ?? null, files.roots]);
  const readCsv: ReadCsv = async (uri) => {
    const read = await files.readLinked(uri);
    return 'text' in read ? read.text : `\0${read.problem}`;
  };

  /**
   * Once the scan has read every file, before it analyses any: if the previous session saw exactly
   * these files (and editors show what the disk holds), shows what it published, at once. The index
   * is built as usual and then publishes only what differs (nothing, unless something changed).
   */
  async function showPrevious(read: AnalysisJob[]): Promise<void> {
    editsAtRead = edits;
    contextAtRead = context();
    let previous: Map<string, Diagnostic[]> | undefined;
    try {
      previous = await accelerator?.previousDiagnostics?.(contextAtRead, read, readCsv);
    } catch (error) {
      // Only a shortcut: the scan goes on and publishes as on a cold start.
      connection.console.warn(
        `pdsa: cannot read the last session's diagnostics: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
    if (!previous || edits !== editsAtRead) return;
    const texts = new Map(read.map((r) => [r.uri, r.text]));
    for (const uri of deferred) if (documents.get(uri)?.getText() !== texts.get(uri)) return;
    for (const [uri, diagnostics] of previous) {
      show(uri, diagnostics);
      workspace.markPublished(uri, diagnostics);
    }
    // Editors show their file's problems even when there are none.
    for (const uri of deferred) if (!previous.has(uri)) show(uri, []);
    connection.console.info(`pdsa: showing the last session's diagnostics of ${previous.size} files while indexing`);
  }

  function setChecks(checks: Settings['checks']): void {
    editorChecks = checks;
    workspace.setEditorChecks(checks);
  }

  async function pullSettings(): Promise<void> {
    if (!configurationPull) return;
    const settings = ((await connection.workspace.getConfiguration('pdsa')) ?? {}) as Settings;
    setChecks(settings.checks);
  }

  connection.onDidChangeConfiguration(async (change) => {
    if (configurationPull) await pullSettings();
    else setChecks(((change.settings as { pdsa?: Settings } | undefined)?.pdsa ?? {}).checks);
    await publish();
  });

  /** True until the first scan of the workspace is complete: until then cross-file results are partial. */
  let scanning = true;
  let scanDone: () => void = () => undefined;
  /** Requests that read the whole index (lists, charts, diagrams, new cycles) wait for the first scan. */
  const scanned = new Promise<void>((resolve) => (scanDone = resolve));

  /**
   * Reads every worksheet and config under the workspace folders into the index. It yields to the
   * event loop between chunks; the editor's text wins over the file system's. Without an
   * accelerator, a file the editor opens meanwhile is parsed once, on open, and skipped here. With
   * one, files opened during the scan are analysed with it, and only those whose text differs from
   * what the scan read are analysed again.
   */
  async function scanRoots(): Promise<number> {
    const found = await files.scan();
    for (const problem of found.problems)
      connection.console.warn(`pdsa: cannot read ${problem.uri}: ${problem.message}`);
    const onError = (uri: string, message: string) => connection.console.warn(`pdsa: cannot read ${uri}: ${message}`);
    const analyser = accelerator?.analyser;
    await loadFound(workspace, files, found, {
      skip: (uri) => documents.get(uri) !== undefined && !deferred.has(uri),
      onError,
      pause,
      analyser,
      onRead: showPrevious,
    });
    while (analyser && deferred.size) {
      const jobs = [...deferred].flatMap((uri) => {
        const text = documents.get(uri)?.getText();
        if (text === undefined) return [];
        if (workspace.worksheet(uri)?.parsed.text !== text) return [{ uri, text }];
        // The text the scan analysed: the analysis stays, and the index keeps one copy of the text (the editor's).
        workspace.setWorksheet(uri, text, false);
        return [];
      });
      deferred.clear();
      if (jobs.length) edits++;
      const sent = new Map(jobs.map((j) => [j.uri, j.text]));
      // A document edited (or closed) meanwhile was analysed on this thread, from newer text: it stays.
      await analyseInto(workspace, jobs, analyser, (uri) => documents.get(uri)?.getText() !== sent.get(uri));
    }
    return found.worksheets.length;
  }

  let totalErrors = 0;
  let totalWarnings = 0;
  let statusTimer: ReturnType<typeof setTimeout> | undefined;

  /** Sends a file's diagnostics to the editor and counts them for the status bar. */
  function show(uri: string, diagnostics: Diagnostic[]): void {
    void connection.sendDiagnostics({ uri, diagnostics: diagnostics.map(toLspDiagnostic) });
    const [oldErrors, oldWarnings] = counts.get(uri) ?? [0, 0];
    const errors = diagnostics.filter((d) => d.severity === 'error').length;
    const warnings = diagnostics.filter((d) => d.severity === 'warning').length;
    totalErrors += errors - oldErrors;
    totalWarnings += warnings - oldWarnings;
    if (errors || warnings) counts.set(uri, [errors, warnings]);
    else counts.delete(uri);
  }

  /** Publishes the files whose diagnostics changed, and (coalesced) the workspace counts for the status bar. */
  async function publish(): Promise<void> {
    if (scanning) return; // the scan publishes everything once the index is whole
    await loadMissingCsv(workspace, files);
    for (const [uri, diagnostics] of workspace.takeChanges()) show(uri, diagnostics);
    if (statusTimer === undefined) {
      // One status update per burst of changes (opening 5,000 files is 5,000 publishes).
      statusTimer = setTimeout(() => {
        statusTimer = undefined;
        void connection.sendNotification(workspaceStatus, {
          errors: totalErrors,
          warnings: totalWarnings,
          files: workspace.fileCount,
        });
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
    if (opening && scanning && accelerator && worksheetKind(uri)) {
      deferred.add(uri); // analysed with the scan (scanRoots)
      workspace.republish(uri);
      return;
    }
    deferred.delete(uri);
    edits++;
    // A config opened from outside the workspace is checked, but governs nothing (the index knows the roots).
    if (isConfigName(basename(uri))) workspace.setConfig(uri, text);
    // A file being edited keeps its syntax tree: completion and hovers read it right after the
    // keystroke. Merely opened files do not (a restored session may open thousands); the first
    // completion in one parses it once.
    else workspace.setWorksheet(uri, text, !opening);
    // An editor that opens a file shows its problems even when there are none to clear.
    if (opening) workspace.republish(uri);
    await publish();
  });
  documents.onDidClose(async (e) => {
    // Back to what the file system holds (the user may close without saving); a file outside the
    // workspace or ignored by it leaves the index with its editor.
    const uri = e.document.uri;
    deferred.delete(uri);
    edits++;
    const kept = !(await files.isIgnored(uri));
    const text = kept ? await readOrNull(host, uri) : null;
    if (isConfigName(basename(uri))) workspace.setConfig(uri, text ?? undefined);
    else if (worksheetKind(uri)) {
      if (text === null) workspace.deleteWorksheet(uri);
      else workspace.setWorksheet(uri, text);
    }
    await publish();
  });

  // Batches of changes are applied one after the other: a rescan must not interleave with reads.
  let applying = Promise.resolve();
  const watch = host.watch ?? watchThroughEditor(connection);
  watch((changes) => {
    edits++;
    applying = applying
      .then(() => applyChanges(workspace, files, changes, { skip: (uri) => documents.get(uri) !== undefined, pause }))
      .catch((error: unknown) =>
        connection.console.error(
          `pdsa: applying file changes failed: ${error instanceof Error ? error.message : String(error)}`,
        ),
      )
      .then(publish);
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
  connection.onCodeAction((p) => [
    ...codeActions(workspace, p.textDocument.uri, p.context.diagnostics),
    ...cycleActions(workspace, p.textDocument.uri, p.range),
    ...rebaselineActions(workspace, p.textDocument.uri, p.range),
  ]);

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

  connection.onRequest(dashboard, async (params) => {
    await scanned;
    const uri = params.uri ?? collaboratives(workspace)[0]?.uri;
    if (!uri) throw new ResponseError(ErrorCodes.InvalidParams, 'no *.collaborative.yaml file in this workspace');
    try {
      return buildDashboard(workspace, uri);
    } catch (error) {
      if (error instanceof DashboardError) throw new ResponseError(ErrorCodes.InvalidParams, error.message);
      throw error;
    }
  });

  connection.onRequest(chart, async (params) => {
    await scanned;
    try {
      return buildChart(workspace, {
        measure: params.measure,
        type: params.type,
        rules: params.rules,
        ...(params.from ? { from: params.from } : {}),
      });
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
    // One item per definition: in a collaborative, each team's S-greeters is its own.
    return [...workspace.idsOfKind(kind)].flatMap((id) =>
      workspace
        .definitions(id)
        .filter((d) => d.kind === kind)
        .map((def) => {
          const team = teamOfFile(workspace, def.uri);
          return { id, title: def.title, uri: def.uri, ...(team ? { team: team.name } : {}) };
        }),
    );
  });

  const cycleRequest = <T>(make: () => T): T => {
    try {
      return make();
    } catch (error) {
      if (error instanceof CycleError) throw new ResponseError(ErrorCodes.InvalidParams, error.message);
      throw error;
    }
  };
  connection.onRequest(
    newCycle,
    async ({ strategy, title, from }) => (
      await scanned,
      cycleRequest(() => createCycle(workspace, strategy, title, today(), from))
    ),
  );
  connection.onRequest(
    nextCycleRequest,
    async ({ from, uri }) => (await scanned, cycleRequest(() => nextCycle(workspace, from, today(), uri))),
  );

  documents.listen(connection);
  connection.listen();
}

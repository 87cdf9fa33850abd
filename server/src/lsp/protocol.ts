/**
 * The custom messages between the extension (client) and the language server: one typed
 * definition per message, imported by both sides, so a renamed field fails the typecheck.
 */
import { NotificationType, RequestType, RequestType0 } from 'vscode-languageserver-protocol';

export type ItemKind =
  'focus' | 'target' | 'measure' | 'factor' | 'strategy' | 'cycle' | 'collaborative' | 'team' | 'idea';

/** Server -> client after each batch of diagnostics: counts over the whole workspace, for the status bar. */
export interface WorkspaceStatus {
  errors: number;
  warnings: number;
  /** Worksheet files in the index. */
  files: number;
}
export const workspaceStatus = new NotificationType<WorkspaceStatus>('pdsa/workspaceStatus');

/** Items of one kind in the workspace, e.g. strategies for the "new cycle" picker. */
export interface ListItemsParams {
  kind: ItemKind;
}
export interface ListedItem {
  id: string;
  title?: string;
  uri: string;
  /** In a collaborative: the team whose item it is (each team may have its own item under one id). */
  team?: string;
}
export const listItems = new RequestType<ListItemsParams, ListedItem[], void>('pdsa/listItems');

/** A new cycle file for a strategy: the server picks a unique id, a file next to that strategy's cycles, and its text. */
export interface NewCycleParams {
  strategy: string;
  title: string;
  /** The file that defines the strategy (or any file of its team): which team's strategy, when teams share ids. */
  from?: string;
}
export interface NewCycleResult {
  uri: string;
  id: string;
  text: string;
  /** Cycles that already build on the one this follows: the editor says so. */
  followUps?: string[];
}
export const newCycle = new RequestType<NewCycleParams, NewCycleResult, void>('pdsa/newCycle');

/** The next cycle of a ramp, from a cycle whose Act is filled (Start Next Cycle). */
export interface NextCycleParams {
  from: string;
  /** The cycle's file (in a collaborative two teams may have a cycle with this id). */
  uri?: string;
}
export const nextCycle = new RequestType<NextCycleParams, NewCycleResult, void>('pdsa/nextCycle');

/** The settings section the client contributes (`pdsa.*`). */
export interface Settings {
  checks?: Record<string, 'off' | 'hint' | 'info' | 'warning' | 'error'>;
}

/** A measure's run or control chart, analysed by the core (the webview renders it with the core's renderer). */
export interface ChartParams {
  measure: string;
  /** Default: the measure's chart.type, else run. */
  type?: import('../core/analytics/types').ChartType;
  /** Default: the measure's chart.rules, else the workspace's (pdsa.config.yaml), else ihi. */
  rules?: import('../core/analytics/types').RuleSet;
  /** In a collaborative: a file of the team whose chart is wanted. */
  from?: string;
}
export type { ChartModel } from '../core/analytics/model';
/** A collaborative's dashboard (the first collaborative in the workspace when no URI is given). */
export interface DashboardParams {
  uri?: string;
}
export const dashboard = new RequestType<DashboardParams, import('../core/collab/dashboard').DashboardModel, void>(
  'pdsa/dashboard',
);

export const chart = new RequestType<ChartParams, import('../core/analytics/model').ChartModel, void>('pdsa/chart');

/** The driver diagram of a factors file (and the four-blocker and iceberg data). */
export interface DriversParams {
  uri: string;
  /** Ideas whose cycles are shown one by one instead of as a count. */
  expanded?: string[];
}
export type { DriverModel } from '../core/analytics/drivers';
export const drivers = new RequestType<DriversParams, import('../core/analytics/drivers').DriverModel, void>(
  'pdsa/drivers',
);

/** Moving a factor to another quadrant of the four-blocker: the edit to apply (undoable, keeps the file's layout). */
export interface MoveFactorParams {
  uri: string;
  factor: string;
  impact: 'high' | 'low';
  influence: 'high' | 'low';
}
export const moveFactor = new RequestType<MoveFactorParams, import('vscode-languageserver-types').WorkspaceEdit, void>(
  'pdsa/moveFactor',
);

/** What the client tells the server at start (initializationOptions). */
export interface InitializationOptions {
  /**
   * The extension's storage for this workspace, on the local disk (desktop only): the server keeps
   * each file's analysis there for a warm start.
   */
  storagePath?: string;
}

/** Heap in use after a full garbage collection, in bytes: for benchmarks, answered only when Node runs with --expose-gc. */
export const heapAfterGc = new RequestType0<number, void>('pdsa/heapAfterGc');

/**
 * Server -> client: the editor's file system, for a server that has none of its own (in a browser's
 * web worker). The client answers from `vscode.workspace.fs`, on whatever file system the workspace
 * is (github.dev's, a memory file system); errors come back as messages in words.
 */
export interface FsParams {
  uri: string;
}
export type { DirectoryEntry, FileStat } from '../core/host';
export const fsReadDirectory = new RequestType<FsParams, import('../core/host').DirectoryEntry[], void>(
  'pdsa/fs/readDirectory',
);
export const fsStat = new RequestType<FsParams, import('../core/host').FileStat, void>('pdsa/fs/stat');
export const fsReadFile = new RequestType<FsParams, string, void>('pdsa/fs/readFile');

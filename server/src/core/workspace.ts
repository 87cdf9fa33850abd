import { applyConfig, loadConfig, type LoadedConfig } from './config';
import type { CsvData } from './csv';
import { compareDiagnostics, type Diagnostic } from './diagnostics';
import { ChainLoops } from './checks/chains';
import { crossFileChecks, type IndexView } from './checks/crossfile';
import { Scopes } from './collab/scopes';
import { parseMeasureCsv } from './csv';
import { isIsoDate, localDate } from './schema/common';
import type { Config } from './schema/config';
import type { Definition, ItemKind, Reference } from './symbols';
import { dirname, displayName, joinPath, worksheetKind } from './uri';
import { analyseWorksheet, hasSyntaxErrors, type WorksheetFile } from './worksheet';
import { restoreWorksheet, type CompactWorksheet } from './compact';

export interface WorkspaceOptions {
  /** Today's date (YYYY-MM-DD) for checks like "stuck at Do"; defaults to the config's `today`, then the clock. */
  today?: string;
  /**
   * Keep each file's syntax tree after checking it (default true). Editors need them for completion
   * and hovers; a batch check of thousands of files runs faster without holding them.
   */
  retainSyntaxTrees?: boolean;
  /**
   * How messages name another file (e.g. "also defined in ..."): the CLI passes paths relative to
   * the current folder, so they match the paths it prints; by default, the file's base name.
   */
  fileLabel?: (uri: string) => string;
}

interface LoadedConfigFile extends LoadedConfig {
  uri: string;
  folder: string;
}

function addTo<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** Removes values from their lists in one pass per key (one id may have thousands of entries from one file). */
function removeAll<K, V>(map: Map<K, V[]>, values: readonly V[], keyOf: (v: V) => K): void {
  const byKey = new Map<K, Set<V>>();
  for (const v of values) {
    const set = byKey.get(keyOf(v));
    if (set) set.add(v);
    else byKey.set(keyOf(v), new Set([v]));
  }
  for (const [key, gone] of byKey) {
    const kept = (map.get(key) ?? []).filter((v) => !gone.has(v));
    if (kept.length) map.set(key, kept);
    else map.delete(key);
  }
}

/** The chain links a file contributes (owner -> target), to tell whether the loop analysis is stale. */
function chainSignature(file: WorksheetFile | undefined): string {
  let out = '';
  for (const r of file?.symbols.references ?? [])
    if (r.owner !== undefined) out += `${r.field}\u0000${r.owner}\u0000${r.id}\u0001`;
  return out;
}

/** What other files may read of a definition; when it changes, the files that use the id are re-checked. */
/**
 * A slip typed into a file (a half-typed key, an unclosed bracket) can hide ids and references the
 * file held a moment ago. Keep those (at their last known place) until the syntax is fixed, so no
 * other file reports a missing id or a missing follow-up because of it.
 */
function keepLastSymbols(prev: WorksheetFile, next: WorksheetFile): void {
  const defined = new Set(next.symbols.definitions.map((d) => `${d.kind}\u0000${d.id}`));
  const used = new Set(next.symbols.references.map((r) => `${r.field}\u0000${r.id}`));
  const definitions = prev.symbols.definitions
    .filter((d) => !defined.has(`${d.kind}\u0000${d.id}`))
    .map((d): Definition => ({ ...d, stale: true }));
  const references = prev.symbols.references
    .filter((r) => !used.has(`${r.field}\u0000${r.id}`))
    .map((r): Reference => ({ ...r, stale: true }));
  if (definitions.length === 0 && references.length === 0) return;
  next.symbols = {
    definitions: [...next.symbols.definitions, ...definitions],
    references: [...next.symbols.references, ...references],
  };
}

function signature(file: WorksheetFile, def: Definition): string {
  if (def.kind === 'factor') {
    const factor = file.factors?.factors?.[def.path[1] as number];
    return `factor:${factor === undefined ? '?' : factor.priority === true}`;
  }
  if (def.kind === 'measure' && file.collaborative) {
    // Teams' files check their measures against a common measure's unit, kind, direction and denominator.
    const m = file.collaborative.measures?.[def.path[1] as number];
    return m ? `measure:${m.unit}:${m.kind}:${m.better}:${m.denominator}` : 'measure:?';
  }
  return def.kind;
}

/**
 * The workspace index: every worksheet, its ids and references, and the cross-file checks.
 * It holds no I/O: shells (CLI, language server) feed it text through set/delete, and it tells
 * them which files' diagnostics changed, re-checking only files that depend on what changed.
 */
export class Workspace implements IndexView {
  private readonly files = new Map<string, WorksheetFile>();
  private readonly csvFiles = new Map<string, CsvData | null>();
  /** Why a CSV file could not be read (outside the workspace, not a regular file, too large...). */
  private readonly csvProblems = new Map<string, string>();
  private readonly defs = new Map<string, Definition[]>();
  private readonly refs = new Map<string, Reference[]>();
  /** Ids by kind with their definition counts, so "did you mean" never scans the whole index. */
  private readonly idsByKind = new Map<ItemKind, Map<string, number>>();
  private readonly csvUsers = new Map<string, Set<string>>();
  private readonly cross = new Map<string, Diagnostic[]>();
  private readonly dirty = new Set<string>();
  private readonly published = new Map<string, string>();
  /** Files to report on the next takeChanges even if unchanged (an editor just opened them). */
  private readonly forced = new Set<string>();
  /** Loops in the `previous` and `parents` chains; rebuilt on demand after a chain link changes. */
  private loops: ChainLoops | undefined;
  /** pdsa.config.yaml files by the folder they govern (their own and every folder below, to the next config). */
  private readonly configs = new Map<string, LoadedConfigFile>();
  /** The workspace folders: a config outside them governs nothing (an editor may open any file). Undefined: no limit. */
  private roots: readonly string[] | undefined;
  /** Team and collaborative scopes of ids (inactive, and free, in a workspace without a collaborative). */
  readonly scopes = new Scopes();
  /** In a workspace with a collaborative: definitions and references by scope and id (`scope\0id`), so scoped lookups cost what they return. */
  private readonly scopedDefs = new Map<string, Definition[]>();
  private readonly scopedRefs = new Map<string, Reference[]>();
  /** Check settings from the editor; the workspace config files (the team's agreement) override them. */
  private editorChecks: Config['checks'] = {};
  private readonly fixedToday: string | undefined;
  private readonly retainSyntaxTrees: boolean;
  /** How many files had their cross-file checks recomputed; lets tests and benches see incremental work. */
  readonly stats = { crossChecks: 0 };

  constructor(options: WorkspaceOptions = {}) {
    this.fixedToday = options.today;
    this.retainSyntaxTrees = options.retainSyntaxTrees ?? true;
    this.fileLabel = options.fileLabel ?? displayName;
  }

  readonly fileLabel: (uri: string) => string;

  /** The fixed date, else the `today` of the outermost config in the workspace, else the clock. */
  get today(): string {
    if (this.fixedToday) return this.fixedToday;
    let outer: LoadedConfigFile | undefined;
    for (const c of this.configs.values())
      if (c.config.today && this.governs(c) && (!outer || c.folder.length < outer.folder.length)) outer = c;
    return outer?.config.today ?? localDate();
  }

  /** The team's default chart rules for a file (`chart` in the pdsa.config.yaml governing it); a measure's own settings win. */
  chartDefaults(uri: string): NonNullable<Config['chart']> {
    return this.configFor(uri)?.config.chart ?? {};
  }

  // ---- feeding the index ----

  /**
   * Adds or replaces a worksheet; text of files that are not worksheets is ignored. The same text
   * again (an editor opening or closing an unchanged file) keeps the analysis it has. `retainTree`
   * keeps this file's syntax tree even when the workspace drops them (an open document, which
   * completion and hovers will read).
   */
  setWorksheet(uri: string, text: string, retainTree = this.retainSyntaxTrees): WorksheetFile | undefined {
    const kind = worksheetKind(uri);
    if (!kind) return undefined;
    const current = this.files.get(uri);
    if (current?.parsed.text === text) {
      if (!retainTree) current.parsed.doc = undefined;
      // The same characters, maybe another copy (an editor opening a file the scan read): keep one.
      current.parsed.text = text;
      return current;
    }
    const next = analyseWorksheet(uri, kind, text);
    if (!retainTree) next.parsed.doc = undefined;
    this.replace(uri, next);
    return next;
  }

  /**
   * Adds or replaces a worksheet analysed elsewhere (a worker thread, a cache) from the text it was
   * analysed from. Same effect as setWorksheet with that text, minus the syntax tree.
   */
  setAnalysed(compact: CompactWorksheet, text: string): WorksheetFile | undefined {
    const uri = compact.uri;
    if (!worksheetKind(uri)) return undefined;
    const current = this.files.get(uri);
    if (current?.parsed.text === text) return current;
    const next = restoreWorksheet(compact, text);
    this.replace(uri, next);
    return next;
  }

  deleteWorksheet(uri: string): void {
    if (this.files.has(uri)) this.replace(uri, undefined);
  }

  /** A measure's CSV file; null when it cannot be read, with why when the shell knows. */
  setCsv(uri: string, text: string | null, problem?: string): void {
    this.csvFiles.set(uri, text === null ? null : parseMeasureCsv(text, isIsoDate));
    if (text === null && problem) this.csvProblems.set(uri, problem);
    else this.csvProblems.delete(uri);
    for (const user of this.csvUsers.get(uri) ?? []) this.dirty.add(user);
  }

  /** Every CSV file a worksheet names. */
  linkedCsv(): string[] {
    return [...this.csvUsers.keys()];
  }

  /** CSV files named by worksheets but not yet given to the index; shells read them through their host. */
  missingCsv(): string[] {
    return [...this.csvUsers.keys()].filter((uri) => !this.csvFiles.has(uri));
  }

  /**
   * Adds, replaces or (text undefined) removes a pdsa.config.yaml. It governs the files in its
   * folder and below, except where a deeper config takes over: the nearest config upward wins.
   */
  setConfig(uri: string, text: string | undefined): void {
    const folder = dirname(uri);
    if (text === undefined) this.configs.delete(folder);
    else this.configs.set(folder, { uri, folder, ...loadConfig(uri, text) });
    const prefix = joinPath(folder, '');
    for (const u of this.files.keys()) if (u.startsWith(prefix)) this.dirty.add(u);
    this.dirty.add(uri);
  }

  /** The workspace folders; configs outside them govern nothing. */
  setRoots(roots: readonly string[]): void {
    this.roots = roots.map((r) => (r.length > 1 && r.endsWith('/') ? r.slice(0, -1) : r));
    for (const u of this.files.keys()) this.dirty.add(u);
  }

  private governs(c: LoadedConfigFile): boolean {
    return !this.roots || this.roots.some((r) => c.uri.startsWith(joinPath(r, '')));
  }

  /** The config that governs a file: the nearest pdsa.config.yaml upward from it, inside the workspace. */
  configFor(uri: string): LoadedConfigFile | undefined {
    if (this.configs.size === 0) return undefined;
    for (let folder = dirname(uri); folder !== '';) {
      const c = this.configs.get(folder);
      if (c && this.governs(c)) return c;
      const parent = dirname(folder);
      if (parent === folder) break;
      folder = parent;
    }
    return undefined;
  }

  /** The config files the index holds. */
  configUris(): string[] {
    return [...this.configs.values()].map((c) => c.uri);
  }

  private isConfig(uri: string): boolean {
    return this.configs.get(dirname(uri))?.uri === uri;
  }

  setEditorChecks(checks: Config['checks']): void {
    this.editorChecks = checks ?? {};
    for (const u of this.files.keys()) this.dirty.add(u);
  }

  private replace(uri: string, next: WorksheetFile | undefined): void {
    const prev = this.files.get(uri);
    if (prev && next && hasSyntaxErrors(next)) keepLastSymbols(prev, next);
    const prevSigs = new Map<string, string>();
    const nextSigs = new Map<string, string>();
    for (const d of prev?.symbols.definitions ?? [])
      prevSigs.set(d.id, `${prevSigs.get(d.id) ?? ''}${signature(prev!, d)};`);
    for (const d of next?.symbols.definitions ?? [])
      nextSigs.set(d.id, `${nextSigs.get(d.id) ?? ''}${signature(next!, d)};`);
    const refKey = (r: Reference) => `${r.id}\u0000${r.kind}\u0000${r.field}`;
    const prevRefs = new Set((prev?.symbols.references ?? []).map(refKey));
    const nextRefs = new Set((next?.symbols.references ?? []).map(refKey));

    let scopesChanged = false;
    if (prev?.kind === 'collaborative' || next?.kind === 'collaborative') {
      // New or moved team folders change which ids every file sees: re-check everything. Teams are read
      // leniently (a schema error elsewhere in the file keeps them); a file that does not parse keeps the last ones.
      const keep = next !== undefined && next.teams === undefined;
      if (!keep && this.scopes.set(uri, next?.teams)) {
        for (const u of this.files.keys()) this.dirty.add(u);
        scopesChanged = true;
      }
    }
    // A collaborative's file reports on its teams' data (no data in the last action period).
    const collab = this.scopes.collabOf(uri);
    if (collab !== undefined && collab !== uri) this.dirty.add(collab);

    if (prev) this.unindex(prev);
    if (next) {
      this.files.set(uri, next);
      this.index(next);
    } else {
      this.files.delete(uri);
      this.cross.delete(uri);
    }
    this.dirty.add(uri);
    if (scopesChanged) {
      this.rebuildScoped();
      this.loops = undefined;
    }

    // Files that use or also define an id whose definition changed.
    for (const id of new Set([...prevSigs.keys(), ...nextSigs.keys()])) {
      if (prevSigs.get(id) === nextSigs.get(id)) continue;
      for (const r of this.refs.get(id) ?? []) this.dirty.add(r.uri);
      for (const d of this.defs.get(id) ?? []) this.dirty.add(d.uri);
    }
    // Files whose ids gained or lost a user (follow-up cycles, measure data from cycles), and chains that may loop.
    const changedRefs = [...prevRefs]
      .filter((k) => !nextRefs.has(k))
      .concat([...nextRefs].filter((k) => !prevRefs.has(k)));
    let chainChanged = chainSignature(prev) !== chainSignature(next);
    for (const key of changedRefs) {
      const [id, , field] = key.split('\u0000');
      for (const d of this.defs.get(id!) ?? []) this.dirty.add(d.uri);
      if (field === 'previous' || field === 'parent') chainChanged = true;
    }
    if (chainChanged) {
      this.loops = undefined;
      this.markChainNeighbours(prev, next);
    }
  }

  /**
   * A loop through this file passes through files upstream of it; re-check them all. Each file's
   * definitions are queued once, however many links lead into it, so this is linear in the chain.
   */
  private markChainNeighbours(...versions: (WorksheetFile | undefined)[]): void {
    // In a collaborative, chains stay within a team: follow the team's own uses of its ids.
    const queue = versions.flatMap((f) => f?.symbols.definitions.map((d) => [d.id, f.uri] as const) ?? []);
    const seenIds = new Set<string>();
    const seenFiles = new Set<string>();
    while (queue.length) {
      const [id, from] = queue.pop()!;
      const key = this.scopes.active ? `${this.scopes.scopeOf(from)}\u0000${id}` : id;
      if (seenIds.has(key)) continue;
      seenIds.add(key);
      for (const r of this.references(id, from)) {
        if (r.field !== 'previous' && r.field !== 'parent') continue;
        this.dirty.add(r.uri);
        if (seenFiles.has(r.uri)) continue;
        seenFiles.add(r.uri);
        for (const d of this.files.get(r.uri)?.symbols.definitions ?? []) queue.push([d.id, r.uri]);
      }
    }
  }

  private countId(kind: ItemKind, id: string, delta: number): void {
    let ids = this.idsByKind.get(kind);
    if (!ids) this.idsByKind.set(kind, (ids = new Map()));
    const n = (ids.get(id) ?? 0) + delta;
    if (n > 0) ids.set(id, n);
    else ids.delete(id);
  }

  private index(file: WorksheetFile): void {
    for (const d of file.symbols.definitions) {
      addTo(this.defs, d.id, d);
      this.countId(d.kind, d.id, 1);
    }
    for (const r of file.symbols.references) addTo(this.refs, r.id, r);
    this.indexScoped(file);
    for (const link of file.csv) {
      let users = this.csvUsers.get(link.uri);
      if (!users) this.csvUsers.set(link.uri, (users = new Set()));
      users.add(file.uri);
    }
  }

  private unindex(file: WorksheetFile): void {
    removeAll(this.defs, file.symbols.definitions, (d) => d.id);
    for (const d of file.symbols.definitions) this.countId(d.kind, d.id, -1);
    removeAll(this.refs, file.symbols.references, (r) => r.id);
    if (this.scopes.active) {
      const scope = this.scopes.scopeOf(file.uri);
      removeAll(this.scopedDefs, file.symbols.definitions, (d) => `${scope}\u0000${d.id}`);
      removeAll(this.scopedRefs, file.symbols.references, (r) => `${scope}\u0000${r.id}`);
    }
    for (const link of file.csv) {
      const users = this.csvUsers.get(link.uri);
      users?.delete(file.uri);
      if (users?.size === 0) this.csvUsers.delete(link.uri);
    }
  }

  private indexScoped(file: WorksheetFile): void {
    if (!this.scopes.active) return;
    const scope = this.scopes.scopeOf(file.uri);
    for (const d of file.symbols.definitions) addTo(this.scopedDefs, `${scope}\u0000${d.id}`, d);
    for (const r of file.symbols.references) addTo(this.scopedRefs, `${scope}\u0000${r.id}`, r);
  }

  /** Team folders moved (a collaborative file changed): every file's scope may have changed. */
  private rebuildScoped(): void {
    this.scopedDefs.clear();
    this.scopedRefs.clear();
    for (const f of this.files.values()) this.indexScoped(f);
  }

  // ---- IndexView ----

  /** Definitions of an id; with `from` (a file's URI), only those that file can see (its team's and its collaborative's). */
  definitions(id: string, from?: string): readonly Definition[] {
    const all = this.defs.get(id) ?? [];
    if (from === undefined || !this.scopes.active) return all;
    const scope = this.scopes.scopeOf(from);
    const own = this.scopedDefs.get(`${scope}\u0000${id}`) ?? [];
    const parent = this.scopes.parentOf(scope);
    const above = parent === undefined ? undefined : this.scopedDefs.get(`${parent}\u0000${id}`);
    return above ? [...own, ...above] : own;
  }

  /** References to an id; with `from` (the URI of a file defining it), only those that can see that file's ids. */
  references(id: string, from?: string): readonly Reference[] {
    const all = this.refs.get(id) ?? [];
    if (from === undefined || !this.scopes.active) return all;
    const scope = this.scopes.scopeOf(from);
    // A team's id is used within the team; a collaborative's ids by it and all its teams.
    if (this.scopes.parentOf(scope) !== undefined) return this.scopedRefs.get(`${scope}\u0000${id}`) ?? [];
    return all.filter((r) => this.scopes.visible(scope, this.scopes.scopeOf(r.uri)));
  }

  scopeOf(uri: string): string {
    return this.scopes.scopeOf(uri);
  }

  /** Ids of one kind; with `from` (a file's URI), only those that file can see. */
  idsOfKind(kind: ItemKind, from?: string): Iterable<string> {
    const ids = this.idsByKind.get(kind)?.keys() ?? [];
    if (from === undefined || !this.scopes.active) return ids;
    return [...ids].filter((id) => this.definitions(id, from).some((d) => d.kind === kind));
  }

  worksheet(uri: string): WorksheetFile | undefined {
    return this.files.get(uri);
  }

  chainLoops(): ChainLoops {
    if (!this.loops) {
      const links: Reference[] = [];
      for (const file of this.files.values())
        for (const r of file.symbols.references) if (r.owner !== undefined) links.push(r);
      this.loops = new ChainLoops(links, this.scopes.active ? (r) => this.chainNodes(r) : undefined);
    }
    return this.loops;
  }

  /**
   * A chain link's ends in a collaborative: the owner in its file's scope; the target where the file
   * finds it (its own team, else the collaborative above), so each team's chains are its own.
   */
  private chainNodes(r: Reference): { owner: string; target: string } {
    const scope = this.scopes.scopeOf(r.uri);
    const own = `${scope}\u0000${r.id}`;
    const parent = this.scopes.parentOf(scope);
    const target =
      this.scopedDefs.has(own) || parent === undefined || !this.scopedDefs.has(`${parent}\u0000${r.id}`)
        ? own
        : `${parent}\u0000${r.id}`;
    return { owner: `${scope}\u0000${r.owner!}`, target };
  }

  csvProblem(uri: string): string | undefined {
    return this.csvProblems.get(uri);
  }

  csv(uri: string): CsvData | null | undefined {
    return this.csvFiles.get(uri);
  }

  // ---- results ----

  /** Forgets what was last reported for a file, so the next takeChanges reports it again (e.g. when an editor opens it). */
  republish(uri: string): void {
    this.forced.add(uri);
    this.dirty.add(uri);
  }

  /**
   * Records diagnostics the shell has shown for a file without asking the index (a language server
   * restoring the previous session's): the next takeChanges reports the file only if the index then
   * finds otherwise.
   */
  markPublished(uri: string, diagnostics: Diagnostic[]): void {
    this.published.set(uri, JSON.stringify(diagnostics));
  }

  get fileCount(): number {
    return this.files.size;
  }

  worksheets(): IterableIterator<WorksheetFile> {
    return this.files.values();
  }

  /** Diagnostics of one file (worksheet or config), sorted, with the config applied. */
  diagnostics(uri: string): Diagnostic[] {
    if (this.isConfig(uri)) return [...this.configs.get(dirname(uri))!.diagnostics].sort(compareDiagnostics);
    const file = this.files.get(uri);
    if (!file) return [];
    let cross = this.cross.get(uri);
    if (!cross || this.dirty.has(uri)) {
      // A file with a syntax error reports that error only: what it says past the slip may be partial.
      cross = hasSyntaxErrors(file) ? [] : crossFileChecks(file, this);
      this.stats.crossChecks++;
      this.cross.set(uri, cross);
      this.dirty.delete(uri);
    }
    const own = this.configFor(uri)?.config ?? {};
    const config = { ...own, checks: { ...this.editorChecks, ...own.checks } };
    return applyConfig(config, [...file.diagnostics, ...cross]).sort(compareDiagnostics);
  }

  /**
   * Files whose diagnostics changed since the last call, with their new diagnostics (empty for deleted files).
   * The language server publishes exactly these.
   */
  takeChanges(): Map<string, Diagnostic[]> {
    const changed = new Map<string, Diagnostic[]>();
    for (const uri of [...this.dirty]) {
      const exists = this.files.has(uri) || this.isConfig(uri);
      const diagnostics = exists ? this.diagnostics(uri) : [];
      this.dirty.delete(uri);
      const key = JSON.stringify(diagnostics);
      const before = this.published.get(uri);
      if (exists) this.published.set(uri, key);
      else this.published.delete(uri);
      // Nothing to show and nothing shown before (a deleted file, or a clean one seen for the first time).
      const forced = this.forced.delete(uri);
      if (!forced && (before === key || (before === undefined && diagnostics.length === 0))) continue;
      changed.set(uri, diagnostics);
    }
    return changed;
  }

  /** Every file with diagnostics (worksheets and the config), for batch reports. */
  allDiagnostics(): Map<string, Diagnostic[]> {
    const out = new Map<string, Diagnostic[]>();
    for (const c of this.configs.values()) if (c.diagnostics.length) out.set(c.uri, this.diagnostics(c.uri));
    for (const uri of this.files.keys()) out.set(uri, this.diagnostics(uri));
    return out;
  }
}

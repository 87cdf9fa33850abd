import { dirname, resolveRelative } from '../uri';

/**
 * Where ids live. A workspace without a collaborative has one scope, '' (ids unique across it, as
 * always). A collaborative file makes two more levels: the collaborative (its file, and every file
 * under its folder that belongs to no team) and each team (the files under the team's folder).
 * A file sees the ids of its own scope and of the collaborative above it, so every team can have
 * its own `S-greeters` and report the common measures under their shared ids.
 */
export interface TeamFolder {
  id: string;
  /** The folder's URI (resolved against the collaborative file). */
  folder: string;
}

interface Entry {
  dir: string;
  teams: TeamFolder[];
}

export const GLOBAL_SCOPE = '';

export class Scopes {
  private readonly collabs = new Map<string, Entry>();
  private readonly memo = new Map<string, string>();

  /** True once any collaborative is known: until then every lookup is the plain workspace-wide one. */
  get active(): boolean {
    return this.collabs.size > 0;
  }

  /** Sets (or, with undefined, removes) a collaborative's teams; true when any file's scope may have changed. */
  set(collabUri: string, teams: { id: string; folder: string }[] | undefined): boolean {
    const before = this.collabs.get(collabUri);
    const next = teams?.map((t) => ({ id: t.id, folder: resolveRelative(collabUri, t.folder).replace(/\/+$/, '') }));
    const key = (e: TeamFolder[] | undefined) => (e ? e.map((t) => `${t.id}\u0000${t.folder}`).join('\u0001') : '-');
    if (before && key(before.teams) === key(next)) return false;
    if (!before && !next) return false;
    if (next) this.collabs.set(collabUri, { dir: dirname(collabUri), teams: next });
    else this.collabs.delete(collabUri);
    this.memo.clear();
    return true;
  }

  /** '' (no collaborative), the collaborative's URI, or `<collaborative URI>#<team id>`. */
  scopeOf(uri: string): string {
    if (!this.active) return GLOBAL_SCOPE;
    let s = this.memo.get(uri);
    if (s === undefined) {
      s = this.compute(uri);
      this.memo.set(uri, s);
    }
    return s;
  }

  /** The team a file belongs to, if any. */
  teamOf(uri: string): { collab: string; team: string } | undefined {
    const s = this.scopeOf(uri);
    const hash = s.lastIndexOf('#');
    return hash === -1 ? undefined : { collab: s.slice(0, hash), team: s.slice(hash + 1) };
  }

  /** The collaborative a file belongs to (as a team's file or at the collaborative's level). */
  collabOf(uri: string): string | undefined {
    const s = this.scopeOf(uri);
    if (s === GLOBAL_SCOPE) return undefined;
    const hash = s.lastIndexOf('#');
    return hash === -1 ? s : s.slice(0, hash);
  }

  /** The scope above: a team's collaborative; undefined for a collaborative's own scope and the global one. */
  parentOf(scope: string): string | undefined {
    const hash = scope.lastIndexOf('#');
    return hash === -1 ? undefined : scope.slice(0, hash);
  }

  /** Can a file in scope `from` see an id defined in scope `def`? Its own scope, and the collaborative above it. */
  visible(def: string, from: string): boolean {
    if (def === from) return true;
    const hash = from.lastIndexOf('#');
    return hash !== -1 && from.slice(0, hash) === def;
  }

  private compute(uri: string): string {
    // The longest team folder containing the file wins (a team folder may sit inside the
    // collaborative's folder, or anywhere in a multi-root workspace).
    let best: { scope: string; length: number } | undefined;
    for (const [collab, entry] of this.collabs) {
      if (uri === collab) return collab;
      for (const t of entry.teams) {
        if (uri.startsWith(`${t.folder}/`) && (!best || t.folder.length > best.length))
          best = { scope: `${collab}#${t.id}`, length: t.folder.length };
      }
      if (!best && uri.startsWith(`${entry.dir}/`)) best = { scope: collab, length: entry.dir.length - 1 };
    }
    return best?.scope ?? GLOBAL_SCOPE;
  }
}

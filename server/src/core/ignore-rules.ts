import ignore, { type Ignore } from 'ignore';
import { readOrNull, type WorkspaceHost } from './host';
import { joinPath } from './uri';

/** Folders never looked into, whatever the ignore files say. */
export const ALWAYS_SKIPPED = new Set(['.git', 'node_modules']);

/** A folder with its path below the workspace root ('' for the root itself). */
export interface Folder {
  uri: string;
  rel: string;
}

/**
 * Git's ignore rules: a `.gitignore` in every folder, patterns relative to that folder, a deeper
 * file overriding a shallower one (so a deeper `!keep.pdsa.yaml` brings back a file a higher
 * layer ignored), and nothing inside an ignored folder can come back (git does not look inside it).
 * Each folder's `.gitignore` is read once through the host and kept until `forget`.
 */
export class IgnoreRules {
  private readonly layers = new Map<string, Promise<Ignore | null>>();

  constructor(private readonly host: WorkspaceHost) {}

  /** The rules of one folder (null when it has no readable .gitignore). */
  layer(folderUri: string): Promise<Ignore | null> {
    let layer = this.layers.get(folderUri);
    if (!layer) {
      layer = readOrNull(this.host, joinPath(folderUri, '.gitignore')).then((text) =>
        text === null ? null : ignore().add(text),
      );
      this.layers.set(folderUri, layer);
    }
    return layer;
  }

  /** A .gitignore changed: read it again next time. */
  forget(folderUri: string): void {
    this.layers.delete(folderUri);
  }

  /**
   * Whether `rel` (a path below the root, "/"-separated) is ignored by the rules of the folders on
   * its way down (`chain`: the root first, then each folder containing it). Only the entry's own
   * name is judged here; callers stop descending at ignored folders.
   */
  async ignores(chain: Folder[], rel: string, isDirectory: boolean): Promise<boolean> {
    for (let i = chain.length - 1; i >= 0; i--) {
      const folder = chain[i]!;
      const rules = await this.layer(folder.uri);
      if (!rules) continue;
      const below = folder.rel ? rel.slice(folder.rel.length + 1) : rel;
      const result = rules.test(isDirectory ? `${below}/` : below);
      if (result.ignored) return true;
      if (result.unignored) return false;
    }
    return false;
  }
}

import type { PathSegment } from './ast';
import type { ItemKind, ReferenceField } from './symbols';
import type { WorksheetKind } from './uri';

/** A path pattern: "*" matches any list index; "{key}" matches any map key (the key itself is the value). */
export type Pattern = readonly (string | '*' | '{key}')[];

export interface ReferenceSpec {
  pattern: Pattern;
  kind: ItemKind;
  field: ReferenceField;
}

export interface DefinitionSpec {
  pattern: Pattern;
  kind: ItemKind;
  /** Key holding the item's name, shown in completion details and hovers. */
  title: string;
  /** Key holding a longer text (hypothesis, definition, objective). */
  summary?: string;
}

/**
 * Where each kind of worksheet defines and references ids. Symbol extraction, completion, hovers
 * and rename all read this one table, so a new reference field is added in one place.
 */
export const DEFINITIONS: Record<WorksheetKind, DefinitionSpec[]> = {
  cycle: [{ pattern: [], kind: 'cycle', title: 'title', summary: 'plan.objective' }],
  factors: [
    { pattern: [], kind: 'focus', title: 'title', summary: 'result.statement' },
    { pattern: ['targets', '*'], kind: 'target', title: 'statement' },
    { pattern: ['measures', '*'], kind: 'measure', title: 'name', summary: 'definition' },
    { pattern: ['factors', '*'], kind: 'factor', title: 'statement' },
    { pattern: ['strategies', '*'], kind: 'strategy', title: 'title', summary: 'hypothesis' },
  ],
  collaborative: [
    { pattern: [], kind: 'collaborative', title: 'title', summary: 'aim' },
    { pattern: ['teams', '*'], kind: 'team', title: 'name' },
    // Common measures: teams report under the same id (their own measure of that id is not a duplicate).
    { pattern: ['measures', '*'], kind: 'measure', title: 'name', summary: 'definition' },
    { pattern: ['package', '*', 'ideas', '*'], kind: 'idea', title: 'title', summary: 'description' },
  ],
};

export const REFERENCES: Record<WorksheetKind, ReferenceSpec[]> = {
  cycle: [
    { pattern: ['strategy'], kind: 'strategy', field: 'strategy' },
    { pattern: ['previous'], kind: 'cycle', field: 'previous' },
    { pattern: ['measures', '*'], kind: 'measure', field: 'measure' },
    { pattern: ['plan', 'data', '*', 'measure'], kind: 'measure', field: 'measure' },
    { pattern: ['study', 'chart'], kind: 'measure', field: 'measure' },
    { pattern: ['do', 'data', '{key}'], kind: 'measure', field: 'data' },
  ],
  factors: [
    { pattern: ['targets', '*', 'measure'], kind: 'measure', field: 'measure' },
    { pattern: ['factors', '*', 'parents', '*'], kind: 'factor', field: 'parent' },
    { pattern: ['strategies', '*', 'addresses', '*'], kind: 'factor', field: 'addresses' },
    { pattern: ['strategies', '*', 'addresses', '*', 'factor'], kind: 'factor', field: 'addresses' },
    { pattern: ['strategies', '*', 'package'], kind: 'idea', field: 'package' },
  ],
  collaborative: [{ pattern: ['assessment', '{key}'], kind: 'team', field: 'team' }],
};

export function matches(pattern: Pattern, path: readonly PathSegment[]): boolean {
  if (pattern.length !== path.length) return false;
  return pattern.every((p, i) =>
    p === '*' ? typeof path[i] === 'number' : p === '{key}' ? typeof path[i] === 'string' : p === path[i],
  );
}

/** The reference a value at this path would be, if any (for completion of ids). */
export function referenceAt(kind: WorksheetKind, path: readonly PathSegment[]): ReferenceSpec | undefined {
  return REFERENCES[kind].find((r) => matches(r.pattern, path));
}

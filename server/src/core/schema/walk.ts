import type { z } from 'zod';
import type { PathSegment } from '../ast';

/** zod 4 keeps each schema's shape in `_zod.def`; this is the slice of it the walker reads. */
interface Def {
  type: string;
  shape?: Record<string, z.ZodType>;
  element?: z.ZodType;
  items?: z.ZodType[];
  valueType?: z.ZodType;
  keyType?: z.ZodType;
  options?: z.ZodType[];
  innerType?: z.ZodType;
  in?: z.ZodType;
  getter?: () => z.ZodType;
  entries?: Record<string, string>;
  values?: unknown[];
}

export function defOf(schema: z.ZodType): Def {
  return (schema as unknown as { _zod: { def: Def } })._zod.def;
}

const WRAPPERS = new Set(['optional', 'nullable', 'default', 'readonly', 'nonoptional', 'catch', 'prefault']);

/** Strips optional/nullable/default wrappers, keeping the outermost description. */
export function unwrap(schema: z.ZodType): z.ZodType {
  let s = schema;
  for (let i = 0; i < 20; i++) {
    const def = defOf(s);
    if (WRAPPERS.has(def.type) && def.innerType) s = def.innerType;
    else if (def.type === 'pipe' && def.in) s = def.in;
    else if (def.type === 'lazy' && def.getter) s = def.getter();
    else break;
  }
  return s;
}

export function isOptional(schema: z.ZodType): boolean {
  return defOf(schema).type === 'optional';
}

const childCache = new WeakMap<z.ZodType, Map<PathSegment, z.ZodType | undefined>>();
const keysCache = new WeakMap<z.ZodType, string[]>();

/**
 * The schema of a child value, or undefined when the schema allows no such child. Schemas never
 * change, so answers are remembered: validation asks this for every value of every file.
 */
export function childSchema(schema: z.ZodType, segment: PathSegment): z.ZodType | undefined {
  let cache = childCache.get(schema);
  if (!cache) childCache.set(schema, (cache = new Map()));
  // Every list index has the same child schema: remember one answer for all of them.
  const key = typeof segment === 'number' ? 0 : segment;
  if (cache.has(key)) return cache.get(key);
  const child = computeChild(schema, segment);
  cache.set(key, child);
  return child;
}

function computeChild(schema: z.ZodType, segment: PathSegment): z.ZodType | undefined {
  const s = unwrap(schema);
  const def = defOf(s);
  switch (def.type) {
    case 'object':
      // Own keys only: `constructor` or `toString` must not find Object.prototype's members.
      return typeof segment === 'string' && def.shape && Object.hasOwn(def.shape, segment)
        ? def.shape[segment]
        : undefined;
    case 'array':
      return typeof segment === 'number' ? def.element : undefined;
    case 'tuple':
      return typeof segment === 'number' ? def.items?.[segment] : undefined;
    case 'record':
      return typeof segment === 'string' ? def.valueType : undefined;
    case 'union':
      for (const option of def.options ?? []) {
        const child = childSchema(option, segment);
        if (child) return child;
      }
      return undefined;
    default:
      return undefined;
  }
}

export function schemaAt(root: z.ZodType, path: readonly PathSegment[]): z.ZodType | undefined {
  let s: z.ZodType | undefined = root;
  for (const segment of path) {
    if (!s) return undefined;
    s = childSchema(s, segment);
  }
  return s;
}

/** The object schemas a value at this schema may be (a union may offer several). */
export function objectShapes(schema: z.ZodType): Record<string, z.ZodType>[] {
  const s = unwrap(schema);
  const def = defOf(s);
  if (def.type === 'object' && def.shape) return [def.shape];
  if (def.type === 'union') return (def.options ?? []).flatMap(objectShapes);
  return [];
}

/** Keys a map at this schema may have: object fields, or the members of a record's enum key type. */
export function allowedKeys(schema: z.ZodType): string[] {
  let keys = keysCache.get(schema);
  if (keys) return keys;
  const s = unwrap(schema);
  const def = defOf(s);
  if (def.type === 'record' && def.keyType) keys = enumValues(def.keyType);
  else if (def.type === 'union') keys = (def.options ?? []).flatMap(allowedKeys);
  else keys = objectShapes(s).flatMap((shape) => Object.keys(shape));
  keysCache.set(schema, keys);
  return keys;
}

/** Allowed literal values (enum members, literals), e.g. for "did you mean" and completion. */
export function enumValues(schema: z.ZodType): string[] {
  const s = unwrap(schema);
  const def = defOf(s);
  if (def.type === 'enum' && def.entries) return Object.values(def.entries);
  if (def.type === 'literal' && def.values) return def.values.map(String);
  if (def.type === 'union') return (def.options ?? []).flatMap(enumValues);
  return [];
}

export function description(schema: z.ZodType | undefined): string | undefined {
  if (!schema) return undefined;
  return (schema as { description?: string }).description ?? (unwrap(schema) as { description?: string }).description;
}

/** One observation. A null value is a missing observation: kept in place, never treated as zero. */
export interface Point {
  date: string;
  value: number | null;
  /** For proportions written as [date, count, denominator]: value is the count. */
  denominator?: number;
}

export type Series = Point[];

/** The group name used when a measure's data is not disaggregated. */
export const ALL_GROUP = 'all';

type RawPoint = [string, number | null] | [string, number | null, number];

function toPoint(p: RawPoint): Point {
  return p.length === 3 ? { date: p[0], value: p[1], denominator: p[2] } : { date: p[0], value: p[1] };
}

/** Normalises measure data as written (a list of points, or a map of group to points) to series by group. */
export function seriesByGroup(data: RawPoint[] | Record<string, RawPoint[]> | undefined): Map<string, Series> {
  const out = new Map<string, Series>();
  if (!data) return out;
  if (Array.isArray(data)) out.set(ALL_GROUP, data.map(toPoint));
  else for (const [group, points] of Object.entries(data)) out.set(group, points.map(toPoint));
  return out;
}

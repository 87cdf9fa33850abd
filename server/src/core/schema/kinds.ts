import type { z } from 'zod';
import type { WorksheetKind } from '../uri';
import { collaborativeSchema } from './collaborative';
import { cycleSchema } from './cycle';
import { factorsSchema } from './factors';

/** The root schema of each kind of worksheet. */
export const WORKSHEET_SCHEMAS: Record<WorksheetKind, z.ZodType> = {
  cycle: cycleSchema,
  factors: factorsSchema,
  collaborative: collaborativeSchema,
};

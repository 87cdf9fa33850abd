import { z } from 'zod';
import { configSchema } from './config';
import { collaborativeSchema } from './collaborative';
import { cycleSchema } from './cycle';
import { factorsSchema } from './factors';

/** The published JSON Schemas, by file name in schemas/. Draft 7, which the Red Hat YAML extension reads fully. */
export function jsonSchemas(): Record<string, string> {
  const emit = (schema: z.ZodType, id: string, title: string) => {
    const json = z.toJSONSchema(schema, { target: 'draft-7', io: 'input' }) as Record<string, unknown>;
    return `${JSON.stringify({ $id: id, title, ...json }, null, 2)}\n`;
  };
  return {
    'pdsa.schema.json': emit(
      cycleSchema,
      'https://pdsa-workbench.dev/schemas/pdsa.schema.json',
      'PDSA cycle (*.pdsa.yaml)',
    ),
    'factors.schema.json': emit(
      factorsSchema,
      'https://pdsa-workbench.dev/schemas/factors.schema.json',
      'Factor analysis (*.factors.yaml)',
    ),
    'collaborative.schema.json': emit(
      collaborativeSchema,
      'https://pdsa-workbench.dev/schemas/collaborative.schema.json',
      'Learning collaborative (*.collaborative.yaml)',
    ),
    'config.schema.json': emit(
      configSchema,
      'https://pdsa-workbench.dev/schemas/config.schema.json',
      'PDSA Workbench config (pdsa.config.yaml)',
    ),
  };
}

import { z } from 'zod';
import { COACHING_CODES } from '../diagnostics';
import { isoDate } from './common';
import { ruleSettings } from './factors';

const checkSetting = z
  .enum(['off', 'hint', 'info', 'warning', 'error'])
  .describe('off turns the check off; otherwise the severity it reports with.');

export const configSchema = z
  .strictObject({
    version: z.literal(1).describe('Config format version.').optional(),
    checks: z
      .partialRecord(z.enum(COACHING_CODES as [string, ...string[]]), checkSetting)
      .describe('Coaching checks by code: off, hint, info, warning or error.')
      .optional(),
    today: isoDate.describe('Pretend today is this date (for reproducible reports).').optional(),
    chart: z
      .strictObject(ruleSettings)
      .describe("The workspace's default rules for every measure's chart (a measure's own chart settings win).")
      .optional(),
  })
  .describe('Workspace settings for PDSA Workbench (pdsa.config.yaml at the workspace root).');

export type Config = z.infer<typeof configSchema>;
export type CheckSetting = z.infer<typeof checkSetting>;

import { z } from 'zod';
import { commitment, id, isoDate, level2, measureData, ref, scope, text, version } from './common';
import { CHART_TYPES, RULE_SETS } from '../analytics/types';

const population = z
  .strictObject({
    whole: text.describe('The whole population the result is about.').optional(),
    program: text.describe('The population your programs reach.').optional(),
    focus: text.describe('The focus population this work targets.').optional(),
  })
  .describe('The "egg chart": whole, program and focus populations.');

export const resultSchema = z
  .strictObject({
    statement: text.describe('The population-level result the community wants.'),
    population: population.optional(),
    disparity: text.describe('The disparity being closed.').optional(),
  })
  .describe('Step 1: the population-level result.');

const valueAt = z.strictObject({
  value: z.number().describe('The value.'),
  date: isoDate.describe('When it was measured (baseline) or by when it should be reached (target).'),
});

export const targetSchema = z
  .strictObject({
    id: id.describe('Id of this target.'),
    kind: z
      .enum(['global', 'smartie'])
      .describe(
        'global: the long-term target; smartie: specific, measurable, ambitious, relevant, time-bound, inclusive, equitable.',
      ),
    statement: text.describe('The target in words.'),
    measure: ref('a measure').describe('The measure the target is set on.').optional(),
    group: text
      .describe('The population or group the target is for (a group name used in the measure data).')
      .optional(),
    baseline: valueAt.describe('Where the measure stood at the start: value and date.').optional(),
    target: valueAt.describe('The target value and the date by which to reach it.').optional(),
    inclusive: text.describe('How the people closest to the result shaped this target.').optional(),
    equitable: text.describe('How the target closes a disparity.').optional(),
  })
  .describe('Step 3: a global or SMARTIE target.');

/** Rule-set settings shared by a measure's chart and the workspace default in pdsa.config.yaml. */
export const ruleSettings = {
  rules: z
    .enum(RULE_SETS)
    .describe(
      'Which rules find signals: ihi (Perla, Provost & Murray), anhoej (longest run and crossings, as qicharts2) or mdc (NHS Making Data Count).',
    )
    .optional(),
  screen: z
    .boolean()
    .describe(
      "Screen moving ranges (I, P' and U' charts): leave out those of 3.267 x the average or more and recompute. Default: on for ihi and anhoej, off for mdc.",
    )
    .optional(),
  shift: z
    .number()
    .int()
    .min(6)
    .max(8)
    .describe('mdc: points in a row on one side of the mean that make a shift (6 to 8; default 7).')
    .optional(),
  trend: z
    .number()
    .int()
    .min(6)
    .max(8)
    .describe('mdc: points all rising or all falling, endpoints included, that make a trend (6 to 8; default 7).')
    .optional(),
  conflict: z
    .enum(['improvement', 'concern'])
    .describe(
      'Which wins when the latest point is part of both an improvement and a concern signal (default improvement).',
    )
    .optional(),
};

export const chartSettings = z
  .strictObject({
    type: z
      .enum(CHART_TYPES)
      .describe(
        "The chart: run, i (XmR, values), c (counts of events), u (rates: count per exposure), p (proportions), pp and up (Laney's P' and U' for large denominators).",
      )
      .optional(),
    ...ruleSettings,
    baseline: z
      .union([z.number().int().positive(), isoDate])
      .describe(
        'Freeze the centre line and limits on a baseline: the first N rows of each phase (the periods on the chart, missing ones included), or the rows up to this date.',
      )
      .optional(),
    phases: z
      .array(
        z.strictObject({
          start: isoDate.describe('First date of the new phase.'),
          label: text.describe('What changed.').optional(),
        }),
      )
      .describe('New phases (a new centre line and limits) after a change was adopted.')
      .optional(),
    astronomical: z
      .array(isoDate)
      .describe('Dates of points the team judges astronomical (a judgement, not a rule).')
      .optional(),
    exclude: z
      .array(
        z.strictObject({
          date: isoDate.describe('Date of the point to leave out.'),
          reason: text.describe('Why it is left out (shown on the chart).'),
        }),
      )
      .describe('Points left out of every calculation (centre, limits, rules), still drawn, hollow.')
      .optional(),
  })
  .describe('Chart settings: type, rules, baseline, phases, astronomical and excluded points.');

export const measureSchema = z
  .strictObject({
    id: id.describe('Id of this measure.'),
    name: text.describe("The measure's name."),
    definition: text.describe('Exactly what is counted and how (numerator, denominator, source).').optional(),
    unit: text.describe('Unit of the values, e.g. "%" or "students".').optional(),
    kind: z
      .enum(['outcome', 'process', 'balancing'])
      .describe('outcome: the result; process: the change is happening; balancing: nothing else got worse.'),
    rba: z
      .enum(['how-much', 'how-well', 'better-off'])
      .describe(
        'The Results-Based-Accountability question it answers: how much did we do, how well did we do it, is anyone better off.',
      )
      .optional(),
    better: z
      .enum(['up', 'down', 'neither'])
      .describe('Which direction is better (neither: a measure watched for change in either direction).'),
    data: measureData.optional(),
    csv: text
      .describe('A CSV file beside this one with columns date,value (and optionally group, denominator).')
      .optional(),
    chart: chartSettings.optional(),
    notes: z
      .array(
        z.strictObject({
          date: isoDate.describe('The day it happened.'),
          text: text.describe('What happened, in a few words: drawn on the chart with its date.'),
        }),
      )
      .describe(
        'Dated notes the team writes on the measure (a new bus route, a flu week, a change of definition): numbered marks on its chart, listed under it.',
      )
      .optional(),
  })
  .describe('A measure with its data.');

export const factorSchema = z
  .strictObject({
    id: id.describe('Id of this factor.'),
    statement: text.describe('The factor: what contributes to the current conditions.'),
    level: z
      .enum(['event', 'pattern', 'structure', 'mental-model'])
      .describe(
        'Level on the systems iceberg: event, pattern (behaviour pattern), structure (system structure), mental-model.',
      ),
    scope: scope.optional(),
    parents: z
      .array(ref('a factor'))
      .describe(
        'Parent factors. A factor with no parent is a primary driver; a child is a secondary driver and may have several parents.',
      )
      .optional(),
    evidence: z
      .strictObject({
        source: text.describe('The data source behind this factor.').optional(),
        validated: z
          .strictObject({
            by: text.describe('Who validated it: the people closest to the result.'),
            on: isoDate.describe('When.'),
          })
          .describe('Checked with the people closest to the result: by whom, when.')
          .optional(),
      })
      .describe('Evidence for the factor.')
      .optional(),
    impact: level2.describe('Four-blocker: impact on the result, high or low.').optional(),
    influence: level2.describe('Four-blocker: capacity or authority to influence, high or low.').optional(),
    priority: z.boolean().describe('True for the few factors the team chose to focus on.').optional(),
  })
  .describe('Step 4: a factor (driver) behind the current conditions.');

const addressLink = z.union([
  ref('a factor'),
  z.strictObject({
    factor: ref('a factor').describe('The factor this strategy addresses.'),
    strength: z.enum(['strong', 'weak']).describe('How strongly the strategy is expected to move the factor.'),
  }),
]);

export const strategySchema = z
  .strictObject({
    id: id.describe('Id of this strategy (change idea).'),
    title: text.describe('A short title.'),
    hypothesis: text.describe('If we ... then ... because ...'),
    addresses: z
      .array(addressLink)
      .describe('Factors this strategy addresses: ids, or {factor, strength: strong|weak}.')
      .optional(),
    level: z.enum(['practice', 'system']).describe('practice-level or system-level change.').optional(),
    scope: scope.optional(),
    lever: z
      .enum(['policy', 'practice', 'roles', 'resources', 'decision-rules', 'relationships', 'mental-models'])
      .describe(
        'The system lever it pulls: policy, practice, roles, resources, decision-rules, relationships, mental-models.',
      )
      .optional(),
    partners: z.array(text).describe('Partners involved.').optional(),
    owner: text.describe('Who owns the strategy.').optional(),
    package: ref("a change idea of the collaborative's change package")
      .describe(
        'In a collaborative: the change-package idea this strategy tests (its id in the *.collaborative.yaml file).',
      )
      .optional(),
    status: z
      .enum(['idea', 'testing', 'adopted', 'spreading', 'abandoned'])
      .describe('idea, testing, adopted, spreading or abandoned.')
      .optional(),
  })
  .describe('Step 5: a strategy (change idea) with its hypothesis.');

export const factorsSchema = z
  .strictObject({
    version,
    id: id.describe('Id of this focus area.'),
    title: text.describe('The focus area in a few words.'),
    team: z
      .strictObject({
        name: text.describe("The team's name."),
        members: z
          .array(
            z.strictObject({
              name: text.describe('Name.'),
              role: text.describe('Role in the team.').optional(),
              sector: text.describe('Sector they bring (school, health, parents, county...).').optional(),
            }),
          )
          .describe('Team members: name, role and the sector each brings.')
          .optional(),
      })
      .describe('The team and the sectors at the table.')
      .optional(),
    result: resultSchema,
    targets: z.array(targetSchema).describe('Step 3: a global target and SMARTIE targets.').optional(),
    measures: z.array(measureSchema).describe('Outcome, process and balancing measures with their data.').optional(),
    factors: z.array(factorSchema).describe('Step 4: the factor analysis.').optional(),
    strategies: z.array(strategySchema).describe('Step 5: strategies (change ideas).').optional(),
    commitments: z.array(commitment).describe('Step 8: action commitments: who will do what by when.').optional(),
  })
  .describe('A factor analysis for one result / focus area (*.factors.yaml).');

export type Factors = z.infer<typeof factorsSchema>;
export type Measure = z.infer<typeof measureSchema>;
export type Factor = z.infer<typeof factorSchema>;
export type Strategy = z.infer<typeof strategySchema>;
export type Target = z.infer<typeof targetSchema>;

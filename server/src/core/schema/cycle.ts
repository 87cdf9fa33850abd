import { z } from 'zod';
import { commitment, id, isoDate, measureData, ref, text, version } from './common';

const question = z
  .strictObject({
    question: text.describe('A question this cycle will answer.'),
    prediction: text
      .describe(
        'What you predict the answer will be, written before the test. An empty prediction is a cycle planned too quickly.',
      )
      .optional(),
  })
  .describe('A question and the prediction made before testing.');

const dataToCollect = z
  .strictObject({
    measure: ref('a measure').describe('The measure (id from a factors file) to collect.'),
    how: text.describe('How the data will be collected.').optional(),
    by: text.describe('Who collects it.').optional(),
  })
  .describe('Data the cycle will collect.');

export const plan = z
  .strictObject({
    objective: text.describe('What this cycle is for: the change being tested and what you hope to learn.'),
    questions: z.array(question).describe('Questions the cycle will answer, each with a prediction.').optional(),
    who: text.describe('Who will carry out the test.').optional(),
    what: text.describe('What will be done.').optional(),
    when: z
      .strictObject({
        start: isoDate.describe('First day of the test.'),
        end: isoDate.describe('Last day of the test (the Do ends here).').optional(),
      })
      .describe('When the test runs.')
      .optional(),
    where: text.describe('Where the test takes place.').optional(),
    data: z.array(dataToCollect).describe('Data to collect: which measure, how, by whom.').optional(),
  })
  .describe('Plan: objective, questions and predictions, who/what/when/where, data to collect.');

export const doPhase = z
  .strictObject({
    as_planned: z.enum(['yes', 'partly', 'no']).describe('Did the test go as planned? yes, partly or no.').optional(),
    observations: text.describe('What was observed while carrying out the test.').optional(),
    problems: text.describe('Problems and surprises.').optional(),
    data: z
      .record(z.string(), measureData)
      .describe('Data collected, by measure id: a list of [date, value] points or a map of group to points.')
      .optional(),
  })
  .describe('Do: what happened, what was observed, the data collected.');

const result = z
  .strictObject({
    outcome: z
      .enum(['confirmed', 'partly', 'not-confirmed'])
      .describe('Was the prediction confirmed? confirmed, partly or not-confirmed.'),
    note: text.describe('How the result compares with the prediction.').optional(),
  })
  .describe('The result for one question, in the order of plan.questions.');

export const study = z
  .strictObject({
    results: z
      .array(result)
      .describe('One result per plan question, in the same order, compared with its prediction.')
      .optional(),
    learned: text.describe('What was learned.').optional(),
    chart: ref('a measure').describe('The measure whose run chart shows the result.').optional(),
  })
  .describe('Study: results compared with predictions, what was learned.');

export const act = z
  .strictObject({
    decision: z
      .enum(['adopt', 'adapt', 'abandon'])
      .describe('adopt: keep the change and scale it; adapt: change it and test again; abandon: stop testing it.'),
    why: text.describe('Why this decision.').optional(),
    next: z
      .strictObject({
        what: text.describe('The next test.'),
        when: isoDate.describe('When it starts.').optional(),
      })
      .describe('The next test this decision leads to.')
      .optional(),
    commitments: z.array(commitment).describe('Action commitments this decision creates.').optional(),
  })
  .describe('Act: adopt, adapt or abandon, why, and what comes next.');

export const cycleSchema = z
  .strictObject({
    version,
    id: id.describe('Id of this cycle, unique across the workspace.'),
    title: text.describe('A short title for the cycle.'),
    team: text.describe('The team running the cycle.').optional(),
    strategy: ref('a strategy').describe(
      'The strategy (change idea) this cycle tests: a strategy id from a factors file.',
    ),
    previous: ref('a cycle').describe('The cycle this one builds on (cycles form ramps of growing scale).').optional(),
    measures: z.array(ref('a measure')).describe('Measures this cycle collects (ids from a factors file).').optional(),
    scale: z
      .strictObject({
        people: z.number().int().nonnegative().describe('How many people the test touches.').optional(),
        sites: z.number().int().nonnegative().describe('How many sites (classrooms, clinics, schools).').optional(),
        note: text.describe('The scale in words, e.g. "one 2nd-grade class".').optional(),
      })
      .describe('How many people and sites the test touches.')
      .optional(),
    plan,
    do: doPhase.optional(),
    study: study.optional(),
    act: act.optional(),
  })
  .describe('A PDSA cycle: one test of a change idea (one cycle per *.pdsa.yaml file).');

export type Cycle = z.infer<typeof cycleSchema>;

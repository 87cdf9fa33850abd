import { z } from 'zod';
import { id, isoDate, ref, text, version } from './common';

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;

export const month = z.string().regex(MONTH, 'expected a month written YYYY-MM').describe('A month, YYYY-MM.');

const score = z
  .number()
  .min(1)
  .max(5)
  .multipleOf(0.5)
  .describe(
    'IHI Assessment Scale, 1.0 to 5.0 in halves: 1 forming team; 1.5 planning begun; 2 activity, no changes; 2.5 changes tested, no improvement; 3 modest improvement; 3.5 improvement; 4 significant improvement; 4.5 sustainable improvement; 5 outstanding sustainable results.',
  );

export const teamSchema = z
  .strictObject({
    id: id.describe('Id of this team, used in the assessment.'),
    name: text.describe("The team's name (school, clinic, partnership)."),
    folder: text
      .min(1)
      .describe(
        'The team\'s folder, relative to this file (a folder beside it, or another folder of a multi-root workspace, e.g. "../westside"). Its worksheets belong to this team.',
      ),
    joined: isoDate
      .describe('When the team joined the collaborative (teams that join late are judged from then).')
      .optional(),
    contact: text.describe("The team's contact person.").optional(),
  })
  .describe('A team in the collaborative: its worksheets live in its folder.');

export const commonMeasureSchema = z
  .strictObject({
    id: id.describe("Id every team reports this measure under (in its factors file or its cycles' do.data)."),
    name: text.describe("The measure's name."),
    definition: text.describe(
      'The operational definition: exactly what is counted and how (numerator, denominator, source), the same for every team.',
    ),
    unit: text.describe('Unit of the values, e.g. "%" or "students".').optional(),
    kind: z
      .enum(['outcome', 'process', 'balancing'])
      .describe('outcome: the result; process: the change is happening; balancing: nothing else got worse.'),
    better: z.enum(['up', 'down']).describe('Which direction is better.'),
    denominator: z
      .boolean()
      .describe(
        'true when teams report [date, count, denominator] points (a proportion), so the collaborative can sum counts and denominators; false for plain values.',
      ),
  })
  .describe('A common measure, defined once by the collaborative and reported by every team the same way.');

export const packageIdeaSchema = z
  .strictObject({
    id: id.describe("Id of this change idea; a team's strategy names it in `package:` when it tests it."),
    title: text.describe('The change idea in a few words.'),
    description: text.describe('What the change is and the evidence behind it.').optional(),
  })
  .describe('A change idea of the change package.');

export const packageDriverSchema = z
  .strictObject({
    driver: text.describe("The primary driver of the collaborative's driver diagram these ideas act on."),
    ideas: z.array(packageIdeaSchema).describe('The change ideas under this driver.'),
  })
  .describe('A primary driver and its change ideas.');

export const calendarEntrySchema = z
  .strictObject({
    kind: z
      .enum(['learning-session', 'action-period'])
      .describe('learning-session: all teams meet; action-period: teams test changes at home and report monthly.'),
    name: text.describe('A short name, e.g. "LS1" or "Action period 1".'),
    start: isoDate.describe('First day.'),
    end: isoDate.describe('Last day.'),
  })
  .describe('A learning session or an action period.');

export const assessmentEntrySchema = z
  .strictObject({
    month: month.describe('The month scored, YYYY-MM.'),
    self: score.describe("The team's own score on the IHI Assessment Scale (1.0 to 5.0 in halves).").optional(),
    faculty: score.describe("The faculty's score on the IHI Assessment Scale (1.0 to 5.0 in halves).").optional(),
    note: text.describe('Why: what the scorers saw this month.').optional(),
  })
  .describe("One month's assessment of a team: self and faculty scores, and a note.");

export const collaborativeSchema = z
  .strictObject({
    version,
    id: id.describe('Id of this collaborative.'),
    title: text.describe("The collaborative's name."),
    aim: text.describe('What the collaborative is trying to accomplish, by when, for whom.'),
    faculty: z
      .array(
        z.strictObject({
          name: text.describe('Name.'),
          role: text.describe('Role: chair, improvement advisor, coach, content expert...').optional(),
        }),
      )
      .describe('The faculty: coaches, an improvement advisor, content experts.')
      .optional(),
    teams: z.array(teamSchema).describe('The teams, each with its folder.'),
    measures: z
      .array(commonMeasureSchema)
      .describe('The common measures: defined once, reported by every team under the same id.')
      .optional(),
    package: z
      .array(packageDriverSchema)
      .describe('The change package: change ideas grouped by primary driver.')
      .optional(),
    calendar: z.array(calendarEntrySchema).describe('Learning sessions and action periods, dated.').optional(),
    assessment: z
      .record(ref('a team'), z.array(assessmentEntrySchema).describe('Monthly scores, oldest first.'))
      .describe('By team id: the monthly IHI Assessment Scale scores, self and faculty, with a note.')
      .optional(),
  })
  .describe(
    'A learning collaborative (*.collaborative.yaml): teams, common measures, change package, calendar and assessment.',
  );

export type Collaborative = z.infer<typeof collaborativeSchema>;
export type Team = z.infer<typeof teamSchema>;
export type CommonMeasure = z.infer<typeof commonMeasureSchema>;
export type AssessmentEntry = z.infer<typeof assessmentEntrySchema>;
export type CalendarEntry = z.infer<typeof calendarEntrySchema>;

/** One line of guidance for each choice where the choice is a judgement, shown with completions. */
export const VALUE_GUIDANCE: Record<string, string> = {
  adopt: 'The change worked: make it part of the work, then test it at a larger scale or spread it.',
  adapt: 'Promising but not there yet: change the idea and test it again in the next cycle.',
  abandon: 'The change did not lead to improvement: stop testing it and record what was learned.',
  confirmed: 'The result matched the prediction.',
  partly: 'Part of the prediction held.',
  'not-confirmed': 'The result did not match the prediction: the most useful learning often starts here.',
  yes: 'The test ran as planned.',
  no: 'The test did not run as planned: say what happened instead.',
  event: 'Iceberg, above the surface: something that happened.',
  pattern: 'Iceberg: a behaviour pattern, events that recur over time.',
  structure: 'Iceberg: a system structure (policies, schedules, roles, resources) that produces the pattern.',
  'mental-model': 'Iceberg, deepest: beliefs and assumptions that hold the structure in place.',
};

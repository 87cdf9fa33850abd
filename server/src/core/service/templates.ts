/** Snippets (LSP snippet syntax) for whole sections, and the text of a new cycle file. */

export interface SectionSnippet {
  label: string;
  detail: string;
  body: string;
}

/**
 * Snippets for a cycle's sections. `measures` (the cycle's own, else the workspace's) become a choice,
 * so no placeholder id is left behind; data values start empty, never as a 0 that would plot as real data.
 */
export function cycleSections(
  today: string,
  measures: readonly string[] = [],
): Record<'plan' | 'do' | 'study' | 'act', SectionSnippet> {
  // Snippet choices are separated by commas and closed by |: ids cannot hold either.
  const measure = (n: number) => (measures.length ? `\${${n}|${measures.join(',')}|}` : `\${${n}:measure-id}`);
  return {
    plan: {
      label: 'plan',
      detail: 'A full Plan: objective, questions with predictions, who/what/when/where, data',
      body: [
        'plan:',
        '  objective: ${1:What this cycle tests and what you hope to learn}',
        '  questions:',
        '    - question: ${2:What will this cycle answer?}',
        '      prediction: ${3:What do you expect, before testing?}',
        '  who: ${4:Who carries out the test}',
        '  what: ${5:What will be done}',
        `  when: {start: \${6:${today}}, end: \${7:${today}}}`,
        '  where: ${8:Where}',
        '  data:',
        `    - measure: ${measure(9)}`,
        '      how: ${10:How it is collected}',
        '      by: ${11:Who collects it}',
        '$0',
      ].join('\n'),
    },
    do: {
      label: 'do',
      detail: 'A Do: went as planned?, observations, problems, data collected',
      body: [
        'do:',
        '  as_planned: ${1|yes,partly,no|}',
        '  observations: ${2:What was observed}',
        '  problems: ${3:Problems and surprises}',
        '  data:',
        `    ${measure(4)}:`,
        `      - [\${5:${today}}, \${6}]`,
        '$0',
      ].join('\n'),
    },
    study: {
      label: 'study',
      detail: 'A Study: one result per plan question, what was learned',
      body: [
        'study:',
        '  results:',
        '    - outcome: ${1|confirmed,partly,not-confirmed|}',
        '      note: ${2:How the result compares with the prediction}',
        '  learned: ${3:What was learned}',
        '$0',
      ].join('\n'),
    },
    act: {
      label: 'act',
      detail: 'An Act: adopt, adapt or abandon, why, and the next test',
      body: [
        'act:',
        '  decision: ${1|adopt,adapt,abandon|}',
        '  why: ${2:Why this decision}',
        '  next:',
        '    what: ${3:The next test}',
        `    when: \${4:${today}}`,
        '$0',
      ].join('\n'),
    },
  };
}

export const FACTOR_SNIPPET: SectionSnippet = {
  label: 'new factor',
  detail: 'A factor: statement, iceberg level, parents, evidence, four-blocker',
  body: [
    'id: ${1:F-id}',
    'statement: ${2:What contributes to the current conditions}',
    'level: ${3|event,pattern,structure,mental-model|}',
    'scope: ${4|universal,targeted|}',
    'parents: [${5}]',
    'evidence:',
    '  source: ${6:Data source}',
    '  validated: {by: ${7:Who, closest to the result}, on: ${8:YYYY-MM-DD}}',
    'impact: ${9|high,low|}',
    'influence: ${10|high,low|}',
    'priority: ${11|true,false|}',
  ].join('\n'),
};

export const STRATEGY_SNIPPET: SectionSnippet = {
  label: 'new strategy',
  detail: 'A strategy: hypothesis, factors it addresses, level, lever, owner',
  body: [
    'id: ${1:S-id}',
    'title: ${2:Short title}',
    'hypothesis: If we ${3:...} then ${4:...} because ${5:...}',
    'addresses:',
    '  - {factor: ${6:F-id}, strength: ${7|strong,weak|}}',
    'level: ${8|practice,system|}',
    'scope: ${9|universal,targeted|}',
    'lever: ${10|policy,practice,roles,resources,decision-rules,relationships,mental-models|}',
    'owner: ${11:Who owns it}',
    'status: ${12|idea,testing,adopted,spreading,abandoned|}',
  ].join('\n'),
};

/** Slug for a cycle id from a title: "Greeters at two doors" -> "greeters-at-two-doors". */
export function slugify(title: string): string {
  const slug = title
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  // At most 48 characters, cut between words.
  const cut = slug.length <= 48 ? slug : slug.slice(0, 48).replace(/-[^-]*$/, '');
  return /^[a-z]/.test(cut) ? cut : `c-${cut || 'cycle'}`;
}

export interface NewCycle {
  id: string;
  title: string;
  strategy: string;
  previous?: string;
  measures?: string[];
  team?: string;
  today: string;
  /** Pre-filled objective (from the previous cycle's next step). */
  objective?: string;
}

/** The text of a new cycle file: everything a team fills in first, with the Plan ready to write. */
export function newCycleText(c: NewCycle): string {
  const yamlText = (s: string) =>
    /^[\w][\w ,.()'/-]*$/.test(s) && !/: |^(yes|no|true|false|null|~)$/i.test(s) ? s : JSON.stringify(s);
  const lines = ['version: 1', `id: ${c.id}`, `title: ${yamlText(c.title)}`];
  if (c.team) lines.push(`team: ${yamlText(c.team)}`);
  lines.push(`strategy: ${c.strategy}`);
  if (c.previous) lines.push(`previous: ${c.previous}`);
  if (c.measures?.length) lines.push(`measures: [${c.measures.join(', ')}]`);
  lines.push(
    '',
    'plan:',
    `  objective: ${c.objective ? yamlText(c.objective) : ''}`,
    // No empty question skeleton: an empty required field would greet the team with an error;
    // the "no prediction" check asks for questions instead, and completion offers the key.
    '  who: ',
    '  what: ',
    `  when: {start: ${c.today}}`,
    '  where: ',
    '',
  );
  // Empty keys end at the colon: no trailing spaces, so `pdsa fmt --check` passes on a new file.
  return lines.map((line) => line.trimEnd()).join('\n');
}

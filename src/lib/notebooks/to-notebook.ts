/**
 * A workbench scenario as a new notebook: front matter, the scenario as a JSON
 * cell (only the fields that differ from the neutral scenario, scenarioDiff),
 * a chart and a KPI table against the baseline, and prose whose numbers are
 * inline expressions, so the file opens, renders and stays correct when edited.
 * The workbench downloads the returned text as a `.md` file.
 */
import { scenarioDiff } from '../model/scenario/scenario.ts';
import type { Scenario } from '../model/scenario/scenario-types.ts';
import { safeFilename } from '../files/download.ts';

function oneLine(s: string): string {
  return s.replace(/[\r\n]+/g, ' ').replace(/\{\{|\}\}/g, '').trim();
}

/** Notebook Markdown for a scenario; `title` becomes the front-matter title. */
export function scenarioToNotebook(scenario: Scenario, title: string): string {
  const name = oneLine(title) || oneLine(scenario.name) || 'Scenario';
  const json = JSON.stringify(scenarioDiff(scenario), null, 2);
  return [
    '---',
    `title: ${name}`,
    `summary: Saved from the workbench: the scenario "${oneLine(scenario.name)}" against the baseline.`,
    'audience: consultant',
    'dataset: sample:music',
    'sources:',
    '  - Fader, Hardie & Lee (2005), "Counting your customers" the easy way, Marketing Science 24(2): BG/NBD baseline.',
    '  - Lever effects: assumptions registry of Lever Lab (seed figures are illustrative).',
    '---',
    '',
    `## ${name}`,
    '',
    'The scenario as saved from the workbench (fields that differ from the neutral scenario):',
    '',
    '```scenario id=saved',
    json,
    '```',
    '',
    'CLV per new customer is {{kpi clvPerNewCustomer scenario=saved}} against {{kpi clvPerNewCustomer scenario=baseline}} for the baseline; customer equity changes by {{delta customerEquity scenario=saved base=baseline}}.',
    '',
    '```chart scenario=saved,baseline series=activeCustomers title="Active customers"```',
    '',
    '```kpis scenario=saved,baseline kpis=clvPerNewCustomer,customerEquity,cac,clvToCac,retention1y,roiVsBaseline```',
    ''
  ].join('\n');
}

/** File name for the downloaded notebook: `my-plan.md` (letters, digits and dashes). */
export function notebookFileName(title: string): string {
  return `${safeFilename(title, 'scenario', 60)}.md`;
}

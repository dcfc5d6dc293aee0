/**
 * Example scenarios a person can load: named, never the working scenario by default.
 * The working scenario starts at the baseline (every lever neutral, zero delta on a
 * first visit); the seeds' media plan, which spends on paid channels the data knows
 * nothing about, is one of these examples instead.
 */
import { CHANNEL_IDS, type Scenario } from '$lib/model/scenario/scenario-types';
import { defaultScenario } from '$lib/model/scenario/scenario';
import { formatWholeMoney } from '$lib/charts/format';

export interface ExampleScenario {
  id: string;
  name: string;
  /** one line on what it is */
  description: string;
  scenario: () => Scenario;
}

export const SEED_MEDIA_PLAN = 'Example: seed media plan';

export const EXAMPLE_SCENARIOS: readonly ExampleScenario[] = [
  {
    id: 'example-seed-media',
    name: SEED_MEDIA_PLAN,
    description: `The sample generator’s weekly media plan (${formatWholeMoney(weeklyMediaSpend(defaultScenario()), {
      currency: defaultScenario().economics.currency
    })} a week over the paid channels), other levers at the baseline.`,
    scenario: () => defaultScenario(SEED_MEDIA_PLAN)
  }
];

export function exampleById(id: string): ExampleScenario | undefined {
  return EXAMPLE_SCENARIOS.find((e) => e.id === id);
}

/** Weekly spend of the scenario over all channels. */
export function weeklyMediaSpend(scenario: Scenario): number {
  return CHANNEL_IDS.reduce((sum, ch) => sum + scenario.levers.channels.budgetPerWeek[ch], 0);
}

/**
 * The prompt shown while no channel has any spend: the dataset carries no media spend, so
 * paid acquisition starts at zero rather than at a generic figure. Null once any budget is set.
 */
export function zeroSpendPrompt(scenario: Scenario): string | null {
  if (weeklyMediaSpend(scenario) > 0) return null;
  return (
    'Paid channels are at zero spend: your data has no media spend, so new customers come only from the ' +
    'organic acquisition measured in it. Set weekly budgets under Channels, or load “' +
    SEED_MEDIA_PLAN +
    '”.'
  );
}

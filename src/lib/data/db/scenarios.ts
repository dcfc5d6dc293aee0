/** Saved scenarios: create or update (createdAt kept, updatedAt moved), list newest first, delete. */
import type { Scenario } from '../../model/scenario/scenario-types.ts';
import type { LeverLabDb } from './database.ts';
import type { ScenarioRecord } from './records.ts';

export interface SaveScenarioInput {
  /** omit to create a new scenario */
  id?: string;
  name: string;
  scenario: Scenario;
  datasetId?: string | null;
}

function newId(): string {
  const c = (globalThis as { crypto?: { randomUUID?: () => string } }).crypto;
  if (c?.randomUUID) return c.randomUUID();
  return `s-${Date.now().toString(36)}-${Math.floor(Math.random() * 2 ** 32).toString(36)}`;
}

export async function saveScenario(db: LeverLabDb, input: SaveScenarioInput): Promise<ScenarioRecord> {
  const name = input.name.trim();
  if (name.length === 0)
    throw new TypeError(`invalid scenario name: ${JSON.stringify(input.name)} (must not be empty)`);
  return db.guard(() =>
    db.transaction('rw', db.scenarios, async () => {
      const now = db.isoNow();
      const previous = input.id === undefined ? undefined : await db.scenarios.get(input.id);
      const record: ScenarioRecord = {
        id: input.id ?? newId(),
        name,
        createdAt: previous?.createdAt ?? now,
        updatedAt: now,
        datasetId: input.datasetId ?? previous?.datasetId ?? null,
        scenario: input.scenario
      };
      await db.scenarios.put(record);
      return record;
    })
  );
}

/** All saved scenarios, most recently updated first. */
export async function listScenarios(db: LeverLabDb): Promise<ScenarioRecord[]> {
  return db.guard(async () => (await db.scenarios.orderBy('updatedAt').toArray()).reverse());
}

export async function getScenario(db: LeverLabDb, id: string): Promise<ScenarioRecord | undefined> {
  return db.guard(() => db.scenarios.get(id));
}

export async function deleteScenario(db: LeverLabDb, id: string): Promise<void> {
  await db.guard(() => db.scenarios.delete(id));
}

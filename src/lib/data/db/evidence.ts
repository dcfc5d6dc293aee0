/** A dataset's spend history and lift tests (schema v5): one row per kind; saving again replaces it. */
import type { LeverLabDb } from './database.ts';
import type { EvidenceRecord, LiftTestEvidence, SpendEvidence, SpendGroupsEvidence } from './records.ts';

type Input<R extends EvidenceRecord> = Omit<R, 'savedAt'>;

export async function saveEvidence(
  db: LeverLabDb,
  record: Input<SpendEvidence> | Input<LiftTestEvidence>
): Promise<EvidenceRecord> {
  const row = { ...record, savedAt: db.isoNow() } as EvidenceRecord;
  await db.guard(() => db.evidence.put(row));
  return row;
}

export async function getSpendEvidence(db: LeverLabDb, datasetId: string): Promise<SpendEvidence | undefined> {
  return (await db.guard(() => db.evidence.get([datasetId, 'spend']))) as SpendEvidence | undefined;
}

export async function getLiftTestEvidence(db: LeverLabDb, datasetId: string): Promise<LiftTestEvidence | undefined> {
  return (await db.guard(() => db.evidence.get([datasetId, 'lift-tests']))) as LiftTestEvidence | undefined;
}

/** The Gamma-Gamma spend groups stored with a compressed summary (undefined for any other dataset). */
export async function getSpendGroups(db: LeverLabDb, datasetId: string): Promise<SpendGroupsEvidence | undefined> {
  return (await db.guard(() => db.evidence.get([datasetId, 'spend-groups']))) as SpendGroupsEvidence | undefined;
}

export async function deleteEvidence(db: LeverLabDb, datasetId: string, kind: EvidenceRecord['kind']): Promise<void> {
  await db.guard(() => db.evidence.delete([datasetId, kind]));
}

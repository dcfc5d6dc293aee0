/** Saved answers to graded notebook questions (the `answers` table, schema v6), keyed by notebook slug. */
import type { LeverLabDb } from './database.ts';
import type { AnswersRecord, JsonValue } from './records.ts';

export async function getAnswers(db: LeverLabDb, key: string): Promise<AnswersRecord | undefined> {
  return db.guard(() => db.answers.get(key));
}

export async function setAnswers(
  db: LeverLabDb,
  key: string,
  value: { student: string; answers: Record<string, JsonValue> }
): Promise<AnswersRecord> {
  if (key.length === 0) throw new TypeError('invalid notebook key: "" (must not be empty)');
  const record: AnswersRecord = { key, student: value.student, answers: value.answers, updatedAt: db.isoNow() };
  await db.guard(() => db.answers.put(record));
  return record;
}

export async function deleteAnswers(db: LeverLabDb, key: string): Promise<void> {
  await db.guard(() => db.answers.delete(key));
}

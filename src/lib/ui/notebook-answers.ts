/** The app's store of answers to graded notebook questions: the `answers` table of the app's IndexedDB. */
import { getAnswers, setAnswers, type JsonValue } from '$lib/data/db';
import type { AnswerStore, SavedAnswers } from '$lib/notebooks/answers.svelte';
import { appDb } from './app-db';

export const appAnswerStore: AnswerStore = {
  async load(key) {
    const row = await getAnswers(await appDb(), key);
    return row ? ({ student: row.student, answers: row.answers } as unknown as SavedAnswers) : null;
  },
  async save(key, saved) {
    await setAnswers(await appDb(), key, {
      student: saved.student,
      answers: saved.answers as unknown as Record<string, JsonValue>
    });
  }
};

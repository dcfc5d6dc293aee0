/**
 * The app's one IndexedDB connection, opened on first use. Blocked upgrades and
 * connections closed by another tab become notices a person understands.
 */
import { openDb, type LeverLabDb } from '$lib/data/db';
import { notices } from './notices.svelte';

let opening: Promise<LeverLabDb> | null = null;

export function appDb(): Promise<LeverLabDb> {
  opening ??= openDb(undefined, {
    onBlocked: (message) => notices.push('warning', message),
    onVersionChange: (message) => {
      notices.push('warning', message);
      opening = null;
    }
  }).catch((error) => {
    opening = null;
    throw error;
  });
  return opening;
}

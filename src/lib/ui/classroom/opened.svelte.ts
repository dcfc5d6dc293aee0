/**
 * The challenge a classroom page works on: the one of the chosen file once a file is chosen,
 * else the one of the link's fragment (`#c=...`).
 */
import type { Challenge, Parsed } from '$lib/classroom/challenge';
import { challengeFromFile, challengeFromHash } from './open';

export class OpenedChallenge {
  readonly #hash: () => string;
  #fromFile: Parsed<Challenge> | null = $state(null);
  /** the parsed challenge, or its errors; null when neither a file nor the link gave one */
  readonly parsed: Parsed<Challenge> | null = $derived.by(() => this.#fromFile ?? challengeFromHash(this.#hash()));
  readonly challenge: Challenge | null = $derived(this.parsed?.ok ? this.parsed.value : null);

  /** `hash`: the page's current URL fragment */
  constructor(hash: () => string) {
    this.#hash = hash;
  }

  /** The change handler of a file input: opens its file and clears it, so the same file can be chosen again. */
  openFile = async (e: Event): Promise<void> => {
    const input = e.currentTarget as HTMLInputElement;
    const file = input.files?.[0];
    if (!file) return;
    this.#fromFile = await challengeFromFile(file);
    input.value = '';
  };
}

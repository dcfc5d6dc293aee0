/** Where a challenge comes from on the classroom pages: the link's fragment (`#c=...`) or a file. */
import {
  decodeChallengeParam,
  encodeChallengeParam,
  parseChallengeText,
  type Challenge,
  type Parsed
} from '$lib/classroom/challenge';

/** The challenge of a link's fragment; null when the link carries none. */
export function challengeFromHash(hash: string): Parsed<Challenge> | null {
  const c = new URLSearchParams(hash.replace(/^#/, '')).get('c');
  return c === null ? null : decodeChallengeParam(c);
}

/** A challenge file's contents, with the file named in every error. */
export async function challengeFromFile(file: File): Promise<Parsed<Challenge>> {
  const r = parseChallengeText(await file.text());
  return r.ok ? r : { ok: false, errors: r.errors.map((e) => `${file.name}: ${e}`) };
}

export function challengeLinks(origin: string, c: Challenge): { student: string; review: string } {
  const param = encodeChallengeParam(c);
  return { student: `${origin}/challenge#c=${param}`, review: `${origin}/challenge/review#c=${param}` };
}

/** The data fingerprint of the shared link this page was opened from (null when none). */
import { decodeFingerprint, fingerprintParam, type DataFingerprint } from './fingerprint';

export const sharedLink: { fingerprint: DataFingerprint | null; errors: string[] } = $state({
  fingerprint: null,
  errors: []
});

/** Reads `d=` from the link's fragment (`#s=...&d=...`). */
export function readSharedFingerprint(hash: string): void {
  const d = fingerprintParam(hash);
  if (!d) return;
  const parsed = decodeFingerprint(d);
  if (parsed.ok) sharedLink.fingerprint = parsed.fingerprint;
  else sharedLink.errors = parsed.errors;
}

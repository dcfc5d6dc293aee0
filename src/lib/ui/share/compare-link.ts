/**
 * A Compare link carries its scenarios themselves (`/compare#c=...`), not ids that exist
 * only in the sender's browser: base64url of a JSON array of each scenario's difference
 * from neutral, each validated on the way in like a share link's scenario.
 */
import { parseScenario, scenarioDiff } from '$lib/model/scenario/scenario';
import type { Scenario } from '$lib/model/scenario/scenario-types';

export const MAX_LINKED = 4;

export interface LinkedScenario {
  id: string;
  name: string;
  scenario: Scenario;
}

function toBase64Url(text: string): string {
  let bin = '';
  for (const b of new TextEncoder().encode(text)) bin += String.fromCharCode(b);
  return btoa(bin).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

export function encodeCompareLink(scenarios: readonly Scenario[]): string {
  return toBase64Url(JSON.stringify(scenarios.slice(0, MAX_LINKED).map((s) => scenarioDiff(s))));
}

export type CompareLinkParse = { ok: true; scenarios: LinkedScenario[] } | { ok: false; errors: string[] };

/** Decodes `c=`; every scenario is validated, and any error refuses the whole link with the field named. */
export function decodeCompareLink(param: string): CompareLinkParse {
  if (!/^[A-Za-z0-9_-]+$/.test(param)) return { ok: false, errors: ['compare link: not base64url text'] };
  let data: unknown;
  try {
    const b64 = param.replace(/-/g, '+').replace(/_/g, '/') + '='.repeat((4 - (param.length % 4)) % 4);
    const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
    data = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch {
    return { ok: false, errors: ['compare link: not valid base64url JSON'] };
  }
  if (!Array.isArray(data) || data.length === 0 || data.length > MAX_LINKED)
    return { ok: false, errors: [`compare link: must be a list of 1 to ${MAX_LINKED} scenarios`] };
  const errors: string[] = [];
  const scenarios: LinkedScenario[] = [];
  data.forEach((item, i) => {
    const parsed = parseScenario(item);
    if (parsed.ok) scenarios.push({ id: `link-${i + 1}`, name: parsed.scenario.name, scenario: parsed.scenario });
    else errors.push(...parsed.errors.map((e) => `scenario ${i + 1}: ${e}`));
  });
  return errors.length ? { ok: false, errors } : { ok: true, scenarios };
}

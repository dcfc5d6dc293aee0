/**
 * The data a shared link was made on: dataset name, customers, a hash of the fitted
 * parameters and a snapshot of the sender's KPIs. It travels next to the scenario in the
 * link's fragment (`#s=...&d=...`) and is validated on the way in like the scenario, so a
 * recipient on other data is told, with the sender's KPIs beside their own.
 */
import type { KpiId, Outcome } from '$lib/model/scenario/scenario-types';
import type { FitReport } from '$lib/pipeline/fit-step';

/** The KPIs the snapshot carries (the workbench's headline figures). */
export const SNAPSHOT_KPIS = ['clvPerNewCustomer', 'customerEquity', 'retention1y', 'newCustomers'] as const;
type SnapshotKpi = (typeof SNAPSHOT_KPIS)[number];

export interface DataFingerprint {
  v: 1;
  /** dataset name */
  dataset: string;
  customers: number;
  /** hash of the fitted parameters in use (8 hex digits) */
  fit: string;
  /** the sender's KPIs for the shared scenario */
  kpis: Partial<Record<SnapshotKpi, number>>;
}

/** FNV-1a, 32 bits, as 8 hex digits: short, stable across browsers, not a secret. */
export function fnv1a(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(16).padStart(8, '0');
}

/**
 * Hash of the fit in use: the BG/NBD estimate's parameters to 6 significant digits (the
 * same data fitted in another browser gives the same hash), or the baseline's source
 * sentence for fits without BG/NBD estimates (sBG).
 */
export function fitHash(report: Pick<FitReport, 'purchase' | 'source'> | null, source: string): string {
  const p = report?.purchase;
  const fit = p ? (p.inUse === 'map' ? p.map : p.mle) : null;
  if (!fit) return fnv1a(source);
  const params = Object.entries(fit.params as unknown as Record<string, number>)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([k, v]) => `${k}=${Number(v.toPrecision(6))}`)
    .join(';');
  return fnv1a(`${p!.inUse}:${params}`);
}

export function makeFingerprint(
  meta: { name: string; customers: number },
  report: Pick<FitReport, 'purchase' | 'source'> | null,
  source: string,
  outcome: Outcome
): DataFingerprint {
  const kpis: DataFingerprint['kpis'] = {};
  for (const k of SNAPSHOT_KPIS) {
    const v = outcome.kpis[k as KpiId];
    if (typeof v === 'number' && Number.isFinite(v)) kpis[k] = v;
  }
  return { v: 1, dataset: meta.name, customers: meta.customers, fit: fitHash(report, source), kpis };
}

function toBase64Url(text: string): string {
  const bytes = new TextEncoder().encode(text);
  let bin = '';
  for (const b of bytes) bin += String.fromCharCode(b);
  return btoa(bin).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64Url(param: string): string {
  const b64 = param.replace(/-/g, '+').replace(/_/g, '/') + '='.repeat((4 - (param.length % 4)) % 4);
  const bin = atob(b64);
  return new TextDecoder('utf-8', { fatal: true }).decode(Uint8Array.from(bin, (c) => c.charCodeAt(0)));
}

export function encodeFingerprint(f: DataFingerprint): string {
  return toBase64Url(JSON.stringify(f));
}

export type FingerprintParse = { ok: true; fingerprint: DataFingerprint } | { ok: false; errors: string[] };

/** Decodes and validates the `d` parameter; never throws, names every bad field. */
export function decodeFingerprint(param: string): FingerprintParse {
  if (!/^[A-Za-z0-9_-]+$/.test(param)) return { ok: false, errors: ['data fingerprint: not base64url text'] };
  let data: unknown;
  try {
    data = JSON.parse(fromBase64Url(param));
  } catch {
    return { ok: false, errors: ['data fingerprint: not valid base64url JSON'] };
  }
  const errors: string[] = [];
  if (data === null || typeof data !== 'object' || Array.isArray(data))
    return { ok: false, errors: ['data fingerprint: must be an object'] };
  const o = data as Record<string, unknown>;
  for (const k of Object.keys(o))
    if (!['v', 'dataset', 'customers', 'fit', 'kpis'].includes(k)) errors.push(`data fingerprint.${k}: unknown field`);
  if (o.v !== 1) errors.push(`data fingerprint.v: ${JSON.stringify(o.v)} (must be 1)`);
  if (typeof o.dataset !== 'string' || o.dataset.length > 200)
    errors.push('data fingerprint.dataset: must be a string of at most 200 characters');
  if (typeof o.customers !== 'number' || !Number.isInteger(o.customers) || o.customers < 0)
    errors.push(`data fingerprint.customers: ${JSON.stringify(o.customers)} (must be a whole number >= 0)`);
  if (typeof o.fit !== 'string' || !/^[0-9a-f]{8}$/.test(o.fit))
    errors.push('data fingerprint.fit: must be 8 hex digits');
  const kpis: DataFingerprint['kpis'] = {};
  if (o.kpis === null || typeof o.kpis !== 'object' || Array.isArray(o.kpis))
    errors.push('data fingerprint.kpis: must be an object');
  else
    for (const [k, v] of Object.entries(o.kpis as Record<string, unknown>)) {
      if (!(SNAPSHOT_KPIS as readonly string[]).includes(k)) errors.push(`data fingerprint.kpis.${k}: unknown KPI`);
      else if (typeof v !== 'number' || !Number.isFinite(v))
        errors.push(`data fingerprint.kpis.${k}: must be a finite number`);
      else kpis[k as SnapshotKpi] = v;
    }
  if (errors.length) return { ok: false, errors };
  return {
    ok: true,
    fingerprint: { v: 1, dataset: o.dataset as string, customers: o.customers as number, fit: o.fit as string, kpis }
  };
}

/** True when the link was made on other data than the recipient's (name, customers or fit differ). */
export function isOtherData(sent: DataFingerprint, here: DataFingerprint): boolean {
  return sent.dataset !== here.dataset || sent.customers !== here.customers || sent.fit !== here.fit;
}

/** The `d` parameter of a link's fragment (`#s=...&d=...`), null when there is none. */
export function fingerprintParam(hash: string): string | null {
  return new URLSearchParams(hash.replace(/^#/, '')).get('d');
}

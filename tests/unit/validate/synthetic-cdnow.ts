/**
 * A small file in the CDNOW_sample.txt format (no header, whitespace-separated:
 * customer id, sample id, YYYYMMDD date, number of CDs, dollar value) from a seeded
 * BG/NBD simulation (src/lib/model/core/btyd/simulate.ts): customers first buy on a day of
 * 1997 Q1, as in CDNOW, and are followed to 1998-06-30 (39 weeks of calibration to
 * 1997-09-30, then the holdout). Shared by the unit tests and the e2e test.
 */
import { createRng, simulateBgNbd } from '../../../src/lib/model/core/index.ts';
import type { BgNbdParams } from '../../../src/lib/model/core/types.ts';

const DAY_MS = 86_400_000;
const dayOf = (iso: string) => Math.round(Date.parse(`${iso}T00:00:00Z`) / DAY_MS);
const ymd8 = (day: number) => new Date(day * DAY_MS).toISOString().slice(0, 10).replaceAll('-', '');

export interface SyntheticCdnow {
  text: string;
  customers: number;
  /** lines of the file (one per purchase) */
  rows: number;
}

/** FHL 2005 CDNOW BG/NBD estimates, the default truth. */
export const CDNOW_BGNBD: BgNbdParams = { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 };

export function syntheticCdnow(customers: number, seed: number, params: BgNbdParams = CDNOW_BGNBD): SyntheticCdnow {
  const rng = createRng(seed ^ 0x5eed);
  const first = dayOf('1997-01-01');
  const calibrationEnd = dayOf('1997-09-30');
  const end = dayOf('1998-06-30');
  const birth = Array.from({ length: customers }, () => first + rng.int(90));
  const events: number[][] = birth.map(() => []);
  simulateBgNbd(params, {
    customers,
    seed,
    T: birth.map((b) => (calibrationEnd - b) / 7),
    holdout: (end - calibrationEnd) / 7,
    onTransaction: (i, t) => events[i].push(t)
  });
  const lines: string[] = [];
  for (let i = 0; i < customers; i++) {
    const id = String(i + 1).padStart(5, '0');
    const purchase = (day: number) => {
      const cds = 1 + rng.int(3);
      const dollars = (cds * (9 + 8 * rng.uniform())).toFixed(2);
      lines.push(` ${id} 0001 ${ymd8(day)}  ${cds}   ${dollars}`);
    };
    purchase(birth[i]);
    for (const t of events[i]) {
      const day = birth[i] + Math.floor(t * 7);
      if (day <= end) purchase(day);
    }
  }
  return { text: lines.join('\n') + '\n', customers, rows: lines.length };
}

// The CLI end to end on CDNOW: read, summarise (calibration to 1997-09-30, weeks), compress,
// fit with the model core, and print the published BG/NBD estimates.
import { afterEach, describe, expect, it, vi } from 'vitest';
import path from 'node:path';
import { main } from '../../../src/cli/main';

const DATA = process.env.DATA_DIR ?? path.resolve('../shared/data');
afterEach(() => vi.restoreAllMocks());

async function run(...argv: string[]) {
  let out = '';
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => ((out += String(chunk)), true));
  const code = await main(argv);
  vi.restoreAllMocks();
  return { code, out };
}

describe('lever-lab fit on CDNOW', () => {
  it('reproduces Fader, Hardie & Lee (2005) BG/NBD: r 0.243, alpha 4.414, a 0.793, b 2.426, LL -9582.4', async () => {
    const { code, out } = await run('fit', path.join(DATA, 'cdnow/CDNOW_sample.txt'), '--model', 'bgnbd', '--calibration-end', '1997-09-30', '--json');
    expect(code).toBe(0);
    const fit = JSON.parse(out);
    expect(fit.n).toBe(2357);
    // FHL 2005 section 5 reports three decimals
    expect(fit.params.r).toBeCloseTo(0.243, 3);
    expect(fit.params.alpha).toBeCloseTo(4.414, 3);
    expect(fit.params.a).toBeCloseTo(0.793, 3);
    expect(fit.params.b).toBeCloseTo(2.426, 3);
    expect(fit.logLik).toBeCloseTo(-9582.4, 1);
  });
});

/**
 * Pass/fail logic of the validation checks: the tolerances mirror vitest's
 * `toBeCloseTo(v, d)`, which passes when |a - v| < 10^-d / 2 (vitest docs, toBeCloseTo).
 */
import { describe, expect, it } from 'vitest';
import {
  EXACT,
  check,
  closeTo,
  groupChecks,
  summarizeChecks,
  within,
  type PublishedValue
} from '$lib/validate/checks.ts';
import { checkText, decimalsOf, formatFixed } from '$lib/validate/format.ts';

const r: PublishedValue = {
  id: 'bgnbd.r',
  group: 'BG/NBD',
  label: 'r',
  published: 0.243,
  tolerance: closeTo(3),
  source: 'FHL 2005'
};

describe('checks', () => {
  it('closeTo(d) is the tolerance 10^-d / 2 of toBeCloseTo', () => {
    expect(closeTo(3).absolute).toBeCloseTo(0.0005, 12);
    expect(closeTo(0).absolute).toBe(0.5);
    expect(closeTo(1).text).toBe('±0.05 (1 decimal)');
    expect(() => closeTo(1.5)).toThrow(/1.5/);
  });

  it('passes a reproduction inside the tolerance and fails one outside, like toBeCloseTo', () => {
    const inside = check(r, 0.2426);
    expect(inside.pass).toBe(true);
    expect(inside.difference).toBeCloseTo(-0.0004, 12);
    expect(() => expect(0.2426).toBeCloseTo(0.243, 3)).not.toThrow();
    const outside = check(r, 0.2424);
    expect(outside.pass).toBe(false);
    expect(() => expect(0.2424).toBeCloseTo(0.243, 3)).toThrow();
  });

  it('fails a value that could not be computed', () => {
    expect(check(r, NaN).pass).toBe(false);
    expect(check(r, Infinity).pass).toBe(false);
  });

  it('requires exact equality for counts and accepts a stated absolute tolerance', () => {
    const customers = { ...r, id: 'n', published: 2357, tolerance: EXACT };
    expect(check(customers, 2357).pass).toBe(true);
    expect(check(customers, 2356).pass).toBe(false);
    const points = { ...r, id: 'pct', published: 22.3, tolerance: within(2, 'points') };
    expect(check(points, 20.4).pass).toBe(true);
    expect(check(points, 20.2).pass).toBe(false);
    expect(points.tolerance.text).toBe('±2 points');
  });

  it('summarises as "N of M checks pass" and groups in first-seen order', () => {
    const checks = [
      check(r, 0.243),
      check({ ...r, id: 'a', group: 'Pareto/NBD' }, 1),
      check({ ...r, id: 'b' }, 0.2431)
    ];
    expect(summarizeChecks(checks)).toEqual({ passed: 2, total: 3, text: '2 of 3 checks pass' });
    expect(summarizeChecks(checks.slice(0, 1)).text).toBe('1 of 1 check pass');
    expect(groupChecks(checks).map((g) => [g.group, g.checks.map((c) => c.id)])).toEqual([
      ['BG/NBD', ['bgnbd.r', 'b']],
      ['Pareto/NBD', ['a']]
    ]);
  });
});

describe('check formatting', () => {
  it('reads the decimals of a published number as printed', () => {
    expect(decimalsOf(0.243)).toBe(3);
    expect(decimalsOf(-9582.4)).toBe(1);
    expect(decimalsOf(2357)).toBe(0);
    expect(decimalsOf((6.25 * 15.44) / 2.74)).toBe(3);
  });

  it('prints the reproduction and difference one decimal finer than the published value, with a true minus', () => {
    expect(checkText(check(r, 0.24261))).toEqual({
      published: '0.243',
      reproduced: '0.2426',
      difference: '\u22120.0004'
    });
    const ll = { ...r, published: -9582.4, tolerance: closeTo(1) };
    expect(checkText(check(ll, -9582.4292))).toEqual({
      published: '\u22129,582.4',
      reproduced: '\u22129,582.43',
      difference: '\u22120.03'
    });
    expect(checkText(check({ ...r, published: 946, tolerance: EXACT }, 946)).difference).toBe('±0');
    expect(formatFixed(NaN, 2)).toBe('—');
  });
});

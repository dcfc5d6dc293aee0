import { describe, expect, it } from 'vitest';
import { normalQuantile } from '$lib/model/core/special/normalQuantile.ts';

describe('normalQuantile (AS 241)', () => {
  // reference values: R's qnorm (itself AS 241), printed to 16 digits
  it.each([
    [0.5, 0],
    [0.975, 1.959963984540054],
    [0.95, 1.6448536269514722],
    [0.8, 0.8416212335729143],
    [0.9, 1.2815515655446004],
    [0.025, -1.959963984540054],
    [1e-10, -6.361340902404056]
  ])('Φ⁻¹(%s) = %s', (p, z) => {
    expect(normalQuantile(p)).toBeCloseTo(z, 13);
  });

  it('is odd about 1/2 and refuses p outside (0, 1) and the far tail', () => {
    expect(normalQuantile(0.3)).toBeCloseTo(-normalQuantile(0.7), 15);
    expect(() => normalQuantile(0)).toThrow(RangeError);
    expect(() => normalQuantile(1.2)).toThrow(RangeError);
    expect(() => normalQuantile(1e-13)).toThrow(/tail/);
  });
});

import { describe, expect, it } from 'vitest';
import { dodgeLabels } from '$lib/charts/label-dodge';

describe('dodgeLabels', () => {
  it('leaves labels that are already apart where they are', () => {
    expect(
      dodgeLabels(
        [
          { x: 1, y: 0 },
          { x: 1, y: 10 },
          { x: 1, y: 30 }
        ],
        5,
        1
      )
    ).toEqual([0, 10, 30]);
  });

  it('spreads labels that overlap to the minimum gap, centred on their anchors, in the order of their anchors', () => {
    // the optimiser page's case: email, affiliates, social and display ending close together
    const anchors = [
      { x: 9, y: 150 },
      { x: 9, y: 148 },
      { x: 9, y: 100 },
      { x: 9, y: 97 }
    ];
    const y = dodgeLabels(anchors, 10, 2);
    const sorted = [y[3], y[2], y[1], y[0]];
    for (let k = 1; k < sorted.length; k++) expect(sorted[k] - sorted[k - 1]).toBeGreaterThanOrEqual(10 - 1e-9);
    // each pair is centred where it was: the mean of the labels equals the mean of the anchors
    expect((y[0] + y[1]) / 2).toBeCloseTo(149, 9);
    expect((y[2] + y[3]) / 2).toBeCloseTo(98.5, 9);
  });

  it('does not push labels whose anchors are far apart horizontally', () => {
    expect(
      dodgeLabels(
        [
          { x: 0, y: 50 },
          { x: 100, y: 51 }
        ],
        10,
        5
      )
    ).toEqual([50, 51]);
  });
});

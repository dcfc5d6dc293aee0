// Server-rendered (svelte/server) so the markup and aria text are checked without a browser.
import { describe, expect, it } from 'vitest';
import { render } from 'svelte/server';
import KpiCard from '$lib/charts/KpiCard.svelte';

const ariaOf = (html: string) => /aria-label="([^"]*)"/.exec(html)?.[1];

describe('KpiCard', () => {
  it('reads value, signed delta, relative change, baseline and the 80% range in its aria-label', () => {
    const { body } = render(KpiCard, {
      props: {
        label: 'Customer equity',
        value: 1_250_000,
        baseline: 1_000_000,
        format: 'currency',
        band: [1_100_000, 1_400_000]
      }
    });
    // 1.25M − 1.0M = +250,000, +25.0% (hand arithmetic)
    expect(ariaOf(body)).toBe(
      'Customer equity: $1.25M; +$250,000 (+25.0%) vs baseline $1M, an improvement; 80% range $1.1M\u2013$1.4M'
    );
    expect(body).toContain('class="delta num good');
  });
  it('colours a rise as bad when lower is better', () => {
    const { body } = render(KpiCard, {
      props: { label: 'Weekly dropout', value: 0.012, baseline: 0.01, format: 'percent', higherIsBetter: false }
    });
    expect(body).toContain('class="delta num bad');
    expect(ariaOf(body)).toBe('Weekly dropout: 1.2%; +0.20 pp vs baseline 1.0%, a deterioration');
  });
  it('becomes a button when it has an onselect handler', () => {
    const withHandler = render(KpiCard, { props: { label: 'Revenue', value: 10, onselect: () => {} } }).body;
    const without = render(KpiCard, { props: { label: 'Revenue', value: 10 } }).body;
    expect(withHandler).toMatch(/<button[^>]*type="button"/);
    expect(without).not.toContain('<button');
    expect(without).toContain('role="group"');
  });
});

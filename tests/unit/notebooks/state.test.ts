/**
 * NotebookState: a lever moved by the reader changes what every cell reading that
 * scenario (or one extending it) gets, and reset brings the written values back.
 */
import { describe, expect, it } from 'vitest';
import { NotebookState } from '$lib/notebooks/state.svelte';
import { parseNotebook } from '$lib/notebooks/parse';
import { parseInlineExpr } from '$lib/notebooks/inline';
import { inProcessEngine } from './in-process-engine';

const nb = parseNotebook(
  ['---', 'title: t', '---', '```scenario id=a', 'levers.pricing.priceChange = -10%', '```', '```scenario id=b extends=a', '```'].join('\n')
);

describe('NotebookState', () => {
  it('moves a lever for the scenario and the scenarios that extend it, and resets it', async () => {
    const s = new NotebookState(nb, undefined, inProcessEngine);
    expect(s.outcome('b').status).toBe('pending');
    const before = await s.runtime.settled('b');
    expect(s.moved()).toBe(false);
    s.setLever('a', 'levers.pricing.priceChange', 0.1);
    expect(s.moved()).toBe(true);
    expect(s.inline(parseInlineExpr('lever levers.pricing.priceChange scenario=b'))).toBe('10%');
    expect(s.outcome('b').status).toBe('pending');
    const after = await s.runtime.settled('b', { a: { 'levers.pricing.priceChange': 0.1 } });
    expect(s.outcome('b')).toEqual(after);
    if (before.status !== 'ok' || after.status !== 'ok') throw new Error('evaluation failed');
    // a price rise lowers conversion and purchase rate through a negative elasticity (assumptions registry: -1.5)
    expect(after.outcome.kpis.newCustomers!).toBeLessThan(before.outcome.kpis.newCustomers!);
    s.resetLevers();
    expect(s.inline(parseInlineExpr('lever levers.pricing.priceChange scenario=b'))).toBe('−10%');
    s.dispose();
  });

  it('reads the print mode from its caller', () => {
    let printing = false;
    const s = new NotebookState(nb, () => printing);
    expect(s.printing).toBe(false);
    printing = true;
    expect(s.printing).toBe(true);
  });
});

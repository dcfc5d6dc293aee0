/**
 * scenarioToNotebook: a workbench scenario saved as a notebook opens as the same
 * scenario, and the notebook parses and evaluates without errors.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { scenarioToNotebook, notebookFileName } from '$lib/notebooks/to-notebook';
import { parseNotebook, allErrors } from '$lib/notebooks/parse';
import { NotebookRuntime } from '$lib/notebooks/runtime';
import { defaultScenario, neutralScenario } from '$lib/model/scenario/scenario';
import { inProcessEngine } from './in-process-engine';

describe('scenarioToNotebook', () => {
  it('round-trips the workbench scenario exactly through the notebook text', () => {
    const s = defaultScenario('Spring plan');
    s.levers.pricing.priceChange = -0.07;
    s.levers.channels.budgetPerWeek.display = 0;
    s.levers.loyalty.enabled = true;
    s.economics.discountRatePerYear = 0.08;
    s.assumptions = { 'pricing.priceElasticity': { central: -1.2 } };
    const nb = parseNotebook(scenarioToNotebook(s, 'Spring plan for the board'));
    expect(allErrors(nb)).toEqual([]);
    expect(nb.meta.title).toBe('Spring plan for the board');
    const r = new NotebookRuntime(nb, { createEngine: inProcessEngine }).resolve('saved');
    expect(r.ok && r.scenario).toEqual(s);
  });

  it('gives any lever values a notebook that parses and evaluates', async () => {
    await fc.assert(
      fc.asyncProperty(// + 0 turns -0 into 0: JSON has no negative zero, and a price change of -0 is none
      fc.double({ min: -0.5, max: 1, noNaN: true }).map((v) => v + 0), fc.integer({ min: 0, max: 20000 }), fc.boolean(), async (price, search, coupons) => {
        const s = neutralScenario('x');
        s.levers.pricing.priceChange = price;
        s.levers.channels.budgetPerWeek.search = search;
        s.levers.pricing.targetedCoupons = coupons;
        const nb = parseNotebook(scenarioToNotebook(s, 'x'));
        expect(allErrors(nb)).toEqual([]);
        const rt = new NotebookRuntime(nb, { createEngine: inProcessEngine });
        const r = await rt.settled('saved');
        rt.dispose();
        expect(r.status === 'ok' && r.scenario).toEqual(s);
      }),
      { numRuns: 15 }
    );
  });

  it('keeps a hostile title on one line and out of the cells and expressions', () => {
    const text = scenarioToNotebook(neutralScenario('n'), 'Evil\n---\ntitle: x {{kpi cac scenario=zz}}');
    const nb = parseNotebook(text);
    expect(allErrors(nb)).toEqual([]);
    expect(nb.meta.title).toBe('Evil --- title: x kpi cac scenario=zz');
  });
});

describe('notebookFileName', () => {
  it('makes a plain .md file name from any title', () => {
    expect(notebookFileName('Spring plan: Café & co. 2027')).toBe('spring-plan-cafe-co-2027.md');
    expect(notebookFileName('***')).toBe('scenario.md');
  });
});

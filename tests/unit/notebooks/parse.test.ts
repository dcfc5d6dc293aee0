/**
 * The notebook format (src/lib/notebooks/parse.ts): front matter, fenced cells,
 * and errors that name the line they are on. Expected scenarios are built
 * independently from D's defaultScenario / neutralScenario.
 */
import { describe, expect, it } from 'vitest';
import { parseNotebook, allErrors, parseAttrs } from '$lib/notebooks/parse';
import { defaultScenario, neutralScenario } from '$lib/model/scenario/scenario';

const FM = ['---', 'title: T', 'summary: S', 'audience: teacher', 'sources:', '  - Source one', '  - Source two', '---'].join('\n');
const nb = (body: string) => parseNotebook(`${FM}\n${body}`);
/** line number in the full source of body line i (1-based), with the 8-line front matter */
const L = (i: number) => 8 + i;

describe('front matter', () => {
  it('reads title, summary, audience, the default data set and the list of sources', () => {
    const n = nb('Hello');
    expect(n.meta).toEqual({ title: 'T', summary: 'S', audience: 'teacher', dataset: 'sample:music', sources: ['Source one', 'Source two'] });
    expect(allErrors(n)).toEqual([]);
  });

  it('reports a missing front matter, an unknown key and a bad audience with their lines', () => {
    expect(parseNotebook('# no front matter').errors[0]).toMatchObject({ line: 1, message: expect.stringContaining('must start with a "---" line') });
    const n = parseNotebook('---\ntitle: T\ncolour: red\naudience: students\n---\n');
    expect(n.errors).toEqual([
      { line: 3, message: expect.stringContaining('unknown key "colour"') },
      { line: 4, message: expect.stringContaining('audience "students"') }
    ]);
  });
});

describe('scenario cells', () => {
  it('apply path = value lines (percentages, booleans, bare choices) over the default scenario', () => {
    const n = nb('```scenario id=a\nlevers.pricing.priceChange = -5%\nlevers.retention.enabled = true\nlevers.retention.action = discount\n```');
    const cell = n.blocks[0];
    expect(cell.kind).toBe('scenario');
    if (cell.kind !== 'scenario') return;
    const expected = defaultScenario('a');
    expected.levers.pricing.priceChange = -0.05;
    expected.levers.retention.enabled = true;
    expected.levers.retention.action = 'discount';
    expect(cell.errors).toEqual([]);
    expect(cell.scenario).toEqual(expected);
    expect(cell.line).toBe(L(1));
    expect(cell.endLine).toBe(L(5));
  });

  it('read a JSON scenario with missing fields neutral, like the workbench', () => {
    const n = nb('```scenario id=j\n{"version": 1, "levers": {"channels": {"budgetPerWeek": {"email": 800}}}}\n```');
    const cell = n.blocks[0];
    if (cell.kind !== 'scenario') throw new Error('not a scenario cell');
    const expected = neutralScenario('j');
    expected.levers.channels.budgetPerWeek.email = 800;
    expect(cell.scenario).toEqual(expected);
  });

  it('start from the scenario they extend', () => {
    const n = nb('```scenario id=a\nlevers.pricing.priceChange = -0.1\n```\n```scenario id=b extends=a\nlevers.service.aiShare = 0.5\n```');
    const b = n.blocks[1];
    if (b.kind !== 'scenario') throw new Error('not a scenario cell');
    expect(b.scenario?.levers.pricing.priceChange).toBe(-0.1);
    expect(b.scenario?.levers.service.aiShare).toBe(0.5);
  });

  it('report an out-of-range value on the line of the assignment, with the validator message', () => {
    const n = nb('```scenario id=a\n# a comment\nlevers.channels.budgetPerWeek.search = -5\n```');
    expect(n.blocks[0].errors).toEqual([{ line: L(3), message: expect.stringContaining('levers.channels.budgetPerWeek.search: -5') }]);
  });

  it('report an unknown field, a line without "=", a duplicate id and an unknown extends', () => {
    const n = nb('```scenario id=a\nlevers.pricing.colour = 1\nnonsense\n```\n```scenario id=a extends=zz\n```');
    expect(n.blocks[0].errors).toEqual([
      { line: L(3), message: expect.stringContaining('expected path = value') }
    ]);
    expect(n.blocks[1].errors.map((e) => e.message)).toEqual([expect.stringContaining('already used on line 9'), expect.stringContaining('extends=zz')]);
    const m = nb('```scenario id=a\nlevers.pricing.colour = 1\n```');
    expect(m.blocks[0].errors).toEqual([{ line: L(2), message: 'scenario: levers.pricing.colour: no such scenario field' }]);
  });

  it('reject the reserved id baseline and invalid JSON with the line of the JSON', () => {
    expect(nb('```scenario id=baseline\n```').blocks[0].errors[0].message).toContain('reserved');
    expect(nb('```scenario id=x\n{"version": 1,\n```').blocks[0].errors[0]).toMatchObject({ line: L(2), message: expect.stringContaining('not valid JSON') });
  });
});

describe('chart, kpis, lever and question cells', () => {
  const base = '```scenario id=a\n```\n';

  it('parse single-line cells with quoted attributes', () => {
    const n = nb(`${base}\`\`\`chart scenario=a,baseline series=revenue title="Revenue per week"\`\`\`\n\`\`\`kpis scenario=a kpis=cac,clvToCac\`\`\``);
    expect(n.blocks.map((b) => b.kind)).toEqual(['scenario', 'chart', 'kpis']);
    expect(n.blocks[1]).toMatchObject({ scenarios: ['a', 'baseline'], series: 'revenue', title: 'Revenue per week', errors: [] });
    expect(n.blocks[2]).toMatchObject({ scenarios: ['a'], kpis: ['cac', 'clvToCac'], errors: [] });
  });

  it('report an unknown KPI, an unknown series and an unknown scenario on the cell line', () => {
    const n = nb(`${base}\`\`\`kpis scenario=a kpis=happiness\`\`\`\n\`\`\`chart scenario=zz series=mood\`\`\``);
    expect(n.blocks[1].errors).toEqual([{ line: L(3), message: expect.stringContaining('unknown KPI "happiness"') }]);
    expect(n.blocks[2].errors.map((e) => [e.line, e.message.slice(0, 20)])).toEqual([
      [L(4), 'chart: series="mood"'],
      [L(4), 'chart: scenario=zz (']
    ]);
  });

  it('take a lever range from the catalogue and refuse sliders outside it or on boolean levers', () => {
    const ok = nb(`${base}\`\`\`lever scenario=a path=levers.pricing.priceChange\`\`\``).blocks[1];
    // catalogue: pricing.priceChange min -0.5, max 1, step 0.01 (src/lib/model/scenario/levers/catalogue.ts)
    expect(ok).toMatchObject({ kind: 'lever', min: -0.5, max: 1, step: 0.01, errors: [] });
    const wide = nb(`${base}\`\`\`lever scenario=a path=levers.pricing.priceChange min=-2 max=1\`\`\``).blocks[1];
    expect(wide.errors[0].message).toContain('below the lever');
    const bool = nb(`${base}\`\`\`lever scenario=a path=levers.loyalty.enabled\`\`\``).blocks[1];
    expect(bool.errors[0].message).toContain('boolean lever');
    const baseline = nb(`${base}\`\`\`lever scenario=baseline path=levers.pricing.priceChange\`\`\``).blocks[1];
    expect(baseline.errors[0].message).toContain('the baseline cannot be moved');
  });

  it('split a question from its answer and require an answer', () => {
    const q = nb('```question\nWhy?\nanswer: Because.\nReally.\n```').blocks[0];
    expect(q).toMatchObject({ kind: 'question', question: 'Why?', answer: 'Because.\nReally.', errors: [] });
    expect(nb('```question\nWhy?\n```').blocks[0].errors[0].message).toContain('no "answer:" line');
  });

  it('leave ordinary code fences in the prose, even when they contain cell fences', () => {
    const n = nb('Text\n````md\n```kpis scenario=nope kpis=cac```\n````\nMore');
    expect(n.blocks).toHaveLength(1);
    expect(n.blocks[0].kind).toBe('prose');
    expect(allErrors(n)).toEqual([]);
  });

  it('report a cell that is never closed', () => {
    const n = nb('```scenario id=a\nlevers.pricing.priceChange = 0');
    expect(allErrors(n)[0]).toMatchObject({ line: L(1), message: expect.stringContaining('never closed') });
  });
});

describe('inline expressions in prose', () => {
  it('report a bad expression and an unknown scenario on the line they are on', () => {
    const n = nb('```scenario id=a\n```\nLine one\nworth {{kpi clv scenario=a}} and {{kpi cac scenario=b}}');
    expect(n.blocks[1].errors).toEqual([
      { line: L(4), message: expect.stringContaining('unknown KPI "clv"') },
      { line: L(4), message: expect.stringContaining('no scenario with id "b"') }
    ]);
  });
});

describe('attributes', () => {
  it('read key=value and key="quoted value" pairs and flag stray words', () => {
    expect(parseAttrs(' id=a title="Two words" x=1')).toEqual({ attrs: { id: 'a', title: 'Two words', x: '1' }, errors: [] });
    expect(parseAttrs(' id=a stray').errors).toEqual(['"stray": expected key=value']);
  });
});

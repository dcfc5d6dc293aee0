// Server-rendered (svelte/server): the text alternatives every chart carries, checked
// without a browser. Plot draws in an attachment, which runs only in the browser, so
// these tests see the markup, the generated aria summaries and ChartFrame's table.
import { describe, expect, it } from 'vitest';
import { createRawSnippet } from 'svelte';
import { render } from 'svelte/server';
import ChartFrame from '$lib/charts/ChartFrame.svelte';
import ChartSelect from '$lib/charts/ChartSelect.svelte';
import TimeSeriesChart from '$lib/charts/TimeSeriesChart.svelte';
import WaterfallChart from '$lib/charts/WaterfallChart.svelte';
import TornadoChart from '$lib/charts/TornadoChart.svelte';
import FunnelChart from '$lib/charts/FunnelChart.svelte';
import BarChart from '$lib/charts/BarChart.svelte';
import HistogramChart from '$lib/charts/HistogramChart.svelte';
import ResponseCurveChart from '$lib/charts/ResponseCurveChart.svelte';
import { formatCurrency } from '$lib/charts/format';

const decode = (s: string) =>
  s
    .replace(/&amp;/g, '&')
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>');
const labelOfRole = (html: string, role: string) =>
  decode(
    new RegExp(`role="${role}"[^>]*?aria-label="([^"]*)"|aria-label="([^"]*)"[^>]*?role="${role}"`)
      .exec(html)
      ?.slice(1)
      .find(Boolean) ?? ''
  );

describe('ChartSelect', () => {
  it('names its select by a hidden label and selects the bound value among the options', () => {
    const { body } = render(ChartSelect, {
      props: {
        label: 'Value shown',
        value: 'mean',
        options: { total: 'Total', mean: 'Per customer' }
      }
    });
    expect(body).toMatch(/<label[^>]*><span class="visually-hidden">Value shown<\/span>\s*<select/);
    expect(body).toMatch(/<option value="total">Total<\/option>/);
    expect(body).toMatch(/<option value="mean" selected[^>]*>Per customer<\/option>/);
    expect(body).toContain('max-width: 10rem');
  });
});

describe('ChartFrame', () => {
  const table = {
    columns: [
      { key: 'week', label: 'Week' },
      { key: 'revenue', label: 'Revenue', format: (v: unknown) => formatCurrency(v as number) }
    ],
    rows: [
      { week: 1, revenue: 1234 },
      { week: 2, revenue: 2345 }
    ]
  };
  const children = createRawSnippet(() => ({ render: () => '<div class="probe">chart</div>' }));

  it('titles the figure with an h3, offers SVG, PNG, CSV and Table, and describes the chart', () => {
    const { body } = render(ChartFrame, {
      props: { title: 'Revenue per week', description: 'Revenue rises.', table, children }
    });
    expect(body).toMatch(/<h3[^>]*>Revenue per week<\/h3>/);
    for (const name of ['SVG', 'PNG', 'CSV', 'Table'])
      expect(body).toMatch(new RegExp(`<button[^>]*>${name}</button>`));
    expect(body).toContain('Revenue rises.');
    expect(body).toContain('class="probe"');
    expect(body).not.toContain('<table');
  });

  it('shows the data as a table with column headers, row headers and formatted, right-aligned numbers', () => {
    const { body } = render(ChartFrame, {
      props: { title: 'Revenue per week', description: 'd', table, tableOpen: true, children }
    });
    expect(body).toMatch(/<th scope="col"[^>]*>Week<\/th>/);
    expect(body).toMatch(/<th scope="row" class="[^"]*num[^"]*"[^>]*>1<\/th>/);
    expect(body).toMatch(/<td class="[^"]*num[^"]*"[^>]*>\$1,234<\/td>/);
    expect(body).toMatch(/aria-pressed="true"/);
  });
});

describe('chart text alternatives', () => {
  it('the time-series chart is a keyboard slider whose label summarises every series', () => {
    const { body } = render(TimeSeriesChart, {
      props: {
        series: [
          {
            name: 'Baseline',
            role: 'baseline',
            points: [
              { x: 0, y: 100 },
              { x: 52, y: 90 }
            ]
          },
          {
            name: 'Scenario',
            points: [
              { x: 0, y: 100 },
              { x: 52, y: 130 }
            ]
          }
        ],
        format: 'count',
        xLabel: 'Week',
        highlightX: 52
      }
    });
    expect(body).toContain('tabindex="0"');
    expect(labelOfRole(body, 'slider')).toBe(
      'Line chart over week 0 to week 52. Baseline goes from 100 to 90; Scenario goes from 100 to 130. Use the arrow keys to read values.'
    );
    expect(decode(/aria-valuetext="([^"]*)"/.exec(body)![1])).toBe('Week 52: Baseline 90; Scenario 130');
  });

  it('the waterfall names every step with its signed value', () => {
    const { body } = render(WaterfallChart, {
      props: {
        baselineTotal: 1000,
        steps: [
          { label: 'Pricing', delta: 200 },
          { label: 'Service', delta: -50 }
        ]
      }
    });
    // 1000 + 200 − 50 = 1150
    expect(labelOfRole(body, 'img')).toBe(
      'Waterfall from Baseline $1,000 to Scenario $1,150: Pricing +$200; Service \u2212$50.00.'
    );
  });

  it('the tornado lists rows widest first with their input values', () => {
    const { body } = render(TornadoChart, {
      props: {
        base: 100,
        format: 'count',
        rows: [
          { label: 'Price', low: 95, high: 105, lowInput: '-10%', highInput: '+10%' },
          { label: 'Churn', low: 140, high: 60 }
        ]
      }
    });
    expect(labelOfRole(body, 'img')).toBe(
      'Tornado chart of the output around 100, widest swing first: Churn from 140 to 60; Price from 95 (-10%) to 105 (+10%).'
    );
  });

  it('the funnel reads counts and stage conversions', () => {
    const { body } = render(FunnelChart, {
      props: {
        stages: [
          { label: 'Visits', baseline: 10_000, scenario: 10_000 },
          { label: 'First purchase', baseline: 200, scenario: 300 }
        ]
      }
    });
    // 200 / 10 000 = 2.0%, 300 / 10 000 = 3.0%
    expect(labelOfRole(body, 'img')).toBe(
      'Funnel: Visits baseline 10,000, scenario 10,000; First purchase baseline 200, scenario 300 (2.0% \u2192 3.0% of previous).'
    );
    // largest / smallest count = 10 000 / 200 = 50, not more than 50: a linear scale, no log note
    expect(body).not.toContain('log scale');
  });

  it('bar, histogram and response-curve charts summarise their data', () => {
    const bars = render(BarChart, {
      props: {
        bars: [{ category: 'Email', value: 12, baseline: 10 }],
        format: 'count',
        valueLabel: 'Orders',
        categoryLabel: 'Channel'
      }
    }).body;
    expect(labelOfRole(bars, 'img')).toBe('Bar chart of Orders by Channel: Email 12 (baseline 10).');

    const hist = render(HistogramChart, {
      props: {
        distribution: {
          label: 'Actual',
          counts: [
            { x: 0, count: 50 },
            { x: 1, count: 30 }
          ]
        },
        xLabel: 'Repeat purchases'
      }
    }).body;
    expect(labelOfRole(hist, 'img')).toBe('Histogram of Repeat purchases. Actual: 80 in total, most at 0 (50).');

    const curves = render(ResponseCurveChart, {
      props: {
        channels: [{ channel: 'Search', curve: [], currentSpend: 20_000, currentResponse: 400, marginalReturn: 0.01 }],
        responseLabel: 'New customers'
      }
    }).body;
    // marginal 0.01 per $1 = 10 per $1k
    expect(labelOfRole(curves, 'img')).toBe(
      'Response curves of new customers against spend: Search at $20,000 gives 400, marginal 10 per $1,000.'
    );
  });
});

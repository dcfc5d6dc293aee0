/**
 * Safe prose rendering (src/lib/notebooks/markdown.ts): a notebook from disk is
 * untrusted, so no HTML from it may reach the page and links keep only safe targets.
 */
import { describe, expect, it } from 'vitest';
import { renderProse, safeHref, escapeHtml } from '$lib/notebooks/markdown';
import type { InlineExpr } from '$lib/notebooks/inline';

const none = () => {
  throw new Error('no expressions expected');
};

describe('renderProse', () => {
  it('renders headings from h2, emphasis, lists, tables and code', () => {
    const html = renderProse('# A\n\n**b** *c* `d`\n\n- one\n- two\n\n| x | y |\n|---|---|\n| 1 | 2 |', none);
    expect(html).toContain('<h2>A</h2>');
    expect(html).toContain('<strong>b</strong> <em>c</em> <code>d</code>');
    expect(html).toContain('<ul><li>one</li><li>two</li></ul>');
    expect(html).toContain('<th scope="col">x</th>');
    expect(html).toContain('<td>2</td>');
  });

  it('shows raw HTML, script tags and event handlers as text, never as markup', () => {
    const html = renderProse('<script>alert(1)</script>\n\nHi <img src=x onerror=alert(1)> there', none);
    expect(html).not.toMatch(/<script|<img/i);
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
  });

  it('drops javascript: and data: link targets but keeps the link text', () => {
    const html = renderProse('[bad](javascript:alert(1)) [data](data:text/html,x) [ok](https://example.org/a) [rel](/compare)', none);
    expect(html).not.toContain('javascript:');
    expect(html).not.toContain('data:text');
    expect(html).toContain('bad');
    expect(html).toContain('<a href="https://example.org/a" rel="noopener noreferrer external">ok</a>');
    expect(html).toContain('<a href="/compare">rel</a>');
  });

  it('renders images as their alt text, so nothing loads from elsewhere', () => {
    expect(renderProse('![a chart](https://tracker.example/p.png)', none)).toBe('<p>a chart</p>');
  });

  it('replaces inline expressions by their escaped values, and failing ones by an in-place error', () => {
    const evaluate = (e: InlineExpr) => {
      if (e.op === 'param') return `<b>${e.name}</b>`;
      throw new Error('engine said no');
    };
    const html = renderProse('r is {{param r}}; CLV {{kpi cac scenario=a}}; {{nonsense}}', evaluate);
    expect(html).toContain('<span class="nb-value" title="param r">&lt;b&gt;r&lt;/b&gt;</span>');
    expect(html).toContain('<span class="cell-error" role="note">{{kpi cac scenario=a}}: engine said no</span>');
    expect(html).toContain('unknown inline expression &quot;nonsense&quot;');
  });
});

describe('safeHref and escapeHtml', () => {
  it('accept http(s), mailto and same-site targets only', () => {
    expect(safeHref('https://a.b/c?d=1')).toBe('https://a.b/c?d=1');
    expect(safeHref('mailto:x@y.z')).toBe('mailto:x@y.z');
    expect(safeHref('/notebooks/01-counting-customers')).toBe('/notebooks/01-counting-customers');
    expect(safeHref('#sources')).toBe('#sources');
    expect(safeHref(' JavaScript:alert(1)')).toBeNull();
    expect(safeHref('vbscript:x')).toBeNull();
    expect(safeHref('//evil.example/')).toBeNull();
  });

  it('escape the five HTML-significant characters', () => {
    expect(escapeHtml(`<a href="x" title='y'>&</a>`)).toBe('&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;');
  });
});

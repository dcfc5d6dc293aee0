/**
 * Safe rendering of notebook prose. A notebook from disk is untrusted, so no HTML
 * from it reaches the page: marked's lexer (CommonMark + GFM tables) turns the
 * Markdown into tokens and this module writes HTML for the known token types
 * only, escaping every piece of text; raw HTML tokens are shown as text, images
 * become their alt text (nothing loads from elsewhere), and links keep only
 * http(s), mailto and same-site targets.
 *
 * Inline expressions `{{...}}` are swapped for placeholders before lexing and
 * replaced by their (escaped) values afterwards, so their values never pass
 * through the Markdown parser.
 */
import { Lexer, type Token, type Tokens } from 'marked';
import { findInline, InlinePending, type InlineExpr } from './inline.ts';

const ESC: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ESC[c]);
}

/** A link target a notebook may use: http(s), mailto, or same-site (relative, root or fragment). */
export function safeHref(href: string): string | null {
  const h = href.trim();
  if (/^(https?:\/\/|mailto:)/i.test(h)) return h;
  if (/^[a-z][a-z0-9+.-]*:/i.test(h) || h.startsWith('//')) return null;
  return /^[\w\-./#?=&%~]*$/.test(h) ? h : null;
}

/** Evaluates one inline expression to text, or throws an Error with the reason (InlinePending while its outcome is on its way). */
export type InlineEvaluator = (expr: InlineExpr) => string;

const PH = (i: number) => `\uE000${i}\uE001`;
const PH_RE = /\uE000(\d+)\uE001/g;

function inline(tokens: Token[] | undefined): string {
  if (!tokens) return '';
  return tokens.map(inlineToken).join('');
}

function inlineToken(t: Token): string {
  switch (t.type) {
    case 'text': {
      const x = t as Tokens.Text;
      return x.tokens ? inline(x.tokens) : escapeHtml(x.text);
    }
    case 'escape':
      return escapeHtml((t as Tokens.Escape).text);
    case 'strong':
      return `<strong>${inline((t as Tokens.Strong).tokens)}</strong>`;
    case 'em':
      return `<em>${inline((t as Tokens.Em).tokens)}</em>`;
    case 'del':
      return `<del>${inline((t as Tokens.Del).tokens)}</del>`;
    case 'codespan':
      return `<code>${escapeHtml((t as Tokens.Codespan).text)}</code>`;
    case 'br':
      return '<br />';
    case 'link': {
      const l = t as Tokens.Link;
      const href = safeHref(l.href);
      const body = inline(l.tokens);
      if (!href) return body;
      const external = /^https?:/i.test(href);
      return `<a href="${escapeHtml(href)}"${external ? ' rel="noopener noreferrer external"' : ''}>${body}</a>`;
    }
    case 'image':
      return escapeHtml((t as Tokens.Image).text);
    case 'html':
    case 'tag':
      return escapeHtml((t as Tokens.HTML).text);
    default:
      return 'raw' in t && typeof t.raw === 'string' ? escapeHtml(t.raw) : '';
  }
}

function block(t: Token, headingOffset: number): string {
  switch (t.type) {
    case 'space':
    case 'def':
      return '';
    case 'heading': {
      const h = t as Tokens.Heading;
      const level = Math.min(6, Math.max(2, h.depth + headingOffset));
      return `<h${level}>${inline(h.tokens)}</h${level}>`;
    }
    case 'paragraph':
      return `<p>${inline((t as Tokens.Paragraph).tokens)}</p>`;
    case 'text': {
      const x = t as Tokens.Text;
      return x.tokens ? inline(x.tokens) : escapeHtml(x.text);
    }
    case 'blockquote':
      return `<blockquote>${blocks((t as Tokens.Blockquote).tokens, headingOffset)}</blockquote>`;
    case 'list': {
      const l = t as Tokens.List;
      const tag = l.ordered ? 'ol' : 'ul';
      const start = l.ordered && typeof l.start === 'number' && l.start !== 1 ? ` start="${l.start}"` : '';
      const items = l.items.map((it) => `<li>${blocks(it.tokens, headingOffset)}</li>`).join('');
      return `<${tag}${start}>${items}</${tag}>`;
    }
    case 'code':
      return `<pre><code>${escapeHtml((t as Tokens.Code).text)}</code></pre>`;
    case 'hr':
      return '<hr />';
    case 'table': {
      const tb = t as Tokens.Table;
      const align = (i: number) => {
        const a = tb.align[i];
        return a ? ` style="text-align:${a}"` : '';
      };
      const head = tb.header.map((c, i) => `<th scope="col"${align(i)}>${inline(c.tokens)}</th>`).join('');
      const rows = tb.rows.map((r) => `<tr>${r.map((c, i) => `<td${align(i)}>${inline(c.tokens)}</td>`).join('')}</tr>`).join('');
      return `<div class="table-wrap"><table><thead><tr>${head}</tr></thead><tbody>${rows}</tbody></table></div>`;
    }
    case 'html':
      return `<p>${escapeHtml((t as Tokens.HTML).text)}</p>`;
    default:
      return 'raw' in t && typeof t.raw === 'string' ? `<p>${escapeHtml(t.raw)}</p>` : '';
  }
}

function blocks(tokens: Token[], headingOffset: number): string {
  return tokens.map((t) => block(t, headingOffset)).join('');
}

/**
 * Markdown to safe HTML, with inline expressions evaluated by `evaluate`. A failing
 * expression renders in place as an error (class `cell-error`) with its message; one whose
 * outcome is still on its way renders as a pending value (class `nb-pending`, aria-busy).
 * Headings are shifted down by `headingOffset` levels and start at h2 (the page title is the h1).
 */
export function renderProse(markdown: string, evaluate: InlineEvaluator, headingOffset = 0): string {
  const matches = findInline(markdown);
  let text = '';
  let at = 0;
  matches.forEach((m, i) => {
    text += markdown.slice(at, m.start) + PH(i);
    at = m.end;
  });
  text += markdown.slice(at);
  const html = blocks(new Lexer({ gfm: true }).lex(text), headingOffset);
  return html.replace(PH_RE, (_, n: string) => {
    const m = matches[Number(n)];
    if (!m) return '';
    let error = m.error;
    let value = '';
    if (m.expr) {
      try {
        value = evaluate(m.expr);
      } catch (e) {
        if (e instanceof InlinePending) return `<span class="nb-value nb-pending" aria-busy="true" title="${escapeHtml(m.source.slice(2, -2).trim())}">…</span>`;
        error = e instanceof Error ? e.message : String(e);
      }
    }
    if (error !== null) return `<span class="cell-error" role="note">${escapeHtml(m.source)}: ${escapeHtml(error)}</span>`;
    return `<span class="nb-value" title="${escapeHtml(m.source.slice(2, -2).trim())}">${escapeHtml(value)}</span>`;
  });
}

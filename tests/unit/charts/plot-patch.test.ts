import { describe, expect, it } from 'vitest';
import { morphNode, patchPlot } from '../../../src/lib/charts/plot-patch';

// A minimal DOM (the unit tests run in Node): elements with namespaced attributes and
// child lists, text nodes, and a count of attribute writes.
const SVG = 'http://www.w3.org/2000/svg';

class FakeNode {
  parentNode: FakeEl | null = null;
  constructor(
    readonly nodeType: number,
    public nodeValue: string | null = null
  ) {}
  remove(): void {
    const p = this.parentNode;
    if (p) p.childNodes.splice(p.childNodes.indexOf(this), 1);
    this.parentNode = null;
  }
}

interface FakeAttr {
  namespaceURI: string | null;
  name: string;
  localName: string;
  value: string;
}

class FakeEl extends FakeNode {
  childNodes: FakeNode[] = [];
  attributes: FakeAttr[] = [];
  writes = 0;
  constructor(
    readonly localName: string,
    attrs: Record<string, string> = {},
    children: FakeNode[] = [],
    readonly namespaceURI: string = SVG
  ) {
    super(1);
    for (const [k, v] of Object.entries(attrs))
      this.attributes.push({ namespaceURI: null, name: k, localName: k, value: v });
    for (const c of children) this.appendChild(c);
  }
  get firstChild(): FakeNode | null {
    return this.childNodes[0] ?? null;
  }
  #find(ns: string | null, local: string) {
    return this.attributes.find((a) => a.namespaceURI === ns && a.localName === local);
  }
  getAttributeNS(ns: string | null, local: string): string | null {
    return this.#find(ns, local)?.value ?? null;
  }
  hasAttributeNS(ns: string | null, local: string): boolean {
    return this.#find(ns, local) !== undefined;
  }
  setAttributeNS(ns: string | null, name: string, value: string): void {
    this.writes++;
    const local = name.split(':').pop()!;
    const a = this.#find(ns, local);
    if (a) a.value = value;
    else this.attributes.push({ namespaceURI: ns, name, localName: local, value });
  }
  removeAttributeNS(ns: string | null, local: string): void {
    this.writes++;
    this.attributes = this.attributes.filter((a) => !(a.namespaceURI === ns && a.localName === local));
  }
  removeAttribute(name: string): void {
    this.removeAttributeNS(null, name);
  }
  setAttribute(name: string, value: string): void {
    this.setAttributeNS(null, name, value);
  }
  appendChild(n: FakeNode): FakeNode {
    n.remove();
    n.parentNode = this;
    this.childNodes.push(n);
    return n;
  }
  replaceChild(n: FakeNode, old: FakeNode): FakeNode {
    n.remove();
    const i = this.childNodes.indexOf(old);
    this.childNodes[i] = n;
    n.parentNode = this;
    old.parentNode = null;
    return old;
  }
  replaceChildren(...nodes: FakeNode[]): void {
    for (const c of [...this.childNodes]) c.remove();
    for (const n of nodes) this.appendChild(n);
  }
  querySelectorAll(selector: string): FakeEl[] {
    const out: FakeEl[] = [];
    const walk = (e: FakeEl) => {
      for (const c of e.childNodes)
        if (c instanceof FakeEl) {
          const byAttr =
            selector.startsWith('[') &&
            (c.hasAttributeNS(null, 'aria-label') || c.hasAttributeNS(null, 'aria-description'));
          if (byAttr || c.localName === selector) out.push(c);
          walk(c);
        }
    };
    walk(this);
    return out;
  }
}

const text = (s: string) => new FakeNode(3, s);
const el = (tag: string, attrs: Record<string, string> = {}, children: FakeNode[] = []) =>
  new FakeEl(tag, attrs, children);

/** The tree as text: tags, attributes in order of name, text. */
function serial(n: FakeNode): string {
  if (!(n instanceof FakeEl)) return JSON.stringify(n.nodeValue);
  const attrs = n.attributes
    .map((a) => `${a.name}="${a.value}"`)
    .sort()
    .join(' ');
  return `<${n.localName} ${attrs}>${n.childNodes.map(serial).join('')}</${n.localName}>`;
}

const asNode = (n: FakeNode) => n as unknown as Node;

describe('morphNode', () => {
  it('makes the shown tree equal to the new one, keeping the nodes whose kind matches', () => {
    const line = el('path', { d: 'M0,0L1,1', stroke: 'red' });
    const tick = el('text', { y: '10' }, [text('0')]);
    const shown = el('svg', { width: '400' }, [el('g', {}, [tick]), line]);
    const next = el('svg', { width: '400' }, [
      el('g', {}, [el('text', { y: '12' }, [text('5')])]),
      el('path', { d: 'M0,0L1,2', stroke: 'red' })
    ]);
    const expected = serial(next);
    morphNode(asNode(shown), asNode(next));
    expect(serial(shown)).toBe(expected);
    // the same nodes are on screen, patched: only the changed path and tick position were written
    expect(shown.childNodes[1]).toBe(line);
    expect((shown.childNodes[0] as FakeEl).childNodes[0]).toBe(tick);
    expect(line.writes).toBe(1);
    expect(tick.writes).toBe(1);
    expect(shown.writes).toBe(0);
    expect(tick.childNodes[0].nodeValue).toBe('5');
  });

  it('replaces nodes of another tag, adds missing ones, removes extra ones and stale attributes', () => {
    const shown = el('g', { 'stroke-dasharray': '4,2' }, [el('line'), el('circle', { r: '3' }), el('rect')]);
    const next = el('g', {}, [el('path', { d: 'M1,1' }), el('circle', { r: '4' })]);
    const circle = shown.childNodes[1];
    const expected = serial(next);
    morphNode(asNode(shown), asNode(next));
    expect(serial(shown)).toBe(expected);
    expect(shown.childNodes[1]).toBe(circle);
    expect(shown.childNodes).toHaveLength(2);

    const grow = el('g', {}, [el('circle', { r: '4' }), el('circle', { r: '5' }), text('x')]);
    const grown = serial(grow);
    morphNode(asNode(shown), asNode(grow));
    expect(serial(shown)).toBe(grown);
  });
});

describe('patchPlot', () => {
  it('mounts the first figure, then patches it in place with the mark labels removed and the SVG hidden', () => {
    const container = new FakeEl('div', {}, [], 'http://www.w3.org/1999/xhtml');
    const first = el('svg', {}, [el('g', { 'aria-label': 'line' }, [el('path', { d: 'M0,0' })])]);
    patchPlot(container as unknown as HTMLElement, first as unknown as Element);
    expect(container.firstChild).toBe(first);
    expect(first.getAttributeNS(null, 'aria-hidden')).toBe('true');
    expect((first.childNodes[0] as FakeEl).hasAttributeNS(null, 'aria-label')).toBe(false);

    const second = el('svg', {}, [el('g', { 'aria-label': 'line' }, [el('path', { d: 'M0,9' })])]);
    patchPlot(container as unknown as HTMLElement, second as unknown as Element);
    expect(container.childNodes).toEqual([first]);
    expect(serial(first)).toBe('<svg aria-hidden="true"><g ><path d="M0,9"></path></g></svg>');
  });
});

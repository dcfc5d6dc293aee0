/**
 * Redraws an Observable Plot figure in place. Plot builds a new SVG on every call; putting
 * that SVG into the page in place of the old one makes the browser create, style, lay out
 * and paint every node of the new figure (and its own `<style>` element). When the
 * container already shows a figure, `patchPlot` instead copies the new figure onto the
 * existing nodes: attributes and text that differ are set, nodes of another kind are
 * replaced, missing ones added, extra ones removed. The nodes on screen then end up equal to the new figure's (the same
 * tags, attributes and text, in the same order), and only what changed (a line's path, a
 * moved tick) is styled and painted again.
 *
 * Like mountPlot, the figure's own labels of its mark groups are removed and the SVG is
 * hidden from assistive technology: the container carries the chart's accessible name.
 */
export function patchPlot(container: HTMLElement, chart: Element): void {
  for (const el of chart.querySelectorAll('[aria-label], [aria-description]')) {
    el.removeAttribute('aria-label');
    el.removeAttribute('aria-description');
  }
  const svgs = chart.localName === 'svg' ? [chart] : Array.from(chart.querySelectorAll('svg'));
  for (const svg of svgs) svg.setAttribute('aria-hidden', 'true');
  const shown = container.childNodes.length === 1 ? container.firstChild : null;
  if (shown && sameKind(shown, chart)) morphNode(shown, chart);
  else container.replaceChildren(chart);
}

const ELEMENT_NODE = 1;
const isElement = (n: Node): n is Element => n.nodeType === ELEMENT_NODE;

/** Same node type and tag (in the same namespace): one can be patched into the other. */
function sameKind(a: Node, b: Node): boolean {
  if (a.nodeType !== b.nodeType) return false;
  if (isElement(a) && isElement(b)) return a.namespaceURI === b.namespaceURI && a.localName === b.localName;
  return true;
}

/**
 * Makes `from` (on screen) equal to `to` (detached, of the same kind): its attributes, its
 * text, and its children, patched position by position. Nodes of `to` that are not patched
 * into an existing one are moved into `from`.
 */
export function morphNode(from: Node, to: Node): void {
  if (!isElement(from) || !isElement(to)) {
    if (from.nodeValue !== to.nodeValue) from.nodeValue = to.nodeValue;
    return;
  }
  for (const attr of Array.from(to.attributes))
    if (from.getAttributeNS(attr.namespaceURI, attr.localName) !== attr.value)
      from.setAttributeNS(attr.namespaceURI, attr.name, attr.value);
  for (const attr of Array.from(from.attributes))
    if (!to.hasAttributeNS(attr.namespaceURI, attr.localName))
      from.removeAttributeNS(attr.namespaceURI, attr.localName);
  const old = Array.from(from.childNodes);
  const next = Array.from(to.childNodes);
  next.forEach((node, i) => {
    const current = old[i];
    if (current === undefined) from.appendChild(node);
    else if (sameKind(current, node)) morphNode(current, node);
    else from.replaceChild(node, current);
  });
  for (let i = next.length; i < old.length; i++) old[i].remove();
}

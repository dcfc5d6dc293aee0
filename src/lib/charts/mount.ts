/**
 * Puts a drawn Observable Plot figure into its container and returns the function that
 * removes it (an attachment's cleanup). The container carries the chart's accessible
 * name (role="img" or a slider with a full text summary, and the table view), so the
 * SVG's own structure is hidden from assistive technology: Plot labels its mark groups
 * (`<g aria-label="line">`), which axe reports as aria-prohibited-attr on elements
 * without a role.
 */
export function mountPlot(container: HTMLElement, chart: Element): () => void {
  for (const el of chart.querySelectorAll('[aria-label], [aria-description]')) {
    el.removeAttribute('aria-label');
    el.removeAttribute('aria-description');
  }
  const svgs = chart instanceof SVGSVGElement ? [chart] : Array.from(chart.querySelectorAll('svg'));
  for (const svg of svgs) svg.setAttribute('aria-hidden', 'true');
  container.replaceChildren(chart);
  return () => chart.remove();
}

/**
 * Follows the pointer over `host` (a chart's pointer attachment): `move` on every move,
 * `leave` when it leaves; returns the function that stops listening (the attachment's cleanup).
 */
export function followPointer(host: HTMLElement, move: (event: PointerEvent) => void, leave: () => void): () => void {
  host.addEventListener('pointermove', move);
  host.addEventListener('pointerleave', leave);
  return () => {
    host.removeEventListener('pointermove', move);
    host.removeEventListener('pointerleave', leave);
  };
}

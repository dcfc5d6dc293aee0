/**
 * Which category of a band (ordinal) scale lies under a pointer position: band
 * scales have no inverse, so the pointer is tested against each band
 * [start, start + bandwidth), widened by half the padding on each side so the gaps
 * between bars still select the nearer bar.
 */
export interface BandScaleLike {
  domain: readonly unknown[];
  apply: (value: unknown) => number;
  bandwidth?: number;
  step?: number;
}

export function bandAt(scale: BandScaleLike, px: number): string | null {
  if (!Number.isFinite(px)) return null;
  const bandwidth = scale.bandwidth ?? 0;
  const step = scale.step ?? bandwidth;
  const pad = (step - bandwidth) / 2;
  for (const value of scale.domain) {
    const start = scale.apply(value);
    if (px >= start - pad && px < start + bandwidth + pad) return String(value);
  }
  return null;
}

/** The pointer position in the SVG's own pixel coordinates (the SVG may be drawn scaled). */
export function svgPoint(svg: SVGSVGElement, clientX: number, clientY: number): { x: number; y: number } {
  const rect = svg.getBoundingClientRect();
  const sx = (svg.width.baseVal.value || rect.width) / Math.max(1, rect.width);
  const sy = (svg.height.baseVal.value || rect.height) / Math.max(1, rect.height);
  return { x: (clientX - rect.left) * sx, y: (clientY - rect.top) * sy };
}

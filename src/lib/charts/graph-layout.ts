/**
 * Layered left-to-right layout of the causal graph (levers -> drivers -> outcomes)
 * after Sugiyama, Tagawa & Toda (1981), "Methods for visual understanding of
 * hierarchical system structures": layers are given (0, 1, 2 = columns); the order
 * within each layer is improved by the barycentre heuristic, alternating down
 * (left-to-right) and up sweeps, each node moving to the mean position of its
 * neighbours in the layers already placed; the ordering with the fewest edge
 * crossings seen is kept. Deterministic: ties keep the current order.
 */

export type GraphLayer = 0 | 1 | 2;

export interface GraphNode {
  id: string;
  label: string;
  layer: GraphLayer;
  /** current value as text, e.g. "+4.2%" */
  value?: string;
  /** a lever that is switched on / moved from its baseline */
  active?: boolean;
}

export interface GraphEdge {
  from: string;
  to: string;
  /** strength; the stroke width scales with |weight| */
  weight?: number;
  /** +1: raising `from` raises `to`; −1: lowers it */
  sign?: 1 | -1;
}

export interface PlacedNode extends GraphNode {
  /** position within its layer, 0 at the top */
  order: number;
  /** centre, px */
  x: number;
  y: number;
}

export interface PlacedEdge extends GraphEdge {
  source: PlacedNode;
  target: PlacedNode;
}

export interface GraphLayout {
  nodes: PlacedNode[];
  edges: PlacedEdge[];
  /** crossings between edges of the final ordering (adjacent-layer pairs and long edges alike) */
  crossings: number;
}

export interface LayoutOptions {
  widthPx: number;
  heightPx: number;
  /** number of down+up sweep pairs; default 4 */
  sweeps?: number;
  /** horizontal padding to the first and last column centres, px; default 90 */
  paddingXPx?: number;
  /** vertical padding, px; default 28 */
  paddingYPx?: number;
}

/** Validate nodes and edges; returns nodes grouped by layer in input order. */
function layersOf(nodes: GraphNode[], edges: GraphEdge[]): string[][] {
  const seen = new Set<string>();
  const layers: string[][] = [[], [], []];
  for (const n of nodes) {
    if (seen.has(n.id)) throw new Error(`duplicate graph node id: ${JSON.stringify(n.id)}`);
    if (n.layer !== 0 && n.layer !== 1 && n.layer !== 2)
      throw new RangeError(`invalid layer of graph node ${JSON.stringify(n.id)}: ${n.layer} (must be 0, 1 or 2)`);
    seen.add(n.id);
    layers[n.layer].push(n.id);
  }
  for (const e of edges) {
    for (const end of [e.from, e.to])
      if (!seen.has(end))
        throw new Error(
          `graph edge ${JSON.stringify(e.from)} -> ${JSON.stringify(e.to)} names an unknown node: ${JSON.stringify(end)}`
        );
    if (e.weight !== undefined && !Number.isFinite(e.weight))
      throw new RangeError(`invalid weight of graph edge ${e.from} -> ${e.to}: ${e.weight} (must be finite)`);
  }
  return layers;
}

/** Positions in rows from each layer's middle, as drawn (layers are centred vertically). */
function centredPositions(layers: string[][]): Map<string, number> {
  const p = new Map<string, number>();
  for (const layer of layers) layer.forEach((id, i) => p.set(id, i - (layer.length - 1) / 2));
  return p;
}

/**
 * Count pairwise crossings of straight edges drawn between layer columns: two edges
 * cross when they share a span of columns and their endpoints swap order. Edges
 * within one layer are ignored (they are not drawn across columns).
 */
export function countCrossings(layers: string[][], edges: GraphEdge[], layerOf: Map<string, number>): number {
  const pos = centredPositions(layers);
  // normalise each edge to go left -> right
  const spans = edges
    .map((e) => {
      const a = layerOf.get(e.from) as number;
      const b = layerOf.get(e.to) as number;
      return a <= b
        ? { l0: a, l1: b, y0: pos.get(e.from) as number, y1: pos.get(e.to) as number }
        : { l0: b, l1: a, y0: pos.get(e.to) as number, y1: pos.get(e.from) as number };
    })
    .filter((s) => s.l0 !== s.l1);
  const at = (s: (typeof spans)[number], l: number) => s.y0 + ((s.y1 - s.y0) * (l - s.l0)) / (s.l1 - s.l0);
  let crossings = 0;
  for (let i = 0; i < spans.length; i++) {
    for (let j = i + 1; j < spans.length; j++) {
      const a = spans[i];
      const b = spans[j];
      const lo = Math.max(a.l0, b.l0);
      const hi = Math.min(a.l1, b.l1);
      if (lo >= hi) continue;
      const d0 = at(a, lo) - at(b, lo);
      const d1 = at(a, hi) - at(b, hi);
      if (d0 * d1 < 0) crossings++;
    }
  }
  return crossings;
}

/** One barycentre pass over `layer`, using neighbours whose layer satisfies `placed`. */
function reorder(
  layer: string[],
  neighbours: Map<string, string[]>,
  position: Map<string, number>,
  layerOf: Map<string, number>,
  placed: (l: number) => boolean
): string[] {
  const keyed = layer.map((id, index) => {
    const ns = (neighbours.get(id) ?? []).filter((n) => placed(layerOf.get(n) as number));
    const bary = ns.length
      ? ns.reduce((s, n) => s + (position.get(n) as number), 0) / ns.length
      : (position.get(id) as number);
    return { id, bary, index };
  });
  keyed.sort((a, b) => a.bary - b.bary || a.index - b.index);
  return keyed.map((k) => k.id);
}

/** Order nodes within layers by barycentre sweeps; returns the layer orders with fewest crossings. */
export function orderLayers(nodes: GraphNode[], edges: GraphEdge[], sweeps = 4): string[][] {
  let layers = layersOf(nodes, edges);
  const layerOf = new Map(nodes.map((n) => [n.id, n.layer as number]));
  const neighbours = new Map<string, string[]>();
  for (const e of edges) {
    if (e.from === e.to) continue;
    neighbours.set(e.from, [...(neighbours.get(e.from) ?? []), e.to]);
    neighbours.set(e.to, [...(neighbours.get(e.to) ?? []), e.from]);
  }
  let best = layers.map((l) => [...l]);
  let bestCrossings = countCrossings(best, edges, layerOf);
  for (let s = 0; s < sweeps && bestCrossings > 0; s++) {
    for (const direction of ['down', 'up'] as const) {
      const order = direction === 'down' ? [1, 2] : [1, 0];
      for (const l of order) {
        const position = centredPositions(layers);
        const placed = direction === 'down' ? (x: number) => x < l : (x: number) => x > l;
        layers = layers.map((layer, i) => (i === l ? reorder(layer, neighbours, position, layerOf, placed) : layer));
      }
      const c = countCrossings(layers, edges, layerOf);
      if (c < bestCrossings) {
        bestCrossings = c;
        best = layers.map((l) => [...l]);
      }
    }
  }
  return best;
}

/** Place the graph in a box: columns evenly spaced, nodes evenly spaced and centred within each column. */
export function layoutGraph(nodes: GraphNode[], edges: GraphEdge[], options: LayoutOptions): GraphLayout {
  const { widthPx, heightPx } = options;
  if (!(widthPx > 0) || !(heightPx > 0))
    throw new RangeError(`invalid graph layout size: ${widthPx}x${heightPx} px (both must be > 0)`);
  const padX = options.paddingXPx ?? 90;
  const padY = options.paddingYPx ?? 28;
  const layers = orderLayers(nodes, edges, options.sweeps ?? 4);
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const maxCount = Math.max(1, ...layers.map((l) => l.length));
  const rowPx = (heightPx - 2 * padY) / maxCount;
  const placed = new Map<string, PlacedNode>();
  layers.forEach((layer, l) => {
    const x = padX + ((widthPx - 2 * padX) * l) / 2;
    const top = padY + ((maxCount - layer.length) * rowPx) / 2;
    layer.forEach((id, order) => {
      placed.set(id, { ...(byId.get(id) as GraphNode), order, x, y: top + (order + 0.5) * rowPx });
    });
  });
  const layerOf = new Map(nodes.map((n) => [n.id, n.layer as number]));
  return {
    nodes: nodes.map((n) => placed.get(n.id) as PlacedNode),
    edges: edges.map((e) => ({
      ...e,
      source: placed.get(e.from) as PlacedNode,
      target: placed.get(e.to) as PlacedNode
    })),
    crossings: countCrossings(layers, edges, layerOf)
  };
}

/** Ids of the nodes and edges on any directed path through `id` (its ancestors and descendants). */
export function pathsThrough(id: string, edges: GraphEdge[]): { nodes: Set<string>; edges: Set<GraphEdge> } {
  const nodes = new Set<string>([id]);
  const onPath = new Set<GraphEdge>();
  const walk = (start: string, forward: boolean) => {
    const stack = [start];
    const visited = new Set<string>([start]);
    while (stack.length) {
      const cur = stack.pop() as string;
      for (const e of edges) {
        const [a, b] = forward ? [e.from, e.to] : [e.to, e.from];
        if (a !== cur) continue;
        onPath.add(e);
        nodes.add(b);
        if (!visited.has(b)) {
          visited.add(b);
          stack.push(b);
        }
      }
    }
  };
  walk(id, true);
  walk(id, false);
  return { nodes, edges: onPath };
}

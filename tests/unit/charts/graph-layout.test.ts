import { describe, expect, it } from 'vitest';
import {
  countCrossings,
  layoutGraph,
  orderLayers,
  pathsThrough,
  type GraphEdge,
  type GraphNode
} from '$lib/charts/graph-layout';

const node = (id: string, layer: 0 | 1 | 2): GraphNode => ({ id, label: id, layer });

describe('causal graph layout', () => {
  it('untangles a crossed two-layer graph with the barycentre heuristic', () => {
    // levers a, b; drivers B, A listed in the wrong order: a->A, b->B cross once as given
    const nodes = [node('a', 0), node('b', 0), node('B', 1), node('A', 1)];
    const edges: GraphEdge[] = [
      { from: 'a', to: 'A' },
      { from: 'b', to: 'B' }
    ];
    const layerOf = new Map(nodes.map((n) => [n.id, n.layer as number]));
    expect(countCrossings([['a', 'b'], ['B', 'A'], []], edges, layerOf)).toBe(1);
    const layers = orderLayers(nodes, edges);
    expect(layers[1]).toEqual(['A', 'B']);
    expect(countCrossings(layers, edges, layerOf)).toBe(0);
  });

  it('reaches zero crossings on a three-layer graph that has a planar layered drawing', () => {
    // a tree drawn with crossings as listed: levers -> drivers -> outcomes
    const nodes = [
      node('p', 0),
      node('q', 0),
      node('r', 0),
      node('d2', 1),
      node('d1', 1),
      node('o2', 2),
      node('o1', 2)
    ];
    const edges: GraphEdge[] = [
      { from: 'p', to: 'd1' },
      { from: 'q', to: 'd1' },
      { from: 'r', to: 'd2' },
      { from: 'd1', to: 'o1' },
      { from: 'd2', to: 'o2' }
    ];
    const layout = layoutGraph(nodes, edges, { widthPx: 800, heightPx: 400 });
    expect(layout.crossings).toBe(0);
    const y = new Map(layout.nodes.map((n) => [n.id, n.y]));
    expect(y.get('d1')!).toBeLessThan(y.get('d2')!);
    expect(y.get('o1')!).toBeLessThan(y.get('o2')!);
  });

  it('puts layers in evenly spaced columns left to right and is deterministic', () => {
    const nodes = [node('l', 0), node('d', 1), node('o', 2)];
    const edges: GraphEdge[] = [
      { from: 'l', to: 'd' },
      { from: 'd', to: 'o' }
    ];
    const a = layoutGraph(nodes, edges, { widthPx: 600, heightPx: 300, paddingXPx: 100 });
    // columns at 100, 100 + (600 − 200)/2 = 300, 500
    expect(a.nodes.map((n) => n.x)).toEqual([100, 300, 500]);
    expect(layoutGraph(nodes, edges, { widthPx: 600, heightPx: 300, paddingXPx: 100 })).toEqual(a);
  });

  it('rejects duplicate ids, unknown edge ends and invalid layers with the value', () => {
    expect(() => orderLayers([node('a', 0), node('a', 1)], [])).toThrow(/duplicate graph node id: "a"/);
    expect(() => orderLayers([node('a', 0)], [{ from: 'a', to: 'z' }])).toThrow(/unknown node: "z"/);
    expect(() => orderLayers([{ id: 'a', label: 'a', layer: 3 as never }], [])).toThrow(/layer of graph node "a": 3/);
  });

  it('finds every node and edge on a directed path through the selected node', () => {
    const edges: GraphEdge[] = [
      { from: 'price', to: 'conversion' },
      { from: 'ads', to: 'conversion' },
      { from: 'conversion', to: 'revenue' },
      { from: 'service', to: 'dropout' }
    ];
    const { nodes, edges: on } = pathsThrough('conversion', edges);
    expect([...nodes].sort()).toEqual(['ads', 'conversion', 'price', 'revenue']);
    expect(on.size).toBe(3);
  });
});

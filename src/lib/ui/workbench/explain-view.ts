/**
 * The explain view's data: the engine's explain graph (levers, assumptions -> drivers ->
 * outcomes -> KPIs) reduced to what a person can read at once — the levers moved from
 * the baseline, the drivers, and the KPIs on show, with outcomes folded into the edges —
 * plus the full detail of any node: formula, current value, inputs and sources.
 */
import type { ExplainGraph, ExplainNode, Outcome } from '$lib/model/scenario/scenario-types';
import type { GraphEdge, GraphNode } from '$lib/charts/graph-layout';
import { formatPlain } from '$lib/charts/format';

const DRIVER_LABELS: Record<string, string> = {
  conversion: 'Conversion',
  purchaseRate: 'Purchase rate',
  dropout: 'Dropout',
  spendPerOrder: 'Spend per order',
  unitMargin: 'Unit margin',
  satisfaction: 'Satisfaction',
  trust: 'Trust'
};

export function nodeLabel(n: ExplainNode): string {
  if (n.kind === 'driver') return DRIVER_LABELS[n.label] ?? n.label;
  if (n.kind === 'outcome') return n.label.replace(/([A-Z])/g, ' $1').replace(/^./, (c) => c.toUpperCase());
  return n.label;
}

/** A multiplier as a signed change: 1.05 -> "+5.0%". */
export function multiplierText(m: number): string {
  const pct = (m - 1) * 100;
  if (Math.abs(pct) < 0.05) return '±0%';
  return `${pct > 0 ? '+' : '−'}${Math.abs(pct).toFixed(1)}%`;
}

export function valueText(n: ExplainNode): string | undefined {
  if (n.value === undefined || n.value === null) return undefined;
  if (typeof n.value === 'boolean') return n.value ? 'on' : 'off';
  if (typeof n.value === 'string') return n.value;
  if (n.kind === 'driver' && n.unit === 'multiplier') return multiplierText(n.value);
  if (n.unit === 'share') return `${(n.value * 100).toFixed(1)}%`;
  const abs = Math.abs(n.value);
  return abs >= 1000 ? formatPlain(Math.round(n.value)) : String(Number(n.value.toPrecision(4)));
}

export interface GraphView {
  nodes: GraphNode[];
  edges: GraphEdge[];
}

/**
 * Levers that differ from the baseline (or all levers), the drivers, and the chosen
 * KPIs; a driver links to a KPI when some outcome on the engine's graph connects them.
 */
export function graphView(
  graph: ExplainGraph,
  outcome: Outcome,
  kpiIds: readonly string[],
  activeLevers: ReadonlySet<string>,
  allLevers = false
): GraphView {
  const byId = new Map(graph.nodes.map((n) => [n.id, n]));
  const nodes: GraphNode[] = [];
  const edges: GraphEdge[] = [];
  const shown = new Set<string>();

  for (const n of graph.nodes) {
    if (n.kind === 'lever' && (allLevers || activeLevers.has(n.id))) {
      nodes.push({ id: n.id, label: n.label, layer: 0, value: valueText(n), active: activeLevers.has(n.id) });
      shown.add(n.id);
    }
  }
  for (const n of graph.nodes) {
    if (n.kind === 'driver') {
      nodes.push({ id: n.id, label: nodeLabel(n), layer: 1, value: valueText(n) });
      shown.add(n.id);
    }
  }
  for (const id of kpiIds) {
    const n = byId.get(`kpi:${id}`);
    if (!n) continue;
    nodes.push({ id: n.id, label: n.label, layer: 2, value: valueText(n) });
    shown.add(n.id);
  }

  // lever -> driver, weighted by the lever's multiplier on that driver
  for (const e of graph.edges) {
    if (!shown.has(e.from) || !shown.has(e.to)) continue;
    if (byId.get(e.from)?.kind !== 'lever') continue;
    const driver = e.to.replace(/^driver:/, '') as keyof Outcome['drivers'];
    const lever = e.from.replace(/^lever:/, '');
    const m = outcome.drivers[driver]?.contributions.find((c) => c.lever === lever)?.multiplier ?? 1;
    edges.push({ from: e.from, to: e.to, weight: Math.max(0.05, Math.abs(Math.log(m)) * 10), sign: m >= 1 ? 1 : -1 });
  }

  // driver -> KPI through outcomes (outcome -> outcome chains included)
  const out = new Map<string, string[]>();
  for (const e of graph.edges) out.set(e.from, [...(out.get(e.from) ?? []), e.to]);
  for (const d of graph.nodes.filter((n) => n.kind === 'driver')) {
    const reached = new Set<string>();
    const stack = [...(out.get(d.id) ?? [])];
    while (stack.length) {
      const id = stack.pop()!;
      if (reached.has(id)) continue;
      reached.add(id);
      if (byId.get(id)?.kind === 'outcome') stack.push(...(out.get(id) ?? []));
    }
    for (const id of reached)
      if (byId.get(id)?.kind === 'kpi' && shown.has(id)) edges.push({ from: d.id, to: id, weight: 1 });
  }
  return { nodes, edges };
}

export interface NodeDetail {
  node: ExplainNode;
  label: string;
  value?: string;
  /** what feeds this node, with their current values */
  inputs: {
    id: string;
    kind: ExplainNode['kind'];
    label: string;
    value?: string;
    edgeLabel?: string;
    source?: string;
  }[];
  /** what this node feeds */
  outputs: { id: string; label: string }[];
}

export function nodeDetail(graph: ExplainGraph, id: string): NodeDetail | null {
  const byId = new Map(graph.nodes.map((n) => [n.id, n]));
  const node = byId.get(id);
  if (!node) return null;
  const inputs = graph.edges
    .filter((e) => e.to === id)
    .map((e) => byId.get(e.from))
    .filter((n): n is ExplainNode => n !== undefined)
    .map((n) => ({
      id: n.id,
      kind: n.kind,
      label: nodeLabel(n),
      value: valueText(n),
      edgeLabel: graph.edges.find((e) => e.from === n.id && e.to === id)?.label,
      source: n.source
    }));
  const outputs = graph.edges
    .filter((e) => e.from === id)
    .map((e) => byId.get(e.to))
    .filter((n): n is ExplainNode => n !== undefined)
    .map((n) => ({ id: n.id, label: nodeLabel(n) }));
  return { node, label: nodeLabel(node), value: valueText(node), inputs, outputs };
}

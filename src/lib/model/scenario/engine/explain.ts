/**
 * The explain graph (levers -> drivers -> outcomes, MODEL.md section 2): nodes
 * carry formula text, the current value and, for assumptions, their source; edges
 * say how one moves the other. Built from a scenario and its outcome. Measured
 * evidence (a learned uplift model) appears as its own node, and the personalisation
 * lever nodes name the model and its held-out metrics as their source.
 */
import type {
  ExplainEdge,
  ExplainGraph,
  ExplainModel,
  ExplainNode,
  Outcome,
  PersonalisationEvidence,
  Scenario
} from '../scenario-types.ts';
import { DRIVER_IDS } from '../scenario-types.ts';
import { resolveAssumptions } from '../assumptions.ts';
import { LEVERS } from '../levers/catalogue.ts';
import { getPath } from '../scenario.ts';
import { KPIS } from './kpis.ts';
import { PURCHASE_MODEL_LABELS, PURCHASE_PARAM_KEYS, type PreparedBaseline } from './baseline.ts';

const BG_DROPOUT = "μ' = clamp(μ M), a' = μ'(a + b), b' = (1 - μ')(a + b)";

/** Per model: how a customer buys and drops out, what the dropout driver scales, what the projection sums, and the paper. */
const MODEL_TEXT: Record<
  string,
  { formula: string; dropout: string; active: string; transactions: string; reference: string }
> = {
  bgnbd: {
    formula:
      'alive: purchases ~ Poisson(λ), λ ~ Gamma(r, α); after each purchase drop out with p ~ Beta(a, b); ' +
      'P(alive | x, t_x, T) = 1 / (1 + [x > 0] a / (b + x - 1) ((α + T)/(α + t_x))^(r + x))',
    dropout: BG_DROPOUT,
    active: 'alive customers: Σ_groups alive · E_p[(A/(A + p H_t))^R], p ~ Beta(a, b + x)',
    transactions: 'transactions: Σ (Φ(H_{t-1}) - Φ(H_t)) / (p g_t)',
    reference: 'Fader, Hardie & Lee (2005), “Counting your customers the easy way”, Marketing Science 24(2)'
  },
  mbgnbd: {
    formula:
      'as BG/NBD, but a customer may also drop out at the first purchase: p | alive ~ Beta(a, b + x + 1); ' +
      'P(alive | x, t_x, T) = 1 / (1 + a / (b + x) ((α + T)/(α + t_x))^(r + x)); new customers alive b / (a + b)',
    dropout: BG_DROPOUT,
    active: 'alive customers: Σ_groups alive · E_p[(A/(A + p H_t))^R], p ~ Beta(a, b + x + 1)',
    transactions: 'transactions: Σ (Φ(H_{t-1}) - Φ(H_t)) / (p g_t)',
    reference:
      'Batislam, Denizel & Filiztekin (2007), IJRM 24(3), “Empirical validation and comparison of models for customer base analysis”'
  },
  paretonbd: {
    formula:
      'alive: purchases ~ Poisson(λ), λ ~ Gamma(r, α); lifetime ~ Exponential(μ), μ ~ Gamma(s, β); ' +
      'λ | alive ~ Gamma(r + x, α + T), μ | alive ~ Gamma(s, β + T)',
    dropout: "μ' = μ M: β' = β / M (mean dropout rate s / β scales by M)",
    active: 'alive customers: Σ_groups alive · (B/(B + D_t))^s, B = β + T, D_t = Σ g',
    transactions: 'transactions: Σ_groups alive · (R/A) ∫ (B/(B + D_u))^s du',
    reference:
      'Schmittlein, Morrison & Colombo (1987), Management Science 33(1); Fader & Hardie (2005), “A note on deriving the Pareto/NBD model”'
  },
  sbg: {
    formula: 'each period a subscriber churns with θ ~ Beta(α, β); after n renewals θ ~ Beta(α, β + n)',
    dropout: BG_DROPOUT,
    active: 'alive subscribers: Σ_tenures count · E_θ[Π (1 - θ g)]',
    transactions: 'renewals: Σ_tenures survivors at each renewal',
    reference: 'Fader & Hardie (2007), “How to project customer retention”, J. Interactive Marketing 21(1)'
  }
};

/** The baseline's model, named, with its formula and fitted parameters. */
export function explainModel(base: PreparedBaseline): ExplainModel {
  const spec = base.spec;
  const name = spec.kind === 'contractual' ? 'sbg' : spec.purchase.model;
  const text = MODEL_TEXT[name];
  const values =
    spec.kind === 'contractual'
      ? (spec.params as unknown as Record<string, number>)
      : (spec.purchase.params as unknown as Record<string, number>);
  const keys = spec.kind === 'contractual' ? ['alpha', 'beta'] : PURCHASE_PARAM_KEYS[spec.purchase.model];
  return {
    name,
    label: spec.kind === 'contractual' ? 'sBG' : PURCHASE_MODEL_LABELS[spec.purchase.model],
    formula: text.formula,
    params: keys.map((k) => ({ name: k, value: values[k] })),
    reference: text.reference,
    source: base.source
  };
}

const DRIVER_FORMULA: Record<string, string> = {
  conversion: 'new customers = visits x conversion x M_conversion',
  purchaseRate: "α' = α / M (mean rate r / α scales by M)",
  dropout: BG_DROPOUT,
  spendPerOrder: "v' = v M (mean spend p v / (q - 1) scales by M)",
  unitMargin: "g' = 1 - (1 - g) / P (P: mean price factor per order)",
  satisfaction: 'CX = Σ w_i S_i; felt satisfaction max(1, CX (1 + d)^(-t/52)); dropout x sat^ε',
  trust: 'trust(t) = 1 - L(t), L(t) = L(t-1) e^(-1/τ) + shock P(breach in week t)'
};

/** Contribution names that are not a single lever path, mapped to the levers behind them. */
const CONTRIBUTION_LEVERS: Record<string, string[]> = {
  'pricing.promotions': ['pricing.promoDepth', 'pricing.promoFrequency'],
  'pricing.price': ['pricing.priceChange', 'pricing.promoDepth', 'pricing.promoFrequency'],
  'loyalty.rewards': [
    'loyalty.enabled',
    'loyalty.enrolmentShare',
    'loyalty.pointsPerCurrency',
    'loyalty.rewardValuePerPoint'
  ]
};

function contributionSources(name: string): string[] {
  if (name === 'personalisation.measured') {
    return ['evidence:personalisation', 'lever:personalisation.coverage', 'lever:personalisation.consentShare'];
  }
  if (LEVERS.some((l) => l.id === name)) return [`lever:${name}`];
  if (CONTRIBUTION_LEVERS[name]) return CONTRIBUTION_LEVERS[name].map((id) => `lever:${id}`);
  const type = /^personalisation\.(product|price|channel|service|promotion)$/.exec(name);
  if (type)
    return [
      `lever:personalisation.types.${type[1]}`,
      'lever:personalisation.coverage',
      'lever:personalisation.modelAuc'
    ];
  if (name.startsWith('cx.')) return ['driver:satisfaction'];
  return ['driver:trust'];
}

/** "model; measured ...; held-out metrics ...; trained ..." for the explain view. */
export function evidenceSource(e: PersonalisationEvidence): string {
  const metrics = Object.entries(e.metrics)
    .map(([k, v]) => `${k} ${Number.isInteger(v) ? v : v.toPrecision(3)}`)
    .join(', ');
  return `measured: ${e.model}; top ${(e.coverage * 100).toFixed(0)}% uplift ${e.upliftTargeted.toPrecision(3)} over control ${e.baselineRate.toPrecision(3)}${metrics ? `; held-out ${metrics}` : ''}; trained ${e.trainedAt}`;
}

export function explainGraph(scenario: Scenario, outcome: Outcome, base?: PreparedBaseline): ExplainGraph {
  const model = base ? explainModel(base) : undefined;
  const text = MODEL_TEXT[model?.name ?? 'bgnbd'];
  const nodes: ExplainNode[] = [];
  const edges: ExplainEdge[] = [];
  const { assumptions } = resolveAssumptions(scenario.assumptions);
  const evidence = scenario.evidence?.personalisation;
  const measuredSource = evidence ? evidenceSource(evidence) : undefined;
  /** adds the node "<kind>:<key>" of a lever, an assumption, a driver, an outcome or a KPI */
  const addNode = (kind: ExplainNode['kind'], key: string, rest: Omit<ExplainNode, 'id' | 'kind'>): ExplainNode => {
    const node: ExplainNode = { id: `${kind}:${key}`, kind, ...rest };
    nodes.push(node);
    return node;
  };
  for (const l of LEVERS) {
    const node = addNode('lever', l.id, {
      label: l.label,
      value: getPath(scenario.levers, l.id) as number | boolean | string,
      unit: l.unit
    });
    if (measuredSource && (l.id === 'personalisation.coverage' || l.id === 'personalisation.modelAuc'))
      node.source = measuredSource;
  }
  if (evidence && measuredSource) {
    nodes.push({
      id: 'evidence:personalisation',
      kind: 'assumption',
      label: `measured uplift of personalisation: ${evidence.model}`,
      formula:
        evidence.outcomeKind === 'binary'
          ? 'M = ln(1 - (p0 + u)) / ln(1 - p0); driver x (1 + coverage x consent x (M - 1))'
          : 'M = (p0 + u) / p0; driver x (1 + coverage x consent x (M - 1))',
      value: evidence.upliftTargeted,
      unit: 'uplift per targeted customer',
      source: measuredSource
    });
  }
  for (const a of assumptions)
    addNode('assumption', a.id, {
      label: a.label,
      value: a.central,
      unit: a.unit,
      source: a.illustrative && !a.source.includes('illustrative') ? `${a.source} (illustrative)` : a.source
    });
  for (const d of DRIVER_IDS) {
    const v = outcome.drivers[d];
    addNode('driver', d, {
      label: d,
      formula: d === 'dropout' ? text.dropout : DRIVER_FORMULA[d],
      value: v.multiplier,
      unit: d === 'satisfaction' || d === 'trust' ? 'index' : 'multiplier'
    });
    for (const c of v.contributions) {
      for (const from of contributionSources(c.lever))
        edges.push({ from, to: `driver:${d}`, label: `${c.lever}: x ${c.multiplier.toFixed(4)}` });
    }
  }
  // assumptions feed the drivers of their lever family
  const familyDrivers: Record<string, string[]> = {
    pricing: ['conversion', 'purchaseRate', 'dropout', 'spendPerOrder', 'unitMargin', 'satisfaction'],
    channels: ['conversion', 'satisfaction'],
    personalisation: ['conversion', 'purchaseRate', 'dropout', 'spendPerOrder', 'satisfaction', 'trust'],
    service: ['satisfaction'],
    loyalty: ['purchaseRate', 'dropout'],
    retention: ['dropout', 'purchaseRate'],
    satisfaction: ['satisfaction', 'dropout']
  };
  for (const a of assumptions) {
    for (const d of familyDrivers[a.group] ?? []) {
      if (outcome.drivers[d as keyof typeof outcome.drivers].multiplier !== 1)
        edges.push({ from: `assumption:${a.id}`, to: `driver:${d}` });
    }
  }
  const outcomes: [string, string, string[]][] = [
    ['newCustomers', 'new customers by channel: Vmax · Hill(adstock) · conversion', ['conversion']],
    ['activeCustomers', text.active, ['dropout', 'purchaseRate', 'satisfaction', 'trust']],
    ['transactions', text.transactions, ['purchaseRate', 'dropout']],
    ['revenue', 'revenue = transactions x spend per order', ['spendPerOrder']],
    ['margin', "margin = revenue x g'", ['unitMargin']]
  ];
  for (const [id, formula, drivers] of outcomes) {
    addNode('outcome', id, { label: id, formula });
    for (const d of drivers) edges.push({ from: `driver:${d}`, to: `outcome:${id}` });
  }
  edges.push(
    { from: 'outcome:newCustomers', to: 'outcome:activeCustomers' },
    { from: 'outcome:activeCustomers', to: 'outcome:transactions' },
    { from: 'outcome:transactions', to: 'outcome:revenue' },
    { from: 'outcome:revenue', to: 'outcome:margin' }
  );
  for (const k of KPIS) {
    addNode('kpi', k.id, {
      label: k.label,
      formula: k.formula,
      value: outcome.kpis[k.id],
      unit: k.unit
    });
    edges.push({
      from: k.id === 'newCustomers' || k.id === 'cac' ? 'outcome:newCustomers' : 'outcome:margin',
      to: `kpi:${k.id}`
    });
  }
  if (model) {
    // the model feeds the outcomes it projects
    nodes.push({
      id: 'model:purchase',
      kind: 'assumption',
      label: `customer model: ${model.label}`,
      formula: model.formula,
      value: model.params.map((p) => `${p.name} = ${Number(p.value.toPrecision(4))}`).join(', '),
      unit: 'fitted parameters',
      source: `${model.reference}; parameters: ${model.source}`
    });
    edges.push(
      { from: 'model:purchase', to: 'outcome:activeCustomers' },
      { from: 'model:purchase', to: 'outcome:transactions' }
    );
  }
  return model ? { nodes, edges, model } : { nodes, edges };
}

/**
 * The KPI catalogue: how the UI labels, formats and explains each KPI of an Outcome.
 * Formulas follow MODEL.md section 3; CLV and customer equity after Gupta, Lehmann &
 * Stuart (2004) "Valuing customers", JMR 41 (margin x retention, discounted).
 */
import type { KpiId } from '../scenario-types.ts';

export interface KpiDef {
  id: KpiId;
  label: string;
  unit: 'currency' | 'customers' | 'share' | 'weeks' | 'ratio' | 'index' | 'points';
  /** d3-format specifier */
  format: string;
  formula: string;
  description: string;
  /** true when larger is better */
  higherIsBetter: boolean;
}

export const KPIS: readonly KpiDef[] = [
  {
    id: 'clvPerNewCustomer',
    label: 'CLV per new customer',
    unit: 'currency',
    format: ',.2f',
    formula: 'CLV = m · g · (1 + Σ_a E[tx in week a] e^(-δ (a + ½)))',
    description:
      'Discounted gross margin of a newly acquired customer over the CLV window, first purchase included, averaged over the acquisition mix.',
    higherIsBetter: true
  },
  {
    id: 'customerEquity',
    label: 'Customer equity',
    unit: 'currency',
    format: ',.0f',
    formula: 'CE = Σ_t margin_existing(t) e^(-δ t) + Σ_t Σ_c n_c(t) CLV_c e^(-δ t) - Σ_t spend(t) e^(-δ t)',
    description:
      'Value of the existing base over the horizon plus the lifetime value of the customers acquired in it, net of media spend (Gupta, Lehmann & Stuart 2004).',
    higherIsBetter: true
  },
  {
    id: 'cac',
    label: 'CAC',
    unit: 'currency',
    format: ',.2f',
    formula: 'CAC = media spend / paid new customers',
    description: 'Average cost of acquiring a customer through paid channels; empty without paid acquisition.',
    higherIsBetter: false
  },
  {
    id: 'clvToCac',
    label: 'CLV / CAC',
    unit: 'ratio',
    format: '.2f',
    formula: 'CLV_paid / CAC',
    description: 'Lifetime value of paid customers per unit of acquisition cost.',
    higherIsBetter: true
  },
  {
    id: 'paybackWeeks',
    label: 'Payback',
    unit: 'weeks',
    format: ',.0f',
    formula: 'min a: m · g · (1 + Σ_{≤a} E[tx]) ≥ CAC',
    description: 'Weeks until the undiscounted margin of a paid customer covers the CAC.',
    higherIsBetter: false
  },
  {
    id: 'retention1y',
    label: '1-year retention',
    unit: 'share',
    format: '.1%',
    formula: 'S(52) of a new customer',
    description:
      'Probability that a new customer is still alive a year after acquisition. Under BG/NBD a customer can leave only just after a purchase, so a lever that slows buying (a price rise) also slows leaving: retention can rise while purchases and CLV fall.',
    higherIsBetter: true
  },
  {
    id: 'churn1y',
    label: '1-year churn',
    unit: 'share',
    format: '.1%',
    formula: '1 - S(52)',
    description: 'Probability that a new customer has dropped out within a year.',
    higherIsBetter: false
  },
  {
    id: 'repeatRate1y',
    label: '1-year repeat rate',
    unit: 'share',
    format: '.1%',
    formula: 'BG/NBD: 1 - (α′ / (α′ + 52))^r; sBG: E[1 - θ′] at the first renewal if P ≤ 52 weeks',
    description:
      'Share of new customers who make at least one repeat purchase (or renew at least once) within 52 weeks of acquisition, averaged over the acquisition mix with channel quality.',
    higherIsBetter: true
  },
  {
    id: 'aov',
    label: 'Average order value',
    unit: 'currency',
    format: ',.2f',
    formula: 'revenue / transactions',
    description: 'Mean revenue per transaction over the horizon.',
    higherIsBetter: true
  },
  {
    id: 'satisfaction',
    label: 'Satisfaction index',
    unit: 'index',
    format: '.3f',
    formula: 'mean_t max(1, CX (1 + d)^(-t/52)), CX = Σ w_i S_i',
    description: 'Customer-experience index, 1 = today, averaged over the horizon (expectations drift upwards).',
    higherIsBetter: true
  },
  {
    id: 'nps',
    label: 'NPS (proxy)',
    unit: 'points',
    format: '.0f',
    formula: 'NPS_0 + k (satisfaction - 1)',
    description: 'Net promoter score implied by the satisfaction index (illustrative mapping).',
    higherIsBetter: true
  },
  {
    id: 'roiVsBaseline',
    label: 'ROI vs baseline',
    unit: 'ratio',
    format: '.1%',
    formula: '(PV contribution - PV baseline contribution) / PV lever costs',
    description:
      'Return on the scenario’s extra spending against doing nothing; empty when the scenario costs nothing.',
    higherIsBetter: true
  },
  {
    id: 'newCustomers',
    label: 'New customers',
    unit: 'customers',
    format: ',.0f',
    formula: 'Σ_t Σ_c n_c(t)',
    description: 'Customers acquired over the horizon (paid and organic).',
    higherIsBetter: true
  },
  {
    id: 'activeCustomersEnd',
    label: 'Active customers at the end',
    unit: 'customers',
    format: ',.0f',
    formula: 'Σ P(alive) at the horizon',
    description: 'Expected customers alive at the end of the horizon.',
    higherIsBetter: true
  },
  {
    id: 'revenue',
    label: 'Revenue',
    unit: 'currency',
    format: ',.0f',
    formula: 'Σ_t revenue(t)',
    description: 'Revenue over the horizon.',
    higherIsBetter: true
  },
  {
    id: 'margin',
    label: 'Gross margin',
    unit: 'currency',
    format: ',.0f',
    formula: 'Σ_t revenue(t) · g′',
    description: 'Gross margin over the horizon after price and promotion changes.',
    higherIsBetter: true
  },
  {
    id: 'costs',
    label: 'Lever costs',
    unit: 'currency',
    format: ',.0f',
    formula: 'Σ_t Σ_lever cost(t)',
    description: 'Media spend plus the running costs of the levers.',
    higherIsBetter: false
  },
  {
    id: 'contribution',
    label: 'Contribution',
    unit: 'currency',
    format: ',.0f',
    formula: 'margin - costs',
    description: 'Gross margin less lever costs over the horizon.',
    higherIsBetter: true
  },
  {
    id: 'discountedContribution',
    label: 'Contribution (present value)',
    unit: 'currency',
    format: ',.0f',
    formula: 'Σ_t (margin(t) - costs(t)) e^(-δ (t + ½))',
    description: 'Contribution discounted at the scenario’s annual rate.',
    higherIsBetter: true
  }
];

const byId = new Map(KPIS.map((k) => [k.id, k]));
export function kpiById(id: string): KpiDef | undefined {
  return byId.get(id as KpiId);
}

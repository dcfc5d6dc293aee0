/**
 * Personalisation levers -> drivers (MODEL.md section 2; seeds 001, 002, 004).
 *
 * Strength e = coverage x consent share x quality, with quality =
 * (AUC_eff - 0.5) / (AUC_ref - 0.5), AUC_eff = AUC - privacy accuracy cost
 * (seed 001: 8-12 points) when privacy-preserving mode is on; quality is clamped
 * to [0, 2]. The five types (seed 004) each move their drivers by e x effect:
 *   product   conversion x (1 + e c_prod), spend x (1 + e s_prod)
 *   price     purchase rate x (1 + e r_price)
 *   channel   conversion x (1 + e φ c_chan)
 *   service   dropout x (1 - e d_serv)
 *   promotion purchase rate x (1 + e φ r_promo)
 * where φ(f) = (f / f*) exp(1 - f / f*) is the contact-frequency response, 1 at the
 * optimal frequency f*; past f* fatigue raises dropout x (1 + coverage k (f - f*)).
 * Relevance satisfaction + e x effect. Breach risk (per year, lowered by privacy
 * mode) becomes a weekly hazard h = -ln(1 - risk) / 52; the expected trust loss
 * L(t) = L(t-1) exp(-1/τ) + shock x P(first breach in week t) with
 * P = exp(-h (t-1)) (1 - exp(-h)) (seed 001: -37%, recovering over > 14 months).
 *
 * Measured evidence (scenario.evidence.personalisation, from a learned uplift model on a
 * randomised campaign) replaces the illustrative conversion and purchase-rate effects of
 * all five types by one measured multiplier; spend, dropout, relevance, fatigue, cost and
 * trust stay assumptions. With u(c) the mean uplift of the top share c by predicted
 * uplift, interpolated from the measurement at share k (u(c) = u_k for c <= k, else
 * (k u_k + (c - k) u_rest) / c with u_rest = (u_avg - k u_k) / (1 - k)), and p0 the
 * control outcome of the targeted customers, the covered customers' rate multiplier is
 *   binary outcome (bought in a window w): P = 1 - exp(-λ w), so
 *     M = ln(1 - (p0 + u)) / ln(1 - p0)        (log1p in both)
 *   continuous outcome (amount):  M = (p0 + u) / p0
 * and the drivers move by 1 + coverage x consent x privacy factor x (M - 1), the privacy
 * factor being the AUC quality kept under privacy mode, (AUC_eff - 0.5) / (AUC - 0.5).
 */
import { PERSONALISATION_TYPES, type PersonalisationEvidence, type PersonalisationLevers } from '../scenario-types.ts';
import { value, type AssumptionValues } from '../assumptions.ts';
import { clampLever, contribute, emptyEffect, type LeverEffect } from './effect.ts';

/** Contact-frequency response φ(f) = (f/f*) e^(1 - f/f*): 0 at no contact, 1 at the optimum. */
export function contactResponse(contactsPerWeek: number, optimal: number): number {
  if (!(contactsPerWeek > 0)) return 0;
  const u = contactsPerWeek / optimal;
  return u * Math.exp(1 - u);
}

/** Expected trust index per week (1 = today) for a breach hazard; length `weeks`. */
export function expectedTrust(
  weeks: number,
  breachRiskPerYear: number,
  shock: number,
  recoveryWeeks: number
): Float64Array {
  const trust = new Float64Array(weeks).fill(1);
  if (!(breachRiskPerYear > 0) || !(shock > 0)) return trust;
  const h = -Math.log1p(-Math.min(breachRiskPerYear, 1 - 1e-12)) / 52;
  const keep = Math.exp(-1 / recoveryWeeks);
  const pWeek = -Math.expm1(-h);
  let loss = 0;
  for (let t = 0; t < weeks; t++) {
    loss = loss * keep + shock * Math.exp(-h * t) * pWeek;
    trust[t] = 1 - Math.min(loss, 0.99);
  }
  return trust;
}

/** Mean uplift of the top share `coverage` by predicted uplift, interpolated from the measurement. */
export function measuredUpliftAt(evidence: PersonalisationEvidence, coverage: number): number {
  const k = evidence.coverage;
  if (coverage <= k || k >= 1) return evidence.upliftTargeted;
  const rest = (evidence.upliftAverage - k * evidence.upliftTargeted) / (1 - k);
  return (k * evidence.upliftTargeted + (coverage - k) * rest) / coverage;
}

/**
 * The covered customers' purchase-rate multiplier implied by an uplift `uplift` over the
 * control outcome: ln(1 - (p0 + u)) / ln(1 - p0) for a purchase probability, (p0 + u) / p0
 * for an amount; floored at 1e-3 (an uplift that would make the outcome impossible).
 */
export function measuredRateMultiplier(evidence: PersonalisationEvidence, uplift: number): number {
  const p0 = evidence.baselineRate;
  const floor = 1e-3;
  if (evidence.outcomeKind === 'binary') {
    const p1 = Math.min(Math.max(p0 + uplift, 0), 1 - 1e-12);
    return Math.max(floor, Math.log1p(-p1) / Math.log1p(-p0));
  }
  return Math.max(floor, (p0 + uplift) / p0);
}

export interface PersonalisationEffect extends LeverEffect {
  /** strength e in [0, 2] */
  strength: number;
  /** effective breach risk per year after privacy mode */
  breachRiskPerYear: number;
  /** marketing contacts per active customer per week (for the contact cost) */
  contactsPerActive: number;
}

export function personalisationEffect(
  levers: PersonalisationLevers,
  a: AssumptionValues,
  evidence?: PersonalisationEvidence
): PersonalisationEffect {
  const e = emptyEffect();
  const w = e.warnings;
  const coverage = clampLever(w, 'levers.personalisation.coverage', levers.coverage, 0, 1);
  const consent = clampLever(w, 'levers.personalisation.consentShare', levers.consentShare, 0, 1);
  const auc = clampLever(w, 'levers.personalisation.modelAuc', levers.modelAuc, 0.5, 1);
  const contacts = clampLever(w, 'levers.personalisation.contactsPerWeek', levers.contactsPerWeek, 0, 14);
  const risk = clampLever(w, 'levers.personalisation.breachRiskPerYear', levers.breachRiskPerYear, 0, 1);
  const aucEff = Math.max(0.5, auc - (levers.privacyMode ? value(a, 'personalisation.privacyAccuracyCost') : 0));
  let quality = (aucEff - 0.5) / (value(a, 'personalisation.referenceAuc') - 0.5);
  if (quality > 2) {
    w.push(`levers.personalisation.modelAuc: quality ${quality.toFixed(2)} x the reference clamped to 2`);
    quality = 2;
  }
  const strength = coverage * consent * quality;
  const optimal = value(a, 'personalisation.optimalContactsPerWeek');
  const phi = contactResponse(contacts, optimal);
  const t = levers.types;
  if (evidence && coverage > 0 && consent > 0) {
    if (Math.abs(coverage - evidence.coverage) > 1e-9) {
      w.push(
        `levers.personalisation.coverage: ${coverage} differs from the measured top ${evidence.coverage} of the uplift model; the uplift is interpolated`
      );
    }
    const privacyFactor = levers.privacyMode ? (auc > 0.5 ? (aucEff - 0.5) / (auc - 0.5) : 0) : 1;
    const m = measuredRateMultiplier(evidence, measuredUpliftAt(evidence, coverage));
    const measured = Math.max(1e-3, 1 + coverage * consent * privacyFactor * (m - 1));
    contribute(e, 'conversion', 'personalisation.measured', measured);
    contribute(e, 'purchaseRate', 'personalisation.measured', measured);
  }
  if (strength > 0) {
    if (t.product) {
      if (!evidence)
        contribute(
          e,
          'conversion',
          'personalisation.product',
          1 + strength * value(a, 'personalisation.productConversion')
        );
      contribute(
        e,
        'spendPerOrder',
        'personalisation.product',
        1 + strength * value(a, 'personalisation.productSpend')
      );
    }
    if (t.price && !evidence)
      contribute(e, 'purchaseRate', 'personalisation.price', 1 + strength * value(a, 'personalisation.priceRate'));
    if (t.channel && !evidence)
      contribute(
        e,
        'conversion',
        'personalisation.channel',
        1 + strength * phi * value(a, 'personalisation.channelConversion')
      );
    if (t.service)
      contribute(
        e,
        'dropout',
        'personalisation.service',
        Math.max(1e-3, 1 - strength * value(a, 'personalisation.serviceRetention'))
      );
    if (t.promotion && !evidence)
      contribute(
        e,
        'purchaseRate',
        'personalisation.promotion',
        1 + strength * phi * value(a, 'personalisation.promotionRate')
      );
    const activeTypes = PERSONALISATION_TYPES.filter((k) => t[k]).length;
    if (activeTypes > 0) {
      e.cx.relevance =
        strength * value(a, 'personalisation.relevanceSatisfaction') * (activeTypes / PERSONALISATION_TYPES.length);
    }
  }
  if (coverage > 0 && contacts > optimal) {
    contribute(
      e,
      'dropout',
      'personalisation.contactsPerWeek',
      1 + coverage * value(a, 'personalisation.fatigueDropout') * (contacts - optimal)
    );
  }
  const contactsPerActive = coverage * consent * contacts;
  e.cost.perActivePerWeek +=
    coverage * value(a, 'personalisation.costPerCoveredCustomer') +
    contactsPerActive * value(a, 'personalisation.costPerContact');
  const breachRiskPerYear = levers.privacyMode ? risk * (1 - value(a, 'personalisation.privacyBreachReduction')) : risk;
  return { ...e, strength, breachRiskPerYear, contactsPerActive };
}

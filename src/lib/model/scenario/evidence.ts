/**
 * Validation of a scenario's `evidence` (scenario-types.ts ScenarioEvidence): measured
 * effects from a learned uplift model that replace seed assumptions in the engine.
 * Evidence arrives with a scenario from a URL, a file or the database, so it is rebuilt
 * field by field: unknown and forbidden keys are errors, numbers must be finite and in
 * range, strings are bounded. Errors name the field, the value and the rule.
 */
import {
  CHANNEL_IDS,
  type ChannelCurveEvidence,
  type ChannelId,
  type PersonalisationEvidence,
  type ScenarioEvidence
} from './scenario-types.ts';
import { checkKeys, FORBIDDEN, isPlainObject, show as showValue } from './json-checks.ts';

/** strings in messages are cut at 40 characters */
const show = (v: unknown): string => showValue(v, 40);

const MAX_TEXT = 500;
const MAX_METRICS = 32;
const MAX_METRIC_NAME = 64;

const PERSONALISATION_KEYS = new Set([
  'model',
  'source',
  'outcomeKind',
  'upliftTargeted',
  'upliftAverage',
  'baselineRate',
  'coverage',
  'metrics',
  'trainedAt'
]);

function text(path: string, v: unknown, errors: string[]): string | undefined {
  if (typeof v === 'string' && v.length > 0 && v.length <= MAX_TEXT) return v;
  errors.push(`${path}: ${show(v)} (must be a non-empty string of at most ${MAX_TEXT} characters)`);
  return undefined;
}

function finite(
  path: string,
  v: unknown,
  min: number,
  max: number,
  errors: string[],
  openMin = false
): number | undefined {
  if (typeof v !== 'number' || !Number.isFinite(v)) {
    errors.push(`${path}: ${show(v)} (must be a finite number)`);
    return undefined;
  }
  if (openMin ? v <= min : v < min) errors.push(`${path}: ${v} (must be ${openMin ? '>' : '>='} ${min})`);
  else if (v > max) errors.push(`${path}: ${v} (must be <= ${max})`);
  else return v;
  return undefined;
}

function parsePersonalisation(input: unknown, errors: string[]): PersonalisationEvidence | undefined {
  const path = 'evidence.personalisation';
  if (!isPlainObject(input)) {
    errors.push(`${path}: ${show(input)} (must be an object)`);
    return undefined;
  }
  const before = errors.length;
  checkKeys(input, path, PERSONALISATION_KEYS, errors);
  for (const k of PERSONALISATION_KEYS) {
    if (input[k] === undefined) errors.push(`${path}.${k}: missing`);
  }
  if (errors.length > before) return undefined;
  const model = text(`${path}.model`, input.model, errors);
  const source = text(`${path}.source`, input.source, errors);
  const trainedAt = text(`${path}.trainedAt`, input.trainedAt, errors);
  if (trainedAt !== undefined && Number.isNaN(Date.parse(trainedAt))) {
    errors.push(`${path}.trainedAt: ${show(trainedAt)} (must be an ISO date-time)`);
  }
  const outcomeKind = input.outcomeKind;
  if (outcomeKind !== 'binary' && outcomeKind !== 'continuous') {
    errors.push(`${path}.outcomeKind: ${show(outcomeKind)} (must be "binary" or "continuous")`);
  }
  const binary = outcomeKind === 'binary';
  // uplifts are differences of means: within (-1, 1) for a probability, any finite amount otherwise
  const upliftBound = binary ? 1 : 1e12;
  const upliftTargeted = finite(`${path}.upliftTargeted`, input.upliftTargeted, -upliftBound, upliftBound, errors);
  const upliftAverage = finite(`${path}.upliftAverage`, input.upliftAverage, -upliftBound, upliftBound, errors);
  const baselineRate = finite(`${path}.baselineRate`, input.baselineRate, 0, binary ? 1 : 1e12, errors, true);
  if (binary && baselineRate === 1) errors.push(`${path}.baselineRate: 1 (must be < 1 for a binary outcome)`);
  const coverage = finite(`${path}.coverage`, input.coverage, 0, 1, errors, true);
  const metrics: Record<string, number> = {};
  if (!isPlainObject(input.metrics)) errors.push(`${path}.metrics: ${show(input.metrics)} (must be an object)`);
  else {
    const names = Object.keys(input.metrics);
    if (names.length > MAX_METRICS)
      errors.push(`${path}.metrics: ${names.length} entries (must be at most ${MAX_METRICS})`);
    checkKeys(input.metrics, `${path}.metrics`, null, errors);
    for (const name of names) {
      if (FORBIDDEN.has(name)) continue;
      if (name.length === 0 || name.length > MAX_METRIC_NAME) {
        errors.push(`${path}.metrics: name ${show(name)} (must be 1-${MAX_METRIC_NAME} characters)`);
        continue;
      }
      const v = finite(`${path}.metrics.${name}`, input.metrics[name], -1e12, 1e12, errors);
      if (v !== undefined) metrics[name] = v;
    }
  }
  if (binary && baselineRate !== undefined && upliftTargeted !== undefined) {
    const treated = baselineRate + upliftTargeted;
    if (!(treated > 0 && treated < 1)) {
      errors.push(
        `${path}.upliftTargeted: ${upliftTargeted} (baselineRate + upliftTargeted = ${treated} must be in (0, 1) for a binary outcome)`
      );
    }
  }
  if (errors.length > before) return undefined;
  return {
    model: model!,
    source: source!,
    outcomeKind: outcomeKind as PersonalisationEvidence['outcomeKind'],
    upliftTargeted: upliftTargeted!,
    upliftAverage: upliftAverage!,
    baselineRate: baselineRate!,
    coverage: coverage!,
    metrics,
    trainedAt: trainedAt!
  };
}

const CURVE_KEYS = new Set(['mean', 'cov', 'conversion', 'source']);

function parseCurve(path: string, input: unknown, errors: string[]): ChannelCurveEvidence | undefined {
  if (!isPlainObject(input)) {
    errors.push(`${path}: ${show(input)} (must be an object)`);
    return undefined;
  }
  const before = errors.length;
  checkKeys(input, path, CURVE_KEYS, errors);
  const numbers = (key: 'mean' | 'cov', n: number): number[] => {
    const v = input[key];
    if (!Array.isArray(v) || v.length !== n) {
      errors.push(`${path}.${key}: ${show(v)} (must be an array of ${n} numbers)`);
      return [];
    }
    return v.map((x, i) => finite(`${path}.${key}[${i}]`, x, -1e6, 1e6, errors) ?? NaN);
  };
  const mean = numbers('mean', 4);
  const cov = numbers('cov', 16);
  for (let i = 0; i < 4 && cov.length === 16; i++) {
    if (!(cov[i * 5] > 0)) errors.push(`${path}.cov[${i * 5}]: ${cov[i * 5]} (a variance must be > 0)`);
    for (let j = 0; j < i; j++) {
      if (Math.abs(cov[i * 4 + j] - cov[j * 4 + i]) > 1e-9 * (1 + Math.abs(cov[i * 4 + j]))) {
        errors.push(`${path}.cov: not symmetric at (${i}, ${j})`);
      }
    }
  }
  const conversion = finite(`${path}.conversion`, input.conversion, 0, 1, errors, true);
  const source = text(`${path}.source`, input.source, errors);
  if (errors.length > before) return undefined;
  return { mean, cov, conversion: conversion!, source: source! };
}

/** Validates `evidence` from any source; appends errors, returns the clean copy or undefined. */
export function parseEvidence(input: unknown, errors: string[]): ScenarioEvidence | undefined {
  if (!isPlainObject(input)) {
    errors.push(`evidence: ${show(input)} (must be an object)`);
    return undefined;
  }
  const before = errors.length;
  checkKeys(input, 'evidence', new Set(['personalisation', 'channels']), errors);
  const out: ScenarioEvidence = {};
  if (input.personalisation !== undefined) {
    const p = parsePersonalisation(input.personalisation, errors);
    if (p) out.personalisation = p;
  }
  if (input.channels !== undefined) {
    if (!isPlainObject(input.channels)) errors.push(`evidence.channels: ${show(input.channels)} (must be an object)`);
    else {
      checkKeys(input.channels, 'evidence.channels', new Set(CHANNEL_IDS), errors);
      const channels: Partial<Record<ChannelId, ChannelCurveEvidence>> = {};
      for (const c of CHANNEL_IDS) {
        if (input.channels[c] === undefined) continue;
        const curve = parseCurve(`evidence.channels.${c}`, input.channels[c], errors);
        if (curve) channels[c] = curve;
      }
      out.channels = channels;
    }
  }
  return errors.length > before ? undefined : out;
}

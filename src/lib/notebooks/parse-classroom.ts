/**
 * The fence lines of the classroom cells (classroom-types.ts):
 *
 *   ```estimation preset=cdnow-bgnbd [customers=2000] [periods=39] [seed=19] [repeats=100] [level=0.9] [title="..."]```
 *   ```estimation model=sbg alpha=0.7 beta=1.2 customers=1000 periods=7```
 *   ```experiment preset=cdnow-bgnbd weeks=13 uplift=0.02 [customers=4000] [sizes=1000,4000,16000] [detect=0.02] [power=0.8] [seed=7] [level=0.9]```
 *
 * An estimation cell takes its truth from a preset (model/classroom/estimation.ts PRESETS) or
 * from model= and every parameter of that model; a parameter given with a preset overrides it.
 * The channel model's sample is weeks of data (periods=) with organic new customers a week
 * (customers=), and its truth also takes spendPerWeek=. An experiment cell's customers follow
 * the BG/NBD truth of its preset (or r= alpha= a= b=).
 */
import { ESTIMATION_MODELS, PARAMS, PRESETS, checkSpec, type EstimationModel, type EstimationSpec } from '../model/classroom/estimation.ts';
import { trueEffect } from '../model/classroom/experiment.ts';
import type { EstimationCell, ExperimentCell } from './classroom-types.ts';

type Errors = { line: number; message: string }[];
interface Base {
  line: number;
  endLine: number;
  errors: Errors;
}

const num = (attrs: Record<string, string>, key: string, fallback: number, base: Base, kind: string): number => {
  const raw = attrs[key];
  if (raw === undefined) return fallback;
  const v = Number(raw);
  if (!Number.isFinite(v)) base.errors.push({ line: base.line, message: `${kind}: ${key}=${raw} (must be a number)` });
  return v;
};

function unknownKeys(kind: string, attrs: Record<string, string>, allowed: readonly string[], base: Base): void {
  for (const k of Object.keys(attrs)) if (!allowed.includes(k)) base.errors.push({ line: base.line, message: `${kind}: unknown attribute ${k}= (${allowed.join(', ')})` });
}

function noBody(kind: string, body: string[], base: Base): void {
  if (body.some((l) => l.trim() !== '')) base.errors.push({ line: base.line + 1, message: `${kind}: the cell takes no body; put everything in the fence line` });
}

export function parseEstimationCell(attrs: Record<string, string>, body: string[], base: Base): EstimationCell {
  const kind = 'estimation';
  noBody(kind, body, base);
  const presetId = attrs.preset ?? null;
  const preset = presetId === null ? null : PRESETS[presetId];
  if (presetId !== null && !preset) base.errors.push({ line: base.line, message: `estimation: preset=${presetId} (one of ${Object.keys(PRESETS).join(', ')})` });
  const modelAttr = attrs.model ?? null;
  if (modelAttr !== null && !(ESTIMATION_MODELS as readonly string[]).includes(modelAttr)) base.errors.push({ line: base.line, message: `estimation: model=${modelAttr} (one of ${ESTIMATION_MODELS.join(', ')})` });
  if (presetId === null && modelAttr === null) base.errors.push({ line: base.line, message: 'estimation: preset= or model= is missing' });
  if (preset && modelAttr !== null && modelAttr !== preset.model) base.errors.push({ line: base.line, message: `estimation: model=${modelAttr} but preset=${presetId} is a ${preset.model} truth` });
  const model = (preset?.model ?? modelAttr ?? 'bgnbd') as EstimationModel;
  const names = [...(PARAMS[model] ?? []), ...(model === 'channel' ? ['spendPerWeek'] : [])];
  unknownKeys(kind, attrs, ['preset', 'model', 'customers', 'periods', 'seed', 'repeats', 'level', 'title', ...names], base);
  const truth: Record<string, number> = {};
  for (const n of names) {
    const v = num(attrs, n, preset?.truth[n] ?? NaN, base, kind);
    if (Number.isNaN(v) && attrs[n] === undefined) base.errors.push({ line: base.line, message: `estimation: ${n}= is missing (the true ${n}; or name a preset=)` });
    truth[n] = v;
  }
  const defaults = preset ?? { customers: model === 'channel' ? 40 : 2000, periods: model === 'sbg' ? 7 : model === 'channel' ? 104 : 39 };
  const repeats = num(attrs, 'repeats', 100, base, kind);
  if (!Number.isInteger(repeats) || repeats < 10 || repeats > 1000) base.errors.push({ line: base.line, message: `estimation: repeats=${repeats} (a whole number from 10 to 1000)` });
  const spec: EstimationSpec = {
    model,
    truth,
    customers: num(attrs, 'customers', defaults.customers, base, kind),
    periods: num(attrs, 'periods', defaults.periods, base, kind),
    seed: num(attrs, 'seed', 1, base, kind),
    level: num(attrs, 'level', 0.9, base, kind)
  };
  if (base.errors.length === 0) {
    try {
      checkSpec(spec);
    } catch (e) {
      base.errors.push({ line: base.line, message: `estimation: ${(e as Error).message}` });
    }
  }
  const custom = names.some((n) => attrs[n] !== undefined);
  const source = preset ? `${preset.source}${custom ? ', with the parameters changed in the cell' : ''}` : 'the parameters stated in the cell';
  return { kind, ...base, spec: base.errors.length ? null : spec, preset: presetId, source, repeats, title: attrs.title ?? null };
}

export function parseExperimentCell(attrs: Record<string, string>, body: string[], base: Base): ExperimentCell {
  const kind = 'experiment';
  noBody(kind, body, base);
  unknownKeys(kind, attrs, ['preset', 'r', 'alpha', 'a', 'b', 'weeks', 'uplift', 'customers', 'sizes', 'detect', 'power', 'seed', 'level', 'title'], base);
  const presetId = attrs.preset ?? null;
  const preset = presetId === null ? null : PRESETS[presetId];
  if (presetId !== null && (!preset || preset.model !== 'bgnbd')) base.errors.push({ line: base.line, message: `experiment: preset=${presetId} (a BG/NBD truth: ${Object.keys(PRESETS).filter((k) => PRESETS[k].model === 'bgnbd').join(', ')})` });
  const t = preset?.model === 'bgnbd' ? preset.truth : {};
  const truth = { r: 0, alpha: 0, a: 0, b: 0 };
  for (const n of ['r', 'alpha', 'a', 'b'] as const) {
    truth[n] = num(attrs, n, t[n] ?? NaN, base, kind);
    if (!(truth[n] > 0)) base.errors.push({ line: base.line, message: `experiment: ${n}=${attrs[n] ?? ''} (the true BG/NBD ${n}, > 0; or name a preset=)` });
  }
  const weeks = num(attrs, 'weeks', 13, base, kind);
  if (!(weeks > 0 && weeks <= 520)) base.errors.push({ line: base.line, message: `experiment: weeks=${weeks} (weeks in which a repeat purchase counts, 0 to 520)` });
  const uplift = num(attrs, 'uplift', NaN, base, kind);
  if (attrs.uplift === undefined) base.errors.push({ line: base.line, message: 'experiment: uplift= is missing (the true uplift in proportion points, e.g. 0.02 for +2 points)' });
  const sizes = (attrs.sizes ?? '1000,2000,4000,8000,16000,32000,64000').split(',').map((s) => Number(s.trim()));
  if (sizes.some((s) => !Number.isInteger(s) || s < 20 || s > 2_000_000)) base.errors.push({ line: base.line, message: `experiment: sizes=${attrs.sizes} (whole numbers of customers from 20 to 2,000,000)` });
  sizes.sort((x, y) => x - y);
  const customers = num(attrs, 'customers', sizes[Math.floor(sizes.length / 2)], base, kind);
  if (!sizes.includes(customers)) base.errors.push({ line: base.line, message: `experiment: customers=${customers} is not one of sizes= (${sizes.join(', ')})` });
  const level = num(attrs, 'level', 0.9, base, kind);
  if (!(level > 0 && level < 1)) base.errors.push({ line: base.line, message: `experiment: level=${level} (must be in (0, 1))` });
  const detect = num(attrs, 'detect', uplift, base, kind);
  const power = num(attrs, 'power', 0.8, base, kind);
  if (!(power > 0.5 && power < 1)) base.errors.push({ line: base.line, message: `experiment: power=${power} (must be in (0.5, 1))` });
  if (base.errors.length === 0) {
    try {
      trueEffect(truth, weeks, uplift);
    } catch (e) {
      base.errors.push({ line: base.line, message: `experiment: ${(e as Error).message}` });
    }
  }
  const spec = { truth, weeks, uplift, customers, seed: num(attrs, 'seed', 1, base, kind), level };
  return { kind, ...base, spec: base.errors.length ? null : spec, sizes, detect, power, title: attrs.title ?? null };
}

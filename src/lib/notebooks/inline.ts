/**
 * Inline expressions in notebook prose: `{{kpi clvPerNewCustomer scenario=a}}`.
 * Every number in a lesson that describes a model output is one of these, so the
 * text always agrees with the engine (and with the lever the reader moved).
 *
 *   {{kpi <kpiId> scenario=<id>}}                       KPI value, formatted by the KPI catalogue
 *   {{delta <kpiId> scenario=<id> base=<id> [relative]}} difference of a KPI between two scenarios
 *   {{series <seriesId> scenario=<id> week=<n>}}        one week of an outcome series
 *   {{lever <path> scenario=<id>}}                      the current value of a scenario field (as set or moved)
 *   {{param r|alpha|a|b|p|q|v}}                         population parameter of the notebook's data set (ground truth)
 *   {{palive x=<n> tx=<weeks> T=<weeks>}}               BG/NBD P(alive | x, t_x, T) at the ground truth (FHL 2005 eq. 11)
 *   {{quality dropout|rate|spend channel=<id>}}         a channel's quality multiplier: fitted on the bound dataset's
 *                                                       customers of that channel, else the engine's assumption
 *
 * `scenario=baseline` is the neutral scenario (levers that leave the fit unchanged).
 */
import { KPI_IDS, type KpiId } from '../model/scenario/scenario-types.ts';
import { CHART_SERIES, type ChartSeriesId } from './types.ts';
import { isValidPath } from './assign.ts';

export type InlineExpr =
  | { op: 'kpi'; kpi: KpiId; scenario: string }
  | { op: 'delta'; kpi: KpiId; scenario: string; base: string; relative: boolean }
  | { op: 'series'; series: ChartSeriesId; scenario: string; week: number }
  | { op: 'lever'; path: string; scenario: string }
  | { op: 'param'; name: ParamName }
  | { op: 'palive'; x: number; tx: number; T: number }
  | { op: 'quality'; measure: QualityMeasure; channel: string };

export const QUALITY_MEASURES = ['dropout', 'rate', 'spend'] as const;
export type QualityMeasure = (typeof QUALITY_MEASURES)[number];

/**
 * Thrown by an expression whose scenario's outcome is still on its way from the engine
 * worker: the prose shows a pending value in its place, and `until` settles when the
 * answer arrives (a reactive reader re-reads then).
 */
export class InlinePending extends Error {
  constructor(readonly until: Promise<unknown>) {
    super('waiting for the engine');
    this.name = 'InlinePending';
  }
}

export const PARAM_NAMES = ['r', 'alpha', 'a', 'b', 'p', 'q', 'v'] as const;
export type ParamName = (typeof PARAM_NAMES)[number];

/** An inline expression found in text, with its character span. */
export interface InlineMatch {
  start: number;
  end: number;
  source: string;
  expr: InlineExpr | null;
  error: string | null;
}

export const INLINE_RE = /\{\{([^{}]*)\}\}/g;

function words(body: string): { head: string[]; attrs: Record<string, string> } {
  const head: string[] = [];
  const attrs: Record<string, string> = {};
  for (const w of body.trim().split(/\s+/).filter(Boolean)) {
    const eq = w.indexOf('=');
    if (eq > 0) attrs[w.slice(0, eq)] = w.slice(eq + 1);
    else head.push(w);
  }
  return { head, attrs };
}

function num(attrs: Record<string, string>, key: string, op: string): number {
  const raw = attrs[key];
  if (raw === undefined) throw new Error(`${op}: missing ${key}=`);
  const v = Number(raw);
  if (!Number.isFinite(v)) throw new Error(`${op}: ${key}=${raw} (must be a number)`);
  return v;
}

function kpiOf(id: string | undefined, op: string): KpiId {
  if (!id || !(KPI_IDS as readonly string[]).includes(id)) throw new Error(`${op}: unknown KPI ${JSON.stringify(id ?? '')} (one of ${KPI_IDS.join(', ')})`);
  return id as KpiId;
}

function scenarioOf(attrs: Record<string, string>, op: string, key = 'scenario'): string {
  const s = attrs[key];
  if (!s) throw new Error(`${op}: missing ${key}=<scenario id>`);
  return s;
}

/** Parse the inside of one `{{ ... }}`. Throws an Error whose message says what was wrong. */
export function parseInlineExpr(body: string): InlineExpr {
  const { head, attrs } = words(body);
  const op = head[0];
  switch (op) {
    case 'kpi':
      return { op, kpi: kpiOf(head[1], op), scenario: scenarioOf(attrs, op) };
    case 'delta':
      return { op, kpi: kpiOf(head[1], op), scenario: scenarioOf(attrs, op), base: scenarioOf(attrs, op, 'base'), relative: head.includes('relative') };
    case 'series': {
      const id = head[1];
      if (!id || !(CHART_SERIES as readonly string[]).includes(id)) throw new Error(`series: unknown series ${JSON.stringify(id ?? '')} (one of ${CHART_SERIES.join(', ')})`);
      const week = num(attrs, 'week', op);
      if (!Number.isInteger(week) || week < 1) throw new Error(`series: week=${week} (must be a whole week >= 1)`);
      return { op, series: id as ChartSeriesId, scenario: scenarioOf(attrs, op), week };
    }
    case 'lever': {
      const path = head[1];
      if (!path || !isValidPath(path)) throw new Error(`lever: ${JSON.stringify(path ?? '')} is not a scenario path`);
      return { op, path, scenario: scenarioOf(attrs, op) };
    }
    case 'param': {
      const name = head[1];
      if (!name || !(PARAM_NAMES as readonly string[]).includes(name)) throw new Error(`param: unknown parameter ${JSON.stringify(name ?? '')} (one of ${PARAM_NAMES.join(', ')})`);
      return { op, name: name as ParamName };
    }
    case 'palive': {
      const x = num(attrs, 'x', op);
      const tx = num(attrs, 'tx', op);
      const T = num(attrs, 'T', op);
      if (!Number.isInteger(x) || x < 0) throw new Error(`palive: x=${x} (must be a whole number of repeat purchases >= 0)`);
      if (!(tx >= 0 && tx <= T)) throw new Error(`palive: tx=${tx}, T=${T} (need 0 <= tx <= T)`);
      return { op, x, tx, T };
    }
    case 'quality': {
      const measure = head[1];
      if (!measure || !(QUALITY_MEASURES as readonly string[]).includes(measure)) throw new Error(`quality: unknown measure ${JSON.stringify(measure ?? '')} (one of ${QUALITY_MEASURES.join(', ')})`);
      const channel = attrs.channel;
      if (!channel || !/^[A-Za-z0-9_-]{1,40}$/.test(channel)) throw new Error('quality: missing channel=<channel id>');
      return { op, measure: measure as QualityMeasure, channel };
    }
    default:
      throw new Error(`unknown inline expression ${JSON.stringify(op ?? '')} (kpi, delta, series, lever, param, palive or quality)`);
  }
}

/** Every `{{ ... }}` in a text, parsed. */
export function findInline(text: string): InlineMatch[] {
  const out: InlineMatch[] = [];
  for (const m of text.matchAll(INLINE_RE)) {
    const start = m.index ?? 0;
    let expr: InlineExpr | null = null;
    let error: string | null = null;
    try {
      expr = parseInlineExpr(m[1]);
    } catch (e) {
      error = e instanceof Error ? e.message : String(e);
    }
    out.push({ start, end: start + m[0].length, source: m[0], expr, error });
  }
  return out;
}

/** Scenario ids an expression reads. */
export function scenariosOf(expr: InlineExpr): string[] {
  switch (expr.op) {
    case 'kpi':
    case 'series':
    case 'lever':
      return [expr.scenario];
    case 'delta':
      return [expr.scenario, expr.base];
    default:
      return [];
  }
}

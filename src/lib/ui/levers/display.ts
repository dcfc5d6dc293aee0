/**
 * How the engine's lever catalogue is shown: shares as percentages, budgets with a
 * practical slider range (the typed input still accepts the full range).
 */
import type { LeverDef } from '$lib/model/scenario/levers/catalogue';

export interface LeverDisplay {
  /** model value x scale = shown value */
  scale: number;
  unit: string;
  sliderMin: number;
  sliderMax: number;
  step: number;
}

const SHARE_UNITS = /share|probability/;

export function leverDisplay(d: LeverDef): LeverDisplay {
  const isShare = SHARE_UNITS.test(d.unit) && (d.max ?? 1) <= 1 && (d.min ?? 0) >= -1;
  const scale = isShare ? 100 : 1;
  let unit = isShare ? `% ${d.unit.replace(/^share( of )?|^probability/, '').trim()}`.trim() : d.unit;
  if (unit === 'currency per week') unit = '/week';
  const min = d.min ?? 0;
  let max = d.max ?? 1;
  // A slider over ten million has no usable resolution: cap the slider, not the value.
  if (d.id.startsWith('channels.budgetPerWeek.')) max = Math.min(max, 20_000);
  if (d.id === 'service.responseTimeMinutes') max = Math.min(max, 240);
  return {
    scale,
    unit,
    sliderMin: min * scale,
    sliderMax: max * scale,
    step: (d.step ?? (d.kind === 'integer' ? 1 : 0.01)) * scale
  };
}

/**
 * The lever's help as the panel shows it: an example written in model shares
 * ("-0.05 = 5% cheaper") is rewritten in the box's percent ("−5 = 5% cheaper"), and the
 * unit the box takes is said at the end ("In % of list price.").
 */
export function leverHelp(d: LeverDef): string {
  const shown = leverDisplay(d);
  let help = d.help;
  if (shown.scale === 100)
    help = help.replace(/(-?)(\d*\.\d+) = /g, (_, minus: string, v: string) => {
      const pct = Number((Number(v) * 100).toPrecision(6));
      return `${minus ? '\u2212' : ''}${pct} = `;
    });
  if (d.kind === 'number' || d.kind === 'integer') {
    const rest = shown.unit.replace(/^%/, '').trim();
    const unit = shown.unit.startsWith('%')
      ? `percent${rest ? (rest.startsWith('per ') ? ` ${rest}` : ` (of ${rest})`) : ''}`
      : shown.unit === '/week'
        ? 'currency per week'
        : shown.unit;
    if (unit) help += ` Unit: ${unit}.`;
  }
  return help;
}

/** Rounds a shown number to the step's decimals, avoiding 0.30000000000000004. */
export function roundToStep(value: number, step: number): number {
  const decimals = Math.max(0, Math.min(10, -Math.floor(Math.log10(step)) + 1));
  return Number(value.toFixed(decimals));
}

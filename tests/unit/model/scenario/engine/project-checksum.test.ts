/**
 * Bit-for-bit guard of project(): a checksum over every number of the full projection
 * (series, cohort survival, KPIs, funnel, CLV, drivers, warnings) for baselines built
 * from each sample preset's known parameters, the neutral and default scenarios and a
 * scenario with every lever moved, under the full and the Monte Carlo (lean) options.
 * The expected checksums were computed on the single-file project() before it was
 * split into engine/project/; any change of any bit of any output changes them.
 */
import { describe, expect, it } from 'vitest';
import { prepareBaseline, type BaselineSpec } from '$lib/model/scenario/engine/baseline.ts';
import { syntheticBaseline } from '$lib/model/scenario/engine/synthetic.ts';
import { project, type ProjectOptions } from '$lib/model/scenario/engine/project/index.ts';
import { scenarioValues } from '$lib/model/scenario/engine/evaluate.ts';
import { defaultScenario, neutralScenario } from '$lib/model/scenario/scenario.ts';
import { LEVERS } from '$lib/model/scenario/levers/catalogue.ts';
import type { Scenario } from '$lib/model/scenario/scenario-types.ts';
import { PRESETS, PRESET_IDS } from '$lib/data/sample/presets.ts';

/** FNV-1a over the bytes of numbers (as Float64 bits) and strings, keys in sorted order. */
function checksum(root: unknown): string {
  let h = 0x811c9dc5;
  const f = new Float64Array(1);
  const u = new Uint32Array(f.buffer);
  const mix = (x: number) => (h = Math.imul(h ^ x, 0x01000193) >>> 0);
  const num = (x: number) => {
    f[0] = x;
    mix(u[0]);
    mix(u[1]);
  };
  const str = (s: string) => {
    mix(s.length);
    for (let i = 0; i < s.length; i++) mix(s.charCodeAt(i));
  };
  const walk = (v: unknown): void => {
    if (v === null || v === undefined) return str(String(v));
    if (typeof v === 'number') return num(v);
    if (typeof v === 'string') return str(v);
    if (typeof v === 'boolean') return str(v ? 'T' : 'F');
    if (ArrayBuffer.isView(v)) {
      const a = v as unknown as ArrayLike<number>;
      str(`[${a.length}`);
      for (let i = 0; i < a.length; i++) num(a[i]);
      return;
    }
    if (Array.isArray(v)) {
      str(`(${v.length}`);
      for (const x of v) walk(x);
      return;
    }
    for (const k of Object.keys(v as object).sort()) {
      str(k);
      walk((v as Record<string, unknown>)[k]);
    }
  };
  walk(root);
  return h.toString(16).padStart(8, '0');
}

function setLever(s: Scenario, id: string, v: unknown): void {
  const keys = id.split('.');
  let o = s.levers as unknown as Record<string, unknown>;
  for (const k of keys.slice(0, -1)) o = o[k] as Record<string, unknown>;
  o[keys[keys.length - 1]] = v;
}

/** Every lever moved: numbers 60% of the way from neutral to their maximum, booleans on, the last choice. */
function everyLeverMoved(): Scenario {
  const s = structuredClone(defaultScenario('every lever'));
  for (const d of LEVERS) {
    if (d.kind === 'boolean') setLever(s, d.id, true);
    else if (d.kind === 'choice') setLever(s, d.id, d.choices![d.choices!.length - 1]);
    else {
      const n = d.neutral as number;
      const max = d.max ?? n + 1;
      let v = n + 0.6 * (max - n);
      if (d.kind === 'integer') v = Math.round(v);
      setLever(s, d.id, v);
    }
  }
  s.economics = { ...s.economics, horizonWeeks: 104, clvWindowWeeks: 260, discountRatePerYear: 0.08 };
  return s;
}

function presetBaseline(id: (typeof PRESET_IDS)[number]): BaselineSpec {
  const p = PRESETS[id];
  if (p.sbg) {
    return {
      version: 1,
      kind: 'contractual',
      source: `preset ${id}`,
      params: p.sbg,
      periodWeeks: 52 / 12,
      pricePerPeriod: 20,
      tenure: { renewals: [0, 1, 2, 5], count: [400, 250, 150, 100] },
      organicNewPerWeek: 12
    };
  }
  return syntheticBaseline({
    customers: 1500,
    seed: 11,
    purchase: p.bgnbd,
    spend: p.gammagamma,
    organicNewPerWeek: 25
  });
}

const SCENARIOS: Record<string, () => Scenario> = {
  neutral: () => neutralScenario(),
  default: () => defaultScenario(),
  everyLever: everyLeverMoved
};
const OPTIONS: Record<string, ProjectOptions> = {
  full: {},
  lean: { lean: true, snapQuadrature: true, horizonBlockWeeks: 4, tailBlockWeeks: 13, nodes: 12 }
};

const EXPECTED: Record<string, string> = {
  'music/neutral/full': '0eab4d9b',
  'music/neutral/lean': 'abec96c9',
  'music/default/full': '5b132a62',
  'music/default/lean': '70d16a48',
  'music/everyLever/full': '1f005c4b',
  'music/everyLever/lean': '2c055d1d',
  'fashion/neutral/full': '74ef2f23',
  'fashion/neutral/lean': '058d2303',
  'fashion/default/full': '2232acf1',
  'fashion/default/lean': 'f729ddb6',
  'fashion/everyLever/full': 'a43b91ce',
  'fashion/everyLever/lean': 'df8630c0',
  'grocery/neutral/full': '3ca07cd1',
  'grocery/neutral/lean': 'af687807',
  'grocery/default/full': '376366ec',
  'grocery/default/lean': 'ec165f20',
  'grocery/everyLever/full': '16fb3544',
  'grocery/everyLever/lean': 'fddc2b6b',
  'subscription/neutral/full': '1a9131ff',
  'subscription/neutral/lean': '37636649',
  'subscription/default/full': '1c4b0fda',
  'subscription/default/lean': '0e470c80',
  'subscription/everyLever/full': '87742b3f',
  'subscription/everyLever/lean': '90d7a748'
};

describe('project() checksum over the full output (bit-for-bit guard)', () => {
  const got: Record<string, string> = {};
  for (const id of PRESET_IDS) {
    const base = prepareBaseline(presetBaseline(id));
    for (const [sName, make] of Object.entries(SCENARIOS)) {
      for (const [oName, options] of Object.entries(OPTIONS)) {
        const key = `${id}/${sName}/${oName}`;
        it(key, () => {
          const s = make();
          // twice: the second call runs on the engine's caches and must give the same bits
          const first = checksum(project(base, s, scenarioValues(s), options));
          const second = checksum(project(base, s, scenarioValues(s), options));
          expect(second).toBe(first);
          got[key] = first;
          if (process.env.PRINT_CHECKSUMS) console.log(`  '${key}': '${first}',`);
          expect(first).toBe(EXPECTED[key]);
        });
      }
    }
  }
  it('covers every case', () => {
    expect(Object.keys(got).sort()).toEqual(Object.keys(EXPECTED).sort());
  });
});

// The examples/ folder: every scenario parses (parseScenarioJson) and runs through the
// CLI to finite KPIs; `--example` lists and prints them; the media spend and lift-test
// files hold the columns and values examples/README.md describes.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import Papa from 'papaparse';
import { runCli } from './run-cli';
import { parseScenarioJson } from '$lib/model/scenario/scenario';
import { PRESETS } from '$lib/data/sample/presets';
import { LEVERS } from '$lib/model/scenario/levers/catalogue';
import { assumptionById } from '$lib/model/scenario/assumptions';
import { parseIsoDateOption } from '$lib/data/import/dates';

const DIR = path.resolve('examples');
const scenarios = readdirSync(DIR).filter((f) => f.endsWith('.json'));

afterEach(() => vi.restoreAllMocks());

const run = runCli;

const csv = (file: string) =>
  Papa.parse<Record<string, string>>(readFileSync(path.join(DIR, file), 'utf8'), {
    header: true,
    skipEmptyLines: true
  });

describe('examples/', () => {
  it('has a scenario for each sample preset', () => {
    expect(scenarios.map((f) => f.replace('.json', '')).sort()).toEqual(Object.keys(PRESETS).sort());
  });

  it.each(scenarios)('%s parses and runs through lever-lab scenario to finite KPIs', async (file) => {
    const parsed = parseScenarioJson(readFileSync(path.join(DIR, file), 'utf8'));
    expect(parsed.ok ? [] : parsed.errors).toEqual([]);
    const { code, out } = await run('scenario', path.join(DIR, file), '--json');
    expect(code).toBe(0);
    const result = JSON.parse(out);
    expect(result.scenario).toBe(parsed.ok ? parsed.scenario.name : '');
    const kpis = Object.values(result.outcome.kpis).filter((v) => v !== null) as number[];
    expect(kpis.length).toBeGreaterThan(3);
    for (const v of kpis) expect(Number.isFinite(v)).toBe(true);
  });

  it('--example alone lists the examples, --example <name> prints one that parses', async () => {
    const list = await run('scenario', '--example');
    expect(list.code).toBe(0);
    for (const name of Object.keys(PRESETS)) expect(list.out).toContain(name);
    const one = await run('scenario', '--example', 'grocery');
    expect(one.code).toBe(0);
    expect(one.out).toBe(readFileSync(path.join(DIR, 'grocery.json'), 'utf8'));
    const bad = await run('scenario', '--example', 'nope');
    expect(bad.code).toBe(2);
    expect(bad.err).toContain("no example 'nope' (examples: fashion, grocery, music, subscription");
  });

  it('media-spend.csv: weekly (Mondays), long format, known channels, spend >= 0', () => {
    const { data, meta } = csv('media-spend.csv');
    expect(meta.fields).toEqual(['week', 'channel', 'spend']);
    const channels = new Set(
      LEVERS.filter((l) => l.id.startsWith('channels.budgetPerWeek.')).map((l) => l.id.split('.').at(-1))
    );
    const weeks = new Set<string>();
    for (const row of data) {
      const day = parseIsoDateOption(row.week, 'week');
      expect((day + 3) % 7, `${row.week} is a Monday`).toBe(0); // 1970-01-01 was a Thursday
      expect(channels.has(row.channel), row.channel).toBe(true);
      expect(Number(row.spend)).toBeGreaterThanOrEqual(0);
      weeks.add(row.week);
    }
    expect(weeks.size).toBe(26);
    expect(data.length).toBe(26 * 4);
  });

  it('lift-tests.csv: each row names a registry assumption, counts fit their groups, start before end', () => {
    const { data, meta } = csv('lift-tests.csv');
    expect(meta.fields).toEqual([
      'lever_or_assumption_id',
      'control_size',
      'control_conversions',
      'treatment_size',
      'treatment_conversions',
      'start',
      'end',
      'note'
    ]);
    expect(data.length).toBeGreaterThan(0);
    for (const row of data) {
      const id = row.lever_or_assumption_id;
      expect(assumptionById(id) !== undefined || LEVERS.some((l) => l.id === id), id).toBe(true);
      for (const [size, conversions] of [
        ['control_size', 'control_conversions'],
        ['treatment_size', 'treatment_conversions']
      ]) {
        const n = Number(row[size]);
        const k = Number(row[conversions]);
        expect(Number.isInteger(n) && n > 0 && Number.isInteger(k) && k >= 0 && k <= n).toBe(true);
      }
      expect(parseIsoDateOption(row.start, 'start')).toBeLessThan(parseIsoDateOption(row.end, 'end'));
    }
  });
});

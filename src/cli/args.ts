/**
 * Command-line flags, parsed once at the edge (node:util parseArgs, strict): an
 * unknown flag, a missing value or a malformed one becomes a UsageError that
 * names the flag and the value, and the command exits with code 2.
 */
import { parseArgs } from 'node:util';
import type { TimeUnit } from '../lib/model/core/types.ts';
import { UsageError } from './command.ts';
import { parseIsoDateOption } from '../lib/data/import/dates.ts';

export type FlagSpec = Record<string, { type: 'string' | 'boolean'; short?: string; multiple?: boolean }>;

export interface ParsedArgs {
  values: Record<string, string | boolean | undefined>;
  positionals: string[];
}

export function parseFlags(args: string[], spec: FlagSpec): ParsedArgs {
  try {
    const { values, positionals } = parseArgs({ args, options: spec, strict: true, allowPositionals: true });
    return { values: values as ParsedArgs['values'], positionals };
  } catch (error) {
    throw new UsageError(
      error instanceof Error ? error.message.replace(/^TypeError \[[A-Z_]+\]: /, '') : String(error)
    );
  }
}

/**
 * The flags of every command that reads a data file: its format, sheet and decimal mark,
 * where its calibration period ends, and JSON output. A command adds its own to these.
 */
export const DATA_FILE_FLAGS = {
  'calibration-end': { type: 'string' },
  format: { type: 'string' },
  sheet: { type: 'string' },
  decimal: { type: 'string' },
  json: { type: 'boolean' }
} as const satisfies FlagSpec;

/**
 * The flags of a command that reads a data file: DATA_FILE_FLAGS, then its own flags that
 * take a value (`valued`) and its own on/off ones (`switches`).
 */
export function dataFileFlags(valued: string[], switches: string[] = []): FlagSpec {
  return {
    ...DATA_FILE_FLAGS,
    ...Object.fromEntries(valued.map((name) => [name, { type: 'string' as const }])),
    ...Object.fromEntries(switches.map((name) => [name, { type: 'boolean' as const }]))
  };
}

/** The sheet to read of a workbook, when one is named. */
export function sheetFlag(value: string | boolean | undefined): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

/** Exactly one positional: the input file. */
export function inputFile(parsed: ParsedArgs): string {
  if (parsed.positionals.length !== 1) {
    throw new UsageError(
      `expected one input file, got ${parsed.positionals.length}${parsed.positionals.length ? ` (${parsed.positionals.join(' ')})` : ''}`
    );
  }
  return parsed.positionals[0];
}

export function dateFlag(value: string | boolean | undefined, flag: string): string | undefined {
  if (value === undefined) return undefined;
  try {
    parseIsoDateOption(String(value), flag);
  } catch {
    throw new UsageError(`invalid --${flag}: '${String(value)}' (expected YYYY-MM-DD)`);
  }
  return String(value);
}

export function unitFlag(value: string | boolean | undefined): TimeUnit {
  if (value === undefined) return 'week';
  if (value === 'day' || value === 'week' || value === 'month') return value;
  throw new UsageError(`invalid --unit: '${String(value)}' (must be day, week or month)`);
}

export function numberFlag(
  value: string | boolean | undefined,
  flag: string,
  check: (v: number) => boolean,
  rule: string
): number | undefined {
  if (value === undefined) return undefined;
  const v = Number(value);
  if (typeof value !== 'string' || value.trim() === '' || !Number.isFinite(v) || !check(v)) {
    throw new UsageError(`invalid --${flag}: '${String(value)}' (${rule})`);
  }
  return v;
}

export function choiceFlag<T extends string>(
  value: string | boolean | undefined,
  flag: string,
  choices: readonly T[]
): T | undefined {
  if (value === undefined) return undefined;
  if (typeof value === 'string' && (choices as readonly string[]).includes(value)) return value as T;
  throw new UsageError(`invalid --${flag}: '${String(value)}' (one of ${choices.join(', ')})`);
}

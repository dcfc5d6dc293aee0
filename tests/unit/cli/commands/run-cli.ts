// Runs the CLI in-process, capturing stdout and stderr (shared by the command tests).
import { vi } from 'vitest';
import { main } from '../../../../src/cli/main';

export async function runCli(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => ((out += String(chunk)), true));
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => ((err += String(chunk)), true));
  const code = await main(argv);
  vi.restoreAllMocks();
  return { code, out, err };
}

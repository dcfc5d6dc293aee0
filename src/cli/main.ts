/**
 * lever-lab: command-line access to the Lever Lab model core.
 * Each command lives in src/cli/commands/<name>.ts; register it in `commands`.
 */
import type { Command } from './command.ts';
import { UsageError } from './command.ts';
import summarize from './commands/summarize.ts';
import fit from './commands/fit.ts';
import predict from './commands/predict.ts';
import scenario from './commands/scenario.ts';
import sensitivity from './commands/sensitivity.ts';
import optimise from './commands/optimise.ts';
import evaluate from './commands/evaluate.ts';

export const commands: Command[] = [
  summarize,
  fit,
  predict,
  scenario,
  sensitivity,
  optimise,
  evaluate
  // one entry per command, imported statically above, e.g. `import fit from './commands/fit.ts';`
];

function help(): string {
  const width = Math.max(0, ...commands.map((c) => c.name.length));
  const lines = commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`);
  return [
    'lever-lab: customer-economics models from the command line',
    '',
    'Usage: lever-lab <command> [options]',
    '       lever-lab <command> --help',
    '',
    'Commands:',
    ...(lines.length ? lines : ['  (none yet)']),
    '',
    'Options:',
    '  --help, -h     show this help',
    '  --version      print the version'
  ].join('\n');
}

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(help() + '\n');
    return 0;
  }
  if (name === '--version') {
    const { readFile } = await import('node:fs/promises');
    const pkg = JSON.parse(await readFile(new URL('../../package.json', import.meta.url), 'utf8'));
    process.stdout.write(`${pkg.version}\n`);
    return 0;
  }
  const command = commands.find((c) => c.name === name);
  if (!command) {
    process.stderr.write(`lever-lab: unknown command '${name}'\n\n${help()}\n`);
    return 2;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    process.stdout.write(command.usage + '\n');
    return 0;
  }
  try {
    return await command.run(rest);
  } catch (error) {
    if (error instanceof UsageError) {
      process.stderr.write(`lever-lab ${name}: ${error.message}\n`);
      return 2;
    }
    process.stderr.write(`lever-lab ${name}: ${error instanceof Error ? error.stack : String(error)}\n`);
    return 1;
  }
}

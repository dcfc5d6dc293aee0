#!/usr/bin/env node
// The lever-lab command line: the same TypeScript model code the app runs, loaded through tsx.
import { register } from 'tsx/esm/api';

// A closed pipe (e.g. `lever-lab predict ... | head`) ends the output quietly, not with a stack trace.
process.stdout.on('error', (error) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});

register();
const { main } = await import('../src/cli/main.ts');
process.exitCode = await main(process.argv.slice(2));

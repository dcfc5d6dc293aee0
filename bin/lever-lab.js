#!/usr/bin/env node
// The lever-lab command line: the same TypeScript model code the app runs, loaded through tsx.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/cli/main.ts');
process.exitCode = await main(process.argv.slice(2));

// Prints one closing line over every test runner's JSON report: "N passed, N failed".
import { readFileSync, existsSync } from 'node:fs';

const reports = [
  ['unit (vitest)', 'test-results/unit.json'],
  ['validate (vitest)', 'test-results/validate.json'],
  ['e2e (playwright)', 'test-results/e2e.json']
];

let passed = 0;
let failed = 0;
let skipped = 0;
for (const [label, file] of reports) {
  if (!existsSync(file)) {
    console.log(`${label}: no report at ${file}`);
    failed += 1;
    continue;
  }
  const r = JSON.parse(readFileSync(file, 'utf8'));
  let p, f, s;
  if (r.stats) {
    // Playwright
    p = r.stats.expected;
    f = r.stats.unexpected + (r.stats.flaky ?? 0);
    s = r.stats.skipped;
  } else {
    // Vitest
    p = r.numPassedTests;
    f = r.numFailedTests;
    s = r.numPendingTests + (r.numTodoTests ?? 0);
  }
  console.log(`${label}: ${p} passed, ${f} failed, ${s} skipped`);
  passed += p;
  failed += f;
  skipped += s;
}
console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(failed > 0 ? 1 : 0);

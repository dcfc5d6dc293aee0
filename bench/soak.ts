/**
 * Import soak (issue 10): the CSV fuzz of tests/unit/reliability/csv-fuzz.test.ts at
 * soak length. 10,000+ seeded corrupted files (huge fields up to 512 KiB), then a 100 MB
 * single line streamed through the Blob importer. Prints files tried, rows kept and
 * rejected, rows lost (must be 0), crashes and hangs (must be 0), and the time; exits 1
 * when any invariant broke.
 *
 *   npm run soak                 # 10,000 files from seed 1
 *   npm run soak -- 50000 7      # 50,000 files from seed 7
 */
import os from 'node:os';
import { mutatedFile } from '../tests/unit/data/import/mutate.ts';
import { addOutcome, emptyTotals, runCase, runOptionsFor } from '../tests/unit/data/import/fuzz-run.ts';
import { importTransactions } from '../src/lib/data/import/import-transactions.ts';

const files = Number(process.argv[2] ?? 10_000);
const firstSeed = Number(process.argv[3] ?? 1);
if (!Number.isInteger(files) || files < 1)
  throw new RangeError(`invalid file count: ${process.argv[2]} (must be an integer >= 1)`);
if (!Number.isInteger(firstSeed)) throw new RangeError(`invalid first seed: ${process.argv[3]} (must be an integer)`);

console.log(`import soak: node ${process.version}, ${os.cpus().length} cores, ${files} files from seed ${firstSeed}`);
const started = performance.now();
const totals = emptyTotals();
for (let seed = firstSeed; seed < firstSeed + files; seed++) {
  const file = mutatedFile(seed, { maxHugeField: 1 << 19 });
  // a string source yields to the event loop between chunks (>= 1 ms each in Node): pieces of
  // at least 64 KiB keep a 512 KiB field from spending its time in timers
  const options = runOptionsFor(seed);
  const chunkSize = options.asString ? Math.max(options.chunkSize, 1 << 16) : options.chunkSize;
  addOutcome(totals, await runCase(file, { ...options, chunkSize, timeoutMs: 30_000 }));
  if ((seed - firstSeed + 1) % 2000 === 0)
    console.log(`  ${seed - firstSeed + 1} files, ${((performance.now() - started) / 1000).toFixed(1)} s`);
}
const fuzzSeconds = (performance.now() - started) / 1000;

// the 100 MB single line, streamed from a Blob in 1 MiB pieces
const lineStarted = performance.now();
const size = 100 * 1024 * 1024;
const blob = new Blob([
  'customer_id,date,amount,note\nA,2011-01-02,3.5,ok\nB,2011-01-03,4,',
  new Uint8Array(size).fill(0x78),
  '\nC,2011-01-04,5,ok\n'
]);
let bigLine = 'crashed';
try {
  const r = await importTransactions(blob);
  const kept = r.table.customerId.join('');
  bigLine = kept === 'ABC' ? `kept all 3 rows (${r.counts.lines} lines)` : `LOST rows: kept ${kept}`;
  if (kept !== 'ABC') totals.rowsLost += 3 - r.table.length;
} catch (error) {
  totals.crashes++;
  bigLine = `crashed: ${error instanceof Error ? error.message : String(error)}`;
}
const lineSeconds = (performance.now() - lineStarted) / 1000;

console.log(
  [
    `files tried:   ${totals.files} (${totals.imported} imported, ${totals.refused} refused with a message)`,
    `rows kept:     ${totals.rowsKept}`,
    `rows rejected: ${totals.rowsRejected}`,
    `rows lost:     ${totals.rowsLost}`,
    `crashes:       ${totals.crashes}`,
    `hangs:         ${totals.hangs}`,
    `violations:    ${totals.violations.length}`,
    `100 MB line:   ${bigLine}, ${lineSeconds.toFixed(1)} s`,
    `time:          ${fuzzSeconds.toFixed(1)} s for the files (${((1000 * fuzzSeconds) / totals.files).toFixed(2)} ms a file)`
  ].join('\n')
);
for (const v of totals.violations.slice(0, 20)) console.log(`  seed ${v.seed}: ${v.what.slice(0, 200)}`);
if (totals.violations.length || totals.rowsLost || totals.crashes || totals.hangs) process.exit(1);

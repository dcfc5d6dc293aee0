const { aliveExpectedTransactions } = await import('./src/lib/model/core/btyd/aliveExpectation.ts');
const t0 = performance.now();
let s = 0, n = 0;
for (let x = 0; x < 60; x++) for (let T = 1; T < 36; T += 0.5) { s += aliveExpectedTransactions(0.74 + x, 9.36 + T, 3.5e-5, 4486 + x, 17.6); n++; }
console.log('BG calls', n, 'ms', (performance.now() - t0).toFixed(0), 'per call us', ((performance.now() - t0) / n * 1000).toFixed(0), s);

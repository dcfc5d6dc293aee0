const { betaExpectation } = await import('./src/lib/model/core/special/betaExpectation.ts');
const { integrate } = await import('./src/lib/model/core/special/integrate.ts');
let n = 0;
const shape = 10.74, u = 17.6 / 20;
const k = (p: number): number => { n++; const pu = p * u; if ((shape + 2) * pu < 1e-5) return shape * u * (1 - ((shape + 1) * pu) / 2); return -Math.expm1(-shape * Math.log1p(pu)) / p; };
const k0 = shape * u; const c2 = (shape * (shape + 1) * u * u) / 2;
const divided = (p: number): number => { const pu = p * u; if ((shape + 3) * pu < 1e-5) { n++; return -c2 * (1 - ((shape + 2) * pu) / 1.5);} return Math.min(0, k(p) - k0) / p; };
for (const tol of [1e-12, 1e-10, 1e-8]) { n = 0; const v = betaExpectation(divided, 1.000035, 4496, tol); console.log(tol, v, 'evals', n); }
n=0; const smooth = (p: number) => { n++; return Math.exp(-p*30); }; console.log(betaExpectation(smooth, 1.000035, 4496, 1e-12), n);

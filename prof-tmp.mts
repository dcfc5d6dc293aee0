const { readOrUsage } = await import('./src/cli/commands/load-summary.ts');
const { evaluateHoldout } = await import('./src/lib/pipeline/holdout-evaluation.ts');
const file: any = await readOrUsage('/work/shared/data/online-retail/online_retail_by_day_concat.csv.gz', {} as any);
const table = file.table;
for (let rep = 0; rep < 1; rep++) {
  const t0 = performance.now();
  let last = t0;
  const r = evaluateHoldout(table, {
    onProgress: (p) => {
      const now = performance.now();
      console.log('  ', p.stage, (now - last).toFixed(0));
      last = now;
    }
  });
  console.log('total', (performance.now() - t0).toFixed(0));
  for (const m of r.models) console.log(m.model, m.fitMs?.toFixed(0), m.holdout.rmse, m.warning);
}

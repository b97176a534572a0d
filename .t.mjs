const t0 = performance.now();
const { check } = await import('./dist/scripts/pipeline/check.js');
const t1 = performance.now();
const r = await check({ cwd: process.cwd(), bibliographies: [] });
const t2 = performance.now();
const r2 = await check({ cwd: process.cwd(), bibliographies: [] });
const t3 = performance.now();
console.log('import', (t1-t0).toFixed(0), 'first check', (t2-t1).toFixed(0), 'second', (t3-t2).toFixed(0));

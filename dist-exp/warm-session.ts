import { readFileSync, writeFileSync } from 'node:fs';
import { WatchSession } from '../scripts/watch/watch-session.js';
const path = '/tmp/rp/manuscript/paper.md';
const s = new WatchSession({ path, cwd: '/tmp/rp', bibliographies: [] });
const times: number[] = [];
for (let i = 0; i < 40; i++) {
  writeFileSync(path, readFileSync(path, 'utf8').replace(/examines\d*/, `examines${i}`));
  const c0 = process.cpuUsage();
  const b = await s.rebuild();
  const c = process.cpuUsage(c0);
  times.push((c.user + c.system) / 1000);
}
console.log(times.map((t) => t.toFixed(0)).join(' '));
const sorted = times.slice(10).sort((a, b) => a - b); console.log('median of last 30', sorted[15].toFixed(1));
await s.close();

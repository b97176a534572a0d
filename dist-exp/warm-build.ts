import { readFile } from 'node:fs/promises';
import { check } from '../scripts/pipeline/check.js';
import { renderPaper } from '../scripts/pipeline/render.js';
import { loadStyle } from '../scripts/pipeline/load-style.js';
import { fontSubsetCache, loadFontFiles } from '../scripts/pipeline/load-fonts.js';
import * as citeproc from '../scripts/bibliography/citeproc.js';
const fonts = await loadFontFiles(); const cache = fontSubsetCache();
const css = await readFile('styles/paper.css', 'utf8');
for (let i = 0; i < 25; i++) {
  const t0 = performance.now();
  const c = await check({ path: 'manuscript/paper.md', cwd: '/work/main', bibliographies: [] });
  const t1 = performance.now();
  const style = await loadStyle(c.manuscript!, c.paper!.meta, undefined, '/work/main', { names: citeproc.builtinStyleNames, get: citeproc.builtinStyle });
  const html = await renderPaper({ paper: c.paper!, style: style as any, css, fonts, fontCache: cache });
  const t2 = performance.now();
  console.log(i, 'check', (t1 - t0).toFixed(0), 'render', (t2 - t1).toFixed(0), html!.length);
}

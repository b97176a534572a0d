// Bundle the pipeline into dist/ with esbuild: one module graph read from a few files instead of
// hundreds, which is most of the start-up time of `paper check` (0.9 s unbundled, 0.35 s bundled
// on the machine this was measured on). Commands and heavy stages stay separate chunks, loaded
// only when used; Puppeteer, citation-js and citeproc stay in node_modules (they are loaded lazily
// and citeproc-js/citation-js, subset-font and fontverter are CommonJS with their own data and
// WebAssembly files). Type checking is `tsc`'s
// job (`npm run typecheck`, run by `npm test`); this only transpiles.
import { build } from 'esbuild';
import { rename, rm } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));
const target = `${root}dist`;
// Built beside dist/ and swapped in by renames, so a command running meanwhile (another test run,
// a watch) never finds dist/ half-written or gone.
const outdir = `${target}.${process.pid}.tmp`;

await rm(outdir, { recursive: true, force: true });
await build({
  absWorkingDir: root,
  entryPoints: { main: 'scripts/cli/main.ts', 'write-schemas': 'scripts/tools/write-schemas.ts' },
  outdir,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  sourcemap: 'linked',
  external: ['puppeteer', '@citation-js/*', 'citeproc', 'subset-font', 'fontverter'],
  // Bundled CommonJS code may call require(); give ES modules one.
  banner: { js: "import { createRequire as __paperRequire } from 'node:module'; const require = __paperRequire(import.meta.url);" },
  logLevel: 'warning',
});
await rm(`${target}.old.${process.pid}`, { recursive: true, force: true });
await rename(target, `${target}.old.${process.pid}`).catch(() => undefined);
await rename(outdir, target);
await rm(`${target}.old.${process.pid}`, { recursive: true, force: true });

// Bundle the pipeline into dist/ with esbuild: one module graph read from a few files instead of
// hundreds, which is most of the start-up time of `paper check` (0.9 s unbundled, 0.35 s bundled
// on the machine this was measured on). Commands and heavy stages stay separate chunks, loaded
// only when used. citation-js and citeproc-js are bundled into chunks of their own (still loaded by
// a build only): from node_modules, Node.js scanned their CommonJS files for named exports
// (cjs-module-lexer) and loaded them through its CommonJS loader, ~45 ms of every build. Left in
// node_modules: puppeteer-core, tar-fs (which unpacks the pinned browser, once), subset-font and
// fontverter (WebAssembly files of their own), pdf.js, the canvas and MathJax (files they load at
// run time), and sync-fetch, which citation-js loads but never calls for BibTeX text (it starts a
// worker file found by __dirname, which a bundle does not have). Type checking is `tsc`'s
// job (`npm run typecheck`, run by `npm test`); this only transpiles.
import { createHash } from 'node:crypto';
import { readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));
const target = `${root}dist`;
// Built beside dist/ and swapped in by renames, so a command running meanwhile (another test run,
// a watch) never finds dist/ half-written or gone.
const outdir = `${target}.${process.pid}.tmp`;

/** With `--if-stale`, nothing is done when dist/ is newer than every source and the lockfile. */
async function isFresh() {
  const built = await stat(`${target}/main.js`).then((info) => info.mtimeMs, () => 0);
  if (built === 0) return false;
  const sources = await readdir(`${root}scripts`, { recursive: true });
  const inputs = [...sources.map((name) => `${root}scripts/${name}`), `${root}package-lock.json`];
  for (const input of inputs) {
    const info = await stat(input).catch(() => undefined);
    if (info?.isFile() && info.mtimeMs > built) return false;
  }
  return true;
}

/**
 * The bundle's identity, which every build's manifest records (scripts/manifest/tool-versions.ts):
 * a hash of the chunks' names and contents, computed here once rather than by each build, which
 * read and hashed all 19 MB of dist/ (~16 ms, twice in a build that is not forced).
 */
const bundleIdName = 'bundle-id.txt';
async function bundleId(folder) {
  const sha256 = (data) => createHash('sha256').update(data).digest('hex');
  const names = (await readdir(folder)).filter((name) => name.endsWith('.js')).sort();
  const parts = await Promise.all(names.map(async (name) => `${name}\0${sha256(await readFile(`${folder}/${name}`))}`));
  return sha256(parts.join('\n'));
}

if (process.argv.includes('--if-stale') && (await isFresh())) process.exit(0);

/**
 * unist-util-visit-parents names the function it makes for every node it visits (with colours, for
 * stack traces) through Object.defineProperty: on the paper's trees that took a third of all tree
 * walking, about 5 ms of a 33 ms warm rebuild under `paper watch`. The bundle leaves the naming
 * out; walking and results are the same. Should an update change that code, the bundle is made as
 * is, with a warning.
 */
function unnamedVisits() {
  const naming = "if (typeof value.type === 'string') {";
  return {
    name: 'unnamed-visits',
    setup(build) {
      build.onLoad({ filter: /unist-util-visit-parents[\\/]lib[\\/]index\.js$/ }, async (args) => {
        const source = await readFile(args.path, 'utf8');
        if (!source.includes(naming)) {
          return { contents: source, warnings: [{ text: 'unist-util-visit-parents changed: its visits keep their names (slower tree walks)' }] };
        }
        return { contents: source.replace(naming, 'if (false) {'), loader: 'js' };
      });
    },
  };
}

const { build } = await import('esbuild');
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
  // puppeteer-core, never puppeteer: the printer imports the core alone (see scripts/pdf/print-pdf.ts).
  external: ['puppeteer-core', 'tar-fs', 'sync-fetch', 'subset-font', 'fontverter', 'pdfjs-dist', '@napi-rs/canvas', 'mathjax-full', 'mathjax-full/*'],
  // Bundled CommonJS code may call require(); give ES modules one.
  banner: { js: "import { createRequire as __paperRequire } from 'node:module'; const require = __paperRequire(import.meta.url);" },
  logLevel: 'warning',
  plugins: [unnamedVisits()],
});
await writeFile(`${outdir}/${bundleIdName}`, `${await bundleId(outdir)}\n`);
await rm(`${target}.old.${process.pid}`, { recursive: true, force: true });
await rename(target, `${target}.old.${process.pid}`).catch(() => undefined);
await rename(outdir, target);
await rm(`${target}.old.${process.pid}`, { recursive: true, force: true });

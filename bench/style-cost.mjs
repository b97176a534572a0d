// What a CSL style costs the build: compiling it into a citeproc-js engine and rendering the first
// citation and the reference list, for the paper's own style and for citation-js's APA, each in a
// fresh process (as a build pays it), `RUNS` times. Run: `npm run bench:style`.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const runs = Number(process.env.RUNS ?? 7);

const probe = (style) => `
const { readFileSync } = require('node:fs');
const { plugins } = require('@citation-js/core');
require('@citation-js/plugin-bibtex');
require('@citation-js/plugin-csl');
const CSL = require('citeproc');
const config = plugins.config.get('@csl');
const xml = ${style === 'paper' ? "readFileSync('styles/paper.csl', 'utf8')" : `config.styles.get(${JSON.stringify(style)})`};
const items = plugins.input.chain(readFileSync('bibliography/references.bib', 'utf8'), { generateGraph: false, forceType: '@biblatex/text', target: '@csl/list+object' });
const byId = new Map(items.map((item) => [item.id, item]));
const start = performance.now();
const engine = new CSL.Engine({ retrieveLocale: () => config.locales.get('en-US'), retrieveItem: (id) => byId.get(id) }, xml, 'en-US', true);
const compiled = performance.now();
engine.rebuildProcessorState([{ citationID: 'a', citationItems: [{ id: 'olcott1992', locator: '111', label: 'page' }], properties: { noteIndex: 0 } }], 'html', []);
engine.updateItems(items.map((item) => item.id));
engine.makeBibliography();
const rendered = performance.now();
process.stdout.write(JSON.stringify({ compile: compiled - start, render: rendered - compiled }));
`;

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const rows = [];
for (const style of ['paper', 'apa']) {
  const samples = [];
  for (let run = 0; run < runs; run++) {
    const result = spawnSync(process.execPath, ['-e', probe(style)], { cwd: root, encoding: 'utf8' });
    if (result.status !== 0) throw new Error(result.stderr);
    samples.push(JSON.parse(result.stdout));
  }
  rows.push(`| ${style} | ${median(samples.map((sample) => sample.compile)).toFixed(0)} ms | ${median(samples.map((sample) => sample.render)).toFixed(0)} ms |`);
}
console.log(`CSL style cost, median of ${runs} fresh processes (node ${process.version})\n`);
console.log(['| style | engine (compile) | first citation + 25-entry list |', '| --- | --- | --- |', ...rows].join('\n'));

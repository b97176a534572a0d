// The least any unified-based checker does: start Node.js, load remark-parse and remark-gfm, and
// parse the manuscript once, cold. `check-vs-pandoc.mjs` bundles this file (as the CLI is bundled)
// and times it beside `paper check`, to show how much of the check is this floor.
import { readFileSync } from 'node:fs';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';

const [manuscript, plain] = process.argv.slice(2);
const processor = plain === 'commonmark' ? unified().use(remarkParse) : unified().use(remarkParse).use(remarkGfm);
const tree = processor.parse(readFileSync(manuscript, 'utf8'));
if (tree.children.length === 0) process.exitCode = 1;

import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { toString } from 'mdast-util-to-string';
import { visit } from 'unist-util-visit';
import { describe, expect, it } from 'vitest';
import { check } from '../../scripts/pipeline/check.js';
import { fromRoot } from '../helpers/paths.js';

/**
 * The listings of the real-paper corpus (../shared/corpus, never copied here), as the check stage
 * resolves them: their numbers, captions and ids, and the code a reader is shown.
 */
const corpus = fromRoot('../shared/corpus');
const present = existsSync(corpus);
if (!present) console.log(`listings corpus: skipped, ${corpus} is not there`);

async function resolved(paper: string) {
  const result = await check({ path: join(corpus, paper, 'paper.md'), cwd: join(corpus, paper), bibliographies: [] });
  const tree = result.paper?.tree;
  if (!tree) throw new Error(`${paper} did not resolve`);
  const listings: string[] = [];
  const code: string[] = [];
  visit(tree, (node) => {
    if (node.type === 'listing') listings.push(`${node.data?.crossrefTarget?.id ?? '-'} ${toString(node.children[0])}`);
    if (node.type === 'code') code.push(`${node.lang ?? '-'}: ${node.value.split('\n')[0]}`);
  });
  const messages = result.files.flatMap((file) => file.messages).filter((message) => /listing|lst/.test(`${message.ruleId} ${message.reason}`)).map((message) => message.reason);
  return { listings, code, targets: result.paper?.targets, messages };
}

describe.skipIf(!present)('listings in the corpus', () => {
  it("crossref-demo: the caption attribute, the table-style caption and the wrapping div, numbered 1–3", async () => {
    const { listings, code, targets } = await resolved('crossref-demo');
    expect(listings).toEqual(['lst:captionAttr Listing 1: Listing caption', 'lst:tableCaption Listing 2: Listing caption', 'lst:wrappingDiv Listing 3: Listing caption']);
    expect(code).toEqual(['haskell: main :: IO ()', 'haskell: main :: IO ()', 'haskell: main :: IO ()']);
    expect(['lst:captionAttr', 'lst:tableCaption', 'lst:wrappingDiv'].map((id) => targets?.get(id)?.label)).toEqual(['1', '2', '3']);
  });

  it('phd-thesis: a caption after the block that ends with its id', async () => {
    const { listings, targets } = await resolved('phd-thesis');
    expect(listings).toEqual(['lst:code Listing 1: Code caption']);
    expect(targets?.get('lst:code')?.kind).toBe('listing');
  });

  it("bilateral-quarto: the cells its authors hid are not shown, and no listing is made up", async () => {
    const { listings, code, messages } = await resolved('bilateral-quarto');
    expect(listings).toEqual([]);
    expect(code).toEqual([]);
    expect(messages.filter((reason) => !/tbl-/.test(reason))).toEqual([]);
  });
});

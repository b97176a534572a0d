import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Root } from 'mdast';
import { toHtml } from 'hast-util-to-html';
import { toHast } from 'mdast-util-to-hast';
import { VFile } from 'vfile';
import { describe, expect, it } from 'vitest';
import { readFrontMatter } from '../../scripts/front-matter/read-front-matter.js';
import { titleBlockHast } from '../../scripts/html/document-hast.js';
import { createFragmentParser } from '../../scripts/markdown/fragments.js';
import { createMarkdownParser } from '../../scripts/pipeline/parse.js';
import { corpusPresent, corpusRoot, sayIfSkipped } from '../helpers/corpus.js';
import { messages } from '../helpers/parse.js';

/**
 * The front matter of the real manuscripts in ../shared/corpus/ (read in place, never copied):
 * each is read without a front matter message, and its title block shows its authors, their
 * affiliations and ORCID iDs, and its date.
 */
sayIfSkipped('corpus front matter test');

function read(name: string) {
  const path = join(corpusRoot, name, 'paper.md');
  const file = new VFile({ path, value: readFileSync(path, 'utf8') });
  const parser = createMarkdownParser();
  const tree = parser.parse(file) as Root;
  const meta = readFrontMatter(tree, file, createFragmentParser(parser, []), { today: () => new Date(0) });
  const block = tree.children.find((node) => node.type === 'titleBlock');
  const header = block ? toHtml(toHast(block as never, { handlers: { titleBlock: titleBlockHast } } as never)) : '';
  return { meta, header, messages: messages(file).filter((line) => line.includes('frontmatter')) };
}

/** The header's text as a reader reads it, one line a block. */
const text = (html: string) => html.replace(/<\/(h1|p|li|span)>/g, '\n').replace(/<[^>]+>/g, '').split('\n').map((line) => line.trim()).filter(Boolean);

describe.skipIf(!corpusPresent)('the corpus manuscripts’ front matter', () => {
  it('gmr-joss (JOSS form): the author with ORCID and affiliation by index, the date as written, the tags as keywords', () => {
    const { meta, header, messages: found } = read('gmr-joss');
    expect(found).toEqual([]);
    expect(meta.authors.map((author) => `${author.name} ${author.orcid} ${author.affiliations.join(',')}`)).toEqual(['Alexander Fabisch 0000-0003-2824-7956 1']);
    expect(meta.affiliations).toEqual(['Robotics Innovation Center, DFKI GmbH, Bremen, Germany']);
    expect(meta.keywords).toEqual(['Python', 'machine learning', 'regression']);
    expect(text(header)).toEqual(['gmr: Gaussian Mixture Regression', 'Alexander FabischiD', 'Robotics Innovation Center, DFKI GmbH, Bremen, Germany', '29 January 2021']);
    expect(header).toContain('href="https://orcid.org/0000-0003-2824-7956"');
  });

  it('phd-thesis (Pandoc form): title, subtitle, author and date shown', () => {
    const { header, messages: found } = read('phd-thesis');
    expect(found).toEqual([]);
    expect(text(header)).toEqual(['This is the title of the thesis', 'This is the subtitle of the thesis', 'Firstname Surname', 'January 2015']);
  });

  it('bilateral-quarto and crossref-demo: read without a front matter message', () => {
    expect(read('bilateral-quarto').messages).toEqual([]);
    expect(read('bilateral-quarto').meta.title).toBe('Probabilistic Model of Bilateral Lymphatic Spread in Head and Neck Cancer');
    expect(read('crossref-demo').messages).toEqual([]);
  });
});

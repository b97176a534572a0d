import { describe, expect, it } from 'vitest';
import { runningHeadText } from '../../scripts/html/html-document.js';
import { readFrontMatter } from '../../scripts/front-matter/read-front-matter.js';
import { createFragmentParser } from '../../scripts/markdown/fragments.js';
import { createMarkdownParser } from '../../scripts/pipeline/parse.js';
import { parse } from '../helpers/parse.js';

function head(yaml: string): string {
  const { tree, file } = parse(`---\ntitle: On Things\n${yaml}---\n`);
  return runningHeadText(readFrontMatter(tree, file, createFragmentParser(createMarkdownParser(), [])));
}

describe("the PDF's running head", () => {
  it('names one or two authors, and the first "et al." from three', () => {
    expect(head('')).toBe('On Things');
    expect(head('author: Ann\n')).toBe('On Things — Ann');
    expect(head('author: [Ann, Bob]\n')).toBe('On Things — Ann, Bob');
    expect(head('authors:\n  - name: Ann\n  - name: Bob\n  - name: Carl\n')).toBe('On Things — Ann et al.');
  });
});

import fc from 'fast-check';
import { VFile } from 'vfile';
import { describe, expect, it } from 'vitest';
import { isRuleId } from '../../scripts/diagnostics/rules.js';
import { readFrontMatter } from '../../scripts/front-matter/read-front-matter.js';
import { createFragmentParser, footnoteLabels } from '../../scripts/markdown/fragments.js';
import { createMarkdownParser } from '../../scripts/pipeline/parse.js';
import { resolvePaper } from '../../scripts/pipeline/resolve.js';

/**
 * Property tests: whatever Markdown, BibTeX or table data an author writes, the checker answers
 * with messages, never with an exception. Inputs are drawn from the characters that matter to the
 * parsers (brackets, `@`, braces, `#`, `:`, `*`, `^`, quotes, line ends) so that near-misses of
 * real syntax come up often.
 */

const markdownChars = fc.constantFrom(...'ab @-[]{};:,.#*_^\\`"\'\n\n>|=!()0123456789~\u00e9\u0416'.split(''));
const bibtexChars = fc.constantFrom(...'ab @{}(),=#"%\\\n 0123456789'.split(''));
const yamlChars = fc.constantFrom(...'ab -:[]{},"\'\n #&*!|>0123456789'.split(''));

const markdown = fc.array(fc.oneof(markdownChars, fc.constantFrom('[@', '@key', '[-@', '[^1]', '::period-table{src="t.yaml"}', ':::table-group', '\n[^1]: note\n', '{#sec-a}', '@tbl-', '[](#x)', ':trend[up]')), { maxLength: 120 }).map((parts) => parts.join(''));
const bibtex = fc.array(fc.oneof(bibtexChars, fc.constantFrom('@book{', '@string{', 'author = ', 'title = {', '}', ' and ', '@comment', '\n@article{key,')), { maxLength: 120 }).map((parts) => parts.join(''));
const yaml = fc.array(fc.oneof(yamlChars, fc.constantFrom('caption: ', 'columns: ', 'rows:\n  - ', 'kind: events', 'cells: ', '"1991": ', 'trend', '*a', '&a ')), { maxLength: 80 }).map((parts) => parts.join(''));

function checkInMemory(body: string, bib: string, table: string): VFile[] {
  const file = new VFile({ path: 'paper.md', value: `---\ntitle: T\nbibliography: refs.bib\n---\n\n${body}\n` });
  const bibliography = new VFile({ path: 'refs.bib', value: bib });
  const tableFile = new VFile({ path: 't.yaml', value: table });
  const parser = createMarkdownParser();
  const tree = parser.parse(file);
  const fragments = createFragmentParser(parser, footnoteLabels(tree));
  const meta = readFrontMatter(tree, file, fragments);
  if (meta) resolvePaper({ tree, file, meta, bibliographyFiles: [bibliography], tableFiles: new Map([['t.yaml', { file: tableFile }]]), fragments });
  return [file, bibliography, tableFile];
}

function allMessagesWellFormed(files: VFile[]): void {
  for (const file of files) {
    for (const message of file.messages) {
      expect(isRuleId(message.ruleId ?? ''), message.reason).toBe(true);
      expect(message.line ?? 1).toBeGreaterThanOrEqual(1);
      expect(typeof message.reason).toBe('string');
    }
  }
}

describe('the checker never crashes', () => {
  it('on random Markdown with citations, notes, directives and cross-references', () => {
    fc.assert(fc.property(markdown, (body) => allMessagesWellFormed(checkInMemory(body, '', 'caption: x\ncolumns: ["1991"]\nrows: [{category: a, kind: events, cells: {}}]\n'))), { numRuns: 300 });
  });

  it('on random BibTeX', () => {
    fc.assert(fc.property(bibtex, (bib) => allMessagesWellFormed(checkInMemory('Text [@a].', bib, ''))), { numRuns: 300 });
  });

  it('on random table data', () => {
    fc.assert(fc.property(yaml, (table) => allMessagesWellFormed(checkInMemory('::period-table{src="t.yaml"}', '', table))), { numRuns: 300 });
  });

  it('on random front matter', () => {
    fc.assert(
      fc.property(yaml, (front) => {
        const file = new VFile({ path: 'paper.md', value: `---\n${front}\n---\n\nText.\n` });
        const parser = createMarkdownParser();
        const tree = parser.parse(file);
        readFrontMatter(tree, file, createFragmentParser(parser, []));
        allMessagesWellFormed([file]);
      }),
      { numRuns: 300 },
    );
  });
});

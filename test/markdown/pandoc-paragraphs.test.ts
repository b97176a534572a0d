/**
 * Where a paragraph ends, against Pandoc 2.17's `markdown` reader: a list, block quote, ATX
 * heading, thematic break or `~~~` fence needs a blank line before it; a backtick fence and a
 * sublist under an item's text do not (`scripts/markdown/pandoc-paragraphs.ts`).
 *
 * Corpus: `test/fixtures/paragraphs/cases.md`, documents separated by `%%% name` lines.
 * Golden: `test/fixtures/paragraphs/pandoc.json`, the blocks `pandoc -f markdown -t json` reads in
 * each case, summarized (a paragraph as its text). Regenerate it after changing the cases (needs
 * `pandoc` on PATH):
 *
 *     UPDATE=1 npx vitest run test/markdown/pandoc-paragraphs.test.ts
 *
 * Our parse is compared with the golden file, so the test needs no Pandoc; with Pandoc 2.17 on
 * PATH, each case is also run again to show the golden file is still what Pandoc says.
 *
 * Known differences (no case here):
 * - a comment over several lines under a paragraph line ends the paragraph (CommonMark's HTML
 *   block, dropped without a trace); Pandoc keeps it inside the paragraph, even over a blank line.
 * - a row of a simple or multiline table inside a list item that starts with a list marker
 *   (`  - 3   4`) starts a sublist for us; Pandoc reads the item's lines first and keeps the row.
 */
import { describePandocBlockAgreement } from '../helpers/pandoc-block-agreement.js';

describePandocBlockAgreement('paragraphs', new URL('../fixtures/paragraphs/', import.meta.url));

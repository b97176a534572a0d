/**
 * Our citation parse against Pandoc's, case by case.
 *
 * Corpus: `test/fixtures/citation-syntax/cases.md`, documents separated by `%%% name` lines.
 * Golden: `test/fixtures/citation-syntax/pandoc.json`, what `pandoc -f markdown-smart -t json` reads
 * in each case: citations in document order (nested ones after their parent), each with its items'
 * key, mode and prefix/suffix as plain text (whitespace runs collapsed), and the source of
 * bracketed citations. Smart punctuation is off because our prefixes and suffixes keep the source
 * text (`--` stays `--`); it changes no citation structure.
 *
 * Regenerate the golden file after changing the corpus (needs `pandoc` on PATH):
 *
 *     UPDATE=1 npx vitest run test/citations/pandoc-agreement.test.ts
 *
 * Without UPDATE, when `pandoc` is on PATH, every case is run again to show the golden file is still
 * what Pandoc says (skipped, with the reason in the test name, when pandoc is absent or another
 * version).
 *
 * Deliberate differences from Pandoc 2.17 (each case below asserts our result, and that Pandoc's differs):
 * - `not-url`: `https://example.org/@user` is a GFM autolink for us; Pandoc's Markdown has no bare-URL
 *   autolinks, so it cites `@user` in the middle of the URL.
 * - `after-emphasis-closer`: Pandoc treats a closing `*` like the end of a word, so `*a*@b` cites
 *   nothing. micromark resolves emphasis after tokenizing; `@` after `*` starts a key for us.
 * - `after-failed-key`: in `x@a@b` Pandoc's example-reference parser swallows the failed `@a` without
 *   marking a word, so `@b` is cited; for us `@b` follows the word `a`, like the `@` of an e-mail.
 * - `semicolon-in-emphasis`, `emphasis-around-key`: Pandoc's emphasis parser swallows `;`, `]` and keys
 *   (`[@a, *a; b*]` is one citation, `[*see @a*]` none). The bracket scanner treats `*` and `_` as plain
 *   characters; emphasis is parsed inside each prefix and suffix afterwards.
 * - `bracket-prefix-quirk`: in `[foo]@a]` Pandoc ends the prefix at the first `]` and still finds the
 *   key after it; for us `[foo]` is text and `@a` a narrative citation.
 * - `bare-suppress`, `bare-suppress-in-suffix`: Pandoc 2.17 reads a bare `-@key` as `-` and an
 *   author-in-text citation; we read it as author-suppressed (as Quarto does for cross-references),
 *   as the citation node type specifies.
 * - `definition-like-line`: `[@a]: /u` is a CommonMark link definition for us; Pandoc allows no
 *   reference label starting with `@`.
 * - `footnote-call-after-citation`: Pandoc refuses a citation bracket directly followed by `[`, so
 *   `[@a][^1]` loses its citation; we let a footnote call follow (`[@a][x]` still is no citation).
 * - `example-list-marker`: `@doe99.` at the start of a paragraph is an example-list marker in Pandoc;
 *   example lists are not part of our dialect.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  type CitationSummary,
  fixtures,
  mapLimit,
  pandocCitations,
  pandocReader,
  pandocVersion,
  parse,
  readCases,
  summarize,
} from './pandoc-citations.js';

interface Golden {
  pandoc: string;
  reader: string;
  cases: Record<string, CitationSummary[]>;
}

const update = Boolean(process.env.UPDATE);
const goldenUrl = new URL('pandoc.json', fixtures);
const cases = readCases('cases.md');
const version = pandocVersion();
const normal = (key: string, prefix = '', suffix = ''): CitationSummary['items'][number] => ({ key, mode: 'normal', prefix, suffix });
const narrative = (key: string, suffix = ''): CitationSummary['items'][number] => ({ key, mode: 'author-in-text', prefix: '', suffix });
const suppressed = (key: string): CitationSummary['items'][number] => ({ key, mode: 'suppress-author', prefix: '', suffix: '' });

const differences: Record<string, CitationSummary[]> = {
  'not-url': [],
  'after-emphasis-closer': [{ items: [narrative('b')] }],
  'after-failed-key': [],
  'semicolon-in-emphasis': [{ items: [narrative('a')] }],
  'emphasis-around-key': [{ source: '[*see @a*]', items: [normal('a', '*see', '*')] }],
  'bracket-prefix-quirk': [{ items: [narrative('a')] }],
  'bare-suppress': [{ items: [suppressed('smith04')] }],
  'bare-suppress-in-suffix': [{ source: '[@a, -@b]', items: [normal('a', '', ', -@b')] }, { items: [suppressed('b')] }],
  'definition-like-line': [],
  'footnote-call-after-citation': [{ source: '[@a]', items: [normal('a')] }, { items: [narrative('b', 'p. 3')] }],
  'example-list-marker': [{ items: [narrative('doe99')] }],
};

let golden: Golden | undefined;
const readGolden = (): Golden => (golden ??= JSON.parse(readFileSync(goldenUrl, 'utf8')) as Golden);

const liveReason = !version
  ? 'skipped: pandoc is not on PATH'
  : update
    ? `${version}: regenerating the golden file`
    : version === readGolden().pandoc
      ? version
      : `skipped: ${version} is not the golden file's ${readGolden().pandoc}`;

describe.skipIf(!version || (!update && version !== readGolden().pandoc))(`live pandoc (${liveReason})`, () => {
  const live = new Map<string, CitationSummary[]>();

  beforeAll(async () => {
    const results = await mapLimit(cases, 4, async ({ source }) => pandocCitations(source));
    cases.forEach(({ name }, index) => live.set(name, results[index] ?? []));
    if (update) {
      const next: Golden = { pandoc: version ?? '', reader: pandocReader, cases: Object.fromEntries(live) };
      writeFileSync(goldenUrl, JSON.stringify(next, null, 2) + '\n');
      golden = next;
    }
  });

  for (const { name } of cases) {
    it(`${name}: golden file is what pandoc says`, () => {
      expect(readGolden().cases[name]).toEqual(live.get(name));
    });
  }
});

describe(`citation syntax agrees with Pandoc on ${cases.length - Object.keys(differences).length} of ${cases.length} cases`, () => {
  it('lists only existing cases as differences', () => {
    const names = new Set(cases.map((entry) => entry.name));
    expect(Object.keys(differences).filter((name) => !names.has(name))).toEqual([]);
    expect(names.size).toBe(cases.length);
  });

  for (const { name, source } of cases) {
    const difference = differences[name];
    it(difference ? `${name} (deliberate difference)` : name, () => {
      const ours = summarize(parse(source));
      const pandoc = readGolden().cases[name];
      if (difference) {
        expect(ours).toEqual(difference);
        expect(ours).not.toEqual(pandoc);
      } else {
        expect(ours).toEqual(pandoc);
      }
    });
  }
});

/**
 * Our citation parse against Pandoc's, case by case.
 *
 * Corpus: `test/fixtures/citation-syntax/cases.md`, documents separated by `%%% name` lines.
 * Golden: `test/fixtures/citation-syntax/pandoc.json`, what `pandoc -f markdown-smart -t json` reads
 * in each case: citations in document order (nested ones after their parent, a footnote's at each
 * call of it), each with its items' key, mode and prefix/suffix as plain text (whitespace runs
 * collapsed), and the source of bracketed citations. Smart punctuation is off because our
 * prefixes and suffixes keep the source text (`--` stays `--`); it changes no citation structure.
 *
 * Regenerate the golden file after changing the corpus (needs `pandoc` on PATH):
 *
 *     UPDATE=1 npx vitest run test/citations/pandoc-agreement.test.ts
 *
 * Without UPDATE, when `pandoc` is on PATH, every case is run again to show the golden file is still
 * what Pandoc says (skipped, with the reason in the test name and in one line of output, when
 * pandoc is absent or another version). Our parse is compared with the golden file either way, so
 * `npm test` needs no Pandoc.
 *
 * Deliberate differences from Pandoc 2.17, each required by a rule of our dialect (each case below
 * asserts our result, and that Pandoc's differs):
 * - `not-url`: URLs are never citations. `https://example.org/@user` is a GFM autolink for us;
 *   Pandoc's Markdown has no bare-URL autolinks, so it cites `@user` in the middle of the URL.
 * - `definition-like-line`: `[@a]: /u` at the start of a line is a CommonMark link definition for
 *   us; Pandoc allows no reference label starting with `@`.
 * - `footnote-call-after-citation`: a footnote call may follow a citation. Pandoc refuses a
 *   citation bracket directly followed by `[`, so `[@a][^1]` loses its citation; we let a footnote
 *   call follow (`[@a][x]` still is no citation).
 *
 * Differences left because matching them would break the CommonMark and GFM reading of the
 * document, or take a parser we do not have:
 * - `html-block`: a line starting with `<div>` opens a CommonMark HTML block, raw up to the next
 *   blank line; Pandoc (`markdown_in_html_blocks`) reads the Markdown inside it.
 * - `image-alt`: an mdast image has plain-text `alt`, so citations in it are text; Pandoc's `Image`
 *   holds inlines, citations included.
 * - `raw-tex`: our dialect has no raw TeX. How much Pandoc's LaTeX reader takes depends on the
 *   command (`\textit{see @a}` is raw, `\foo@a` is one command name, `\emph{a}{@b}` cites `b`).
 * - `nested-bracket-quirk`: in `[see [x]@a]` Pandoc's nested citation `[x]@a]` takes the outer
 *   `]`, so the outer bracket fails and is read again as link text, where the nested one cannot
 *   close: `@a` is cited narratively. We read `[x]` inside a prefix as one inline.
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

const differences: Record<string, CitationSummary[]> = {
  'not-url': [],
  'definition-like-line': [],
  'footnote-call-after-citation': [{ source: '[@a]', items: [normal('a')] }, { items: [narrative('b', 'p. 3')] }],
  'html-block': [],
  'image-alt': [],
  'raw-tex': [{ items: [narrative('a')] }, { source: '[@b]', items: [normal('b')] }],
  'nested-bracket-quirk': [{ source: '[see [x]@a]', items: [normal('a', 'see [x]')] }],
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
// The reporter shows a skipped suite's name only when verbose: say it in one line either way.
if (liveReason.startsWith('skipped')) console.info(`live pandoc cross-check ${liveReason}; the committed golden file is checked all the same`);

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

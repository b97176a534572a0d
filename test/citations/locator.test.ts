/**
 * `parseLocator` against Pandoc's own locator parse.
 *
 * Corpus: `test/fixtures/citation-syntax/locators.txt`, one suffix a line, exactly as our parser gives
 * it for `[@a<line>]` (checked below). Golden: `locators.json`, what `pandoc --citeproc` does with
 * `[@a<line>]` under `locator-probe.csl`, a style whose citation prints
 * `«L=<locator type>|H=<y if there is a locator>|V=<locator>|S=<suffix>»`.
 *
 * Regenerate after changing the corpus (needs `pandoc` on PATH):
 *
 *     UPDATE=1 npx vitest run test/citations/locator.test.ts
 *
 * Without UPDATE, when `pandoc` is on PATH, the corpus is run through it again to show the golden
 * file is still what it says (skipped, with the reason in the test name and in one line of output,
 * when pandoc is absent or another version). `parseLocator` is compared with the golden file either
 * way, so `npm test` needs no Pandoc.
 *
 * What citeproc does when rendering, not parsing, is applied to our result before comparing: a
 * single `-` in a locator is printed as an en dash, a comma in a page locator is followed by a space,
 * and a suffix without a locator gets `, ` in front unless it starts with punctuation or a space
 * (Pandoc's `maybeAddComma`). `parseLocator` itself keeps the source text.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import type {} from '../../scripts/citations/syntax/citation-node.js';
import { parseLocator } from '../../scripts/citations/syntax/locator.js';
import { toString } from 'mdast-util-to-string';
import { fixtures, pandocReader, pandocVersion, parse, runPandoc } from './pandoc-citations.js';

interface Reading {
  suffix: string;
  label?: string;
  value?: string;
  rest: string;
}

interface Golden {
  pandoc: string;
  readings: Reading[];
}

const update = Boolean(process.env.UPDATE);
const goldenUrl = new URL('locators.json', fixtures);
const suffixes = readFileSync(new URL('locators.txt', fixtures), 'utf8').replace(/\n$/, '').split('\n');
const version = pandocVersion();

let golden: Golden | undefined;
const readGolden = (): Golden => (golden ??= JSON.parse(readFileSync(goldenUrl, 'utf8')) as Golden);

/** What citeproc prints for what we parsed. */
function rendered(suffix: string): Reading {
  const { locator, rest } = parseLocator(suffix);
  if (!locator) return { suffix, rest: /^[\p{P}\s]/u.test(rest) || rest === '' ? rest : `, ${rest}` };
  let value = locator.value.replace(/(?<!-)-(?!-)/g, '–');
  if (locator.label === 'page') value = value.replace(/,(?=\S)/g, ', ');
  return { suffix, label: locator.label, value, rest };
}

async function pandocReadings(): Promise<Reading[]> {
  const front = '---\nreferences:\n- id: a\n  type: book\n  title: T\nsuppress-bibliography: true\n---\n\n';
  const body = suffixes.map((suffix, index) => `L${index}: [@a${suffix}]\n`).join('\n');
  const csl = fileURLToPath(new URL('locator-probe.csl', fixtures));
  const output = await runPandoc(['--citeproc', '--csl', csl, '-f', pandocReader, '-t', 'plain', '--wrap=none'], front + body);
  const readings: Reading[] = [];
  for (const line of output.split('\n')) {
    const match = /^L(\d+): «L=([^|]*)\|H=([yn])\|V=(.*?)\|S=(.*)»$/.exec(line);
    if (!match) continue;
    const [, index, label, has, value, rest] = match;
    const suffix = suffixes[Number(index)] ?? '';
    readings.push(has === 'y' ? { suffix, label, value, rest: rest ?? '' } : { suffix, rest: rest ?? '' });
  }
  return readings;
}

describe('parseLocator', () => {
  it('reads a label and a value', () => {
    expect(parseLocator(', pp. 33-35, emphasis added')).toEqual({ locator: { label: 'page', value: '33-35' }, rest: ', emphasis added' });
  });

  it('takes a number as a page', () => {
    expect(parseLocator(', 111')).toEqual({ locator: { label: 'page', value: '111' }, rest: '' });
  });

  it('reads braces as an explicit locator', () => {
    expect(parseLocator(', {pp. iv, vi-xi} and more')).toEqual({ locator: { label: 'page', value: 'iv, vi-xi' }, rest: ' and more' });
  });

  it('keeps a suffix without a locator whole', () => {
    expect(parseLocator(', emphasis added')).toEqual({ rest: ', emphasis added' });
  });

  it('stays linear on a long suffix', () => {
    expect(parseLocator(', ' + 'x-'.repeat(100_000)).locator).toBeUndefined();
    expect(parseLocator(', p. ' + '1, '.repeat(50_000) + 'end').locator?.value.length).toBe(149_998);
  });

  // remark-directive reads `:12` in `3:12` as a text directive, so those lines are not suffix text.
  it('is given exactly the corpus lines by the parser', () => {
    const plain = suffixes.filter((suffix) => !/:\w/.test(suffix));
    const read = plain.map((suffix) => {
      const [paragraph] = parse(`[@a${suffix}]\n`).children;
      const [citation] = paragraph?.type === 'paragraph' ? paragraph.children : [];
      return citation?.type === 'citation' ? toString(citation.items[0]?.suffix ?? []) : undefined;
    });
    expect(read).toEqual(plain);
  });
});

const liveReason = !version
  ? 'skipped: pandoc is not on PATH'
  : update
    ? `${version}: regenerating the golden file`
    : version === readGolden().pandoc
      ? version
      : `skipped: ${version} is not the golden file's ${readGolden().pandoc}`;
// The reporter shows a skipped suite's name only when verbose: say it in one line either way.
if (liveReason.startsWith('skipped')) console.info(`live pandoc --citeproc cross-check ${liveReason}; the committed golden file is checked all the same`);

describe.skipIf(!version || (!update && version !== readGolden().pandoc))(`live pandoc --citeproc (${liveReason})`, () => {
  let live: Reading[] = [];

  beforeAll(async () => {
    live = await pandocReadings();
    if (update) {
      golden = { pandoc: version ?? '', readings: live };
      writeFileSync(goldenUrl, JSON.stringify(golden, null, 2) + '\n');
    }
  });

  it('golden file is what pandoc says', () => {
    expect(live.length).toBe(suffixes.length);
    expect(readGolden().readings).toEqual(live);
  });
});

describe('parseLocator agrees with pandoc --citeproc', () => {
  it('covers every corpus line', () => {
    expect(readGolden().readings.map((reading) => reading.suffix)).toEqual(suffixes);
  });

  suffixes.forEach((suffix, index) => {
    it(JSON.stringify(suffix), () => {
      expect(rendered(suffix)).toEqual(readGolden().readings[index]);
    });
  });
});

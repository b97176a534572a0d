import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pageTexts, readInfo } from '../helpers/pdf-reader.js';
import { runMain } from '../helpers/run-cli.js';

/**
 * The title block as a reader sees it, in the HTML and on the PDF's first page: authors with
 * affiliation marks and the list they point to (JOSS's and Quarto's forms), ORCID links, the
 * corresponding author's e-mail, the date in `date-format`, `subtitle` and `abstract-title`; and
 * every author in the PDF's Author field.
 */
const scratch = mkdtempSync(join(tmpdir(), 'paper-title-block-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const joss = [
  '---',
  "title: 'gmr: Gaussian Mixture Regression'",
  'subtitle: A small library',
  'authors:',
  '  - name: Ann Author',
  '    orcid: 0000-0003-2824-7956',
  '    affiliation: "1, 2"',
  '    corresponding: true',
  '    email: ann@example.org',
  '  - name: Bob Builder',
  '    affiliation: 2',
  '  - name: Carl Third',
  'affiliations:',
  '  - name: DFKI GmbH, Bremen, Germany',
  '    index: 1',
  '  - name: University of Bremen',
  '    index: 2',
  'date: 2021-01-29',
  'date-format: D MMMM YYYY',
  'abstract-title: Summary',
  'abstract: What the library does.',
  '---',
  '',
  '# Introduction',
  '',
  'Text.',
  '',
].join('\n');

/** The text of the element with this class, tags dropped, as a reader reads it. */
function textOf(html: string, tag: string, className: string): string[] {
  return [...html.matchAll(new RegExp(`<${tag} class="${className}"[^>]*>([\\s\\S]*?)</${tag}>`, 'g'))].map((match) => match[1]!.replace(/<li>/g, ' ').replace(/<[^>]+>/g, '').trim());
}

async function build(name: string, manuscript: string, pdf: boolean) {
  const folder = join(scratch, name);
  mkdirSync(folder, { recursive: true });
  writeFileSync(join(folder, 'paper.md'), manuscript);
  const run = await runMain(['build', '.', ...(pdf ? [] : ['--no-pdf'])], folder, { SOURCE_DATE_EPOCH: '1296000000' });
  expect(run.status, run.stderr).toBe(0);
  return { html: readFileSync(join(folder, 'build/paper.html'), 'utf8'), pdf: join(folder, 'build/paper.pdf') };
}

describe('the title block', () => {
  let joss_: Awaited<ReturnType<typeof build>>;
  beforeAll(async () => {
    joss_ = await build('joss', joss, true);
  }, 120_000);

  it('JOSS form: names with affiliation marks, the numbered list, ORCID, the corresponding author, the date, the subtitle', () => {
    const { html } = joss_;
    expect(textOf(html, 'p', 'subtitle')).toEqual(['A small library']);
    expect(textOf(html, 'p', 'authors')).toEqual(['Ann Author1,2*iD, Bob Builder2, Carl Third']);
    expect(textOf(html, 'ol', 'affiliations')).toEqual(['DFKI GmbH, Bremen, Germany University of Bremen']);
    expect(html).toContain('<a class="orcid" href="https://orcid.org/0000-0003-2824-7956" aria-label="ORCID iD of Ann Author: 0000-0003-2824-7956">iD</a>');
    expect(textOf(html, 'p', 'contact')).toEqual(['* Corresponding author: Ann Author, ann@example.org']);
    expect(html).toContain('<a href="mailto:ann@example.org">');
    expect(textOf(html, 'p', 'date')).toEqual(['29 January 2021']);
    expect(textOf(html, 'span', 'abstract-title')).toEqual(['Summary']);
    expect(html).toContain('<meta name="dcterms.date" content="2021-01-29">');
    // Its stylesheet comes with it: the list's numbers are drawn by CSS.
    expect(html).toContain('.affiliations li::before');
  });

  it('on the PDF: every author in the Author field, the title block on the first page', async () => {
    const info = await readInfo(joss_.pdf);
    expect(info.author).toBe('Ann Author, Bob Builder, Carl Third');
    const first = (await pageTexts(joss_.pdf))[0]!.replace(/\s+/g, ' ');
    for (const seen of ['A small library', 'Ann Author', 'Bob Builder', 'Carl Third', 'DFKI GmbH, Bremen, Germany', 'University of Bremen', 'Corresponding author: Ann Author, ann@example.org', '29 January 2021', 'SUMMARY']) {
      expect(first).toContain(seen);
    }
  });

  it("Quarto form, one affiliation each: under each name, as Pandoc's form shows it", async () => {
    const { html } = await build(
      'quarto',
      [
        '---',
        'title: T',
        'author:',
        '  - name: Roman Ludwig',
        '    orcid: 0000-0001-9434-328X',
        '    affiliations:',
        '      - name: University Hospital Zurich',
        '  - name: Jan Unkelbach',
        '    email: jan@example.org',
        '    affiliations: [{ ref: uzh }]',
        'affiliations:',
        '  - id: uzh',
        '    name: University of Zurich',
        '---',
        '',
        'Text.',
        '',
      ].join('\n'),
      false,
    );
    expect(textOf(html, 'p', 'author')).toEqual(['Roman LudwigiDUniversity Hospital Zurich', 'Jan UnkelbachUniversity of Zurichjan@example.org']);
  });

  it('a paper with only what the seed paper has (one author, affiliation, e-mail) gets no extra stylesheet', async () => {
    const { html } = await build('plain', '---\ntitle: T\nauthor:\n  - name: Ann\n    affiliation: Uni\n    email: ann@x.org\n---\n\nText.\n', false);
    expect(textOf(html, 'p', 'author')).toEqual(['AnnUniann@x.org']);
    expect(html).not.toContain('.affiliations');
  });
});

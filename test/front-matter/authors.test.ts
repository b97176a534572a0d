import { describe, expect, it } from 'vitest';
import { readFrontMatter } from '../../scripts/front-matter/read-front-matter.js';
import { createFragmentParser } from '../../scripts/markdown/fragments.js';
import { createMarkdownParser } from '../../scripts/pipeline/parse.js';
import { messages, parse } from '../helpers/parse.js';

function read(yaml: string) {
  const { tree, file } = parse(`---\ntitle: T\n${yaml}---\n\nText.\n`);
  const meta = readFrontMatter(tree, file, createFragmentParser(createMarkdownParser(), []));
  return { meta, messages: messages(file) };
}

/** Each author as a line: name, affiliation numbers, ORCID, e-mail, corresponding. */
function lines(meta: ReturnType<typeof read>['meta']): string[] {
  return meta.authors.map((author) =>
    [author.name, author.affiliations.join(','), author.orcid ?? '', author.email ?? '', author.corresponding ? 'corresponding' : ''].join(' | ').replace(/( \| )+$/, ''),
  );
}

describe('authors, in the three forms papers write them', () => {
  it("Pandoc's: text, a list of texts, records with an affiliation as text", () => {
    expect(lines(read('author: Ann\n').meta)).toEqual(['Ann']);
    expect(lines(read('author: [Ann, Bob]\n').meta)).toEqual(['Ann', 'Bob']);
    const { meta, messages: found } = read('author:\n  - name: Ann\n    affiliation: University of X\n    email: ann@x.org\n  - Bob\n');
    expect(found).toEqual([]);
    expect(lines(meta)).toEqual(['Ann | 1 |  | ann@x.org', 'Bob']);
    expect(meta.affiliations).toEqual(['University of X']);
  });

  it("JOSS's: `authors` with `affiliation: \"1, 2\"` pointing to `affiliations` by `index`, ORCID, corresponding author", () => {
    const { meta, messages: found } = read(
      [
        'authors:',
        '  - name: Ann Author',
        '    orcid: 0000-0003-2824-7956',
        '    affiliation: "1, 2"',
        '    corresponding: true',
        '    email: ann@x.org',
        '  - given-names: Bob',
        '    surname: Builder',
        '    orcid: https://orcid.org/0000-0002-1825-009x',
        '    affiliation: 2',
        'affiliations:',
        '  - name: DFKI GmbH, Bremen, Germany',
        '    index: 1',
        '  - name: University of Bremen',
        '    index: 2',
        'tags: [Python, regression]',
        '',
      ].join('\n'),
    );
    expect(found).toEqual([]);
    expect(lines(meta)).toEqual(['Ann Author | 1,2 | 0000-0003-2824-7956 | ann@x.org | corresponding', 'Bob Builder | 2 | 0000-0002-1825-009X']);
    expect(meta.affiliations).toEqual(['DFKI GmbH, Bremen, Germany', 'University of Bremen']);
    // JOSS's tags are the keywords (the PDF's and the HTML's metadata).
    expect(meta.keywords).toEqual(['Python', 'regression']);
  });

  it("Quarto's: `author` records with `affiliations` as text, records and `ref`s to the top-level list", () => {
    const { meta, messages: found } = read(
      [
        'author:',
        '  - name: Roman Ludwig',
        '    orcid: 0000-0001-9434-328X',
        '    email: roman@x.ch',
        '    corresponding: true',
        '    affiliations:',
        '      - ref: usz',
        '      - name: University of Zurich',
        '        city: Zurich',
        '  - name: { given: Jan, family: Unkelbach }',
        '    affiliations: [{ ref: usz }]',
        'affiliations:',
        '  - id: usz',
        '    name: University Hospital Zurich',
        '    department: Department of Radiation Oncology',
        '',
      ].join('\n'),
    );
    expect(found).toEqual([]);
    expect(lines(meta)).toEqual(['Roman Ludwig | 1,2 | 0000-0001-9434-328X | roman@x.ch | corresponding', 'Jan Unkelbach | 1']);
    expect(meta.affiliations).toEqual(['Department of Radiation Oncology, University Hospital Zurich', 'University of Zurich, Zurich']);
  });

  it("Quarto's affiliation defined with an `id` under one author and `ref`ed by another is one affiliation", () => {
    const { meta, messages: found } = read(
      'author:\n  - name: Ann\n    affiliations:\n      - id: eth\n        name: ETH Zurich\n  - name: Bob\n    affiliations:\n      - ref: eth\n',
    );
    expect(found).toEqual([]);
    expect(lines(meta)).toEqual(['Ann | 1', 'Bob | 1']);
    expect(meta.affiliations).toEqual(['ETH Zurich']);
  });

  it('says what is wrong with an author, at its place, and keeps the other fields', () => {
    expect(read('author:\n  - orcid: 0000-0003-2824-7956\n').messages).toEqual(['4:5-4:31 error An author needs a `name` frontmatter-schema']);
    expect(read('author:\n  - name: Bob\n    orcid: 1234-5678\n').messages).toEqual([
      '5:12-5:21 error Expected an ORCID iD such as `0000-0002-1825-0097`; found `1234-5678` frontmatter-schema',
    ]);
    const { meta, messages: found } = read('authors:\n  - name: Bob\n    corresponding: yes please\nlang: de\n');
    expect(found).toEqual(['5:20-5:30 error Expected `true` or `false`; found `yes please` frontmatter-schema']);
    expect(meta.authors).toEqual([]);
    expect(meta.lang).toBe('de');
  });
});

import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { bibtexToCsl, builtinStyle, createCitationEngine } from '../../scripts/bibliography/citeproc.js';
import { parseHtml, selectAll, textOf } from '../helpers/html-text.js';
import { runMain, withoutTimes } from '../helpers/run-cli.js';

/**
 * biblatex fields read as biber and Pandoc read them, seen where a reader sees them: in the
 * reference list an APA engine makes from the entry (through the adapter, as the render stage does).
 */
const apa = builtinStyle('apa') ?? '';

function references(bib: string): Record<string, string> {
  const items = bibtexToCsl(bib);
  const engine = createCitationEngine(items, apa, 'en-US');
  const list = engine.renderBibliography(items.map((item) => item.id));
  return Object.fromEntries(list.map((entry) => [entry.id, entry.html.replace(/<[^>]+>/g, '').replace(/&#38;/g, '&').replace(/\s+/g, ' ').trim()]));
}

describe('LaTeX citation-js cannot read, and list fields', () => {
  it('reads `\\enquote*{…}` (which made citation-js throw "expected lbrace") as the quoted text', () => {
    const list = references('@book{b, author = {Doe, Jane}, title = {On \\enquote*{series} and \\mkbibquote{words}}, publisher = {P}, date = {2000}, annotation = {Alphabetized under \\enquote*{E}}}');
    expect(list.b).toBe('Doe, J. (2000). On “series” and “words.” P.');
  });

  it('does not crash on `language = {langlatin and langgerman}`: the item language is `langid`’s', () => {
    const list = references('@book{c, author = {Cicero, Marcus Tullius}, title = {De natura deorum}, language = {langlatin and langgerman}, langid = {german}, publisher = {Reclam}, location = {Stuttgart}, date = {1995}}');
    expect(list.c).toBe('Cicero, M. T. (1995). De natura deorum. Reclam.');
    const without = references('@book{l, author = {Doe, Jane}, title = {Bilingual}, language = {latin and german}, publisher = {P}, date = {2000}}');
    expect(without.l).toBe('Doe, J. (2000). Bilingual. P.');
  });

  it('prints every publisher of `publisher = {A and B}`, joined as Pandoc joins them', () => {
    const list = references('@book{h, author = {Hammond, Christopher}, title = {The basics of crystallography and diffraction}, publisher = {International Union of Crystallography and Oxford University Press}, date = {1997}}');
    expect(list.h).toBe('Hammond, C. (1997). The basics of crystallography and diffraction. International Union of Crystallography; Oxford University Press.');
  });
});

describe('an entry citation-js cannot read', () => {
  const folder = mkdtempSync(join(tmpdir(), 'paper-bib-latex-'));
  afterAll(() => rmSync(folder, { recursive: true, force: true }));

  it('is a warning at its key in the .bib file, never an error of the style, and the entry is still listed', async () => {
    writeFileSync(join(folder, 'refs.bib'), '@book{ok, author = {Roe, R.}, title = {Fine}, publisher = {P}, date = {2001}}\n\n@book{bad, author = {Doe, J.}, title = {Broken \\emph}, publisher = {P}, date = {2000}}\n');
    writeFileSync(join(folder, 'paper.md'), '---\ntitle: T\nbibliography: refs.bib\n---\n\nSee @bad and @ok.\n');
    const run = await runMain(['build', 'paper.md', '--out', 'out', '--no-pdf', '--style', 'apa'], folder);
    expect(run.status).toBe(0);
    expect(withoutTimes(run.stdout + run.stderr)).toContain(
      'refs.bib:3:7-3:10  warning  Entry `bad` holds LaTeX that cannot be read (expected "lbrace", got EOF); it is listed with its LaTeX commands dropped  bib-latex-unreadable',
    );
    const html = parseHtml(readFileSync(join(folder, 'out/paper.html'), 'utf8'));
    expect(selectAll('#refs > .csl-entry', html).map((entry) => textOf(entry))).toEqual(['Doe, J. (2000). Broken emph. P.', 'Roe, R. (2001). Fine. P.']);
  });
});

describe('LaTeX in fields, printed as biber and Pandoc print it', () => {
  const cases: Array<[string, string]> = [
    ['The \\TeX book, \\LaTeX\\ and \\LaTeXe', 'The TeXbook, LaTeX and LaTeX2ε'],
    ['Methodology\\hyphen independent', 'Methodology-independent'],
    ['A \\mkbibquote{quoted} word', 'A “quoted” word'],
    ['\\textsc{Small} caps', 'Small caps'],
    ['Math $E = mc^2$ and $\\alpha$', 'Math E = mc2 and α'],
    ['\\"a \\\'e \\`e \\^o \\~n \\=a \\.z \\u{g} \\v{s} \\H{o} \\c{c} \\k{a} \\d{s} \\r{a} \\b{b} {\\i}', 'ä é è ô ñ ā ż ğ š ő ç ą ṣ å ḇ ı'],
    ['\\aa\\ \\AA\\ \\o\\ \\l\\ \\ss\\ \\ae\\ \\oe\\ \\S 3 \\dots', 'å Å ø ł ß æ œ §3 …'],
    ['Dashes -- and --- and ``quotes\'\' and \\enquote{enq} too', 'Dashes – and — and “quotes” and “enq” too'],
    ['One\\addcomma\\ two', 'One, two'],
  ];
  it.each(cases)('%s', (latex, printed) => {
    const list = references(`@book{k, author = {Doe, Jane}, title = {${latex}}, publisher = {P}, date = {2000}}`);
    expect(list.k).toBe(`Doe, J. (2000). ${printed}. P.`);
  });

  it('keeps `\\textsc` as small capitals and math as its characters and superscripts in the HTML', () => {
    const [caps, math] = bibtexToCsl('@book{k, title = {\\textsc{Small} caps}}\n@book{m, title = {$E = mc^2$, $x_1$}}');
    expect(caps?.title).toBe('<span style="font-variant:small-caps;">Small</span> caps');
    expect(math?.title).toBe('E = mc², x₁');
  });
});

describe('entry types and fields mapped as Pandoc maps them', () => {
  const bib = readFileSync(new URL('../fixtures/bibtex/types.bib', import.meta.url), 'utf8');
  const list = references(bib);
  it.each([
    ['phd', 'Geer, I. (1985). Earl, Saint, Bishop [PhD thesis]. Uppsala Universitet.'],
    ['ma', 'Loh, N. (1992). Zur Reaktion [Master’s thesis]. Universität Wien.'],
    ['tr', 'Padhye, J. (1999). A Stochastic Model (Technical Report 99–02). University of Massachusetts.'],
    ['pat', 'Sorace, R. (1997). Digital-to-RF Converter (U.S. patent 5668842).'],
    ['per', 'Doe, J. (Ed.). (2011). Semantic 3D Media. Computers and Graphics, 35(4).'],
    ['inb', 'Kant, I. (1908). Kritik der praktischen Vernunft. In Gesammelte Schriften (Vol. 5, pp. 1–163). Reimer.'],
    ['col', 'Gaonkar, D. (Ed.). (2001). Alternative Modernities. Duke University Press.'],
    ['arx', 'Baez, J. (2004). Higher-Dimensional Algebra. https://arxiv.org/abs/math/0307200v3'],
    ['orig', 'Kullback, S. (1997). Information Theory. Dover. (1959)'],
  ])('%s', (key, printed) => {
    expect(list[key]).toBe(printed);
  });
});

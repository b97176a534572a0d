/**
 * styles/paper.csl rendered by citation-js/citeproc-js against bibliography/references.bib: each
 * bibliography entry as text and as HTML, the order of the list, and in-text citations.
 * Expected strings are written out in full; styles/README.md explains where they differ from the
 * paper's printed REFERENCES CITED.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Cite, plugins } from '@citation-js/core';
import '@citation-js/plugin-bibtex';
import '@citation-js/plugin-csl';

const read = (path: string): string => readFileSync(new URL(`../../${path}`, import.meta.url), 'utf8');

interface CslItem {
  id: string;
  type: string;
  [field: string]: unknown;
}
interface CiteItem {
  id: string;
  locator?: string;
  label?: string;
}
interface CiteInstance {
  data: CslItem[];
  format(kind: string, options: Record<string, unknown>): unknown;
}
const CiteClass = Cite as unknown as new (data: unknown) => CiteInstance;

// citation-js 0.8 keeps its CSL styles in `styles` (older releases called it `templates`).
(plugins.config.get('@csl') as { styles: { add(name: string, xml: string): void } }).styles.add('paper', read('styles/paper.csl'));

/** As the pipeline's adapter does: biblatex `entrysubtype` (a CSL genre here) becomes the CSL type. */
function load(bibtex: string): CiteInstance {
  const items = new CiteClass(bibtex).data.map(({ _graph: _ignored, ...item }) => {
    if (item.type === 'article-journal' && (item.genre === 'newspaper' || item.genre === 'magazine')) {
      const { genre, ...rest } = item;
      return { ...rest, type: `article-${String(genre)}` };
    }
    return item;
  });
  return new CiteClass(items);
}

/** The bibliography as [id, entry] pairs in the style's order, HTML entries without their `<div>`. */
function bibliography(cite: CiteInstance, format: 'text' | 'html'): Array<[string, string]> {
  const entries = cite.format('bibliography', { template: 'paper', format, asEntryArray: true }) as Array<[string, string]>;
  return entries.map(([id, entry]) => {
    if (format === 'text') return [id, entry.trim()];
    const inner = /^\s*<div data-csl-entry-id="[^"]*" class="csl-entry">([\s\S]*)<\/div>\s*$/.exec(entry);
    return [id, inner?.[1] ?? entry];
  });
}

function citation(cite: CiteInstance, entry: Array<CiteItem | string>, options: Record<string, unknown> = {}): string {
  return cite.format('citation', { template: 'paper', entry, ...options }) as string;
}

/** The text form of an expected HTML entry: citeproc's text output has no markup and no escapes. */
const asText = (html: string): string => html.replace(/<\/?i>/g, '').replaceAll('&#38;', '&');

const paper = load(read('bibliography/references.bib'));

// In the style's order: family name first (CSL cannot sort on given names; see styles/README.md).
const expected: Array<[string, string]> = [
  ['aben2000', 'Erlan Aben, “Kazakhstan-Russian relations: factors ‘for’ and ‘against’”, <i>Central Asia and Caucasus</i>, 3 (2000): 21–25.'],
  ['aleksandrov1999', 'Mikhail Aleksandrov, <i>Uneasy alliance: relations between Russia and Kazakhstan in the post-Soviet era, 1992-1997</i> (Westport, Conn: Greenwood Press, 1999).'],
  ['anisimov2005', 'Oleg Anisimov, “Kazakhskaya Rus [Kazakh Russia]”, <i>Finans</i>, 36 (126), October 3–9, 2005, accessed December 11, 2010, http://www.finansmag.ru/20712.'],
  ['blank2007', 'Stephen Blank, “Can East Asia Dare to Tie Its Energy Security to Russia and Kazakhstan?”, <i>The Journal of East Asian Affairs</i>, 21 (2007): 93–137.'],
  ['bolukbasi1998', 'Suha Bolukbasi, “The Controversy over the Caspian Sea Mineral Resources: Conflicting Perceptions, Clashing Interests”, <i>Europe-Asia Studies</i>, 3 (1998): 397–414.'],
  ['buszynski2005', 'Buszynski, 2005.'],
  ['cohen2009', 'Ariel Cohen, <i>Russia and Eurasia: a realistic policy agenda for the Obama administration</i> (Washington, DC: The Heritage Foundation, 2009).'],
  ['cummings2001', 'Sally Cummings, “Happier bedfellows? Russia and Central Asia under Putin”, <i>Asian Affairs</i>, 2 (2001): 142–152.'],
  ['fpc1993', '“Foreign Policy Conception of the Russian Federation” [approved in 1993], <i>Diplomaticheskii vestnik</i>, 1/2 (1993).'],
  ['fpc2000', '“Foreign Policy Conception of the Russian Federation” [approved in 2000], accessed April 3, 2005, http://www.nationalsecurity.ru/library/00014/index.htm.'],
  ['kazembassy2009', 'Kazakhstan’s Embassy in the Russian Federation, <i>Kazakhstan-Russian relationships: 2008</i> (Moscow, Russia: VeGa, 2009).'],
  ['kokoshin2004', 'Andrei Kokoshin and Aleksei Bogaturov, “Perspectives of the theory of International relations’ developments in Russia in the conditions of transnationalism”, in <i>World Politics: theory, methodology, and analysis</i> (Moscow: Editoria URSS, 2004).'],
  ['kozyrev1992', 'Andrei Kozyrev, “New Russia in the New World”, <i>Izvestiya</i>, February 2, 1992.'],
  ['kurtov2010', 'Ajdar Kurtov, “Sensitive points of Russian and Central Asian mutual interests” (paper presented at the Round table “<i>The Central Asian states, Russia and China: in search of the new cooperation frameworks for the purposes of realization of the national interests and provision of the regional security within the SCO</i>”, Institute of Far East Studies of the Russian Academy of Sciences, Moscow, April 7, 2010).'],
  ['laumulin2009', 'Murat Laumulin, <i>Central Asia in the foreign political science and world geopolitics</i> (Almaty: KISI, 2009).'],
  ['libman2006', 'Aleksandr Libman and Boris Kheifets, “Ekonomicheskaya vlast i strategii rossiiskikh tsn na postsovetском prostranstve [Economic power and strategies of Russian TNC in the post-Soviet Union countries]”, <i>Obshchestvo i ekonomika</i>, 11 (2006): 152–165.'],
  ['manasheva2007', 'Gaukhar Manasheva, “Bzaimootnosheniya Respubliki Kazakhshtan and Rossiiskoi Federatsii na sovremennom etape [Contemporary relations between Russia and Kazakhstan]”, 2007, accessed December 1, 2010, http://www.portalus.ru/modules/history/rus_readme.php?subaction=showfull&#38;id=1179684927&#38;archive=&#38;start_from=&#38;ucat.'],
  ['mansurov1999', 'Tair Mansurov, <i>Kazhastansko-rossijskie otnosheniya: 1991-1999 god: sbornik dokumentov i materialov</i> (Astana: Posolstvo Respubliki Kazakhstan v Rossiiskoi Federatsii, 1999).'],
  ['mansurov2001', 'Tair Mansurov, <i>Kazhastansko-rossijskie otnosheniya v epokhu peremen: 1991-2001</i> (Moscow: Real-Press, 2001).'],
  ['nazarbayev2005', 'Nursultan Nazarbayev, “Address to the Nation”, 2005, accessed February 17, 2009, http://www.parlam.kz/ru/president-speech/4.'],
  ['olcott1992', 'Martha Olcott, “Central Asia’s Catapult to Independence”, <i>Foreign Affairs</i>, 71 (1992): 108–130.'],
  ['olcott2002', 'Martha Olcott, <i>Kazakhstan: unfulfilled promise</i> (Washington, D.C.: Carnegie Endowment for International Peace, 2002).'],
  ['yeltsin1995', 'Boris Yeltsin, “Decree of the President of the Russian Federation ‘On the Strategic Course of Russian Federation towards the CIS States’, No. 940 from September, 14 1995”, <i>Rossiyskaya gazeta</i>, September 15, 1995.'],
  ['zabortseva2010', 'Yelena Zabortseva, “Interview with the Minister-Counsellor of Kazakhstan to Russia M.K. Litvinov”, <i>Express-K</i>, 104, June 12, 2010.'],
  ['zvyagelskaya2004', 'Irina Zvyagelskaya, “Zachem Rossii nuzhna Tsentralnaya Azia [Why does Russia need Central Asia?]”, February 13, 2004, accessed November 25, 2009, http://www.centrasia.ru.'],
];

describe('styles/paper.csl: bibliography of references.bib', () => {
  const html = new Map(bibliography(paper, 'html'));
  const text = new Map(bibliography(paper, 'text'));

  it.each(expected)('%s as HTML', (id, entry) => {
    expect(html.get(id)).toBe(entry);
  });

  it.each(expected)('%s as text', (id, entry) => {
    expect(text.get(id)).toBe(asText(entry));
  });

  it('prints text without markup or escapes', () => {
    expect(text.get('olcott1992')).toBe('Martha Olcott, “Central Asia’s Catapult to Independence”, Foreign Affairs, 71 (1992): 108–130.');
    expect(text.get('manasheva2007')).toBe(
      'Gaukhar Manasheva, “Bzaimootnosheniya Respubliki Kazakhshtan and Rossiiskoi Federatsii na sovremennom etape [Contemporary relations between Russia and Kazakhstan]”, 2007, accessed December 1, 2010, http://www.portalus.ru/modules/history/rus_readme.php?subaction=showfull&id=1179684927&archive=&start_from=&ucat.',
    );
  });

  it('lists every entry once, sorted by family name (no author: title), then title, then date', () => {
    expect([...html.keys()]).toEqual(expected.map(([id]) => id));
    expect([...text.keys()]).toEqual(expected.map(([id]) => id));
  });
});

describe('styles/paper.csl: in-text citations of references.bib', () => {
  const cases: Array<[string, Array<CiteItem | string>, string]> = [
    ['page locator, bare', [{ id: 'olcott1992', locator: '111', label: 'page' }], '(Olcott 1992, 111)'],
    ['page range locator', [{ id: 'cummings2001', locator: '145-146', label: 'page' }], '(Cummings 2001, 145–146)'],
    ['group in the order cited', ['laumulin2009', 'cummings2001', 'buszynski2005'], '(Laumulin 2009; Cummings 2001; Buszynski 2005)'],
    ['no author: the title in quotes', ['fpc2000'], '(“Foreign Policy Conception of the Russian Federation” 2000)'],
    ['two authors', ['kokoshin2004'], '(Kokoshin and Bogaturov 2004)'],
    ['chapter locator with its label', [{ id: 'laumulin2009', locator: '1', label: 'chapter' }], '(Laumulin 2009, ch. 1)'],
    ['section locator with its label', [{ id: 'laumulin2009', locator: '2', label: 'section' }], '(Laumulin 2009, sec. 2)'],
    ['corporate author in full', [{ id: 'kazembassy2009', locator: '12', label: 'page' }], '(Kazakhstan’s Embassy in the Russian Federation 2009, 12)'],
    ['same author collapsed', ['olcott1992', 'olcott2002'], '(Olcott 1992, 2002)'],
    ['stub entry', ['buszynski2005'], '(Buszynski 2005)'],
  ];

  it.each(cases)('%s', (_name, entry, output) => {
    expect(citation(paper, entry)).toBe(output);
  });

  it('renders HTML citations with the same text', () => {
    expect(citation(paper, ['fpc2000'], { format: 'html' })).toBe('(“Foreign Policy Conception of the Russian Federation” 2000)');
  });
});

describe('styles/paper.csl: synthetic entries (disambiguation, et al., DOI, editors)', () => {
  const synthetic = load(read('test/fixtures/paper-csl/synthetic.bib'));

  it('adds year suffixes to two works by the same author in the same year', () => {
    expect(citation(synthetic, ['doe2000a', 'doe2000b'])).toBe('(Doe 2000a, 2000b)');
    // Each citation alone is disambiguated against the others the document makes.
    expect(citation(synthetic, ['doe2000b'], { citationsPre: [['doe2000a']] })).toBe('(Doe 2000b)');
    expect(citation(synthetic, ['doe2000a'], { citationsPost: [['doe2000b']] })).toBe('(Doe 2000a)');
  });

  it('adds the given name for two authors with the same family name and year', () => {
    expect(citation(synthetic, ['doe2000a', 'doe2000c'])).toBe('(Jane Doe 2000; John Doe 2000)');
  });

  it('shortens three or more authors to "et al."', () => {
    expect(citation(synthetic, ['smith2011'])).toBe('(Smith et al. 2011)');
  });

  it('prints the suffixes, all authors, DOIs and editors in the bibliography', () => {
    expect(bibliography(synthetic, 'html')).toEqual([
      ['doe2000a', 'Jane Doe, “First findings”, <i>Journal of Tests</i>, 4 (2000a): 1–10.'],
      ['doe2000b', 'Jane Doe, “Second findings”, <i>Journal of Tests</i>, 4 (2000b): 11–20.'],
      ['doe2000c', 'John Doe, <i>A book of tests</i> (London: Test Press, 2000).'],
      ['ray2001', 'Rita Ray, “A chapter in an edited book”, in <i>The Edited Book</i>, edited by Eva Editor and Ted Tor (Oxford: Test Press, 2001), 5–9.'],
      ['smith2011', 'Anna Smith, Boris Jones, and Clara Brown, “Three authors and a DOI”, <i>Journal of Tests</i>, 11 (2011): 101–109, https://doi.org/10.1000/test.2011.'],
    ]);
  });
});

/**
 * How the paper's printed REFERENCES CITED differs from the list the build renders, entry by entry,
 * each for a reason recorded in styles/README.md and bibliography/README.md. The test applies these
 * to the source and then expects the rendered list to match it exactly, so any other difference
 * (a lost field, a wrong order, a typo in the .bib) fails.
 */

/** The paper's typography is inconsistent throughout; the style prints one form. */
export const typography: Array<[RegExp, string]> = [
  [/[“”]/g, '"'],
  [/[‘’]/g, "'"],
  [/–/g, '-'],
  [/\*/g, ''],
  // "February, 2, 1992" and "April, 7, 2010": the style prints "February 2, 1992".
  [/\b(January|February|March|April|May|June|July|August|September|October|November|December), (\d{1,2}(?:-\d{1,2})?), (\d{4})/g, '$1 $2, $3'],
  // "3(2000)": the style always sets a space before the year.
  [/(\d)\((\d{4})\)/g, '$1 ($2)'],
  // "<http://…>": the style prints URLs bare (the HTML links them).
  [/<(https?:\/\/[^>]+)>/g, '$1'],
];

/** Errors or quirks of single entries of the printed list, by the key of the entry. */
export const errata: Record<string, Array<[string, string]>> = {
  kokoshin2004: [['transnationalism,"', 'transnationalism",']],
  kurtov2010: [['Kurtov "', 'Kurtov, "']],
  libman2006: [
    ['Libman, and', 'Libman and'],
    ['prostranstve"[Economic power and strategies of Russian TNC in the post-Soviet Union countries],', 'prostranstve [Economic power and strategies of Russian TNC in the post-Soviet Union countries]",'],
  ],
  yeltsin1995: [
    ["CIS States, No.", "CIS States', No."],
    ['1995 ",', '1995",'],
  ],
  aben2000: [
    ['factors "for" and "against",', 'factors \'for\' and \'against\'",'],
    ['Caucasus , 3', 'Caucasus, 3'],
  ],
  fpc1993: [
    ['"[approved', '" [approved'],
    ['vestnik 1/2', 'vestnik, 1/2'],
  ],
  manasheva2007: [
    ['etape" [Contemporary relations between Russia and Kazakhstan],', 'etape [Contemporary relations between Russia and Kazakhstan]",'],
    ['&ucat,.', '&ucat.'],
  ],
  zvyagelskaya2004: [
    ['Azia"["Why does Russia need Central Asia?],', 'Azia [Why does Russia need Central Asia?]",'],
    ['13 February, 2004', 'February 13, 2004'],
    ['25 November 2009', 'November 25, 2009'],
    ['[http:// www.centrasia.ru](http://www.centrasia.ru)', 'http://www.centrasia.ru'],
  ],
  kazembassy2009: [['2009), 12.', '2009).']],
  aleksandrov1999: [
    ['Aleksandrov. Uneasy', 'Aleksandrov, Uneasy'],
    ['1992-1997(Westport', '1992-1997 (Westport'],
  ],
  laumulin2009: [['(Almaty, KISI', '(Almaty: KISI']],
  nazarbayev2005: [['2005 Address to the Nation,', '"Address to the Nation", 2005,']],
  anisimov2005: [['"Kazakhskaya Rus" [Kazakh Russia], Finans, October 3-9, 2005, 36 (126),', '"Kazakhskaya Rus [Kazakh Russia]", Finans, 36 (126), October 3-9, 2005,']],
  zabortseva2010: [['10412 June, 2010', '104, June 12, 2010']],
};

export function asRendered(key: string, printed: string): string {
  let text = printed;
  for (const [pattern, replacement] of typography) text = text.replace(pattern, replacement);
  for (const [from, to] of errata[key] ?? []) {
    if (!text.includes(from)) throw new Error(`Erratum of ${key} not found in the printed entry: ${from}`);
    text = text.replace(from, to);
  }
  return text.replace(/\s+/g, ' ').trim();
}

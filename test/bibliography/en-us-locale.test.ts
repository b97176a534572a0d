import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { bibtexToCsl, builtinStyle, createCitationEngine } from '../../scripts/bibliography/citeproc.js';
import { enUsLocale } from '../../scripts/bibliography/en-us-locale.js';

/**
 * The en-US locale is the published file Pandoc 2.17 embeds, unchanged: its sha256 is the one of
 * the text in pandoc 2.17.1.1's binary (the `<?xml …` that holds `xml:lang="en-US"`, up to the NUL
 * after it). What it changes is seen in an APA reference list.
 */
describe('the en-US CSL locale', () => {
  it('is Pandoc 2.17’s, byte for byte', () => {
    expect(createHash('sha256').update(enUsLocale).digest('hex')).toBe('9f6289f371a0f51d36094a91f68bb1e1c62c947e34732ba56a4df151524d3069');
    expect(enUsLocale).toContain('<updated>2015-10-10T23:31:02+00:00</updated>');
  });

  it('prints what Pandoc prints: `Tran.` for one translator, no label before a number of volumes or a patent number, an original date alone', () => {
    const items = bibtexToCsl(
      [
        '@book{one, author = {Homer}, title = {Ilias}, translator = {Schadewaldt, Wolfgang}, date = {2004}, publisher = {Artemis}}',
        '@book{two, author = {Homer}, title = {Odyssee}, translator = {Voss, Johann and Hampe, Roland}, date = {2005}, publisher = {Reclam}}',
        '@mvbook{set, author = {Knuth, Donald}, title = {Computers and Typesetting}, volumes = {5}, date = {1986}, publisher = {Addison-Wesley}}',
        '@patent{pat, author = {Sorace, Ronald}, title = {Converter}, number = {5668842}, type = {patentus}, date = {1997}}',
        '@book{orig, author = {Kullback, Solomon}, title = {Information Theory}, origdate = {1959}, date = {1997}, publisher = {Dover}}',
      ].join('\n'),
    );
    const engine = createCitationEngine(items, builtinStyle('apa') ?? '', 'en-US');
    const list = Object.fromEntries(engine.renderBibliography(items.map((item) => item.id)).map((entry) => [entry.id, entry.html.replace(/<[^>]+>/g, '').replace(/&#38;/g, '&').trim()]));
    expect(list).toEqual({
      one: 'Homer. (2004). Ilias (W. Schadewaldt, Tran.). Artemis.',
      two: 'Homer. (2005). Odyssee (J. Voss & R. Hampe, Trans.). Reclam.',
      set: 'Knuth, D. (1986). Computers and Typesetting (1–5). Addison-Wesley.',
      pat: 'Sorace, R. (1997). Converter (U.S. patent 5668842).',
      orig: 'Kullback, S. (1997). Information Theory. Dover. (1959)',
    });
  });
});

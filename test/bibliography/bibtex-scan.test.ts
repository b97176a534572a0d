import { readFileSync } from 'node:fs';
import * as citationCore from '@citation-js/core';
import '@citation-js/plugin-bibtex';
import type { Position } from 'unist';
import { location } from 'vfile-location';
import { describe, expect, it } from 'vitest';
import { pointsOf, scanBibtex, type BibEntry, type BibScan } from '../../scripts/bibliography/bibtex-scan.js';

/** The part of citation-js this test uses; scripts/types/citation-js.d.ts declares only the adapter's part. */
interface CiteItem {
  id: string;
  title?: string;
  publisher?: string;
}
const { Cite } = citationCore as unknown as { Cite: new (data: string) => { data: CiteItem[] } };

const emptyPosition: Position = { start: { line: 0, column: 0 }, end: { line: 0, column: 0 } };
const validBib = readFileSync(new URL('../fixtures/bibtex/valid.bib', import.meta.url), 'utf8');

/** `line:column-line:column`, as vfile-reporter prints a range. */
function range(position: Position): string {
  return `${position.start.line}:${position.start.column}-${position.end.line}:${position.end.column}`;
}

function messages(scan: BibScan): string[] {
  return scan.problems.map((problem) => `${range(problem.position)}: ${problem.reason} [${problem.ruleId}]`);
}

function keys(scan: BibScan): string[] {
  return scan.entries.map((entry) => entry.key);
}

function fields(entry: BibEntry | undefined): string[] {
  return (entry?.fields ?? []).map((field) => `${field.name} ${range(field.position)} ${range(field.valuePosition)} ${field.value}`);
}

/** Deterministic bytes, so a failure on junk input can be reproduced. */
function junk(length: number, seed: number): string {
  const bytes = new Uint8Array(length);
  let state = seed;
  for (let index = 0; index < length; index++) {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    bytes[index] = state >>> 24;
  }
  return Buffer.from(bytes).toString('latin1');
}

describe('scanBibtex: valid input', () => {
  it('reads entries with every value form, @string, @preamble, @comment and both delimiters', () => {
    const scan = scanBibtex(validBib);
    expect(messages(scan)).toEqual([]);
    expect(keys(scan)).toEqual(['olcott1992', 'aleksandrov1999']);
    const [article, book] = scan.entries;
    expect([article?.type, range(article?.keyPosition ?? emptyPosition), range(article?.position ?? emptyPosition)]).toEqual([
      'article',
      '9:10-9:20',
      '9:1-18:2',
    ]);
    expect(fields(article)).toEqual([
      'author 10:3-10:30 10:14-10:30 Olcott, Martha',
      'title 11:3-11:61 11:14-11:61 Central Asia\'s {"}Catapult{"} to Independence',
      'journal 12:3-12:31 12:14-12:31 Foreign Affairs',
      'volume 13:3-13:16 13:14-13:16 71',
      'month 14:3-14:24 14:14-14:24 June~1',
      'year 15:3-15:18 15:14-15:18 1992',
      'pages 17:3-17:24 17:14-17:24 108--130',
    ]);
    expect([book?.type, range(book?.keyPosition ?? emptyPosition), range(book?.position ?? emptyPosition)]).toEqual([
      'book',
      '20:7-20:22',
      '20:1-27:2',
    ]);
    expect(fields(book)).toEqual([
      'author 21:3-21:37 21:15-21:37 Aleksandrov, Mikhail',
      'title 22:3-23:60 22:15-23:60 Uneasy alliance: relations between {Russia} and {Kazakhstan}',
      'publisher 24:3-24:24 24:15-24:24 Academic Press',
      'address 25:3-25:36 25:15-25:36 Westport, Conn',
      'year 26:3-26:21 26:15-26:21 1999',
    ]);
    expect(book?.source).toBe(
      '@Book(aleksandrov1999,\n  author    = {Aleksandrov, Mikhail},\n  title     = {Uneasy alliance:\n               relations between {Russia} and {Kazakhstan}},\n  publisher = pressname,\n  address   = "Westport, " # {Conn},\n  year      = {1999}\n)',
    );
    expect(book?.citeSource).toBe(book?.source);
    expect([...scan.strings]).toEqual([
      ['acad', 'Academic'],
      ['pressname', 'Academic Press'],
    ]);
    expect(scan.stringSources).toEqual(['@string{ acad = "Academic" }', '@STRING( pressname = acad # { Press} )']);
  });

  it('keeps offsets that slice the source exactly', () => {
    const scan = scanBibtex(validBib);
    for (const entry of scan.entries) {
      expect(validBib.slice(entry.position.start.offset, entry.position.end.offset)).toBe(entry.source);
      expect(validBib.slice(entry.keyPosition.start.offset, entry.keyPosition.end.offset)).toBe(entry.key);
    }
    const title = scan.entries[0]?.fields[1];
    expect(validBib.slice(title?.valuePosition.start.offset, title?.valuePosition.end.offset)).toBe(
      '"Central Asia\'s {"}Catapult{"} to Independence"',
    );
  });

  it('expands @string macros and month macros and joins `#` parts, collapsing whitespace', () => {
    const scan = scanBibtex(
      [
        '@string{venue = "Proc.  of the\n  Conference"}',
        '@string{Full = venue # { on } # "Asia"}',
        '@string{jun = "Juni"}',
        '@misc{m1, note = full # ", " # jan # "--" # dec # ", " # 2011 # ", " # jun, howpublished = {  spaced\t\n out  }}',
      ].join('\n'),
    );
    expect(messages(scan)).toEqual([]);
    expect([...scan.strings]).toEqual([
      ['venue', 'Proc. of the Conference'],
      ['full', 'Proc. of the Conference on Asia'],
      ['jun', 'Juni'],
    ]);
    expect(fields(scan.entries[0])).toEqual([
      'note 5:11-5:75 5:18-5:75 Proc. of the Conference on Asia, January--December, 2011, Juni',
      'howpublished 5:77-6:8 5:92-6:8 spaced out',
    ]);
  });

  it('reads parentheses as entry delimiters, with braces and parentheses inside values', () => {
    const scan = scanBibtex('@string(a = {x (y)})\n@book(k:1/x, title = {A (b) {c}} # a, note = ")")\n');
    expect(messages(scan)).toEqual([]);
    expect(keys(scan)).toEqual(['k:1/x']);
    expect(fields(scan.entries[0])).toEqual(['title 2:14-2:37 2:22-2:37 A (b) {c}x (y)', 'note 2:39-2:49 2:46-2:49 )']);
  });

  it('treats text between entries, `@comment` and `@preamble` as comments, and an inline `@` only before `type{`', () => {
    const text = [
      'Notes: write to me@example.org, or see @misc{inline, note = {here}} on this line.',
      '%@book{commented, title = {A percent sign does not hide an entry from BibTeX}}',
      '@comment{ @article{hidden, title = {Inside a balanced comment}} }',
      '@comment{',
      '  @article{shown, title = {A line-initial entry ends a comment, as in BibTeX}}',
      '}',
      '@comment This line is a comment too.',
      '@preamble( "\\def\\x{)}" # {\\y} )',
      '@article{a, % a comment inside an entry, as biber and citation-js allow',
      '  title = {A}}',
      '@comment{ an unclosed comment ends at the next line-initial @',
      '@book{b, title = {B}}',
    ].join('\n');
    const scan = scanBibtex(text);
    expect(messages(scan)).toEqual([]);
    expect(keys(scan)).toEqual(['inline', 'commented', 'shown', 'a', 'b']);
    expect(scan.stringSources).toEqual([]);
  });

  it('returns nothing for empty or entry-less input', () => {
    expect(scanBibtex('')).toEqual({ entries: [], strings: new Map(), stringSources: [], problems: [], brokenKeys: [] });
    expect(scanBibtex('just text\n% and a comment\n')).toEqual({ entries: [], strings: new Map(), stringSources: [], problems: [], brokenKeys: [] });
  });

  it('names the keys of entries dropped for a syntax error, when their key was read', () => {
    const scan = scanBibtex('@book{broken, title = {A\n@book{good, title = {B}}\n@book{, title = {C}}\n');
    expect(keys(scan)).toEqual(['good']);
    expect(scan.brokenKeys).toEqual(['broken']);
  });

  it('accepts an entry with a trailing comma and one with no fields after its key and comma', () => {
    const scan = scanBibtex('@book{a, title = {A},}\n@book{b,}');
    expect(messages(scan)).toEqual([]);
    expect(keys(scan)).toEqual(['a', 'b']);
    expect(scan.entries[1]?.fields).toEqual([]);
  });
});

describe('scanBibtex: positions', () => {
  it('skips a leading BOM in columns but keeps offsets of the text as given', () => {
    const scan = scanBibtex('\uFEFF@book{a, title = {A}}\n@book{b, title = {B}}');
    expect(messages(scan)).toEqual([]);
    expect(scan.entries.map((entry) => [entry.position.start, entry.keyPosition.start])).toEqual([
      [
        { line: 1, column: 1, offset: 1 },
        { line: 1, column: 7, offset: 7 },
      ],
      [
        { line: 2, column: 1, offset: 23 },
        { line: 2, column: 7, offset: 29 },
      ],
    ]);
    expect(scan.entries[0]?.source).toBe('@book{a, title = {A}}');
  });

  it('counts CRLF as one line end, keeps it in the source and in values collapsed to a space', () => {
    const text = '% comment\r\n@book{a,\r\n  title = {One\r\n    two},\r\n}\r\n@book{b, year = 2000}\r\n';
    const scan = scanBibtex(text);
    expect(messages(scan)).toEqual([]);
    expect(scan.entries.map((entry) => range(entry.position))).toEqual(['2:1-5:2', '6:1-6:22']);
    expect(fields(scan.entries[0])).toEqual(['title 3:3-4:9 3:11-4:9 One two']);
    expect(scan.entries[0]?.source).toBe('@book{a,\r\n  title = {One\r\n    two},\r\n}');
  });

  it('gives the same points as vfile-location for `\\n`, `\\r\\n` and `\\r` line ends', () => {
    const text = 'a\nbc\r\nd\re\r\r\nf\n';
    const pointAt = pointsOf(text);
    const place = location(text);
    const offsets = Array.from({ length: text.length + 1 }, (_, offset) => offset);
    // In order, backwards and jumping.
    for (const offset of [...offsets, ...offsets.reverse(), 3, 14, 0, 9, 2]) expect(pointAt(offset)).toEqual(place.toPoint(offset));
  });

  it('reports errors after CRLF lines at the right line and column', () => {
    const scan = scanBibtex('@book{a,\r\n  title = {A}\r\n  year = 2000}\r\n@book{b, year = 2001}');
    expect(messages(scan)).toEqual(['3:3-3:3: Expected `,` or `}` after the value of `title` in entry `a` [bib-syntax]']);
    expect(keys(scan)).toEqual(['b']);
  });
});

describe('scanBibtex: syntax errors', () => {
  const next = '\n@book{next, title = {Next}}\n';
  const cases: Array<[string, string, string]> = [
    ['no key before a field', '@book{title = {X}}', '1:7-1:7: Entry `@book` has no key'],
    ['empty key', '@book{,\n  title = {X}}', '1:7-1:7: Entry `@book` has no key'],
    ['no `,` after the key', '@book{a}', '1:8-1:8: Expected `,` after the key of entry `a`'],
    ['a character that ends no key', '@book{a(1), title = {X}}', '1:8-1:8: Expected `,` after the key of entry `a`'],
    ['no `=` after a field name', '@book{a,\n  title {X}}', '2:9-2:9: Expected `=` after the field name `title` in entry `a`'],
    ['no value', '@book{a, title = ,}', '1:18-1:18: Expected a value for `title` in entry `a`'],
    ['no value after `#`', '@book{a, title = {X} # }', '1:24-1:24: Expected a value for `title` in entry `a`'],
    ['no `,` between fields', '@book{a,\n  title = {X}\n  year = 2000}', '3:3-3:3: Expected `,` or `}` after the value of `title` in entry `a`'],
    ['a closing delimiter that does not match', '@book{a, title = {X})', '1:21-1:21: Expected `,` or `}` after the value of `title` in entry `a`'],
    ['text right after a number', '@book(a, year = 2000b)', '1:21-1:21: Expected `,` or `)` after the value of `year` in entry `a`'],
    ['no field name', '@book{a, , title = {X}}', '1:10-1:10: Expected a field name or `}` in entry `a`'],
    ['an undefined macro', '@book{a, journal = jacs # { Letters}}', '1:20-1:24: Undefined macro `jacs` in the value of `journal` in entry `a`'],
    ['a `}` outside braces in a quoted value', '@book{a, title = "X } Y"}', '1:21-1:21: Unbalanced `}` in the quoted value of `title` in entry `a`'],
    ['an unterminated quoted value', '@book{a,\n  title = "Unterminated,\n  year = 2000\n}', '4:1-4:1: Unbalanced `}` in the quoted value of `title` in entry `a`'],
    ['no entry type', '@ {a, title = {X}}', '1:3-1:3: Expected an entry type after `@`'],
    ['no opening delimiter', '@book a, title = {X}', '1:7-1:7: Expected `{` or `(` after `@book`'],
    ['a type read as `@string` by citation-js', '@strings{a = {X}}', '1:1-1:9: Entry type `@strings` is not supported; did you mean `@string`'],
    ['a @string without a name', '@string{= {X}}', '1:9-1:9: Expected a macro name in entry `@string`'],
    ['a @string without `=`', '@string{a {X}}', '1:11-1:11: Expected `=` after the macro name `a` in entry `@string`'],
    ['a @string with two definitions', '@string{a = {X}, b = {Y}}', '1:16-1:16: Expected `}` after the value of `a` in entry `@string`'],
    ['a @preamble with an undefined macro', '@preamble{ "X" # nodef }', '1:18-1:23: Undefined macro `nodef` in the value of entry `@preamble`'],
    ['an unterminated quoted value at the end', '@book{a,\n  title = "Unterminated,\n', '1:1-4:1: Entry `a` is not closed before the next entry; the value of `title` is still open'],
    ['an unbalanced brace in a value', '@book{a,\n  title = {A {B {C},\n}', '1:1-4:1: Entry `a` is not closed before the next entry; the value of `title` is still open'],
    ['a missing closing brace', '@book{a,\n  title = {A},\n  year = 2000\n', '1:1-5:1: Entry `a` is not closed before the next entry'],
    ['an unclosed @preamble', '@preamble{ "X" ', '1:1-2:1: Entry `@preamble` is not closed before the next entry'],
    ['an entry cut off after its type', '@book{', '1:1-2:1: Entry `@book` is not closed before the next entry'],
  ];

  for (const [name, text, message] of cases) {
    it(`reports ${name} and still reads the next entry`, () => {
      const scan = scanBibtex(text + next);
      expect(messages(scan)).toEqual([`${message} [bib-syntax]`]);
      expect(keys(scan)).toEqual(['next']);
    });
  }

  it('reports an entry cut off by the end of the file at its `@`', () => {
    expect(messages(scanBibtex('@book{ok, year = 1}\n\n@book{a,\n  title = {A'))).toEqual([
      '3:1-4:13: Entry `a` is not closed before the end of the file; the value of `title` is still open [bib-syntax]',
    ]);
    expect(messages(scanBibtex('@book{a, title = "A" #'))).toEqual(['1:1-1:23: Entry `a` is not closed before the end of the file [bib-syntax]']);
    expect(messages(scanBibtex('@book{a, title = {A}'))).toEqual(['1:1-1:21: Entry `a` is not closed before the end of the file [bib-syntax]']);
    expect(messages(scanBibtex('@'))).toEqual(['1:2-1:2: Expected an entry type after `@` [bib-syntax]']);
  });

  it('does not let unbalanced braces swallow the entries after them', () => {
    const text = [
      '@article{a,',
      '  title = {Unbalanced {brace},',
      '  year = 2000',
      '}',
      '',
      '@book{b,',
      '  title = {B {with} {{nested}} braces},',
      '}',
      '@book{c, title = {C {{}}',
      '@book{d, title = "D"}',
    ].join('\n');
    const scan = scanBibtex(text);
    expect(messages(scan)).toEqual([
      '1:1-6:1: Entry `a` is not closed before the next entry [bib-syntax]',
      '9:1-10:1: Entry `c` is not closed before the next entry; the value of `title` is still open [bib-syntax]',
    ]);
    expect(keys(scan)).toEqual(['b', 'd']);
  });

  it('resumes only at an `@` that starts a line, so an error drops the rest of its line', () => {
    const scan = scanBibtex('@book{a, title = {A}) @book{b, title = {B}}\n  @book{c, title = {C}}');
    expect(messages(scan)).toEqual(['1:21-1:21: Expected `,` or `}` after the value of `title` in entry `a` [bib-syntax]']);
    expect(keys(scan)).toEqual(['c']);
  });

  it('drops a @string with an error, so its uses are reported as undefined', () => {
    const scan = scanBibtex('@string{pub = {Press}\n@book{a, publisher = pub}');
    expect(messages(scan)).toEqual([
      '1:1-2:1: Entry `@string` is not closed before the next entry [bib-syntax]',
      '2:22-2:25: Undefined macro `pub` in the value of `publisher` in entry `a` [bib-syntax]',
    ]);
    expect(scan.strings).toEqual(new Map());
    expect(scan.stringSources).toEqual([]);
  });

  it('counts `\\{`, `\\}` and `\\\\` as text, not braces, as citation-js does', () => {
    const scan = scanBibtex('@book{a, title = {50\\% of \\{x\\} and \\{ alone}, note = "\\\\"}\n@book{b, title = {{A\\}}}\n@book{c, year = 1}');
    expect(messages(scan)).toEqual(['2:1-3:1: Entry `b` is not closed before the next entry [bib-syntax]']);
    expect(scan.entries[0]?.fields.map((field) => field.value)).toEqual(['50\\% of \\{x\\} and \\{ alone', '\\\\']);
    expect(keys(scan)).toEqual(['a', 'c']);
  });

  it('lets a `"` inside braces stay in a quoted value', () => {
    const scan = scanBibtex('@book{a, title = "Say {"}hi{"} and {\\"o}"}');
    expect(messages(scan)).toEqual([]);
    expect(scan.entries[0]?.fields[0]?.value).toBe('Say {"}hi{"} and {\\"o}');
  });
});

describe('scanBibtex: duplicates', () => {
  it('keeps the first of a field set twice, reports the second, and cuts it from `citeSource`', () => {
    const text = '@book{a,\n  title = {First},\n  TITLE = {Second},\n  year = 2000,\n  Year = 2001\n}\n@book{a, title = {Same key}}';
    const scan = scanBibtex(text);
    expect(messages(scan)).toEqual([
      '3:3-3:19: Field `title` is set twice in entry `a`; the first value is kept [bib-duplicate-field]',
      '5:3-5:14: Field `year` is set twice in entry `a`; the first value is kept [bib-duplicate-field]',
    ]);
    expect(fields(scan.entries[0])).toEqual(['title 2:3-2:18 2:11-2:18 First', 'year 4:3-4:14 4:10-4:14 2000']);
    expect(scan.entries[0]?.citeSource).toBe('@book{a,\n  title = {First},\n  \n  year = 2000,\n  \n}');
    expect(keys(scan)).toEqual(['a', 'a']);
  });
});

describe('scanBibtex: robustness', () => {
  it('does not throw on random bytes read as latin1', () => {
    for (const seed of [1, 2, 3]) {
      const text = junk(300_000, seed);
      const scan = scanBibtex(text);
      for (const entry of scan.entries) expect(text.slice(entry.position.start.offset, entry.position.end.offset)).toBe(entry.source);
      for (const problem of scan.problems) expect(problem.reason).toMatch(/^[A-Z].*\S$/);
    }
  });

  it('does not throw on junk made of BibTeX punctuation', () => {
    const text = junk(200_000, 7).replace(/[^]/g, (character) => '@{}()",=#%\\\n x'.charAt(character.charCodeAt(0) % 15));
    expect(() => scanBibtex(text)).not.toThrow();
  });

  it('reads 20,000 entries', () => {
    const text = Array.from({ length: 20_000 }, (_, index) => `@article{key${index},\n  title = {Title {${index}}},\n  year = ${1900 + (index % 100)},\n}\n`).join('\n');
    const scan = scanBibtex(text);
    expect(scan.problems).toEqual([]);
    expect(scan.entries.length).toBe(20_000);
    expect(scan.entries[19_999]?.key).toBe('key19999');
    expect(range(scan.entries[19_999]?.position ?? emptyPosition)).toBe('99996:1-99999:2');
  });

  it('counts 100,000 nested braces without recursion', () => {
    const depth = 100_000;
    const nested = scanBibtex(`@book{a, title = ${'{'.repeat(depth)}x${'}'.repeat(depth)}}`);
    expect(messages(nested)).toEqual([]);
    expect(nested.entries[0]?.fields[0]?.value.length).toBe(2 * depth - 1);
    const open = scanBibtex(`@book{a, title = ${'{'.repeat(depth)}`);
    expect(messages(open)).toEqual([
      `1:1-1:${depth + 18}: Entry \`a\` is not closed before the end of the file; the value of \`title\` is still open [bib-syntax]`,
    ]);
  });
});

describe('scanBibtex and citation-js', () => {
  it('gives citation-js the same entries through `stringSources` and the entry sources as the whole file', () => {
    const scan = scanBibtex(validBib);
    const whole = new Cite(validBib).data;
    const parts = new Cite([...scan.stringSources, ...scan.entries.map((entry) => entry.citeSource)].join('\n')).data;
    expect(keys(scan)).toEqual(['olcott1992', 'aleksandrov1999']);
    expect(parts.map((item) => item.id)).toEqual(keys(scan));
    expect(whole.map((item) => item.id)).toEqual(keys(scan));
    expect(parts.map((item) => [item.title, item.publisher])).toEqual(whole.map((item) => [item.title, item.publisher]));
  });

  it('gives citation-js the first of two values through `citeSource`', () => {
    const scan = scanBibtex('@book{a, title = {First}, title = {Second}}');
    expect(new Cite(scan.entries[0]?.citeSource ?? '').data.map((item) => item.title)).toEqual(['First']);
  });
});

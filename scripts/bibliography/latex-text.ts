/**
 * A biblatex field's LaTeX as the plain text biber and Pandoc print for it: accents as accented
 * letters (composed, NFC), special letters (`\ss`, `\o`, `\l`, …), logos (`\TeX`), `--` and `---`
 * as dashes, `~` as a no-break space, formatting commands (`\textsc{…}`, `\emph{…}`) as their
 * argument, braces dropped. For the fields the render stage reads itself (`maintitle`, list
 * fields); citation-js decodes the others. Pure, linear, never throws.
 */

const accents: Record<string, string> = {
  '"': '\u0308',
  "'": '\u0301',
  '`': '\u0300',
  '^': '\u0302',
  '~': '\u0303',
  '=': '\u0304',
  '.': '\u0307',
  u: '\u0306',
  v: '\u030C',
  H: '\u030B',
  c: '\u0327',
  k: '\u0328',
  d: '\u0323',
  b: '\u0331',
  r: '\u030A',
  t: '\u0361',
};

const symbols: Record<string, string> = {
  ss: 'ß',
  SS: 'SS',
  o: 'ø',
  O: 'Ø',
  l: 'ł',
  L: 'Ł',
  ae: 'æ',
  AE: 'Æ',
  oe: 'œ',
  OE: 'Œ',
  aa: 'å',
  AA: 'Å',
  i: 'ı',
  j: 'ȷ',
  dh: 'ð',
  DH: 'Ð',
  th: 'þ',
  TH: 'Þ',
  ng: 'ŋ',
  NG: 'Ŋ',
  dj: 'đ',
  DJ: 'Đ',
  TeX: 'TeX',
  LaTeX: 'LaTeX',
  LaTeXe: 'LaTeX2ε',
  BibTeX: 'BibTeX',
  MF: 'METAFONT',
  METAFONT: 'METAFONT',
  MP: 'METAPOST',
  hyphen: '-',
  textendash: '–',
  textemdash: '—',
  textellipsis: '…',
  dots: '…',
  ldots: '…',
  textquoteleft: '‘',
  textquoteright: '’',
  textquotedblleft: '“',
  textquotedblright: '”',
  guillemotleft: '«',
  guillemotright: '»',
  textsection: '§',
  S: '§',
  P: '¶',
  copyright: '©',
  textregistered: '®',
  texttrademark: '™',
  pounds: '£',
  euro: '€',
  textdegree: '°',
  space: ' ',
  addspace: ' ',
  addnbspace: '\u00A0',
  nobreakspace: '\u00A0',
  slash: '/',
  textbackslash: '\\',
};

/** Commands whose one argument is printed (their formatting dropped: plain text). */
const quoting: Record<string, [string, string]> = { enquote: ['“', '”'], mkbibquote: ['“', '”'] };

export function latexToText(value: string): string {
  let out = '';
  let index = 0;
  const text = value;
  while (index < text.length) {
    const char = text[index] ?? '';
    if (char === '\\') {
      const next = text[index + 1] ?? '';
      if (/[a-zA-Z]/.test(next)) {
        let end = index + 1;
        while (end < text.length && /[a-zA-Z]/.test(text[end] ?? '')) end++;
        const name = text.slice(index + 1, end);
        if (text[end] === '*') end++;
        // A command word eats the spaces after it.
        let after = end;
        while (text[after] === ' ') after++;
        if (accents[name] !== undefined && name.length === 1) {
          const [letter, rest] = accentArgument(text, after);
          out += `${letter}${accents[name]}`.normalize('NFC');
          index = rest;
          continue;
        }
        if (symbols[name] !== undefined) {
          out += symbols[name];
          index = text.startsWith('{}', after) ? after + 2 : after;
          continue;
        }
        const quote = quoting[name];
        if (quote && text[after] === '{') {
          const close = matchingBrace(text, after);
          out += `${quote[0]}${latexToText(text.slice(after + 1, close))}${quote[1]}`;
          index = close + 1;
          continue;
        }
        // Any other command: dropped, its arguments kept as text.
        index = after;
        continue;
      }
      if (accents[next] !== undefined) {
        const [letter, rest] = accentArgument(text, index + 2);
        out += `${letter}${accents[next]}`.normalize('NFC');
        index = rest;
        continue;
      }
      // `\&`, `\%`, `\$`, `\_`, `\#`, `\{`, `\}`, `\ `.
      out += next === ' ' ? ' ' : next;
      index += 2;
      continue;
    }
    if (char === '{' || char === '}') {
      index++;
      continue;
    }
    if (char === '~') {
      out += '\u00A0';
      index++;
      continue;
    }
    if (char === '-' && text.startsWith('---', index)) {
      out += '—';
      index += 3;
      continue;
    }
    if (char === '-' && text.startsWith('--', index)) {
      out += '–';
      index += 2;
      continue;
    }
    if (char === '`' && text[index + 1] === '`') {
      out += '“';
      index += 2;
      continue;
    }
    if (char === "'" && text[index + 1] === "'") {
      out += '”';
      index += 2;
      continue;
    }
    if (char === "'") {
      out += '’';
      index++;
      continue;
    }
    if (char === '`') {
      out += '‘';
      index++;
      continue;
    }
    out += char;
    index++;
  }
  return out.replace(/\s+/g, ' ').trim();
}

/** The letter an accent applies to: `{o}`, `o`, `{\i}`, `\i`; and where reading goes on. */
function accentArgument(text: string, at: number): [string, number] {
  let index = at;
  const braced = text[index] === '{';
  if (braced) index++;
  let letter = text[index] ?? '';
  if (letter === '\\') {
    const name = /^[a-zA-Z]+/.exec(text.slice(index + 1))?.[0] ?? '';
    letter = name === 'i' ? 'i' : name === 'j' ? 'j' : (symbols[name] ?? name);
    index += 1 + name.length;
  } else index++;
  if (braced) {
    while (index < text.length && text[index] === ' ') index++;
    if (text[index] === '}') index++;
  }
  return [letter, index];
}

function matchingBrace(text: string, open: number): number {
  let depth = 0;
  for (let index = open; index < text.length; index++) {
    if (text[index] === '\\') {
      index++;
      continue;
    }
    if (text[index] === '{') depth++;
    else if (text[index] === '}' && --depth === 0) return index;
  }
  return text.length;
}

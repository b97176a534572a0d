/**
 * Family names from a BibTeX name list, without citation-js (which `paper check` does not load):
 * names are split on a top-level ` and `; "Last, First" and "First von Last" forms are read as
 * BibTeX reads them; a name in braces (`{Kazakhstan's Embassy}`) is kept whole.
 */
export function familyNames(field: string): string[] {
  return splitTopLevel(field, /\s+and\s+/iy).map(familyName).filter((name) => name !== '');
}

function familyName(name: string): string {
  const trimmed = name.trim();
  if (trimmed.startsWith('{') && trimmed.endsWith('}') && balanced(trimmed.slice(1, -1))) return plain(trimmed.slice(1, -1));
  const parts = splitTopLevel(trimmed, /\s*,\s*/y);
  if (parts.length > 1) return plain(parts[0] ?? '');
  const words = splitTopLevel(trimmed, /\s+/y);
  // "First von Last": the family name starts at the first lower-case word (the particle) before the last.
  const particle = words.findIndex((word, index) => index < words.length - 1 && /^[a-z]/.test(plain(word)));
  return plain(words.slice(particle >= 0 ? particle : words.length - 1).join(' '));
}

/** Split at `separator` (a sticky regex) where it is not inside braces. */
function splitTopLevel(text: string, separator: RegExp): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let index = 0; index < text.length; index++) {
    const char = text[index];
    if (char === '{') depth++;
    else if (char === '}') depth = Math.max(0, depth - 1);
    else if (depth === 0) {
      separator.lastIndex = index;
      const match = separator.exec(text);
      if (match && match[0].length > 0) {
        parts.push(text.slice(start, index));
        start = index + match[0].length;
        index = start - 1;
      }
    }
  }
  parts.push(text.slice(start));
  return parts.map((part) => part.trim()).filter((part) => part !== '');
}

function balanced(text: string): boolean {
  let depth = 0;
  for (const char of text) {
    if (char === '{') depth++;
    else if (char === '}' && --depth < 0) return false;
  }
  return depth === 0;
}

const accents: Record<string, string> = { '"': '\u0308', "'": '\u0301', '`': '\u0300', '^': '\u0302', '~': '\u0303', '=': '\u0304', '.': '\u0307', u: '\u0306', v: '\u030C', H: '\u030B', c: '\u0327', k: '\u0328' };

/** A name without TeX: accent commands become accented letters, other commands and braces go. */
export function plain(text: string): string {
  return text
    .replace(/\\([\"'`^~=.uvHck])\s*\{?([A-Za-z])\}?/g, (_match, accent: string, letter: string) => `${letter}${accents[accent] ?? ''}`.normalize('NFC'))
    .replace(/\\[a-zA-Z]+\s*/g, '')
    .replace(/[{}]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * Character classes of the citation syntax, as Haskell and Pandoc define them: letters and
 * numbers (`isAlphaNum`), key characters (`regchar`), key punctuation, surrogates and Unicode spaces.
 */
import { asciiAlphanumeric } from 'micromark-util-character';
import { codes } from 'micromark-util-symbol';
import type { Code } from 'micromark-util-types';

/** Punctuation allowed inside a simple key when a key character (or, for `:` and `/`, a `/`) follows. */
export const keyPunctuation = new Set(Array.from(':.#$%&-+?<>~/', (character) => character.charCodeAt(0)));
const alphaNumeric = /^[\p{L}\p{N}]$/u;
const unicodeSpace = /^\s$/u;

/** Haskell's `isAlphaNum`: Unicode letters and numbers. */
export function isAlphaNumeric(point: number): boolean {
  if (point < 0x80) return asciiAlphanumeric(point);
  return alphaNumeric.test(String.fromCodePoint(point));
}

/** Pandoc's `regchar`: a letter, a number, or `_` (BMP only; astral characters go through `astralKeyChar`). */
export function isKeyChar(code: Code): boolean {
  if (code === null || code < 0) return false;
  if (code === codes.underscore) return true;
  if (code >= 0xd800 && code <= 0xdfff) return false;
  return isAlphaNumeric(code);
}

export function isHighSurrogate(code: Code): boolean {
  return code !== null && code >= 0xd800 && code <= 0xdbff;
}

export function isUnicodeSpace(code: Code): boolean {
  return code !== null && code > 0x7f && code < 0xd800 && unicodeSpace.test(String.fromCharCode(code));
}

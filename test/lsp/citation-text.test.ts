import { describe, expect, it } from 'vitest';
import { completionContext, keyAt } from '../../scripts/lsp/citation-text.js';
import { didYouMean } from '../../scripts/lsp/code-actions.js';

/** `|` marks the cursor. */
function split(marked: string): [string, number] {
  const offset = marked.indexOf('|');
  return [marked.slice(0, offset) + marked.slice(offset + 1), offset];
}

const key = (marked: string) => {
  const [text, offset] = split(marked);
  const found = keyAt(text, offset);
  return found ? `${found.key} ${text.slice(found.start, found.end)}` : undefined;
};

const context = (marked: string) => {
  const [text, offset] = split(marked);
  const found = completionContext(text, offset);
  return found ? `${found.kind} "${found.partial}" "${text.slice(found.start, found.end)}"` : undefined;
};

describe('the key under the cursor', () => {
  it('is read from `@` to the key\'s end, braces and internal punctuation as Pandoc reads them', () => {
    expect(key('As |@smith2000 argued')).toBe('smith2000 smith2000');
    expect(key('As @smith2000| argued')).toBe('smith2000 smith2000');
    expect(key('[see @jon|es1999, 12]')).toBe('jones1999 jones1999');
    expect(key('[-@tbl-peri|od].')).toBe('tbl-period tbl-period');
    expect(key('@{weird key|}')).toBeUndefined();
    expect(key('@{we|ird.key}')).toBe('weird.key weird.key');
    expect(key('ends @smith2000.| Next')).toBeUndefined();
    expect(key('mail ann@exam|ple.org')).toBeUndefined();
    expect(key('no key| here')).toBeUndefined();
  });
});

describe('what the cursor is writing', () => {
  it('is a key after `@` and `[@`, replaced whole', () => {
    expect(context('As @|')).toBe('key "" ""');
    expect(context('As [@smi|th2000]')).toBe('key "smi" "smith2000"');
    expect(context('[see @a; -@b|')).toBe('key "b" "b"');
    expect(context('ann@exa|')).toBeUndefined();
  });

  it('is a locator after a comma inside a citation, until a digit is written', () => {
    expect(context('[@smith2000, |')).toBe('locator "" ""');
    expect(context('[@smith2000, ch|')).toBe('locator "ch" "ch"');
    expect(context('[see @a, 12; @b, p|')).toBe('locator "p" "p"');
    expect(context('[@smith2000, p. 3|')).toBeUndefined();
    expect(context('[@smith2000]; later, |')).toBeUndefined();
    expect(context('Plain, |')).toBeUndefined();
  });
});

describe('did-you-mean candidates', () => {
  it('are read from a message as paper check writes them', () => {
    expect(didYouMean('Cannot find citation key `smyth`; did you mean `smith`')).toEqual(['smith']);
    expect(didYouMean('Cannot find citation key `ab`; did you mean `aa`, `ac` or `ad`; `x.json` has no entries')).toEqual(['aa', 'ac', 'ad']);
    expect(didYouMean('Cannot find citation key `zzz`')).toEqual([]);
  });
});

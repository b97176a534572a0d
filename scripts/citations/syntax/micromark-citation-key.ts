/**
 * Citation keys (`@doe:intro`, `-@doe`, `@{doe 2001}`): the `key` construct for attempts and
 * checks, the `factoryKey` states it runs, and the constructs for astral characters and
 * punctuation inside a key.
 */
import { markdownLineEndingOrSpace } from 'micromark-util-character';
import { codes } from 'micromark-util-symbol';
import type { Code, Construct, Effects, State, TokenizeContext } from 'micromark-util-types';
import type {} from './micromark-citation-tokens.js';
import { isAlphaNumeric, isHighSurrogate, isKeyChar, isUnicodeSpace, keyPunctuation } from './micromark-citation-characters.js';

/** Longest braced key, as micromark limits a link label. */
export const maxBracedKey = 999;

export const key: Construct = { tokenize: tokenizeKey, partial: true };
const astralKeyChar: Construct = { tokenize: tokenizeAstralKeyChar, partial: true };
const internalPunctuation: Construct = { tokenize: tokenizeInternalPunctuation, partial: true };

function tokenizeKey(this: TokenizeContext, effects: Effects, ok: State, nok: State): State {
  return factoryKey(effects, ok, nok);
}

/**
 * `-`? `@`, then a simple key or a braced one: Pandoc's `citeKey`. Called directly where a failed
 * key fails the caller anyway (no attempt to undo), and through `key` in attempts and checks.
 */
export function factoryKey(effects: Effects, ok: State, nok: State): State {
  let size = 0;
  let balance = 0;
  return start;

  function start(code: Code): State | undefined {
    effects.enter('citationKey');
    if (code !== codes.dash) return marker(code);
    effects.enter('citationKeySuppress');
    effects.consume(code);
    effects.exit('citationKeySuppress');
    return marker;
  }

  function marker(code: Code): State | undefined {
    if (code !== codes.atSign) return nok(code);
    effects.enter('citationKeyMarker');
    effects.consume(code);
    effects.exit('citationKeyMarker');
    return first;
  }

  function first(code: Code): State | undefined {
    if (code === codes.leftCurlyBrace) {
      brace(code);
      return bracedStart;
    }
    if (code === codes.asterisk || isKeyChar(code)) {
      effects.enter('citationKeyValue');
      effects.consume(code);
      return rest;
    }
    if (isHighSurrogate(code)) {
      effects.enter('citationKeyValue');
      return effects.attempt(astralKeyChar, rest, nok)(code);
    }
    return nok(code);
  }

  // Key characters, and punctuation when a key character (or, for `:` and `/`, a `/`) follows.
  function rest(code: Code): State | undefined {
    if (isKeyChar(code)) {
      effects.consume(code);
      return rest;
    }
    if (isHighSurrogate(code)) return effects.attempt(astralKeyChar, rest, end)(code);
    if (code !== null && keyPunctuation.has(code)) return effects.attempt(internalPunctuation, rest, end)(code);
    return end(code);
  }

  function end(code: Code): State | undefined {
    effects.exit('citationKeyValue');
    effects.exit('citationKey');
    return ok(code);
  }

  function bracedStart(code: Code): State | undefined {
    // `@{}` is a citation with an empty key, as in Pandoc.
    if (code === codes.rightCurlyBrace) return bracedEnd(code);
    effects.enter('citationKeyValue');
    return braced(code);
  }

  function braced(code: Code): State | undefined {
    if (code === codes.eof || markdownLineEndingOrSpace(code) || isUnicodeSpace(code) || ++size > maxBracedKey) return nok(code);
    if (code === codes.rightCurlyBrace && balance === 0) {
      effects.exit('citationKeyValue');
      return bracedEnd(code);
    }
    if (code === codes.leftCurlyBrace) balance++;
    if (code === codes.rightCurlyBrace) balance--;
    effects.consume(code);
    return braced;
  }

  function bracedEnd(code: Code): State | undefined {
    brace(code);
    effects.exit('citationKey');
    return ok;
  }

  function brace(code: Code): void {
    effects.enter('citationKeyBrace');
    effects.consume(code);
    effects.exit('citationKeyBrace');
  }
}

function tokenizeAstralKeyChar(this: TokenizeContext, effects: Effects, ok: State, nok: State): State {
  let high = 0;
  return start;

  function start(code: Code): State | undefined {
    if (!isHighSurrogate(code) || code === null) return nok(code);
    high = code;
    effects.consume(code);
    return low;
  }

  function low(code: Code): State | undefined {
    if (code === null || code < 0xdc00 || code > 0xdfff) return nok(code);
    if (!isAlphaNumeric((high - 0xd800) * 0x400 + code - 0xdc00 + 0x10000)) return nok(code);
    effects.consume(code);
    return ok;
  }
}

function tokenizeInternalPunctuation(this: TokenizeContext, effects: Effects, ok: State, nok: State): State {
  let punctuation: Code = null;
  return start;

  function start(code: Code): State | undefined {
    punctuation = code;
    effects.consume(code);
    return after;
  }

  function after(code: Code): State | undefined {
    if (isKeyChar(code)) return ok(code);
    if (code === codes.slash && (punctuation === codes.colon || punctuation === codes.slash)) return ok(code);
    if (isHighSurrogate(code)) return effects.check(astralKeyChar, ok, nok)(code);
    return nok(code);
  }
}

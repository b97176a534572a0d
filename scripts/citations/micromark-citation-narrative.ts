/**
 * Narrative citations: `@a`, `-@a`, and a key with a bracket after it (`@a [p. 3]`, `@a [see @b]`).
 * Pandoc's `notAfterString` keeps `name@example.org` an e-mail address.
 */
import { markdownLineEndingOrSpace } from 'micromark-util-character';
import { codes } from 'micromark-util-symbol';
import type { Code, Construct, Effects, State, TokenizeContext } from 'micromark-util-types';
import type {} from './micromark-citation-tokens.js';
import { factoryBlank } from './micromark-citation-blank.js';
import { barelocBracket, normalBracket } from './micromark-citation-bracket.js';
import { isAlphaNumeric, isHighSurrogate } from './micromark-citation-characters.js';
import { factoryKey } from './micromark-citation-key.js';

export const narrative: Construct = { name: 'citationNarrative', tokenize: tokenizeNarrative, previous: mayPrecedeKey };
const tail: Construct = { tokenize: tokenizeTail, partial: true };

/** `@a`, `-@a`, `@a [p. 3]`, `@a [see @b]`. */
function tokenizeNarrative(this: TokenizeContext, effects: Effects, ok: State, nok: State): State {
  const self = this;
  return start;

  function start(code: Code): State | undefined {
    if (afterString(self)) return nok(code);
    effects.enter('citation');
    return factoryKey(effects, afterKey, nok)(code);
  }

  function afterKey(code: Code): State | undefined {
    if (code !== codes.leftSquareBracket && !markdownLineEndingOrSpace(code)) return end(code);
    return effects.attempt(tail, end, end)(code);
  }

  function end(code: Code): State | undefined {
    effects.exit('citation');
    return ok(code);
  }
}

/** Pandoc tries a full bracketed citation first (`@a [see @b]`), then a suffix (`@a [p. 3; @b]`). */
function tokenizeTail(this: TokenizeContext, effects: Effects, ok: State, nok: State): State {
  return factoryBlank(effects, (code) =>
    code === codes.leftSquareBracket ? effects.attempt(normalBracket, ok, effects.attempt(barelocBracket, ok, nok))(code) : nok(code),
  );
}

/** `previous` of the narrative construct: a cheap filter, refined by `afterString`. */
function mayPrecedeKey(this: TokenizeContext, code: Code): boolean {
  if (code === null || code < 0 || isHighSurrogate(code) || (code >= 0xdc00 && code <= 0xdfff)) return true;
  return (code !== codes.dot && !isAlphaNumeric(code)) || !afterString(this);
}

/**
 * Pandoc's `notAfterString`: `@` directly after a word (letters, digits, `.`) is not a citation,
 * so `name@example.org` stays an e-mail address. An escaped `\.` is not part of a word, and
 * neither is a citation: `@a@b` is two citations.
 */
function afterString(context: TokenizeContext): boolean {
  const code = context.previous;
  if (code === null || code < 0) return false;
  const last = context.events[context.events.length - 1];
  if (last && last[0] === 'exit' && (last[1].type === 'characterEscape' || last[1].type === 'citation')) return false;
  if (code >= 0xdc00 && code <= 0xdfff) {
    const text = last && last[0] === 'exit' ? context.sliceSerialize(last[1]) : '';
    const point = text.codePointAt(text.length - 2);
    return point === undefined || point < 0x10000 || isAlphaNumeric(point);
  }
  return code === codes.dot || isAlphaNumeric(code);
}

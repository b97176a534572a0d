/**
 * Blanks between the parts of a citation: Pandoc's `spnl` (`factoryBlank`), and the checks that
 * decide whether a blank ends an affix (a key or the end of an item follows it), or a `]` ends a
 * prefix (a key follows it).
 */
import { markdownLineEnding, markdownSpace } from 'micromark-util-character';
import { codes } from 'micromark-util-symbol';
import type { Code, Construct, Effects, State, TokenizeContext } from 'micromark-util-types';
import type {} from './micromark-citation-tokens.js';
import { key } from './micromark-citation-key.js';

/** Blanks, then a key: the blank ends a prefix. */
export const blankThenKey: Construct = { tokenize: tokenizeBlankThenKey, partial: true };
/** Blanks, then `;` or `]`: the blank ends a suffix. */
export const blankThenClose: Construct = { tokenize: tokenizeBlankThenClose, partial: true };
/** `]`, then a key right away: the `]` ends a prefix (Pandoc's `prefix` stops at `]`). */
export const closeThenKey: Construct = { tokenize: tokenizeCloseThenKey, partial: true };

/** Pandoc's `spnl`: spaces, at most one line ending, spaces. */
export function factoryBlank(effects: Effects, ok: State): State {
  let eol = false;
  return start;

  function start(code: Code): State | undefined {
    if (markdownSpace(code)) {
      effects.enter('citationWhitespace');
      return space(code);
    }
    if (markdownLineEnding(code) && !eol) {
      eol = true;
      effects.enter('lineEnding');
      effects.consume(code);
      effects.exit('lineEnding');
      return start;
    }
    return ok(code);
  }

  function space(code: Code): State | undefined {
    if (markdownSpace(code)) {
      effects.consume(code);
      return space;
    }
    effects.exit('citationWhitespace');
    return start(code);
  }
}

function tokenizeBlankThenKey(this: TokenizeContext, effects: Effects, ok: State, nok: State): State {
  return factoryBlank(effects, (code) => effects.attempt(key, ok, nok)(code));
}

function tokenizeBlankThenClose(this: TokenizeContext, effects: Effects, ok: State, nok: State): State {
  return factoryBlank(effects, (code) => (code === codes.semicolon || code === codes.rightSquareBracket ? ok(code) : nok(code)));
}

function tokenizeCloseThenKey(this: TokenizeContext, effects: Effects, ok: State, nok: State): State {
  return (code) => {
    effects.enter('citationMarker');
    effects.consume(code);
    effects.exit('citationMarker');
    return effects.attempt(key, ok, nok);
  };
}

/**
 * Inlines that Pandoc reads as one inside a prefix or suffix: code spans, character references,
 * autolinks and HTML, TeX math, the key of a nested narrative citation, and balanced nested
 * brackets (with a `(...)` after them). Each is measured by a check (`measured*`), which records
 * where it ends in the memo; the bracket scan then consumes it.
 */
import { autolink, characterReference, htmlText } from 'micromark-core-commonmark';
import { asciiPunctuation } from 'micromark-util-character';
import { codes } from 'micromark-util-symbol';
import type { Code, Construct, Effects, State, TokenizeContext } from 'micromark-util-types';
import { key } from './micromark-citation-key.js';
import { mathSpan } from './micromark-citation-math.js';
import { memoFor } from './micromark-citation-memo.js';

/** Nesting limit for brackets and parentheses inside a citation (micromark's own limit for destinations). */
const maxDepth = 32;

const codeSpan: Construct = { tokenize: tokenizeCodeSpan, partial: true };
const markup: Construct[] = [autolink, htmlText];
export const measuredCodeSpan = measured(codeSpan);
export const measuredReference = measured(characterReference);
export const measuredMarkup = measured(markup);
export const measuredMath = measured(mathSpan);
export const measuredKey = measured(key);
export const measuredBrackets = measured({ tokenize: tokenizeNestedBrackets, partial: true });
export const measuredParens = measured({ tokenize: tokenizeNestedParens, partial: true });

/** A code span, measured only (consumed into the surrounding chunk). */
function tokenizeCodeSpan(this: TokenizeContext, effects: Effects, ok: State, nok: State): State {
  const memo = memoFor(this);
  const start = this.now().offset;
  let size = 0;
  let closing = 0;
  return opening;

  function opening(code: Code): State | undefined {
    if (code === codes.graveAccent) {
      size++;
      effects.consume(code);
      return opening;
    }
    const known = memo.noCloser.get(size);
    if (known !== undefined && known <= start) return nok(code);
    return inside(code);
  }

  function inside(code: Code): State | undefined {
    if (code === codes.eof) {
      memo.noCloser.set(size, Math.min(memo.noCloser.get(size) ?? start, start));
      return nok(code);
    }
    if (code === codes.graveAccent) {
      closing = 0;
      return sequence(code);
    }
    effects.consume(code);
    return inside;
  }

  function sequence(code: Code): State | undefined {
    if (code === codes.graveAccent) {
      closing++;
      effects.consume(code);
      return sequence;
    }
    return closing === size ? ok(code) : inside(code);
  }
}

/** Balanced `[...]` inside a prefix or suffix: Pandoc reads it as one inline (a link, a cite, or text). */
function tokenizeNestedBrackets(this: TokenizeContext, effects: Effects, ok: State, nok: State): State {
  return tokenizeGroup.call(this, effects, ok, nok, codes.leftSquareBracket, codes.rightSquareBracket);
}

/** Balanced `(...)` after a nested bracket: a link's destination and title. */
function tokenizeNestedParens(this: TokenizeContext, effects: Effects, ok: State, nok: State): State {
  return tokenizeGroup.call(this, effects, ok, nok, codes.leftParenthesis, codes.rightParenthesis);
}

function tokenizeGroup(this: TokenizeContext, effects: Effects, ok: State, nok: State, open: number, close: number): State {
  const self = this;
  const memo = memoFor(self);
  const start = self.now().offset * 2 + (open === codes.leftParenthesis ? 1 : 0);
  let depth = 0;
  return begin;

  function begin(code: Code): State | undefined {
    if (memo.unbalanced.has(start)) return nok(code);
    return inside(code);
  }

  function inside(code: Code): State | undefined {
    if (code === codes.eof || (code === open && ++depth > maxDepth)) {
      memo.unbalanced.add(start);
      return nok(code);
    }
    if (code === codes.graveAccent) return effects.attempt(codeSpan, inside, backticks)(code);
    if (code === codes.ampersand) return effects.attempt(characterReference, truncate(self.events.length), consume)(code);
    if (code === codes.lessThan) return effects.attempt(markup, truncate(self.events.length), consume)(code);
    effects.consume(code);
    if (code === close && --depth === 0) return ok;
    return code === codes.backslash ? escaped : inside;
  }

  function consume(code: Code): State | undefined {
    effects.consume(code);
    return inside;
  }

  function escaped(code: Code): State | undefined {
    return asciiPunctuation(code) ? consume(code) : inside(code);
  }

  function backticks(code: Code): State | undefined {
    if (code !== codes.graveAccent) return inside(code);
    effects.consume(code);
    return backticks;
  }

  function truncate(mark: number): State {
    return (code) => {
      self.events.length = mark;
      return inside(code);
    };
  }
}

/** A construct that records where `construct` ends (in the memo), for a check to measure it. */
function measured(construct: Construct | Construct[]): Construct {
  return {
    partial: true,
    tokenize(effects, ok, nok) {
      const self = this;
      return effects.attempt(
        construct,
        (code) => {
          memoFor(self).end = self.now();
          return ok(code);
        },
        nok,
      );
    },
  };
}

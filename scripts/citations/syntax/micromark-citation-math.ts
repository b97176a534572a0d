/**
 * Pandoc's TeX math (`tex_math_dollars`, on in Pandoc's Markdown): `$x$` and `$$x$$`. Math is not
 * part of our dialect, but Pandoc cites nothing inside it (`$@a$` is math), and inside a citation
 * bracket a math span is one inline (`[@a, $x; y$]` has one item).
 *
 * `$` opens inline math before anything but a blank; the first `$` closes it unless a blank comes
 * right before it or a digit right after it (`$5 and $6` is no math); `\` escapes a character.
 *
 * Math that holds an `@` becomes plain text (a `citationMath` token around `data`); other math is
 * left to the other constructs, its `$` remembered so that a closing `$` opens nothing.
 */
import { markdownLineEnding, markdownLineEndingOrSpace, markdownSpace } from 'micromark-util-character';
import { codes } from 'micromark-util-symbol';
import type { Code, Construct, Effects, State, TokenizeContext } from 'micromark-util-types';
import { isUnicodeSpace } from './micromark-citation-characters.js';
import { memoFor } from './micromark-citation-memo.js';

declare module 'micromark-util-types' {
  interface TokenTypeMap {
    citationMath: 'citationMath';
  }
}

/** The text construct: math that holds an `@` is plain text, no citation. */
export const mathWithKey: Construct = { name: 'citationMath', tokenize: tokenizeMathWithKey };
/** Any math span, consumed into the token open around it (for measuring). */
export const mathSpan: Construct = { tokenize: tokenizeMathSpan, partial: true };

function tokenizeMathWithKey(this: TokenizeContext, effects: Effects, ok: State, nok: State): State {
  const self = this;
  return (code) => {
    if (memoFor(self).inMath.has(self.now().offset)) return nok(code);
    effects.enter('citationMath');
    // A token may not run on past a line ending (micromark splits text into lines, without the
    // indentation of the next): the data is closed before one, and opened again at the next
    // character.
    let inData = false;
    let lineStart = false;
    const take = (next: Code) => {
      if (markdownLineEnding(next) || (lineStart && markdownSpace(next))) {
        if (inData) effects.exit('data');
        inData = false;
        // The indentation of a continuation line is not text, as in any paragraph.
        const type = markdownLineEnding(next) ? 'lineEnding' : 'linePrefix';
        effects.enter(type);
        effects.consume(next);
        effects.exit(type);
        lineStart = true;
        return;
      }
      lineStart = false;
      if (!inData) effects.enter('data');
      inData = true;
      effects.consume(next);
    };
    const done: State = (next) => {
      if (inData) effects.exit('data');
      effects.exit('citationMath');
      return ok(next);
    };
    return factoryMath(self, effects, done, nok, true, take)(code);
  };
}

function tokenizeMathSpan(this: TokenizeContext, effects: Effects, ok: State, nok: State): State {
  return factoryMath(this, effects, ok, nok, false);
}

/** `$...$` or `$$...$$`; with `needsKey`, only a span holding an `@` (the others are remembered). */
function factoryMath(context: TokenizeContext, effects: Effects, ok: State, nok: State, needsKey: boolean, consume?: (code: Code) => void): State {
  const dollars: number[] = [];
  const take = consume ?? ((code: Code) => effects.consume(code));
  let display = false;
  let hasKey = false;
  return start;

  function start(code: Code): State | undefined {
    if (code !== codes.dollarSign) return nok(code);
    take(code);
    return open;
  }

  function found(code: Code): State | undefined {
    if (!needsKey || hasKey) return ok(code);
    const memo = memoFor(context);
    for (const offset of dollars) memo.inMath.add(offset);
    return nok(code);
  }

  function dollar(code: Code): void {
    dollars.push(context.now().offset);
    take(code);
  }

  function open(code: Code): State | undefined {
    if (code === codes.dollarSign && !display) {
      display = true;
      dollar(code);
      return open;
    }
    if (code === codes.eof || (!display && (markdownLineEndingOrSpace(code) || isUnicodeSpace(code)))) return nok(code);
    return inside(code);
  }

  function inside(code: Code): State | undefined {
    if (code === codes.eof) return nok(code);
    if (code === codes.dollarSign) {
      dollar(code);
      return display ? displayEnd : close;
    }
    if (!display && (markdownSpace(code) || markdownLineEnding(code))) {
      take(code);
      return blank;
    }
    if (code === codes.atSign) hasKey = true;
    take(code);
    return code === codes.backslash ? escaped : inside;
  }

  function escaped(code: Code): State | undefined {
    if (code === codes.eof) return nok(code);
    if (code === codes.atSign) hasKey = true;
    take(code);
    return inside;
  }

  function blank(code: Code): State | undefined {
    if (code === codes.dollarSign) return nok(code);
    if (markdownSpace(code) || markdownLineEnding(code)) {
      take(code);
      return blank;
    }
    return inside(code);
  }

  function close(code: Code): State | undefined {
    if (code !== null && code >= codes.digit0 && code <= codes.digit9) return nok(code);
    return found(code);
  }

  function displayEnd(code: Code): State | undefined {
    if (code !== codes.dollarSign) return inside(code);
    dollar(code);
    return found;
  }
}

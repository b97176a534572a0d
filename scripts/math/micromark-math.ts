/**
 * Pandoc's TeX math with dollars (`tex_math_dollars`, Pandoc 2.17 `mathInlineWith` and
 * `mathDisplayWith`) as micromark text constructs. Hand-written because micromark-extension-math
 * reads `$` the way CommonMark reads backticks: `$ x $` and `$5 and $10` are math there, `$$x$$`
 * inside a paragraph is inline math, and display math is a fenced block. Pandoc's rules:
 *
 * - `$$…$$` is display math wherever it stands, ends at the first `$$` (no escapes inside), holds
 *   at least one character and may run over lines of its paragraph;
 * - `$…$`: a blank may not follow the opening `$` nor stand before the closing one (a `$` after a
 *   blank ends the attempt), a digit may not follow the closing `$` (`$5 and $10` is no math), `\`
 *   takes the next character with it, and `\text{…}` with balanced braces may hold a `$`;
 * - `\$` outside math is an ordinary escape (micromark's), so it never opens math.
 *
 * `\(…\)` and `\[…\]` are not read: Pandoc's `markdown` has `tex_math_single_backslash` off.
 *
 * Bounded work: `\text{` groups are what can make a failed attempt scan on to the end of its
 * paragraph again and again (`$\text{` written 8,000 times took 30 s). Every character an inline
 * attempt reads after entering a group draws on one budget per document; once it is spent,
 * `\text{…}` no longer hides a `$` in that document. Without groups, a failed attempt stops at the
 * next `$`, so reading stays linear.
 */
import { markdownLineEnding, markdownLineEndingOrSpace, markdownSpace, unicodeWhitespace } from 'micromark-util-character';
import { codes } from 'micromark-util-symbol';
import type { Code, Construct, Effects, Extension, State, TokenizeContext } from 'micromark-util-types';

declare module 'micromark-util-types' {
  interface TokenTypeMap {
    mathDisplay: 'mathDisplay';
    mathInline: 'mathInline';
    mathDollars: 'mathDollars';
    mathTex: 'mathTex';
  }
}

/** Characters inline attempts may read inside or after `\text{…}` groups, per document: far more than any paper's math. */
const groupBudget = 1_000_000;
const budgets = new WeakMap<object, { left: number }>();

const display: Construct = { name: 'mathDisplay', tokenize: tokenizeDisplay };
const inline: Construct = { name: 'mathInline', tokenize: tokenizeInline };

/** The micromark extension: display math is tried first at a `$`, as Pandoc does. */
export function mathSyntax(): Extension {
  return { text: { [codes.dollarSign]: [display, inline] } };
}

/**
 * The content of a math token, one `mathTex` chunk a line: micromark's text is split into lines,
 * so a line ending (and the indentation after it) is its own token, as in a code span.
 */
function contentWriter(effects: Effects) {
  let inTex = false;
  let lineStart = false;
  return {
    take(code: Code) {
      if (markdownLineEnding(code) || (lineStart && markdownSpace(code))) {
        if (inTex) effects.exit('mathTex');
        inTex = false;
        const type = markdownLineEnding(code) ? 'lineEnding' : 'linePrefix';
        effects.enter(type);
        effects.consume(code);
        effects.exit(type);
        lineStart = true;
        return;
      }
      lineStart = false;
      if (!inTex) effects.enter('mathTex');
      inTex = true;
      effects.consume(code);
    },
    end() {
      if (inTex) effects.exit('mathTex');
      inTex = false;
    },
  };
}

function dollars(effects: Effects, count: number, next: State, nok: State): State {
  let seen = 0;
  effects.enter('mathDollars');
  const more: State = (code) => {
    if (code !== codes.dollarSign) return nok(code);
    effects.consume(code);
    seen++;
    if (seen < count) return more;
    effects.exit('mathDollars');
    return next;
  };
  return more;
}

function tokenizeDisplay(this: TokenizeContext, effects: Effects, ok: State, nok: State): State {
  const content = contentWriter(effects);
  return (code) => {
    if (code !== codes.dollarSign) return nok(code);
    effects.enter('mathDisplay');
    return dollars(effects, 2, first, nok)(code);
  };

  // At least one character, whatever it is (Pandoc's `many1Till`): `$$$x$$` holds `$x`.
  function first(code: Code): State | undefined {
    if (code === codes.eof) return nok(code);
    content.take(code);
    return inside;
  }

  function inside(code: Code): State | undefined {
    if (code === codes.eof) return nok(code);
    if (code === codes.dollarSign) return effects.check(closing, close, more)(code);
    content.take(code);
    return inside;
  }

  function more(code: Code): State | undefined {
    content.take(code);
    return inside;
  }

  function close(code: Code): State | undefined {
    content.end();
    return dollars(effects, 2, (next) => {
      effects.exit('mathDisplay');
      return ok(next);
    }, nok)(code);
  }
}

/** Two dollars ahead. */
const closing: Construct = {
  partial: true,
  tokenize(effects, ok, nok) {
    return (code) => {
      if (code !== codes.dollarSign) return nok(code);
      effects.enter('mathDollars');
      effects.consume(code);
      return (next) => {
        if (next !== codes.dollarSign) return nok(next);
        effects.consume(next);
        effects.exit('mathDollars');
        return ok;
      };
    };
  },
};

function tokenizeInline(this: TokenizeContext, effects: Effects, ok: State, nok: State): State {
  const content = contentWriter(effects);
  const text = [codes.lowercaseT, codes.lowercaseE, codes.lowercaseX, codes.lowercaseT];
  let matched = 0;
  let braces = 0;
  let grouped = false;
  const budget = budgets.get(this.parser) ?? { left: groupBudget };
  budgets.set(this.parser, budget);
  return (code) => {
    if (code !== codes.dollarSign) return nok(code);
    effects.enter('mathInline');
    return dollars(effects, 1, open, nok)(code);
  };

  function open(code: Code): State | undefined {
    if (code === codes.eof || isBlank(code)) return nok(code);
    // At least one character before the closing `$` (Pandoc's `many1Till`): `$$x$` holds `$x`.
    if (code === codes.dollarSign) {
      content.take(code);
      return inside;
    }
    return inside(code);
  }

  function inside(code: Code): State | undefined {
    if (code === codes.eof) return nok(code);
    if (code === codes.dollarSign && braces === 0) {
      content.end();
      return dollars(effects, 1, after, nok)(code);
    }
    if (isBlank(code)) {
      content.take(code);
      return blank;
    }
    if (grouped && --budget.left < 0) braces = 0;
    else {
      if (braces > 0 && code === codes.leftCurlyBrace) braces++;
      if (braces > 0 && code === codes.rightCurlyBrace) braces--;
      if (braces === 0 && matched === text.length && code === codes.leftCurlyBrace && budget.left > 0) {
        braces = 1;
        grouped = true;
      }
    }
    matched = 0;
    content.take(code);
    return code === codes.backslash ? escaped : inside;
  }

  // `\` and the character after it; after `\text`, a `{` opens braces in which `$` is TeX.
  function escaped(code: Code): State | undefined {
    if (code === codes.eof) return nok(code);
    content.take(code);
    if (braces === 0 && code === text[0]) {
      matched = 1;
      return word;
    }
    return inside;
  }

  function word(code: Code): State | undefined {
    if (matched < text.length && code === text[matched]) {
      matched++;
      content.take(code);
      return word;
    }
    if (matched < text.length) matched = 0;
    return inside(code);
  }

  function blank(code: Code): State | undefined {
    if (code === codes.dollarSign && braces === 0) return nok(code);
    if (code !== codes.eof && isBlank(code)) {
      content.take(code);
      return blank;
    }
    return inside(code);
  }

  function after(code: Code): State | undefined {
    if (code !== null && code >= codes.digit0 && code <= codes.digit9) return nok(code);
    effects.exit('mathInline');
    return ok(code);
  }
}

function isBlank(code: Code): boolean {
  return markdownLineEndingOrSpace(code) || unicodeWhitespace(code);
}

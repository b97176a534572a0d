/**
 * A micromark syntax extension for Pandoc's citation syntax (pandoc 2.17, `Text.Pandoc.Readers.Markdown`):
 * bracketed `[see @a, p. 3; -@b]` and narrative `@a` with an optional bracket after it (`@a [p. 3]`,
 * `@a [p. 3; @b]`, `@a [see @b]`). A bare `-@a` is `-` and a narrative citation, as in Pandoc 2.17.
 *
 * Citations are tokenized as text constructs, so keys are never cut apart by other extensions
 * (`:intro` in `@doe:intro` is not a directive). Prefixes and suffixes are `chunkText` tokens of
 * content type `text`, parsed again like the label of a text directive: emphasis, code, links,
 * footnote calls and nested narrative citations work inside them.
 *
 * Pandoc's grammar is recursive descent with backtracking over inlines; here a bracket is scanned
 * forwards once, treating as atomic what Pandoc's inline parsers treat as one inline: code spans,
 * escapes, character references, autolinks and HTML, and balanced nested brackets (with a `(...)`
 * after them), and emphasis read as Pandoc reads it (`micromark-citation-emphasis.ts`). A failed
 * scan is remembered per position, so hostile input (thousands of `[`) stays linear.
 *
 * This module is the extension's entry point. The parts: `-tokens` (token types and their tree),
 * `-narrative`, `-bracket` (items of a bracket) and `-affix` (prefix and suffix content), `-key`,
 * `-atomic` (inlines read as one), `-math`, `-emphasis`, `-blank`, `-footnote-call`, `-word` (where `@`
 * starts no key), `-example` (example list labels), `-memo` (what failed scans remember) and
 * `-characters` (character classes), each `micromark-citation-*.ts`.
 */
import { markdownLineEndingOrSpace } from 'micromark-util-character';
import { codes } from 'micromark-util-symbol';
import type { Code, Construct, Effects, Extension, State, TokenizeContext } from 'micromark-util-types';
import type {} from './micromark-citation-tokens.js';
import { normalBracket } from './micromark-citation-bracket.js';
import { exampleMarker } from './micromark-citation-example.js';
import { mathWithKey } from './micromark-citation-math.js';
import { narrative } from './micromark-citation-narrative.js';

const bracketed: Construct = { name: 'citationBracketed', tokenize: tokenizeBracketed };
const superscriptEnd: Construct = { tokenize: tokenizeSuperscriptEnd, partial: true };

/** The micromark extension; `add: 'before'` keeps Pandoc's order (a citation before a link, before an e-mail). */
export function citationSyntax(): Extension {
  return {
    flow: {
      [codes.atSign]: { ...exampleMarker, add: 'before' },
      [codes.leftParenthesis]: { ...exampleMarker, add: 'before' },
    },
    text: {
      [codes.leftSquareBracket]: { ...bracketed, add: 'before' },
      [codes.atSign]: { ...narrative, add: 'before' },
      [codes.dollarSign]: { ...mathWithKey, add: 'before' },
    },
  };
}

/**
 * `[see @a, p. 3]`. Pandoc reads `^[...]` as an inline note when it is no superscript (`^[@a]^`):
 * its content is text, so `^[See @a.]` cites `a` narratively.
 */
function tokenizeBracketed(this: TokenizeContext, effects: Effects, ok: State, nok: State): State {
  const last = this.events.at(-1);
  const afterCaret = this.previous === codes.caret && !(last?.[0] === 'exit' && last[1].type === 'characterEscape');
  return start;

  function start(code: Code): State | undefined {
    effects.enter('citation');
    return effects.attempt(normalBracket, afterCaret ? superscript : end, nok)(code);
  }

  function superscript(code: Code): State | undefined {
    return effects.check(superscriptEnd, end, nok)(code);
  }

  function end(code: Code): State | undefined {
    effects.exit('citation');
    return ok(code);
  }
}

/** The rest of a superscript after a bracket: no blank before the closing `^`. */
function tokenizeSuperscriptEnd(this: TokenizeContext, effects: Effects, ok: State, nok: State): State {
  return start;

  function start(code: Code): State | undefined {
    effects.enter('citationMarker');
    return rest(code);
  }

  function rest(code: Code): State | undefined {
    if (code === codes.eof || markdownLineEndingOrSpace(code)) return nok(code);
    effects.consume(code);
    return code === codes.caret ? ok : rest;
  }
}

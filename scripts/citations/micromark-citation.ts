/**
 * A micromark syntax extension for Pandoc's citation syntax (pandoc 2.17, `Text.Pandoc.Readers.Markdown`):
 * bracketed `[see @a, p. 3; -@b]`, narrative `@a` with an optional bracket after it (`@a [p. 3]`,
 * `@a [p. 3; @b]`, `@a [see @b]`), and bare `-@a`.
 *
 * Citations are tokenized as text constructs, so keys are never cut apart by other extensions
 * (`:intro` in `@doe:intro` is not a directive). Prefixes and suffixes are `chunkText` tokens of
 * content type `text`, parsed again like the label of a text directive: emphasis, code, links,
 * footnote calls and nested narrative citations work inside them.
 *
 * Pandoc's grammar is recursive descent with backtracking over inlines; here a bracket is scanned
 * forwards once, treating as atomic what Pandoc's inline parsers treat as one inline: code spans,
 * escapes, character references, autolinks and HTML, and balanced nested brackets (with a `(...)`
 * after them). Emphasis delimiters are plain characters to the scanner. A failed scan is
 * remembered per position, so hostile input (thousands of `[`) stays linear.
 *
 * This module is the extension's entry point. The parts: `-tokens` (token types and their tree),
 * `-narrative`, `-bracket` (items of a bracket) and `-affix` (prefix and suffix content), `-key`,
 * `-atomic` (inlines read as one), `-blank`, `-footnote-call`, `-memo` (what failed scans
 * remember) and `-characters` (character classes), each `micromark-citation-*.ts`.
 */
import { codes } from 'micromark-util-symbol';
import type { Code, Construct, Effects, Extension, State, TokenizeContext } from 'micromark-util-types';
import type {} from './micromark-citation-tokens.js';
import { normalBracket } from './micromark-citation-bracket.js';
import { narrative } from './micromark-citation-narrative.js';

const bracketed: Construct = { name: 'citationBracketed', tokenize: tokenizeBracketed };

/** The micromark extension; `add: 'before'` keeps Pandoc's order (a citation before a link, before an e-mail). */
export function citationSyntax(): Extension {
  return {
    text: {
      [codes.leftSquareBracket]: { ...bracketed, add: 'before' },
      [codes.atSign]: { ...narrative, add: 'before' },
      [codes.dash]: { ...narrative, add: 'before' },
    },
  };
}

/** `[see @a, p. 3]`. */
function tokenizeBracketed(this: TokenizeContext, effects: Effects, ok: State, nok: State): State {
  return start;

  function start(code: Code): State | undefined {
    effects.enter('citation');
    return effects.attempt(normalBracket, end, nok)(code);
  }

  function end(code: Code): State | undefined {
    effects.exit('citation');
    return ok(code);
  }
}

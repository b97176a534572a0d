/**
 * Footnote calls next to a citation: `[^note]` right after `[` is a footnote call, not a
 * citation, and `[^note]` right after `]` may follow a citation (`[@a][^1]`).
 */
import { markdownLineEndingOrSpace } from 'micromark-util-character';
import { codes } from 'micromark-util-symbol';
import type { Code, Construct, Effects, State, TokenizeContext } from 'micromark-util-types';
import type {} from './micromark-citation-tokens.js';
import { maxBracedKey } from './micromark-citation-key.js';

export const footnoteCallStart: Construct = { tokenize: tokenizeFootnoteCallStart, partial: true };
export const noteLabel: Construct = { tokenize: tokenizeNoteLabel, partial: true };

/** `[^label]` after a citation: a footnote call may follow it directly. */
function tokenizeFootnoteCallStart(this: TokenizeContext, effects: Effects, ok: State, nok: State): State {
  return start;

  function start(code: Code): State | undefined {
    effects.enter('citationMarker');
    effects.consume(code);
    effects.exit('citationMarker');
    return effects.attempt(noteLabel, ok, nok);
  }
}

/** `^label]`, the label without blanks: the rest of a footnote call. */
function tokenizeNoteLabel(this: TokenizeContext, effects: Effects, ok: State, nok: State): State {
  let size = 0;
  return start;

  function start(code: Code): State | undefined {
    if (code !== codes.caret) return nok(code);
    effects.enter('citationMarker');
    effects.consume(code);
    return label;
  }

  function label(code: Code): State | undefined {
    if (code === codes.eof || markdownLineEndingOrSpace(code) || ++size > maxBracedKey) return nok(code);
    effects.consume(code);
    if (code === codes.rightSquareBracket && size > 1) {
      effects.exit('citationMarker');
      return ok;
    }
    return label;
  }
}

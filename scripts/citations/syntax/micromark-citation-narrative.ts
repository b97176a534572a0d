/**
 * Narrative citations: `@a`, and a key with a bracket after it (`@a [p. 3]`, `@a [see @b]`).
 * A bare `-@a` is `-` and a narrative citation, as in Pandoc 2.17: only a bracket suppresses the
 * author. Pandoc's `notAfterString` (`micromark-citation-word.ts`) keeps `name@example.org` an
 * e-mail address, and an example list label is no citation (`micromark-citation-example.ts`).
 */
import { markdownLineEndingOrSpace } from 'micromark-util-character';
import { codes } from 'micromark-util-symbol';
import type { Code, Construct, Effects, State, TokenizeContext } from 'micromark-util-types';
import type {} from './micromark-citation-tokens.js';
import { factoryBlank } from './micromark-citation-blank.js';
import { barelocBracket, normalBracket } from './micromark-citation-bracket.js';
import { exampleBefore } from './micromark-citation-example.js';
import { factoryKey } from './micromark-citation-key.js';
import { endsWord } from './micromark-citation-word.js';

// No `previous` filter: every `@` ends the data before it, so `endsWord` looks back over little text.
export const narrative: Construct = { name: 'citationNarrative', tokenize: tokenizeNarrative };
const tail: Construct = { tokenize: tokenizeTail, partial: true };

/** `@a`, `@a [p. 3]`, `@a [see @b]`. */
function tokenizeNarrative(this: TokenizeContext, effects: Effects, ok: State, nok: State): State {
  const self = this;
  let offset = 0;
  return start;

  function start(code: Code): State | undefined {
    if (endsWord(self)) return nok(code);
    offset = self.now().offset;
    effects.enter('citation');
    return factoryKey(effects, afterKey, nok)(code);
  }

  // An example label is cited only with a bracket, and only before its example.
  function afterKey(code: Code): State | undefined {
    const example = exampleBefore(self, lastKey(self), offset);
    if (example === 'earlier') return nok(code);
    const bare = example ? nok : end;
    if (code !== codes.leftSquareBracket && !markdownLineEndingOrSpace(code)) return bare(code);
    return effects.attempt(tail, end, bare)(code);
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

/** The key just read (empty for `@{}`). */
function lastKey(context: TokenizeContext): string {
  for (let index = context.events.length - 1; index >= 0; index--) {
    const [kind, token] = context.events[index] ?? [];
    if (token?.type === 'citationKey' && kind === 'enter') return '';
    if (token?.type === 'citationKeyValue' && kind === 'exit') return context.sliceSerialize(token);
  }
  return '';
}

/**
 * Pandoc's example lists (extension `example_lists`, on in Pandoc's Markdown): a block that starts
 * with `@label.`, `@label)` or `(@label)` and a blank is an example list item, and a narrative
 * `@label` without a bracket anywhere in the document prints the example's number instead of citing.
 * Our dialect has no example lists, so the marker stays text; what we match is what Pandoc does not
 * cite. A narrative `@label [p. 3]` before the marker is still a citation; after it, none.
 *
 * The markers are found by a flow construct that never succeeds: micromark tokenizes all flow
 * before any text, so every label is known when the first citation is read.
 */
import { asciiAlphanumeric, markdownLineEnding, markdownSpace } from 'micromark-util-character';
import { codes } from 'micromark-util-symbol';
import type { Code, Construct, Effects, ParseContext, State, TokenizeContext } from 'micromark-util-types';
import { isAlphaNumeric, isHighSurrogate } from './micromark-citation-characters.js';

declare module 'micromark-util-types' {
  interface TokenTypeMap {
    citationExampleMarker: 'citationExampleMarker';
  }
}

/** The flow construct that records example list markers; it never succeeds. */
export const exampleMarker: Construct = { name: 'citationExampleMarker', tokenize: tokenizeExampleMarker };

/** Per parse: each example label and the offset of its first marker. */
const examples = new WeakMap<ParseContext, Map<string, number>>();

/**
 * How an example list decides a narrative citation of `key` at `offset`: `earlier` when the
 * marker comes before it (no citation at all), `later` (a citation only with a bracket after the
 * key), or undefined when `key` labels no example.
 */
export function exampleBefore(context: TokenizeContext, key: string, offset: number): 'earlier' | 'later' | undefined {
  const first = examples.get(context.parser)?.get(key);
  if (first === undefined) return undefined;
  return first < offset ? 'earlier' : 'later';
}

function tokenizeExampleMarker(this: TokenizeContext, effects: Effects, _ok: State, nok: State): State {
  const self = this;
  let parenthesized = false;
  let label = '';
  let offset = 0;
  // The last character is a letter or digit (or there is none yet): `_` or `-` may follow.
  let joined = true;
  return start;

  function start(code: Code): State | undefined {
    // A line inside a paragraph is tried too, to see whether it interrupts: it never does.
    if (self.interrupt) return nok(code);
    effects.enter('citationExampleMarker');
    if (code !== codes.leftParenthesis) return at(code);
    parenthesized = true;
    effects.consume(code);
    return at;
  }

  function at(code: Code): State | undefined {
    if (code !== codes.atSign) return nok(code);
    offset = self.now().offset;
    effects.consume(code);
    return inLabel;
  }

  // Pandoc's `exampleNum`: letters and digits, with `_` or `-` only between them.
  function inLabel(code: Code): State | undefined {
    if (code !== null && (code < 0x80 ? asciiAlphanumeric(code) : !isHighSurrogate(code) && isAlphaNumeric(code))) {
      label += String.fromCharCode(code);
      joined = true;
      effects.consume(code);
      return inLabel;
    }
    if (joined && (code === codes.underscore || code === codes.dash)) {
      label += String.fromCharCode(code);
      joined = false;
      effects.consume(code);
      return inLabel;
    }
    if (!joined) return nok(code);
    if (code === codes.rightParenthesis || (code === codes.dot && !parenthesized)) {
      effects.consume(code);
      return delimited;
    }
    return nok(code);
  }

  function delimited(code: Code): State | undefined {
    if (code === codes.eof || markdownSpace(code) || markdownLineEnding(code)) {
      if (label) record(self.parser, label, offset);
    }
    return nok(code);
  }
}

function record(parser: ParseContext, label: string, offset: number): void {
  let labels = examples.get(parser);
  if (!labels) examples.set(parser, (labels = new Map()));
  if (!labels.has(label)) labels.set(label, offset);
}

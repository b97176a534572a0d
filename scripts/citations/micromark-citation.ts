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
 * Token tree: `citation` > (`citationKey` | `citationBracket`); `citationBracket` > `citationMarker`,
 * `citationPrefix`, `citationKey`, `citationSuffix`, `citationSeparator`, whitespace;
 * `citationKey` > `citationKeySuppress`? `citationKeyMarker` `citationKeyBrace`? `citationKeyValue`?.
 */
import { autolink, characterReference, htmlText } from 'micromark-core-commonmark';
import {
  asciiAlphanumeric,
  asciiPunctuation,
  markdownLineEnding,
  markdownLineEndingOrSpace,
  markdownSpace,
} from 'micromark-util-character';
import { normalizeIdentifier } from 'micromark-util-normalize-identifier';
import { codes } from 'micromark-util-symbol';
import type { Code, Construct, Effects, Extension, Point, State, Token, TokenizeContext } from 'micromark-util-types';

declare module 'micromark-util-types' {
  interface TokenTypeMap {
    citation: 'citation';
    citationBracket: 'citationBracket';
    citationMarker: 'citationMarker';
    citationSeparator: 'citationSeparator';
    citationWhitespace: 'citationWhitespace';
    citationPrefix: 'citationPrefix';
    citationSuffix: 'citationSuffix';
    citationSuffixSpace: 'citationSuffixSpace';
    citationKey: 'citationKey';
    citationKeySuppress: 'citationKeySuppress';
    citationKeyMarker: 'citationKeyMarker';
    citationKeyBrace: 'citationKeyBrace';
    citationKeyValue: 'citationKeyValue';
  }
}

/** Nesting limit for brackets and parentheses inside a citation (micromark's own limit for destinations). */
const maxDepth = 32;
/** Longest braced key, as micromark limits a link label. */
const maxBracedKey = 999;

/**
 * States of a bracket scan that are remembered when the scan fails: whoever reaches the same
 * state at the same offset fails too. A literal `[` in a prefix of a normal bracket is the same
 * state as a bracket starting there, so 100,000 `[` are scanned once.
 */
const frameNormal = 0;
const frameBareloc = 1;
const prefixBareloc = 2;
const suffixStartNormal = 3;
const suffixStartBareloc = 4;
const suffixMidNormal = 5;
const suffixMidBareloc = 6;

interface Memo {
  /** `offset * 8 + kind` of scan states known to end in failure. */
  readonly failed: Set<number>;
  /** Offsets of `[` or `(` that open no balanced group. */
  readonly unbalanced: Set<number>;
  /** Per backtick-run size, the offset after which no run of that size closes a code span. */
  readonly noCloser: Map<number, number>;
  /** Where the last measured construct ended. */
  end?: Point | undefined;
}

const memos = new WeakMap<TokenizeContext, Memo>();

type Kind = 'normal' | 'bareloc';

const key: Construct = { tokenize: tokenizeKey, partial: true };
const astralKeyChar: Construct = { tokenize: tokenizeAstralKeyChar, partial: true };
const internalPunctuation: Construct = { tokenize: tokenizeInternalPunctuation, partial: true };
const normalBracket: Construct = { tokenize: tokenizeNormalBracket, partial: true };
const barelocBracket: Construct = { tokenize: tokenizeBarelocBracket, partial: true };
const tail: Construct = { tokenize: tokenizeTail, partial: true };
const blankThenKey: Construct = { tokenize: tokenizeBlankThenKey, partial: true };
const blankThenClose: Construct = { tokenize: tokenizeBlankThenClose, partial: true };
const footnoteCallStart: Construct = { tokenize: tokenizeFootnoteCallStart, partial: true };
const noteLabel: Construct = { tokenize: tokenizeNoteLabel, partial: true };
const codeSpan: Construct = { tokenize: tokenizeCodeSpan, partial: true };
const markup: Construct[] = [autolink, htmlText];
const measuredCodeSpan = measured(codeSpan);
const measuredReference = measured(characterReference);
const measuredMarkup = measured(markup);
const measuredBrackets = measured({ tokenize: tokenizeNestedBrackets, partial: true });
const measuredParens = measured({ tokenize: tokenizeNestedParens, partial: true });

const bracketed: Construct = { name: 'citationBracketed', tokenize: tokenizeBracketed };
const narrative: Construct = { name: 'citationNarrative', tokenize: tokenizeNarrative, previous: mayPrecedeKey };

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

function tokenizeNormalBracket(this: TokenizeContext, effects: Effects, ok: State, nok: State): State {
  return tokenizeBracket.call(this, effects, ok, nok, 'normal');
}

function tokenizeBarelocBracket(this: TokenizeContext, effects: Effects, ok: State, nok: State): State {
  return tokenizeBracket.call(this, effects, ok, nok, 'bareloc');
}

/**
 * One `[...]`. A `normal` bracket is Pandoc's `normalCite` (items of prefix, key, suffix); a
 * `bareloc` one is the bracket after a narrative key, which starts with that key's suffix.
 */
function tokenizeBracket(this: TokenizeContext, effects: Effects, ok: State, nok: State, kind: Kind): State {
  const self = this;
  const memo = memoFor(self);
  const visited: number[] = [];
  let afterStr = false;
  let high: number | undefined;
  let inSuffix = false;
  let affix: 'citationPrefix' | 'citationSuffix' | undefined;
  let chunk: Token | undefined;
  let lastChunk: Token | undefined;
  let eol = false;
  let openEnd: Point | undefined;
  let closeStart: Point | undefined;

  return start;

  function start(code: Code): State | undefined {
    if (visit(kind === 'normal' ? frameNormal : frameBareloc)) return fail(code);
    effects.enter('citationBracket');
    effects.enter('citationMarker');
    effects.consume(code);
    effects.exit('citationMarker');
    return afterOpen;
  }

  // `[^note]` is a footnote call (Pandoc's `noteMarker`: no blank in the label); `[^1 @a]` is a
  // citation with prefix `^1`. Refusing depends on nothing after the call, so it is not memoized.
  function afterOpen(code: Code): State | undefined {
    if (code === codes.caret) return effects.check(noteLabel, nok, opened)(code);
    return opened(code);
  }

  function opened(code: Code): State | undefined {
    openEnd = self.now();
    if (kind === 'normal') return factoryBlank(effects, itemStart)(code);
    inSuffix = true;
    return suffixStart(code);
  }

  function itemStart(code: Code): State | undefined {
    inSuffix = false;
    afterStr = false;
    return prefix(code);
  }

  function prefix(code: Code): State | undefined {
    if (code === codes.eof || code === codes.rightSquareBracket) return fail(code);
    if (markdownLineEndingOrSpace(code)) return effects.check(blankThenKey, prefixEnd, spaceRun)(code);
    // Pandoc 2.17 allows no `;` in a prefix: `[see; also @a]` is not a citation.
    if (code === codes.semicolon) return fail(code);
    if ((code === codes.atSign || code === codes.dash) && !afterStr) return effects.check(key, prefixEnd, content)(code);
    return content(code);
  }

  function prefixEnd(code: Code): State | undefined {
    closeAffix();
    return factoryBlank(effects, factoryKey(effects, afterKey, fail))(code);
  }

  function afterKey(code: Code): State | undefined {
    if (visit(kind === 'normal' ? suffixStartNormal : suffixStartBareloc)) return fail(code);
    inSuffix = true;
    return suffixStart(code);
  }

  // Pandoc keeps one leading space of a suffix (`[@a p. 3]` has suffix ` p. 3`).
  function suffixStart(code: Code): State | undefined {
    if (!markdownLineEndingOrSpace(code)) return suffix(code);
    openAffix();
    effects.enter('citationSuffixSpace');
    eol = false;
    return suffixSpace(code);
  }

  function suffixSpace(code: Code): State | undefined {
    if (markdownSpace(code) || (markdownLineEnding(code) && !eol)) {
      if (markdownLineEnding(code)) eol = true;
      effects.consume(code);
      return suffixSpace;
    }
    effects.exit('citationSuffixSpace');
    return suffix(code);
  }

  function suffix(code: Code): State | undefined {
    if (code === codes.eof) return fail(code);
    if (code === codes.rightSquareBracket) {
      closeAffix();
      return close(code);
    }
    if (code === codes.semicolon) {
      closeAffix();
      return separator(code);
    }
    if (markdownLineEndingOrSpace(code)) return effects.check(blankThenClose, suffixEnd, spaceRun)(code);
    return content(code);
  }

  function suffixEnd(code: Code): State | undefined {
    closeAffix();
    return factoryBlank(effects, suffix)(code);
  }

  // After `;` there must be another item: `[@a;]` and `[@a; b]` are not citations.
  function separator(code: Code): State | undefined {
    effects.enter('citationSeparator');
    effects.consume(code);
    effects.exit('citationSeparator');
    return factoryBlank(effects, itemStart);
  }

  function close(code: Code): State | undefined {
    closeStart = self.now();
    effects.enter('citationMarker');
    effects.consume(code);
    effects.exit('citationMarker');
    effects.exit('citationBracket');
    return afterClose;
  }

  // Pandoc: `[@a](u)`, `[@a][r]` and `[@a]{.c}` are not citations; `@a [p. 3](u)` keeps only `@a`.
  // We let a footnote call follow: `[@a][^1]`.
  function afterClose(code: Code): State | undefined {
    if (code === codes.leftParenthesis || (code === codes.leftCurlyBrace && kind === 'normal')) return fail(code);
    if (code === codes.leftSquareBracket) return effects.check(footnoteCallStart, finish, fail)(code);
    return finish(code);
  }

  // `@a [p. 3]` with a definition for `p. 3` is `@a` and a link (depends on the `[`: not memoized).
  function finish(code: Code): State | undefined {
    if (kind === 'bareloc' && openEnd && closeStart) {
      const label = normalizeIdentifier(self.sliceSerialize({ start: openEnd, end: closeStart }));
      if (self.parser.defined.includes(label)) return nok(code);
    }
    return ok(code);
  }

  // Atomic inlines are measured by a check, then consumed into the chunk: a chunk must end at
  // each line ending, even one inside a code span or a nested bracket.
  function content(code: Code): State | undefined {
    openChunk();
    if (code === codes.graveAccent) return effects.check(measuredCodeSpan, consumeMeasured, backtickRun)(code);
    if (code === codes.backslash) {
      effects.consume(code);
      afterStr = false;
      return escaped;
    }
    if (code === codes.ampersand) return effects.check(measuredReference, consumeMeasured, literal)(code);
    if (code === codes.lessThan) return effects.check(measuredMarkup, consumeMeasured, literal)(code);
    if (code === codes.leftSquareBracket) return effects.check(measuredBrackets, consumeGroup, literalBracket)(code);
    return literal(code);
  }

  function literal(code: Code): State | undefined {
    effects.consume(code);
    trackString(code);
    return resume;
  }

  function escaped(code: Code): State | undefined {
    if (!asciiPunctuation(code)) return resume(code);
    effects.consume(code);
    return resume;
  }

  function backtickRun(code: Code): State | undefined {
    if (code !== codes.graveAccent) return atomic(code);
    effects.consume(code);
    return backtickRun;
  }

  function atomic(code: Code): State | undefined {
    afterStr = false;
    return resume(code);
  }

  function consumeMeasured(code: Code): State | undefined {
    return consumeTo(memo.end, atomic)(code);
  }

  // A balanced `[...]`, and a balanced `(...)` right after it (a link's destination).
  function consumeGroup(code: Code): State | undefined {
    return consumeTo(memo.end, (next) => {
      afterStr = false;
      if (next !== codes.leftParenthesis) return resume(next);
      return effects.check(measuredParens, consumeMeasured, resume)(next);
    })(code);
  }

  function consumeTo(end: Point | undefined, next: State): State {
    return consume;

    function consume(code: Code): State | undefined {
      const now = self.now();
      if (!end || code === codes.eof || (now.line === end.line && now.column === end.column)) return next(code);
      openChunk();
      effects.consume(code);
      if (markdownLineEnding(code)) exitChunk();
      return consume;
    }
  }

  function literalBracket(code: Code): State | undefined {
    const kindHere = inSuffix
      ? kind === 'normal'
        ? suffixMidNormal
        : suffixMidBareloc
      : kind === 'normal'
        ? frameNormal
        : prefixBareloc;
    if (visit(kindHere)) return fail(code);
    effects.consume(code);
    afterStr = false;
    return resume;
  }

  function spaceRun(code: Code): State | undefined {
    if (!markdownLineEndingOrSpace(code)) return atomic(code);
    openChunk();
    effects.consume(code);
    if (markdownLineEnding(code)) exitChunk();
    return spaceRun;
  }

  function resume(code: Code): State | undefined {
    return inSuffix ? suffix(code) : prefix(code);
  }

  function trackString(code: Code): void {
    if (code !== null && code >= 0xd800 && code <= 0xdbff) {
      high = code;
      afterStr = false;
      return;
    }
    if (code !== null && code >= 0xdc00 && code <= 0xdfff && high !== undefined) {
      afterStr = isAlphaNumeric((high - 0xd800) * 0x400 + code - 0xdc00 + 0x10000);
    } else {
      afterStr = code === codes.dot || (code !== null && code >= 0 && isAlphaNumeric(code));
    }
    high = undefined;
  }

  function openChunk(): void {
    if (!affix) {
      affix = inSuffix ? 'citationSuffix' : 'citationPrefix';
      effects.enter(affix);
      lastChunk = undefined;
    }
    if (!chunk) {
      chunk = effects.enter('chunkText', { contentType: 'text', previous: lastChunk });
      if (lastChunk) lastChunk.next = chunk;
      lastChunk = chunk;
    }
  }

  function openAffix(): void {
    affix = 'citationSuffix';
    effects.enter(affix);
    lastChunk = undefined;
  }

  function exitChunk(): void {
    if (!chunk) return;
    effects.exit('chunkText');
    chunk = undefined;
  }

  function closeAffix(): void {
    exitChunk();
    if (!affix) return;
    effects.exit(affix);
    affix = undefined;
    lastChunk = undefined;
  }

  function visit(kindHere: number): boolean {
    const point = self.now().offset * 8 + kindHere;
    if (memo.failed.has(point)) return true;
    visited.push(point);
    return false;
  }

  function fail(code: Code): State | undefined {
    for (const point of visited) memo.failed.add(point);
    return nok(code);
  }
}

function tokenizeKey(this: TokenizeContext, effects: Effects, ok: State, nok: State): State {
  return factoryKey(effects, ok, nok);
}

/**
 * `-`? `@`, then a simple key or a braced one: Pandoc's `citeKey`. Called directly where a failed
 * key fails the caller anyway (no attempt to undo), and through `key` in attempts and checks.
 */
function factoryKey(effects: Effects, ok: State, nok: State): State {
  let size = 0;
  let balance = 0;
  return start;

  function start(code: Code): State | undefined {
    effects.enter('citationKey');
    if (code !== codes.dash) return marker(code);
    effects.enter('citationKeySuppress');
    effects.consume(code);
    effects.exit('citationKeySuppress');
    return marker;
  }

  function marker(code: Code): State | undefined {
    if (code !== codes.atSign) return nok(code);
    effects.enter('citationKeyMarker');
    effects.consume(code);
    effects.exit('citationKeyMarker');
    return first;
  }

  function first(code: Code): State | undefined {
    if (code === codes.leftCurlyBrace) {
      brace(code);
      return bracedStart;
    }
    if (code === codes.asterisk || isKeyChar(code)) {
      effects.enter('citationKeyValue');
      effects.consume(code);
      return rest;
    }
    if (isHighSurrogate(code)) {
      effects.enter('citationKeyValue');
      return effects.attempt(astralKeyChar, rest, nok)(code);
    }
    return nok(code);
  }

  // Key characters, and punctuation when a key character (or, for `:` and `/`, a `/`) follows.
  function rest(code: Code): State | undefined {
    if (isKeyChar(code)) {
      effects.consume(code);
      return rest;
    }
    if (isHighSurrogate(code)) return effects.attempt(astralKeyChar, rest, end)(code);
    if (code !== null && keyPunctuation.has(code)) return effects.attempt(internalPunctuation, rest, end)(code);
    return end(code);
  }

  function end(code: Code): State | undefined {
    effects.exit('citationKeyValue');
    effects.exit('citationKey');
    return ok(code);
  }

  function bracedStart(code: Code): State | undefined {
    // `@{}` is a citation with an empty key, as in Pandoc.
    if (code === codes.rightCurlyBrace) return bracedEnd(code);
    effects.enter('citationKeyValue');
    return braced(code);
  }

  function braced(code: Code): State | undefined {
    if (code === codes.eof || markdownLineEndingOrSpace(code) || isUnicodeSpace(code) || ++size > maxBracedKey) return nok(code);
    if (code === codes.rightCurlyBrace && balance === 0) {
      effects.exit('citationKeyValue');
      return bracedEnd(code);
    }
    if (code === codes.leftCurlyBrace) balance++;
    if (code === codes.rightCurlyBrace) balance--;
    effects.consume(code);
    return braced;
  }

  function bracedEnd(code: Code): State | undefined {
    brace(code);
    effects.exit('citationKey');
    return ok;
  }

  function brace(code: Code): void {
    effects.enter('citationKeyBrace');
    effects.consume(code);
    effects.exit('citationKeyBrace');
  }
}

function tokenizeAstralKeyChar(this: TokenizeContext, effects: Effects, ok: State, nok: State): State {
  let high = 0;
  return start;

  function start(code: Code): State | undefined {
    if (!isHighSurrogate(code) || code === null) return nok(code);
    high = code;
    effects.consume(code);
    return low;
  }

  function low(code: Code): State | undefined {
    if (code === null || code < 0xdc00 || code > 0xdfff) return nok(code);
    if (!isAlphaNumeric((high - 0xd800) * 0x400 + code - 0xdc00 + 0x10000)) return nok(code);
    effects.consume(code);
    return ok;
  }
}

function tokenizeInternalPunctuation(this: TokenizeContext, effects: Effects, ok: State, nok: State): State {
  let punctuation: Code = null;
  return start;

  function start(code: Code): State | undefined {
    punctuation = code;
    effects.consume(code);
    return after;
  }

  function after(code: Code): State | undefined {
    if (isKeyChar(code)) return ok(code);
    if (code === codes.slash && (punctuation === codes.colon || punctuation === codes.slash)) return ok(code);
    if (isHighSurrogate(code)) return effects.check(astralKeyChar, ok, nok)(code);
    return nok(code);
  }
}

function tokenizeBlankThenKey(this: TokenizeContext, effects: Effects, ok: State, nok: State): State {
  return factoryBlank(effects, (code) => effects.attempt(key, ok, nok)(code));
}

function tokenizeBlankThenClose(this: TokenizeContext, effects: Effects, ok: State, nok: State): State {
  return factoryBlank(effects, (code) => (code === codes.semicolon || code === codes.rightSquareBracket ? ok(code) : nok(code)));
}

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

/** Pandoc's `spnl`: spaces, at most one line ending, spaces. */
function factoryBlank(effects: Effects, ok: State): State {
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

function memoFor(context: TokenizeContext): Memo {
  let memo = memos.get(context);
  if (!memo) {
    memo = { failed: new Set(), unbalanced: new Set(), noCloser: new Map() };
    memos.set(context, memo);
  }
  return memo;
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

const keyPunctuation = new Set(Array.from(':.#$%&-+?<>~/', (character) => character.charCodeAt(0)));
const alphaNumeric = /^[\p{L}\p{N}]$/u;
const unicodeSpace = /^\s$/u;

/** Haskell's `isAlphaNum`: Unicode letters and numbers. */
function isAlphaNumeric(point: number): boolean {
  if (point < 0x80) return asciiAlphanumeric(point);
  return alphaNumeric.test(String.fromCodePoint(point));
}

/** Pandoc's `regchar`: a letter, a number, or `_` (BMP only; astral characters go through `astralKeyChar`). */
function isKeyChar(code: Code): boolean {
  if (code === null || code < 0) return false;
  if (code === codes.underscore) return true;
  if (code >= 0xd800 && code <= 0xdfff) return false;
  return isAlphaNumeric(code);
}

function isHighSurrogate(code: Code): boolean {
  return code !== null && code >= 0xd800 && code <= 0xdbff;
}

function isUnicodeSpace(code: Code): boolean {
  return code !== null && code > 0x7f && code < 0xd800 && unicodeSpace.test(String.fromCharCode(code));
}

/**
 * The content of a prefix or suffix inside a citation bracket: characters, atomic inlines consumed
 * whole, and emphasis read as Pandoc reads it. It is written as `chunkText` tokens of content type
 * `text` (parsed again later, like the label of a text directive) inside a `citationPrefix` or
 * `citationSuffix` token.
 */
import { asciiPunctuation, markdownLineEnding, markdownLineEndingOrSpace } from 'micromark-util-character';
import { codes } from 'micromark-util-symbol';
import type { Code, Effects, Point, State, Token, TokenizeContext } from 'micromark-util-types';
import type {} from './micromark-citation-tokens.js';
import {
  measuredBrackets,
  measuredCodeSpan,
  measuredKey,
  measuredMarkup,
  measuredMath,
  measuredParens,
  measuredReference,
} from './micromark-citation-atomic.js';
import { type Frame, factoryEmphasisRun } from './micromark-citation-emphasis.js';
import { frameNormal, memoFor, prefixBareloc, suffixMidBareloc, suffixMidNormal } from './micromark-citation-memo.js';
import { createWordTracker } from './micromark-citation-word.js';

/**
 * A `normal` bracket is Pandoc's `normalCite` (items of prefix, key, suffix); a `bareloc` one is
 * the bracket after a narrative key, which starts with that key's suffix.
 */
export type Kind = 'normal' | 'bareloc';

/** What one bracket scan shares with the scanner of its prefixes and suffixes. */
export interface BracketScan {
  readonly kind: Kind;
  /** In a suffix (else in a prefix): which affix content goes to, and which state reads on. */
  inSuffix: boolean;
  /** The last character read ends a word, so `@` or `-@` here starts no key (Pandoc's `notAfterString`). */
  afterStr: boolean;
  /** Open emphases: inside one, `;`, `]` and keys are content. */
  readonly frames: Frame[];
  /** Marks a scan state at the current offset; true when that state is known to fail. */
  visit(state: number): boolean;
  /** Fails the scan and remembers the states it visited. */
  fail: State;
}

export interface AffixScanner {
  /** One character or atomic inline of the affix, then `resume`. */
  readonly content: State;
  /** Content inside an emphasis, blanks included, then `resume`. */
  readonly inner: State;
  /** The end of the paragraph: open emphases never close, and the scan fails. */
  readonly endOfInput: State;
  /** Blanks that stay in the affix, then `resume`. */
  readonly spaceRun: State;
  /** Opens a suffix (before its leading space). */
  openSuffix(): void;
  /** Closes the open chunk and affix, if any. */
  closeAffix(): void;
}

/** States that read affix content for `scan`; `resume` reads on in the prefix or suffix. */
export function createAffixScanner(context: TokenizeContext, effects: Effects, scan: BracketScan, resume: State): AffixScanner {
  const memo = memoFor(context);
  const word = createWordTracker(scan);
  let affix: 'citationPrefix' | 'citationSuffix' | undefined;
  let chunk: Token | undefined;
  let lastChunk: Token | undefined;

  return { content, inner, endOfInput, spaceRun, openSuffix, closeAffix };

  function inner(code: Code): State | undefined {
    return markdownLineEndingOrSpace(code) ? spaceRun(code) : content(code);
  }

  function endOfInput(code: Code): State | undefined {
    for (const frame of scan.frames) memo.unclosed.add(frame.id);
    return scan.fail(code);
  }

  // Atomic inlines are measured by a check, then consumed into the chunk: a chunk must end at
  // each line ending, even one inside a code span or a nested bracket.
  function content(code: Code): State | undefined {
    openChunk();
    if (code === codes.asterisk || code === codes.underscore) return factoryEmphasisRun(context, effects, scan, word, resume)(code);
    if (code === codes.graveAccent) return effects.check(measuredCodeSpan, consumeMeasured, backtickRun)(code);
    if (code === codes.backslash) {
      effects.consume(code);
      word.boundary();
      return escaped;
    }
    if (code === codes.ampersand) return effects.check(measuredReference, consumeMeasured, literal)(code);
    if (code === codes.lessThan) return effects.check(measuredMarkup, consumeMeasured, literal)(code);
    if (code === codes.dollarSign) return effects.check(measuredMath, consumeMeasured, literal)(code);
    // A key here is a nested narrative citation: `_` in `@a_` closes no emphasis.
    if (code === codes.atSign && !scan.afterStr) return effects.check(measuredKey, consumeMeasured, literal)(code);
    if (code === codes.leftSquareBracket) return effects.check(measuredBrackets, consumeGroup, literalBracket)(code);
    return literal(code);
  }

  function literal(code: Code): State | undefined {
    effects.consume(code);
    word.character(code);
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
    word.boundary();
    return resume(code);
  }

  function consumeMeasured(code: Code): State | undefined {
    return consumeTo(memo.end, atomic)(code);
  }

  // A balanced `[...]`, and a balanced `(...)` right after it (a link's destination).
  function consumeGroup(code: Code): State | undefined {
    return consumeTo(memo.end, (next) => {
      word.boundary();
      if (next !== codes.leftParenthesis) return resume(next);
      return effects.check(measuredParens, consumeMeasured, resume)(next);
    })(code);
  }

  function consumeTo(end: Point | undefined, next: State): State {
    return consume;

    function consume(code: Code): State | undefined {
      const now = context.now();
      if (!end || code === codes.eof || (now.line === end.line && now.column === end.column)) return next(code);
      openChunk();
      effects.consume(code);
      if (markdownLineEnding(code)) exitChunk();
      return consume;
    }
  }

  function literalBracket(code: Code): State | undefined {
    const kindHere = scan.inSuffix
      ? scan.kind === 'normal'
        ? suffixMidNormal
        : suffixMidBareloc
      : scan.kind === 'normal'
        ? frameNormal
        : prefixBareloc;
    // Inside an emphasis the scan is in no state a bracket could start in: nothing to remember.
    if (!scan.frames.length && scan.visit(kindHere)) return scan.fail(code);
    effects.consume(code);
    word.boundary();
    return resume;
  }

  function spaceRun(code: Code): State | undefined {
    if (!markdownLineEndingOrSpace(code)) return atomic(code);
    openChunk();
    effects.consume(code);
    if (markdownLineEnding(code)) exitChunk();
    return spaceRun;
  }

  function openChunk(): void {
    if (!affix) {
      affix = scan.inSuffix ? 'citationSuffix' : 'citationPrefix';
      effects.enter(affix);
      lastChunk = undefined;
    }
    if (!chunk) {
      chunk = effects.enter('chunkText', { contentType: 'text', previous: lastChunk });
      if (lastChunk) lastChunk.next = chunk;
      lastChunk = chunk;
    }
  }

  function openSuffix(): void {
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
    word.boundary();
    exitChunk();
    if (!affix) return;
    effects.exit(affix);
    affix = undefined;
    lastChunk = undefined;
  }
}

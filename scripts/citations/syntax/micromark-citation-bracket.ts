/**
 * One citation bracket, `[...]`: its items (prefix, key, suffix), separators and markers, and
 * what may follow it. Pandoc backtracks over inlines; here a bracket is scanned forwards once,
 * and a failed scan is remembered per position (see `micromark-citation-memo.ts`).
 */
import { markdownLineEnding, markdownLineEndingOrSpace, markdownSpace } from 'micromark-util-character';
import { normalizeIdentifier } from 'micromark-util-normalize-identifier';
import { codes } from 'micromark-util-symbol';
import type { Code, Construct, Effects, Point, State, TokenizeContext } from 'micromark-util-types';
import type {} from './micromark-citation-tokens.js';
import { type BracketScan, type Kind, createAffixScanner } from './micromark-citation-affix.js';
import { blankThenClose, blankThenKey, closeThenKey, factoryBlank } from './micromark-citation-blank.js';
import { footnoteCallStart, noteLabel } from './micromark-citation-footnote-call.js';
import { factoryKey, key } from './micromark-citation-key.js';
import { frameBareloc, frameNormal, memoFor, suffixStartBareloc, suffixStartNormal } from './micromark-citation-memo.js';

/** A bracket of items, as in `[see @a, p. 3; -@b]`. */
export const normalBracket: Construct = { tokenize: tokenizeNormalBracket, partial: true };
/** The bracket after a narrative key, as in `@a [p. 3]`. */
export const barelocBracket: Construct = { tokenize: tokenizeBarelocBracket, partial: true };

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
  const scan: BracketScan = { kind, inSuffix: false, afterStr: false, frames: [], visit, fail };
  const affix = createAffixScanner(self, effects, scan, resume);
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
    scan.inSuffix = true;
    return suffixStart(code);
  }

  function itemStart(code: Code): State | undefined {
    scan.inSuffix = false;
    scan.afterStr = false;
    return prefix(code);
  }

  function prefix(code: Code): State | undefined {
    if (code === codes.eof) return affix.endOfInput(code);
    if (scan.frames.length) return affix.inner(code);
    // Pandoc ends a prefix at `]` too, and then wants a key right away: `[foo]@a]` cites `a`.
    if (code === codes.rightSquareBracket) return effects.check(closeThenKey, prefixClose, fail)(code);
    if (markdownLineEndingOrSpace(code)) return effects.check(blankThenKey, prefixEnd, affix.spaceRun)(code);
    // Pandoc 2.17 allows no `;` in a prefix: `[see; also @a]` is not a citation.
    if (code === codes.semicolon) return fail(code);
    if ((code === codes.atSign || code === codes.dash) && !scan.afterStr) return effects.check(key, prefixEnd, affix.content)(code);
    return affix.content(code);
  }

  function prefixEnd(code: Code): State | undefined {
    affix.closeAffix();
    return factoryBlank(effects, factoryKey(effects, afterKey, fail))(code);
  }

  function prefixClose(code: Code): State | undefined {
    affix.closeAffix();
    effects.enter('citationMarker');
    effects.consume(code);
    effects.exit('citationMarker');
    return factoryKey(effects, afterKey, fail);
  }

  function afterKey(code: Code): State | undefined {
    if (visit(kind === 'normal' ? suffixStartNormal : suffixStartBareloc)) return fail(code);
    scan.inSuffix = true;
    return suffixStart(code);
  }

  // Pandoc keeps one leading space of a suffix (`[@a p. 3]` has suffix ` p. 3`).
  function suffixStart(code: Code): State | undefined {
    if (!markdownLineEndingOrSpace(code)) return suffix(code);
    affix.openSuffix();
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
    if (code === codes.eof) return affix.endOfInput(code);
    if (scan.frames.length) return affix.inner(code);
    if (code === codes.rightSquareBracket) {
      affix.closeAffix();
      return close(code);
    }
    if (code === codes.semicolon) {
      affix.closeAffix();
      return separator(code);
    }
    if (markdownLineEndingOrSpace(code)) return effects.check(blankThenClose, suffixEnd, affix.spaceRun)(code);
    return affix.content(code);
  }

  function suffixEnd(code: Code): State | undefined {
    affix.closeAffix();
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

  function resume(code: Code): State | undefined {
    return scan.inSuffix ? suffix(code) : prefix(code);
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

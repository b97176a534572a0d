/**
 * Pandoc's fenced divs (`fenced_divs`, Pandoc 2.17) as a micromark flow construct:
 *
 * ```markdown
 * ::: {#id .class key=val}
 * Markdown, read as blocks.
 * :::
 * ```
 *
 * Pandoc's rules, checked against `pandoc -f markdown -t native` (test/fixtures/fenced-divs):
 *
 * - the opening fence is three or more colons, then attributes `{…}` or one bare word (a class),
 *   then optionally more colons; `::: a b` is no fence;
 * - a fence never interrupts a paragraph, and is not indented (in its container);
 * - a line of colons alone closes the innermost open div, whatever its length: divs nest by
 *   counting, not by fence length;
 * - a div that is never closed is no div (its opening line is text).
 *
 * `:::name` with no blank after the colons is left to remark-directive (the paper's
 * `:::table-group`). Such a directive inside a div is counted like a nested div, so its closing
 * fence does not close the div. Hand-written because micromark-extension-directive needs a name
 * and closes a container at the first fence at least as long as its own.
 *
 * Cost: the construct is tried only at a `:` starting a line, and gives up at the fourth
 * character unless the line is a fence, so a paper without fenced divs pays nothing noticeable.
 * An opening fence reads ahead to its closing fence once (Pandoc's unclosed divs are text).
 */
import { factorySpace } from 'micromark-factory-space';
import { markdownLineEnding, markdownSpace } from 'micromark-util-character';
import { codes, types } from 'micromark-util-symbol';
import type { Code, Construct, Effects, Extension, State, Token, TokenizeContext } from 'micromark-util-types';
import { parseAttributes } from './pandoc-attributes.js';

declare module 'micromark-util-types' {
  interface TokenTypeMap {
    fencedDiv: 'fencedDiv';
    fencedDivFence: 'fencedDivFence';
    fencedDivSequence: 'fencedDivSequence';
    fencedDivAttributes: 'fencedDivAttributes';
    fencedDivClass: 'fencedDivClass';
    fencedDivContent: 'fencedDivContent';
  }
}

const fencedDiv: Construct = { name: 'fencedDiv', tokenize: tokenizeFencedDiv, concrete: true };
const nonLazyLine: Construct = { tokenize: tokenizeNonLazyLine, partial: true };

export function fencedDivSyntax(): Extension {
  return { flow: { [codes.colon]: fencedDiv } };
}

function tokenizeFencedDiv(this: TokenizeContext, effects: Effects, ok: State, nok: State): State {
  const self = this;
  const tail = self.events.at(-1);
  // Pandoc: a fence stands at the start of its line (in its container), indented it is text.
  const indented = tail !== undefined && tail[1].type === types.linePrefix;
  let sizeOpen = 0;
  let attributeText = '';
  let quote: Code = null;
  let closingLine = -1;
  let previous: Token | undefined;
  return start;

  function start(code: Code): State | undefined {
    // Pandoc: a fence never interrupts a paragraph.
    if (code !== codes.colon || self.interrupt || indented) return nok(code);
    effects.enter('fencedDiv');
    effects.enter('fencedDivFence');
    effects.enter('fencedDivSequence');
    return sequenceOpen(code);
  }

  function sequenceOpen(code: Code): State | undefined {
    if (code === codes.colon) {
      effects.consume(code);
      sizeOpen++;
      return sequenceOpen;
    }
    if (sizeOpen < 3) return nok(code);
    effects.exit('fencedDivSequence');
    if (code === codes.leftCurlyBrace) return attributesStart(code);
    // `:::name` is a directive; a line of colons alone closes, it opens nothing.
    if (!markdownSpace(code)) return nok(code);
    return factorySpace(effects, afterOpeningSpace, types.whitespace)(code);
  }

  function afterOpeningSpace(code: Code): State | undefined {
    if (code === codes.leftCurlyBrace) return attributesStart(code);
    if (code === null || markdownLineEnding(code) || code === codes.colon) return nok(code);
    effects.enter('fencedDivClass');
    return word(code);
  }

  function word(code: Code): State | undefined {
    if (code === null || markdownLineEnding(code) || markdownSpace(code)) {
      effects.exit('fencedDivClass');
      return afterAttributes(code);
    }
    effects.consume(code);
    return word;
  }

  function attributesStart(code: Code): State | undefined {
    effects.enter('fencedDivAttributes');
    return attributes(code);
  }

  function attributes(code: Code): State | undefined {
    if (code === null || markdownLineEnding(code)) return nok(code);
    attributeText += String.fromCodePoint(code < 0 ? 32 : code);
    effects.consume(code);
    if (quote !== null) {
      if (code === codes.backslash) return escaped;
      if (code === quote) quote = null;
      return attributes;
    }
    if (code === codes.quotationMark || code === codes.apostrophe) quote = code;
    if (code !== codes.rightCurlyBrace) return attributes;
    effects.exit('fencedDivAttributes');
    return parseAttributes(attributeText) ? afterAttributes : nok;
  }

  function escaped(code: Code): State | undefined {
    if (code === null || markdownLineEnding(code)) return nok(code);
    attributeText += String.fromCodePoint(code < 0 ? 32 : code);
    effects.consume(code);
    return attributes;
  }

  function afterAttributes(code: Code): State | undefined {
    return factorySpace(effects, trailingColons, types.whitespace)(code);
  }

  function trailingColons(code: Code): State | undefined {
    if (code !== codes.colon) return openingEnd(code);
    effects.enter('fencedDivSequence');
    return trailingSequence(code);
  }

  function trailingSequence(code: Code): State | undefined {
    if (code === codes.colon) {
      effects.consume(code);
      return trailingSequence;
    }
    effects.exit('fencedDivSequence');
    return factorySpace(effects, openingEnd, types.whitespace)(code);
  }

  function openingEnd(code: Code): State | undefined {
    // An unclosed div is no div: its closing fence is looked for before anything is read as its content.
    if (code === null || !markdownLineEnding(code)) return nok(code);
    return effects.check({ tokenize: tokenizeClosingAhead, partial: true }, opened, nok)(code);
  }

  function opened(code: Code): State | undefined {
    effects.exit('fencedDivFence');
    return effects.attempt(nonLazyLine, contentStart, after)(code);
  }

  function contentStart(code: Code): State | undefined {
    if (code === null) return after(code);
    if (markdownLineEnding(code)) return effects.check(nonLazyLine, emptyLineAfter, after)(code);
    effects.enter('fencedDivContent');
    return lineStart(code);
  }

  function emptyLineAfter(code: Code): State | undefined {
    effects.enter('fencedDivContent');
    return lineStart(code);
  }

  function lineStart(code: Code): State | undefined {
    if (self.now().line === closingLine) return effects.attempt({ tokenize: tokenizeClosingFence, partial: true }, afterContent, afterContent)(code);
    return chunkStart(code);
  }

  function chunkStart(code: Code): State | undefined {
    if (code === null) return afterContent(code);
    if (markdownLineEnding(code)) return effects.check(nonLazyLine, chunkNonLazyStart, afterContent)(code);
    return chunkNonLazyStart(code);
  }

  function chunkNonLazyStart(code: Code): State | undefined {
    const token = effects.enter(types.chunkDocument, { contentType: 'document', previous });
    if (previous) previous.next = token;
    previous = token;
    return contentContinue(code);
  }

  function contentContinue(code: Code): State | undefined {
    if (code === null) {
      const token = effects.exit(types.chunkDocument);
      self.parser.lazy[token.start.line] = false;
      return afterContent(code);
    }
    if (markdownLineEnding(code)) return effects.check(nonLazyLine, nonLazyLineAfter, lineAfter)(code);
    effects.consume(code);
    return contentContinue;
  }

  function nonLazyLineAfter(code: Code): State | undefined {
    effects.consume(code);
    const token = effects.exit(types.chunkDocument);
    self.parser.lazy[token.start.line] = false;
    return lineStart;
  }

  function lineAfter(code: Code): State | undefined {
    const token = effects.exit(types.chunkDocument);
    self.parser.lazy[token.start.line] = false;
    return afterContent(code);
  }

  function afterContent(code: Code): State | undefined {
    effects.exit('fencedDivContent');
    return after(code);
  }

  function after(code: Code): State | undefined {
    effects.exit('fencedDiv');
    return ok(code);
  }

  /** The closing fence on `closingLine`: colons and blanks only. */
  function tokenizeClosingFence(this: TokenizeContext, effects: Effects, ok: State, nok: State): State {
    return start;

    function start(code: Code): State | undefined {
      if (code !== codes.colon) return nok(code);
      effects.enter('fencedDivFence');
      effects.enter('fencedDivSequence');
      return sequence(code);
    }

    function sequence(code: Code): State | undefined {
      if (code === codes.colon) {
        effects.consume(code);
        return sequence;
      }
      effects.exit('fencedDivSequence');
      return factorySpace(effects, end, types.whitespace)(code);
    }

    function end(code: Code): State | undefined {
      if (code !== null && !markdownLineEnding(code)) return nok(code);
      effects.exit('fencedDivFence');
      return ok(code);
    }
  }

  /**
   * Reads the lines after the opening fence (at its line ending) until the fence that closes it,
   * counting the divs (and directives) opened and closed on the way and skipping fenced code.
   * Fails at the end of the document or of the container the div stands in (a lazy line).
   */
  function tokenizeClosingAhead(this: TokenizeContext, effects: Effects, ok: State, nok: State): State {
    const lines = new FenceCounter();
    let line = '';
    return lineEnding;

    function lineEnding(code: Code): State | undefined {
      effects.enter(types.lineEnding);
      effects.consume(code);
      effects.exit(types.lineEnding);
      return lineStart;
    }

    function lineStart(code: Code): State | undefined {
      if (code === null || self.parser.lazy[self.now().line]) return nok(code);
      line = '';
      if (markdownLineEnding(code)) return lineEnd(code);
      effects.enter(types.data);
      return inLine(code);
    }

    function inLine(code: Code): State | undefined {
      if (code === null || markdownLineEnding(code)) {
        effects.exit(types.data);
        return lineEnd(code);
      }
      // Only a line's start decides what it is.
      if (line.length < 256) line += code < 0 ? ' ' : String.fromCodePoint(code);
      effects.consume(code);
      return inLine;
    }

    function lineEnd(code: Code): State | undefined {
      if (lines.closes(line)) {
        closingLine = self.now().line;
        return ok(code);
      }
      return code === null ? nok(code) : lineEnding(code);
    }
  }
}

/**
 * Lines read in order inside a div: whether a line closes it, given the divs, directives and
 * fenced code opened before it.
 */
class FenceCounter {
  private depth = 0;
  private code: { marker: string; size: number } | undefined;

  closes(line: string): boolean {
    if (this.code) {
      const end = /^[ \t]*(`{3,}|~{3,})[ \t]*$/.exec(line);
      if (end?.[1] && end[1][0] === this.code.marker && end[1].length >= this.code.size) this.code = undefined;
      return false;
    }
    const fence = /^[ \t]*(`{3,}|~{3,})/.exec(line);
    if (fence?.[1]) {
      this.code = { marker: fence[1][0]!, size: fence[1].length };
      return false;
    }
    if (/^:{3,}[ \t]*$/.test(line)) {
      if (this.depth === 0) return true;
      this.depth--;
    } else if (/^:{3,}[ \t]*[^\s:]/.test(line)) {
      this.depth++;
    }
    return false;
  }
}

function tokenizeNonLazyLine(this: TokenizeContext, effects: Effects, ok: State, nok: State): State {
  const self = this;
  return start;

  function start(code: Code): State | undefined {
    effects.enter(types.lineEnding);
    effects.consume(code);
    effects.exit(types.lineEnding);
    return lineStart;
  }

  function lineStart(code: Code): State | undefined {
    return self.parser.lazy[self.now().line] ? nok(code) : ok(code);
  }
}

/**
 * micromark extension: a paragraph goes on where Pandoc's `markdown` reader (2.17, default
 * extensions) keeps it going. CommonMark lets a list item, a block quote, an ATX heading, a
 * thematic break or a fenced code block start right under a paragraph line; Pandoc wants a blank
 * line before all of them (`lists_without_preceding_blankline` is off, `blank_before_blockquote`
 * and `blank_before_header` are on), except:
 * - a fence of backticks, which does end the paragraph (`backtick_code_blocks`);
 * - a list item inside a list item, so `- a\n  - b` is a sublist there as in CommonMark (and
 *   `- a\n  2. b` too, unlike CommonMark).
 * Such a line is paragraph text, also as a lazy line of a block quote or a list item (`> a\n- b`).
 *
 * micromark has no option for it (nor does any extension on npm), so the five constructs are
 * replaced by wrappers that refuse to start where they would interrupt a paragraph, and otherwise
 * tokenize exactly as micromark's own.
 */
import { blockQuote, codeFenced, headingAtx, htmlFlow, list, thematicBreak } from 'micromark-core-commonmark';
import { codes } from 'micromark-util-symbol';
import type { Code, Construct, Effects, Extension, ParseContext, State, TokenizeContext, Tokenizer } from 'micromark-util-types';
import { hasDefinitionLists, lazyDefinitionMarker } from './micromark-definition-list.js';

/** What the containers' continuations saw on the line being read. */
interface LineContainers {
  line: number;
  /** A list item was open at the start of the line. */
  list: boolean;
  /** A container was not continued: the line may be a lazy paragraph line. */
  lazy: boolean;
}

const lineContainers = new WeakMap<ParseContext, LineContainers>();

/** micromark's thematic break under a name this extension does not disable. */
const thematicBreakAsked: Construct = { ...thematicBreak, name: 'thematicBreakAsked' };

export function pandocParagraphs(): Extension {
  const pandocList = pandocContainer(list, 'pandocList', true);
  const pandocBlockQuote = pandocContainer(blockQuote, 'pandocBlockQuote', false);
  const pandocHeadingAtx = notInterrupting(headingAtx, 'pandocHeadingAtx', () => true);
  const pandocThematicBreak = notInterrupting(thematicBreak, 'pandocThematicBreak', () => true);
  const pandocCodeFenced = notInterrupting(codeFenced, 'pandocCodeFenced', (code) => code === codes.tilde);
  const listMarkers = [codes.asterisk, codes.plusSign, codes.dash, codes.digit0, codes.digit1, codes.digit2, codes.digit3, codes.digit4, codes.digit5, codes.digit6, codes.digit7, codes.digit8, codes.digit9];
  return {
    // `add: 'after'`: each stands where micromark's own stood, after other extensions' constructs.
    document: { ...Object.fromEntries(listMarkers.map((code) => [code, pandocList])), [codes.greaterThan]: pandocBlockQuote },
    flow: {
      [codes.numberSign]: pandocHeadingAtx,
      [codes.asterisk]: pandocThematicBreak,
      [codes.dash]: pandocThematicBreak,
      [codes.underscore]: pandocThematicBreak,
      [codes.graveAccent]: pandocCodeFenced,
      [codes.tilde]: pandocCodeFenced,
      [codes.lessThan]: pandocHtmlFlow,
    },
    disable: { null: [list.name, blockQuote.name, headingAtx.name, thematicBreak.name, codeFenced.name, htmlFlow.name] as string[] },
  };
}

/** A comment that opens and closes on its line: `<!-- … -->`. */
const oneLineComment: Construct = {
  partial: true,
  tokenize(effects, ok, nok) {
    const opening = [codes.lessThan, codes.exclamationMark, codes.dash, codes.dash];
    let at = 0;
    let dashes = 0;
    const open = (code: Code): State | undefined => {
      if (code !== opening[at]) return nok(code);
      effects.consume(code);
      return ++at < opening.length ? open : inside;
    };
    const inside = (code: Code): State | undefined => {
      if (code === null || code === codes.lineFeed || code === codes.carriageReturn || code === codes.carriageReturnLineFeed) return nok(code);
      effects.consume(code);
      if (code === codes.greaterThan && dashes >= 2) {
        effects.exit('data');
        return ok;
      }
      dashes = code === codes.dash ? dashes + 1 : 0;
      return inside;
    };
    return (code) => {
      effects.enter('data');
      return open(code);
    };
  },
};

/**
 * micromark's HTML block, except that a one-line comment does not end a paragraph: in Pandoc it
 * is raw HTML inside the paragraph (`para\n<!-- c -->\nmore` is one paragraph, which the comment
 * leaves without a trace), while a tag such as `<div>` does end it. A comment over several lines
 * still does, as in CommonMark: inside a paragraph, a blank line in it would end the paragraph and
 * let its text be read as Markdown.
 */
const pandocHtmlFlow: Construct = {
  ...htmlFlow,
  name: 'pandocHtmlFlow',
  add: 'after',
  tokenize(effects, ok, nok) {
    const start = htmlFlow.tokenize.call(this, effects, ok, nok);
    const self = this;
    return (code) => (self.interrupt ? effects.check(oneLineComment, nok, start)(code) : start(code));
  },
};

/** A flow construct that does not start in the check whether a paragraph line ends (`interrupt`) when `refuses` its first character. */
function notInterrupting(construct: Construct, name: string, refuses: (code: Code) => boolean): Construct {
  const tokenize: Tokenizer = function (effects, ok, nok) {
    const start = construct.tokenize.call(this, effects, ok, nok);
    const self = this;
    return (code) => (self.interrupt && refuses(code) ? nok(code) : start(code));
  };
  return { ...construct, name, tokenize, add: 'after' };
}

/**
 * A container that does not start where it would end a paragraph: on a line under a paragraph
 * line, whether all open containers go on (`interrupt`) or not (a lazy line). A list may, when
 * `inList` and a list item was open, as Pandoc starts a sublist there.
 */
function pandocContainer(construct: Construct, name: string, inList: boolean): Construct {
  const continuation = construct.continuation!;
  const tokenize: Tokenizer = function (effects, ok, nok) {
    // micromark's list start asks whether the line is a thematic break (`- - -`, `* * *`) by
    // attempting `thematicBreak`, which this extension disables by name: ask under another name.
    return inList ? notABreak(containerStart).call(this, effects, ok, nok) : containerStart.call(this, effects, ok, nok);
  };
  const containerStart: Tokenizer = function (effects, ok, nok) {
    const seen = seenOnThisLine(this);
    if (!continuesParagraph(this, seen)) return construct.tokenize.call(this, effects, ok, nok);
    if (!(inList && seen?.list)) return nok;
    if (!this.interrupt) return construct.tokenize.call(this, effects, ok, nok);
    // A sublist under an item's text: any number starts it (`2.`, `10.`), as in Pandoc, but an
    // empty item does not (`- a\n  -` is a heading's underline there too).
    const sublist: TokenizeContext = Object.create(this, { interrupt: { value: undefined } });
    return construct.tokenize.call(sublist, effects, (code) => (sublist.containerState?.initialBlankLine ? nok(code) : ok(code)), nok);
  };
  // micromark's continuations attempt the construct itself (a `>` line, a sibling item), which the
  // extension disables by name: they get it under another name.
  const itself: Construct = { ...construct, name: `${name}Continued`, tokenize: inList ? notABreak(construct.tokenize) : construct.tokenize };
  const tokenizeContinuation: Tokenizer = function (outerEffects, ok, nok) {
    const effects = { ...outerEffects, attempt: ((wanted, ...rest) => outerEffects.attempt(wanted === construct ? itself : wanted, ...rest)) as Effects['attempt'] };
    const line = this.now().line;
    let seen = seenOnThisLine(this);
    if (!seen) lineContainers.set(this.parser, (seen = { line, list: false, lazy: false }));
    if (inList) seen.list = true;
    const record = seen;
    const lazy = (code: Code): State | undefined => {
      record.lazy = true;
      return nok(code);
    };
    if (!hasDefinitionLists(this.parser)) return continuation.tokenize.call(this, effects, ok, lazy);
    const state = this.containerState;
    const continued: Construct = { partial: true, tokenize: (_inner, yes, no) => continuation.tokenize.call(this, effects, yes, no) };
    // A definition's marker under a one-line paragraph goes on the container (Pandoc reads the
    // lazy line into it), where the definition opens (`micromark-definition-list.ts`).
    const asDefinition = (code: Code): State | undefined => {
      if (state) state._closeFlow = undefined;
      return ok(code);
    };
    return effects.attempt(continued, ok, (code) => effects.attempt(lazyDefinitionMarker, asDefinition, lazy)(code));
  };
  return { ...construct, name, tokenize, continuation: { ...continuation, tokenize: tokenizeContinuation }, add: 'after' };
}

/** A list item's start that refuses a thematic break (`- - -`), as micromark's own does by asking for `thematicBreak`. */
function notABreak(start: Tokenizer): Tokenizer {
  return function (effects, ok, nok) {
    const itemStart = start.call(this, effects, ok, nok);
    return (code: Code) => (code === codes.asterisk || code === codes.dash ? effects.check(thematicBreakAsked, nok, itemStart)(code) : itemStart(code));
  };
}

function seenOnThisLine(context: TokenizeContext): LineContainers | undefined {
  const seen = lineContainers.get(context.parser);
  return seen?.line === context.now().line ? seen : undefined;
}

/** Whether the line would go on a paragraph of the line before: the document's own test, and on a lazy line the same test made on the open flow. */
function continuesParagraph(document: TokenizeContext, seen: LineContainers | undefined): boolean {
  if (document.interrupt) return true;
  if (!seen?.lazy) return false;
  // A lazy line: the flow of the containers not continued is still open, fed by the last chunk.
  let index = document.events.length;
  while (index--) {
    const token = document.events[index]![1];
    if (token.type !== 'chunkFlow') continue;
    const flow = token._tokenizer;
    return Boolean(flow?.currentConstruct && !flow.currentConstruct.concrete && !flow._gfmTableDynamicInterruptHack);
  }
  return false;
}

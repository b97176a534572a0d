/**
 * Pandoc's definition lists (`definition_lists`, Pandoc 2.17) as a micromark document construct:
 * each definition is a container, as a list item is, opened by its marker.
 *
 * ```markdown
 * Term
 *
 * :   Definition, read as blocks; lazy lines go on its first paragraph.
 *
 *     A second paragraph, indented.
 * ~   Another definition of the same term.
 * ```
 *
 * Pandoc's rules, checked against `pandoc -f markdown -t json` (test/fixtures/definition-lists):
 *
 * - a marker is `:` or `~` indented at most two spaces, then a space or tab; the marker and the
 *   spaces after it take at most four columns, the rest of the line is the definition's;
 * - a term is the one line of a paragraph right before the marker, or before one blank line and
 *   the marker; anything else before a marker (two lines of text, two blank lines, no text) makes
 *   the marker line paragraph text;
 * - a definition goes on over every following line that is not blank and not a marker (indented
 *   four columns, the indentation is taken off; otherwise the whole line is the definition's, even
 *   when no paragraph is open), and after blank lines over lines indented four columns, which make
 *   it loose (paragraphs in `<dd>`), as a blank line before its marker does;
 * - a marker right after a definition (or after one blank line) is another definition of the same
 *   term; a term after a definition opens the next item of the same list.
 *
 * Terms are paragraphs at this level: `definition-list-from-markdown.ts` turns the paragraph before
 * a definition into the term. The container decides only whether a marker may open a definition,
 * from what the flow it would follow holds (read from the chunks micromark hands the flow, with
 * walks bounded by the two lines before the marker). Hand-written because
 * micromark-extension-definition-list reads neither Pandoc's terms nor its laziness.
 */
import { blankLine } from 'micromark-core-commonmark';
import { factorySpace } from 'micromark-factory-space';
import { markdownLineEnding, markdownSpace } from 'micromark-util-character';
import { codes, types } from 'micromark-util-symbol';
import type { Code, Construct, Effects, Event, Extension, ParseContext, State, Token, TokenizeContext } from 'micromark-util-types';

declare module 'micromark-util-types' {
  interface TokenTypeMap {
    defListDescription: 'defListDescription';
    defListDescriptionPrefix: 'defListDescriptionPrefix';
    defListDescriptionMarker: 'defListDescriptionMarker';
    defListDescriptionIndent: 'defListDescriptionIndent';
  }
  interface ContainerState {
    /** The definition's token, whose `_spread` says it is loose. */
    defListToken?: Token | undefined;
    /** Blank lines read since the definition's last line of text. */
    defListBlanks?: number | undefined;
  }
}

/** Where a definition stopped at a marker: the same term's next definition may open there. */
interface StoppedAtMarker {
  line: number;
  offset: number;
  blanks: number;
}

const stopped = new WeakMap<ParseContext, StoppedAtMarker>();

const definition: Construct = {
  name: 'defListDescription',
  tokenize: tokenizeDefinitionStart,
  continuation: { tokenize: tokenizeDefinitionContinuation },
  exit: tokenizeDefinitionEnd,
};

const markerAhead: Construct = { tokenize: tokenizeMarkerAhead, partial: true };
const indented: Construct = { tokenize: tokenizeIndent, partial: true };

export function definitionListSyntax(): Extension {
  return { document: { [codes.colon]: definition, [codes.tilde]: definition } };
}

/**
 * For the continuations of block quotes and list items (`pandoc-paragraphs.ts`): a line that
 * would be lazy but is a definition's marker under a one-line paragraph goes on the container, as
 * in Pandoc, where `> Term` then `: Definition` is a definition list inside the quote. Only with
 * this syntax in the parser.
 */
export const lazyDefinitionMarker: Construct = { tokenize: tokenizeLazyDefinitionMarker, partial: true };

function tokenizeLazyDefinitionMarker(this: TokenizeContext, effects: Effects, ok: State, nok: State): State {
  const self = this;
  return start;

  function start(code: Code): State | undefined {
    if (!(code === codes.colon || code === codes.tilde || markdownSpace(code)) || !hasDefinitionLists(self.parser)) return nok(code);
    return effects.check(markerAhead, afterMarker, nok)(code);
  }

  function afterMarker(code: Code): State | undefined {
    const line = self.now().line;
    const flow = flowOfLine(self.events, line - 1)?._tokenizer;
    const open = flow?.currentConstruct && !flow.currentConstruct.concrete;
    return open && termEndsOn(flow.events, line - 1) ? ok(code) : nok(code);
  }
}

/** Whether the parser reads definition lists. */
export function hasDefinitionLists(parser: ParseContext): boolean {
  const constructs = parser.constructs.document[codes.colon];
  return Array.isArray(constructs) ? constructs.includes(definition) : constructs === definition;
}

function tokenizeDefinitionStart(this: TokenizeContext, effects: Effects, ok: State, nok: State): State {
  const self = this;
  const tail = self.events.at(-1);
  const prefixed = tail?.[1].type === types.linePrefix;
  const indent = prefixed ? tail[2].sliceSerialize(tail[1], true).length : 0;
  const lineOffset = prefixed ? tail[1].start.offset : self.now().offset;
  let room = 0;
  return start;

  function start(code: Code): State | undefined {
    if ((code !== codes.colon && code !== codes.tilde) || indent > 2) return nok(code);
    const loose = opens(self, lineOffset);
    if (loose === undefined) return nok(code);
    const token = effects.enter('defListDescription', { _container: true, _spread: loose } as Partial<Token>);
    self.containerState!.defListToken = token;
    self.containerState!.defListBlanks = 0;
    effects.enter('defListDescriptionPrefix');
    effects.enter('defListDescriptionMarker');
    effects.consume(code);
    effects.exit('defListDescriptionMarker');
    // Pandoc: the marker and the spaces after it fill up to four columns (a tab counts to its stop).
    room = 4 - (indent + 1);
    return afterMarker;
  }

  function afterMarker(code: Code): State | undefined {
    if (!markdownSpace(code)) return nok(code);
    effects.enter(types.whitespace);
    return space(code);
  }

  function space(code: Code): State | undefined {
    if (markdownSpace(code) && room > 0) {
      room--;
      effects.consume(code);
      return space;
    }
    effects.exit(types.whitespace);
    effects.exit('defListDescriptionPrefix');
    return ok(code);
  }
}

/**
 * Whether a marker at `lineOffset` may open a definition, and if so whether it is loose (a blank
 * line before it); undefined when it may not. Asked twice for a definition that opens: in
 * micromark's check for a new container, then in its attempt, after the flow was closed.
 */
function opens(self: TokenizeContext, lineOffset: number | undefined): boolean | undefined {
  const line = self.now().line;
  const after = stopped.get(self.parser);
  // The same term's next definition: the definition before stopped at this very marker.
  if (after?.line === line && after.offset === lineOffset) return after.blanks > 0;
  // A term: all open containers went on over this line (micromark leaves `interrupt` undefined
  // otherwise), and the flow they feed holds a one-line paragraph on the line before, or on the
  // line before one blank line.
  if (self.interrupt === undefined) return undefined;
  const termLine = self.interrupt ? line - 1 : line - 2;
  const flow = flowOfLine(self.events, termLine)?._tokenizer;
  if (!flow) return undefined;
  if (self.interrupt) return termEndsOn(flow.events, termLine) ? false : undefined;
  return termBeforeBlank(flow.events, termLine) ? true : undefined;
}

/**
 * The flow chunk of `line`, when no container opened or closed since: the flow the definition
 * would follow is then the one that holds the term. A walk over two lines' events at most.
 */
function flowOfLine(events: Event[], line: number): Token | undefined {
  for (let index = events.length - 1; index >= 0; index--) {
    const [kind, token] = events[index]!;
    if ((token as { _container?: boolean })._container) return undefined;
    if (kind === 'enter' && token.type === types.chunkFlow && token.start.line <= line) return token.start.line === line ? token : undefined;
  }
  return undefined;
}

/**
 * Whether the flow's block on `line` started there: whatever the flow holds before that line
 * ended with its line, and is no paragraph that block may still go on (GFM lets a table's head
 * interrupt a paragraph, until the line under it says it is no table). The block on `line` may be
 * an open paragraph, the paragraph closed with the flow (micromark's attempt, once the flow is
 * closed), or still a guess (a GFM table's head, which the marker line ends).
 */
function termEndsOn(events: Event[], line: number): boolean {
  for (let index = events.length - 1; index >= 0; index--) {
    const [kind, token] = events[index]!;
    if (token.start.line >= line) continue;
    if (kind !== 'exit') return false;
    if (token.type === types.lineEndingBlank) return true;
    const before = events[index - 2];
    return token.type === types.lineEnding && !(before?.[1].type === types.content || before?.[1].type === types.chunkContent);
  }
  return true;
}

/** Whether the flow ends in a one-line paragraph on `line`, then exactly one blank line. */
function termBeforeBlank(events: Event[], line: number): boolean {
  let blanks = 0;
  for (let index = events.length - 1; index >= 0; index--) {
    const [kind, token] = events[index]!;
    if (token.type === types.content) return kind === 'exit' && blanks === 1 && token.start.line === line && token.end.line === line;
    if (token.type === types.lineEndingBlank) {
      if (kind === 'enter') blanks++;
    } else if (token.type !== types.lineEnding && token.type !== types.linePrefix && token.type !== types.whitespace) {
      return false;
    }
    if (token.start.line < line) return false;
  }
  return false;
}

function tokenizeDefinitionContinuation(this: TokenizeContext, effects: Effects, ok: State, nok: State): State {
  const self = this;
  const state = self.containerState!;
  const lineOffset = self.now().offset;
  return effects.check(blankLine, onBlank, notBlank);

  function onBlank(code: Code): State | undefined {
    state.defListBlanks = (state.defListBlanks ?? 0) + 1;
    return factorySpace(effects, ok, 'defListDescriptionIndent', 5)(code);
  }

  function notBlank(code: Code): State | undefined {
    const blanks = state.defListBlanks ?? 0;
    // After blank lines only an indented line goes on, and it makes the definition loose.
    if (blanks > 0) return effects.attempt(indented, afterBlanks, effects.check(markerAhead, atMarker, nok))(code);
    // Otherwise every line but a marker does: indented, its indentation is taken off.
    return effects.check(markerAhead, atMarker, effects.attempt(indented, ok, ok))(code);
  }

  function afterBlanks(code: Code): State | undefined {
    state.defListBlanks = 0;
    if (state.defListToken) state.defListToken._spread = true;
    return ok(code);
  }

  function atMarker(code: Code): State | undefined {
    // Pandoc reads one blank line, at most, before the same term's next definition.
    const blanks = state.defListBlanks ?? 0;
    if (blanks <= 1) stopped.set(self.parser, { line: self.now().line, offset: lineOffset, blanks });
    return nok(code);
  }
}

function tokenizeDefinitionEnd(this: TokenizeContext, effects: Effects): undefined {
  effects.exit('defListDescription');
}

/** Four columns of indentation (spaces, or a tab to its stop), taken off the line. */
function tokenizeIndent(this: TokenizeContext, effects: Effects, ok: State, nok: State): State {
  let size = 0;
  return start;

  function start(code: Code): State | undefined {
    if (!markdownSpace(code)) return nok(code);
    effects.enter('defListDescriptionIndent');
    return inside(code);
  }

  function inside(code: Code): State | undefined {
    if (markdownSpace(code) && size < 4) {
      size++;
      effects.consume(code);
      return inside;
    }
    effects.exit('defListDescriptionIndent');
    return size === 4 ? ok(code) : nok(code);
  }
}

/** A marker: up to two spaces, `:` or `~`, a space or tab. */
function tokenizeMarkerAhead(this: TokenizeContext, effects: Effects, ok: State, nok: State): State {
  let size = 0;
  return start;

  function start(code: Code): State | undefined {
    if (markdownSpace(code) && size < 2) {
      size++;
      effects.enter(types.linePrefix);
      effects.consume(code);
      effects.exit(types.linePrefix);
      return start;
    }
    if (code !== codes.colon && code !== codes.tilde) return nok(code);
    effects.enter('defListDescriptionMarker');
    effects.consume(code);
    effects.exit('defListDescriptionMarker');
    return after;
  }

  function after(code: Code): State | undefined {
    return markdownSpace(code) && !markdownLineEnding(code) ? ok(code) : nok(code);
  }
}

/**
 * micromark flow constructs for Pandoc's simple, multiline and grid tables. Each reads the lines
 * that could make a table ahead (a check, which consumes nothing), lets `readPandocTable` decide
 * how many of them Pandoc would take, then tokenizes exactly those: `pandocTable` holding one
 * `pandocTableLine` a line with text (blank lines inside a multiline table have none). Tried before
 * CommonMark's own constructs, as Pandoc tries tables before paragraphs, thematic breaks and setext
 * underlines; a setext heading (`Title` over one run of dashes) is left alone, as Pandoc reads it
 * first. A table never interrupts a paragraph, and never starts at the first line of the document,
 * where `---` opens the front matter.
 *
 * A table whose first line is dashed (multiline, headerless) or a `+` border (grid) is read from
 * that line. A simple table's header is any one line of text, so it is read from its rule
 * instead, the way micromark reads a setext underline: the dashed line under a one-line paragraph
 * ends that paragraph when the lines make a table, and the paragraph becomes the table's first
 * line (`resolveToTableUnderHeader`). Reading ahead from every paragraph's first line would read
 * every paragraph twice.
 */
import { markdownLineEnding } from 'micromark-util-character';
import { codes } from 'micromark-util-symbol';
import { splice } from 'micromark-util-chunked';
import type { Code, Construct, Effects, Event, Extension, State, Token, TokenizeContext } from 'micromark-util-types';
import { readPandocTable } from './pandoc-table-layout.js';

declare module 'micromark-util-types' {
  interface TokenTypeMap {
    pandocTable: 'pandocTable';
    pandocTableLine: 'pandocTableLine';
  }
  interface Token {
    /** On `pandocTable`: the spaces before its first line, which the flow tokenizer took as a line prefix. */
    pandocIndent?: number;
  }
}

/** Lines read ahead at most: a longer multiline table is not recognised. */
const lookaheadLimit = 500;

/**
 * Lines all lookaheads of one document may read before each is cut to `shortLimit`. A table that
 * opens with a dashed line runs to the next dashed line followed by a blank one, so a document of
 * `---` and words without such a line would be read again from every rule: quadratic. The budget
 * keeps any document linear; no real paper comes near it.
 */
const documentBudget = 50_000;
const shortLimit = 30;

interface Lookahead {
  /** Lines left to read. */
  budget: number;
}

const lookaheads = new WeakMap<TokenizeContext['parser'], Lookahead>();

function lookaheadOf(parser: TokenizeContext['parser']): Lookahead {
  let found = lookaheads.get(parser);
  if (!found) lookaheads.set(parser, (found = { budget: documentBudget }));
  return found;
}

/** First characters of a header that starts another block (a heading, quote, fence, HTML, directive, pipe table). */
const otherBlockStarts = /^[#>`~<:|]/;

/** A table read from its first line: a dashed line or a grid's `+` border. */
const pandocTable: Construct = { name: 'pandocTable', tokenize: tokenizePandocTable };
/** A simple table read from the rule under its header. */
const pandocTableUnderHeader: Construct = { name: 'pandocTableUnderHeader', tokenize: tokenizeTableUnderHeader, resolveTo: resolveToTableUnderHeader };

export function pandocTableSyntax(): Extension {
  // Under `-`, before the setext underline and the thematic break.
  return { flow: { [codes.dash]: [pandocTableUnderHeader, pandocTable], [codes.plusSign]: pandocTable } };
}

const dashed = (line: string | undefined) => line !== undefined && /^ {0,3}-+(?:[ \t]+-+)*[ \t]*$/.test(line);
const isGridStart = (line: string | undefined) => line?.trimStart().startsWith('+') === true;
/** A character a dashed line may hold. */
const ruleLike = (code: Code) => code === codes.dash || code === codes.space || code === codes.horizontalTab || code === codes.virtualSpace;
const blank = (line: string | undefined) => line !== undefined && /^[ \t]*$/.test(line);

/** Whether reading one more line could still change what the lines read so far make. */
function wantsMore(lines: string[], limit: number): boolean {
  const count = lines.length;
  const first = lines[0] ?? '';
  const last = lines[count - 1];
  if (count >= limit) return false;
  if (isGridStart(first)) return count === 1 || /^[+|]/.test(last ?? '');
  if (dashed(first)) return !(count >= 2 && blank(last) && dashed(lines[count - 2]));
  if (count === 1) return true;
  // Text over one run of dashes is a setext heading, never a table.
  return dashed(lines[1]) && !/^ {0,3}-+[ \t]*$/.test(lines[1] ?? '') && !blank(last);
}

function tokenizePandocTable(this: TokenizeContext, effects: Effects, ok: State, nok: State): State {
  if (this.interrupt) return nok;
  return tokenizeTableLines(this, effects, ok, nok, undefined);
}

/**
 * At a dashed line right under a one-line paragraph: a simple table when the lines from the
 * paragraph on make one. In the check whether the paragraph goes on (`interrupt`), the paragraph
 * is still being read, one `chunkContent` a line; after it, it is a `content` holding a `paragraph`.
 */
function tokenizeTableUnderHeader(this: TokenizeContext, effects: Effects, ok: State, nok: State): State {
  const line = this.now().line;
  if (this.parser.lazy[line]) return nok;
  const header = this.interrupt ? headerBeingRead(this.events, line) : headerRead(this.events, line);
  if (!header) return nok;
  const text = ' '.repeat(header.indent) + this.sliceSerialize(header.token, true);
  if (otherBlockStarts.test(text.trimStart())) return nok;
  return tokenizeTableLines(this, effects, ok, nok, { text, indent: header.indent });
}

interface Header {
  token: Token;
  /** The spaces before it, which the flow tokenizer took as a line prefix. */
  indent: number;
}

/** The paragraph still being read, when it is one line, the line above `line`. */
function headerBeingRead(events: Event[], line: number): Header | undefined {
  let chunk: Token | undefined;
  for (let index = events.length - 1; index >= 0; index--) {
    const [kind, token] = events[index]!;
    if (kind !== 'enter') continue;
    if (token.type === 'content') return chunk && chunk.start.line === line - 1 ? { token: chunk, indent: prefixBefore(events, index) } : undefined;
    if (token.type === 'chunkContent') {
      if (chunk) return undefined;
      chunk = token;
    }
  }
  return undefined;
}

/** The paragraph read just before, when it is one line, the line above `line`, and its block holds nothing else. */
function headerRead(events: Event[], line: number): Header | undefined {
  let index = events.length - 1;
  while (index >= 0 && (events[index]![1].type === 'lineEnding' || events[index]![1].type === 'linePrefix')) index--;
  const [kind, content] = events[index] ?? [];
  if (kind !== 'exit' || content?.type !== 'content' || content.start.line !== line - 1 || content.end.line !== line - 1) return undefined;
  if (events[index - 1]?.[1].type !== 'paragraph') return undefined;
  while (index >= 0 && !(events[index]![0] === 'enter' && events[index]![1] === content)) index--;
  return { token: content, indent: prefixBefore(events, index) };
}

/** The width of the line prefix that ends right before the event at `index`. */
function prefixBefore(events: Event[], index: number): number {
  const before = events[index - 1];
  return before?.[0] === 'exit' && before[1].type === 'linePrefix' ? before[2].sliceSerialize(before[1], true).length : 0;
}

/**
 * The table read under its header: the paragraph's events (and the line prefix of the rule, whose
 * spaces belong to the rule's line as the layout reads it) become the table's first line.
 */
function resolveToTableUnderHeader(events: Event[], context: TokenizeContext): Event[] {
  let table = events.length - 1;
  while (table >= 0 && !(events[table]![0] === 'enter' && events[table]![1].type === 'pandocTable')) table--;
  let index = table - 1;
  const rulePrefix = events[index]?.[1].type === 'linePrefix' ? events[index]![1] : undefined;
  if (rulePrefix) index -= 2;
  const lineEnding = events[index]?.[1];
  index -= 2;
  let content = index;
  while (content >= 0 && !(events[content]![0] === 'enter' && events[content]![1].type === 'content')) content--;
  const contentToken = events[content]?.[1];
  const tableToken = events[table]?.[1];
  const firstRuleToken = events[table + 1]?.[1];
  if (!lineEnding || lineEnding.type !== 'lineEnding' || !contentToken || !tableToken) return events;
  tableToken.start = { ...contentToken.start };
  if (rulePrefix && firstRuleToken?.type === 'pandocTableLine') firstRuleToken.start = { ...rulePrefix.start };
  const header: Token = { type: 'pandocTableLine', start: { ...contentToken.start }, end: { ...contentToken.end } };
  splice(events, content, table + 1 - content, [
    ['enter', tableToken, context],
    ['enter', header, context],
    ['exit', header, context],
    ['enter', lineEnding, context],
    ['exit', lineEnding, context],
  ]);
  return events;
}

/** The table from the line at hand on (after `header`, when the table was found under it). */
function tokenizeTableLines(self: TokenizeContext, effects: Effects, ok: State, nok: State, header: { text: string; indent: number } | undefined): State {
  const tail = self.events.at(-1);
  const indent = tail?.[0] === 'exit' && tail[1].type === 'linePrefix' ? self.sliceSerialize(tail[1], true).length : 0;
  const atFirstLine = self.now().line === 1;
  const state = lookaheadOf(self.parser);
  let lineCount = 0;
  let line = header ? 1 : 0;

  return start;

  function start(code: Code): State | undefined {
    if (code === codes.eof || markdownLineEnding(code)) return nok(code);
    return effects.check({ tokenize: tokenizeLookahead, partial: true }, begin, nok)(code);
  }

  /** Reads lines ahead, then asks the layout reader how many of them are a table. */
  function tokenizeLookahead(this: TokenizeContext, lookEffects: Effects, found: State, notFound: State): State {
    const context = this;
    const lines: string[] = header ? [header.text] : [];
    let token: Token | undefined;
    /** The first line is text: only a dashed second line (a simple table's header rule) goes on. */
    let underText = header !== undefined;
    return lineStart;

    function lineStart(code: Code): State | undefined {
      if (code === codes.eof || markdownLineEnding(code)) return lineEnd(code);
      token = lookEffects.enter('pandocTableLine');
      return inLine(code);
    }

    function inLine(code: Code): State | undefined {
      if (code === codes.eof || markdownLineEnding(code)) {
        lookEffects.exit('pandocTableLine');
        return lineEnd(code);
      }
      // Under a first line of text, only a dashed line can make a table (a simple table's header):
      // any other character on the second line ends the lookahead there.
      if (underText && lines.length === 1 && !ruleLike(code)) return notFound(code);
      lookEffects.consume(code);
      return inLine;
    }

    function lineEnd(code: Code): State | undefined {
      // Tabs and virtual spaces read as spaces; the indent of the line read first was taken as its prefix.
      const text = token ? context.sliceSerialize(token, true) : '';
      const first = lines.length === (header ? 1 : 0);
      token = undefined;
      lines.push(first ? ' '.repeat(indent) + text : text);
      state.budget -= 1;
      // `---` on the first line opens the front matter.
      if (lines.length === 1 && atFirstLine && /^---[ \t]*$/.test(lines[0] ?? '')) return notFound(code);
      if (lines.length === 1) underText = !dashed(lines[0]) && !isGridStart(lines[0]);
      const limit = state.budget > 0 ? lookaheadLimit : shortLimit;
      if (code === codes.eof || !wantsMore(lines, limit)) return decide(code);
      lookEffects.enter('lineEnding');
      lookEffects.consume(code);
      lookEffects.exit('lineEnding');
      return afterLineEnding;
    }

    function afterLineEnding(code: Code): State | undefined {
      // A lazy line belongs to no container the table is in: the table cannot go on into it.
      if (context.parser.lazy[context.now().line]) return decide(code);
      return lineStart(code);
    }

    function decide(code: Code): State | undefined {
      const layout = readPandocTable(lines);
      if (!layout) return notFound(code);
      lineCount = layout.lineCount;
      return found(code);
    }
  }

  function begin(code: Code): State | undefined {
    // In the check whether a paragraph goes on, finding the table is the whole answer.
    if (header && self.interrupt) return ok(code);
    const token = effects.enter('pandocTable');
    token.pandocIndent = header ? header.indent : indent;
    return lineStart(code);
  }

  function lineStart(code: Code): State | undefined {
    if (code === codes.eof || markdownLineEnding(code)) return lineEnd(code);
    effects.enter('pandocTableLine');
    return inLine(code);
  }

  function inLine(code: Code): State | undefined {
    if (code === codes.eof || markdownLineEnding(code)) {
      effects.exit('pandocTableLine');
      return lineEnd(code);
    }
    effects.consume(code);
    return inLine;
  }

  function lineEnd(code: Code): State | undefined {
    line += 1;
    if (line >= lineCount || code === codes.eof) {
      effects.exit('pandocTable');
      return ok(code);
    }
    effects.enter('lineEnding');
    effects.consume(code);
    effects.exit('lineEnding');
    return lineStart;
  }
}

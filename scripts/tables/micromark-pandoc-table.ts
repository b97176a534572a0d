/**
 * A micromark flow construct for Pandoc's simple, multiline and grid tables. It reads the lines
 * that could make a table ahead (a check, which consumes nothing), lets `readPandocTable` decide
 * how many of them Pandoc would take, then tokenizes exactly those: `pandocTable` holding one
 * `pandocTableLine` a line with text (blank lines inside a multiline table have none). Tried before
 * CommonMark's own constructs, as Pandoc tries tables before paragraphs, thematic breaks and setext
 * underlines; a setext heading (`Title` over one run of dashes) is left alone, as Pandoc reads it
 * first. A table never interrupts a paragraph, and never starts at the first line of the document,
 * where `---` opens the front matter.
 */
import { markdownLineEnding } from 'micromark-util-character';
import { codes } from 'micromark-util-symbol';
import type { Code, Construct, Effects, Extension, State, TokenizeContext } from 'micromark-util-types';
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

/** First characters that start another block (a heading, quote, fence, HTML, directive, pipe table). */
const otherBlockStarts = new Set<Code>([codes.numberSign, codes.greaterThan, codes.graveAccent, codes.tilde, codes.lessThan, codes.colon, codes.verticalBar]);

const pandocTable: Construct = { name: 'pandocTable', tokenize: tokenizePandocTable };

export function pandocTableSyntax(): Extension {
  // Under `-` too, so it comes before the thematic break (constructs for any character come after a character's own).
  return { flow: { [codes.dash]: pandocTable, null: [pandocTable] } };
}

const dashed = (line: string | undefined) => line !== undefined && /^ {0,3}-+(?:[ \t]+-+)*[ \t]*$/.test(line);
const blank = (line: string | undefined) => line !== undefined && /^[ \t]*$/.test(line);

/** Whether reading one more line could still change what the lines read so far make. */
function wantsMore(lines: string[], limit: number): boolean {
  const count = lines.length;
  const first = lines[0] ?? '';
  const last = lines[count - 1];
  if (count >= limit) return false;
  if (first.trimStart().startsWith('+')) return count === 1 || /^[+|]/.test(last ?? '');
  if (dashed(first)) return !(count >= 2 && blank(last) && dashed(lines[count - 2]));
  if (count === 1) return true;
  // Text over one run of dashes is a setext heading, never a table.
  return dashed(lines[1]) && !/^ {0,3}-+[ \t]*$/.test(lines[1] ?? '') && !blank(last);
}

function tokenizePandocTable(this: TokenizeContext, effects: Effects, ok: State, nok: State): State {
  const self = this;
  const tail = self.events.at(-1);
  const indent = tail?.[0] === 'exit' && tail[1].type === 'linePrefix' ? self.sliceSerialize(tail[1], true).length : 0;
  const atFirstLine = self.now().line === 1;
  const state = lookaheadOf(self.parser);
  let lineCount = 0;
  let line = 0;

  return start;

  function start(code: Code): State | undefined {
    if (self.interrupt || code === codes.eof || markdownLineEnding(code) || otherBlockStarts.has(code)) return nok(code);
    return effects.check({ tokenize: tokenizeLookahead, partial: true }, begin, nok)(code);
  }

  /** Reads lines ahead, then asks the layout reader how many of them are a table. */
  function tokenizeLookahead(this: TokenizeContext, lookEffects: Effects, found: State, notFound: State): State {
    const context = this;
    const lines: string[] = [];
    let text = ' '.repeat(indent);
    return lineStart;

    function lineStart(code: Code): State | undefined {
      if (code === codes.eof || markdownLineEnding(code)) return lineEnd(code);
      lookEffects.enter('pandocTableLine');
      return inLine(code);
    }

    function inLine(code: Code): State | undefined {
      if (code === codes.eof || markdownLineEnding(code)) {
        lookEffects.exit('pandocTableLine');
        return lineEnd(code);
      }
      text += code === codes.horizontalTab || code === codes.virtualSpace ? ' ' : String.fromCodePoint(code);
      lookEffects.consume(code);
      return inLine;
    }

    function lineEnd(code: Code): State | undefined {
      lines.push(text);
      text = '';
      state.budget -= 1;
      // `---` on the first line opens the front matter.
      if (lines.length === 1 && atFirstLine && /^---[ \t]*$/.test(text0())) return notFound(code);
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

    function text0(): string {
      return lines[0] ?? '';
    }

    function decide(code: Code): State | undefined {
      const layout = readPandocTable(lines);
      if (!layout) return notFound(code);
      lineCount = layout.lineCount;
      return found(code);
    }
  }

  function begin(code: Code): State | undefined {
    const token = effects.enter('pandocTable');
    token.pandocIndent = indent;
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

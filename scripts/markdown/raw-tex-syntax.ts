/**
 * Pandoc's `raw_tex` extension as micromark constructs, triggered by a `\` before a letter (an
 * escape is a `\` before punctuation, so the two never compete, and a paper without a `\` pays
 * nothing). Hand-written: no kept package reads raw TeX as Pandoc's Markdown reader does.
 *
 * - In running text (`rawTex`): `\name` (ASCII letters, then an optional `*`), then options
 *   `[…]` written right after the name and any number of balanced `{…}` groups (a `\` takes the
 *   next character with it; a group may run over lines of its paragraph). A command without an
 *   argument takes the blanks after it, as Pandoc does (`\footnotesize small`: `small`).
 *   `\begin{name}` takes everything up to its `\end{name}` within the paragraph. An argument or
 *   environment never closed is text, as in Pandoc.
 * - As a block (`rawTexBlock`): `\begin{name}` at the start of a line, up to the line of its
 *   `\end{name}` (the same environment nested inside is counted), over blank lines too; it does
 *   not interrupt a paragraph (in running text it is read as above). When no
 *   `\end{name}` closes it, the line is read as a paragraph instead.
 *
 * Bounded work: an unclosed `\begin{…}` is read on to the end of the document (a block) or of its
 * paragraph (text). Every character such a search reads draws on one budget per document; once it
 * is spent, environments are no longer searched for and `\begin{name}` is read as a command.
 */
import { asciiAlpha, markdownLineEnding, markdownSpace } from 'micromark-util-character';
import { codes } from 'micromark-util-symbol';
import type { Code, Construct, Effects, Extension, State, TokenizeContext } from 'micromark-util-types';

declare module 'micromark-util-types' {
  interface TokenTypeMap {
    rawTex: 'rawTex';
    rawTexBlock: 'rawTexBlock';
    rawTexData: 'rawTexData';
  }
}

/** Characters environment searches may read, per document: far more than any paper's raw TeX. */
const searchBudget = 250_000;
const budgets = new WeakMap<object, { left: number }>();

const inlineTex: Construct = { name: 'rawTex', tokenize: tokenizeInline };
const blockTex: Construct = { name: 'rawTexBlock', tokenize: tokenizeBlock, concrete: true };
const group: Construct = { partial: true, tokenize: tokenizeGroup };
const environmentBody: Construct = { partial: true, tokenize: tokenizeEnvironmentBody };

export function rawTexSyntax(): Extension {
  return { text: { [codes.backslash]: inlineTex }, flow: { [codes.backslash]: blockTex } };
}

function budgetOf(context: TokenizeContext): { left: number } {
  const budget = budgets.get(context.parser) ?? { left: searchBudget };
  budgets.set(context.parser, budget);
  return budget;
}

/**
 * Writes what a construct reads as `rawTexData`, one chunk a line: micromark's text is split into
 * lines, so a line ending (and the indentation after it) is its own token, as in a code span.
 */
function dataWriter(effects: Effects) {
  let inData = false;
  let lineStart = false;
  return {
    take(code: Code) {
      if (markdownLineEnding(code) || (lineStart && markdownSpace(code))) {
        if (inData) effects.exit('rawTexData');
        inData = false;
        const type = markdownLineEnding(code) ? 'lineEnding' : 'linePrefix';
        effects.enter(type);
        effects.consume(code);
        effects.exit(type);
        lineStart = markdownLineEnding(code) || lineStart;
        return;
      }
      lineStart = false;
      if (!inData) effects.enter('rawTexData');
      inData = true;
      effects.consume(code);
    },
    end() {
      if (inData) effects.exit('rawTexData');
      inData = false;
    },
  };
}

const characterOf = (code: Code): string => (code === null || code < 0 ? (markdownLineEnding(code) ? '\n' : ' ') : String.fromCharCode(code));

function tokenizeInline(this: TokenizeContext, effects: Effects, ok: State, nok: State): State {
  const data = dataWriter(effects);
  const self = this;
  let name = '';
  return (code) => {
    if (code !== codes.backslash) return nok(code);
    effects.enter('rawTex');
    data.take(code);
    return first;
  };

  function first(code: Code): State | undefined {
    if (!asciiAlpha(code)) return nok(code);
    return command(code);
  }

  function command(code: Code): State | undefined {
    if (asciiAlpha(code)) {
      name += characterOf(code);
      data.take(code);
      return command;
    }
    if (code === codes.asterisk) {
      data.take(code);
      data.end();
      return options;
    }
    data.end();
    return options(code);
  }

  function options(code: Code): State | undefined {
    if (code === codes.leftSquareBracket) return effects.attempt(group, argumentsStart, noArguments)(code);
    return argumentsStart(code);
  }

  function argumentsStart(code: Code): State | undefined {
    if (code === codes.leftCurlyBrace) {
      // An argument never closed is no raw TeX at all (Pandoc shows `\textbf{never closed` as text).
      return effects.attempt(group, name === 'begin' ? environment : moreArguments, nok)(code);
    }
    return noArguments(code);
  }

  function moreArguments(code: Code): State | undefined {
    if (code === codes.leftCurlyBrace) return effects.attempt(group, moreArguments, done)(code);
    return done(code);
  }

  function environment(code: Code): State | undefined {
    const opened = /^\\begin\*?\s*(?:\[[^\]]*\])?\s*\{([^{}]+)\}$/.exec(self.sliceSerialize({ start: tokenStart(self), end: self.now() }));
    if (!opened?.[1] || budgetOf(self).left <= 0) return done(code);
    environmentName.set(self.parser, opened[1]);
    // Pandoc shows a `\begin{name}` that no `\end{name}` closes as text.
    return effects.attempt(environmentBody, done, nok)(code);
  }

  function noArguments(code: Code): State | undefined {
    if (markdownSpace(code)) {
      effects.enter('rawTexData');
      return blanks(code);
    }
    return done(code);
  }

  function blanks(code: Code): State | undefined {
    if (markdownSpace(code)) {
      effects.consume(code);
      return blanks;
    }
    effects.exit('rawTexData');
    return done(code);
  }

  function done(code: Code): State | undefined {
    effects.exit('rawTex');
    return ok(code);
  }
}

/** Where the `rawTex` token being read started: the last one entered. */
function tokenStart(context: TokenizeContext) {
  for (let index = context.events.length - 1; index >= 0; index--) {
    const [kind, token] = context.events[index]!;
    if (kind === 'enter' && token.type === 'rawTex') return token.start;
  }
  return context.now();
}

/** The environment whose body the next `environmentBody` attempt reads (set just before it). */
const environmentName = new WeakMap<object, string>();

/** A balanced `{…}` or `[…]` group (braces nest inside brackets too); a `\` takes the next character. */
function tokenizeGroup(this: TokenizeContext, effects: Effects, ok: State, nok: State): State {
  const data = dataWriter(effects);
  const budget = budgetOf(this);
  let closing: Code = codes.rightCurlyBrace;
  let braces = 0;
  return (code) => {
    if (code === codes.leftSquareBracket) closing = codes.rightSquareBracket;
    else if (code !== codes.leftCurlyBrace) return nok(code);
    data.take(code);
    return inside;
  };

  function inside(code: Code): State | undefined {
    if (code === codes.eof || --budget.left < 0) return nok(code);
    if (code === closing && braces === 0) {
      data.take(code);
      data.end();
      return ok;
    }
    if (code === codes.leftCurlyBrace) braces++;
    if (code === codes.rightCurlyBrace) {
      // A `}` that closes nothing ends a `[…]` attempt: `[a}` is no option.
      if (braces === 0) return nok(code);
      braces--;
    }
    data.take(code);
    return code === codes.backslash ? escaped : inside;
  }

  function escaped(code: Code): State | undefined {
    if (code === codes.eof) return nok(code);
    data.take(code);
    return inside;
  }
}

/** The body of an environment in running text, up to and with its `\end{name}`. */
function tokenizeEnvironmentBody(this: TokenizeContext, effects: Effects, ok: State, nok: State): State {
  const name = environmentName.get(this.parser) ?? '';
  const search = environmentSearch(name, budgetOf(this));
  const data = dataWriter(effects);
  return function body(code: Code): State | undefined {
    if (code === codes.eof) return nok(code);
    const found = search.read(code);
    if (found === undefined) return nok(code);
    data.take(code);
    if (found) {
      data.end();
      return ok;
    }
    return body;
  };
}

/**
 * Reads characters after `\begin{name}` and says when its `\end{name}` has been read (true),
 * counting `\begin{name}` nested inside; undefined once the budget is spent.
 */
function environmentSearch(name: string, budget: { left: number }) {
  const begin = `\\begin{${name}}`;
  const end = `\\end{${name}}`;
  const keep = Math.max(begin.length, end.length);
  let tail = '';
  let depth = 1;
  return {
    read(code: Code): boolean | undefined {
      if (--budget.left < 0) return undefined;
      tail = (tail + characterOf(code)).slice(-keep);
      if (code !== codes.rightCurlyBrace) return false;
      if (tail.endsWith(end)) depth--;
      else if (tail.endsWith(begin)) depth++;
      return depth === 0;
    },
  };
}

function tokenizeBlock(this: TokenizeContext, effects: Effects, ok: State, nok: State): State {
  const self = this;
  const data = dataWriter(effects);
  const budget = budgetOf(this);
  const keyword = '\\begin{';
  let matched = 0;
  let name = '';
  let search: ReturnType<typeof environmentSearch> | undefined;
  return (code) => {
    // It never interrupts a paragraph: `$$` on the line before opens math that holds the environment.
    if (code !== codes.backslash || budget.left <= 0 || self.interrupt) return nok(code);
    effects.enter('rawTexBlock');
    return opening(code);
  };

  function opening(code: Code): State | undefined {
    if (code !== keyword.charCodeAt(matched)) return nok(code);
    data.take(code);
    matched++;
    return matched === keyword.length ? environment : opening;
  }

  function environment(code: Code): State | undefined {
    if (code === codes.rightCurlyBrace && name !== '') {
      data.take(code);
      search = environmentSearch(name, budget);
      return body;
    }
    if (code === codes.eof || markdownLineEnding(code) || code === codes.leftCurlyBrace || code === codes.backslash || name.length > 64) return nok(code);
    name += characterOf(code);
    data.take(code);
    return environment;
  }

  function body(code: Code): State | undefined {
    if (code === codes.eof || !search) return nok(code);
    if (markdownLineEnding(code)) {
      data.end();
      effects.enter('lineEnding');
      effects.consume(code);
      effects.exit('lineEnding');
      return lineStart;
    }
    const found = search.read(code);
    if (found === undefined) return nok(code);
    data.take(code);
    return found ? rest : body;
  }

  // A lazy line (one that does not continue the block quote or list item the environment is in) ends it unclosed.
  function lineStart(code: Code): State | undefined {
    if (self.parser.lazy[self.now().line]) return nok(code);
    return body(code);
  }

  // What follows `\end{name}` on its line belongs to the block.
  function rest(code: Code): State | undefined {
    if (code === codes.eof || markdownLineEnding(code)) {
      data.end();
      effects.exit('rawTexBlock');
      return ok(code);
    }
    data.take(code);
    return rest;
  }
}

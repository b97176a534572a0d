/**
 * How deep block quotes, list items and definitions nest, found by a scan of each line's container
 * prefix before any Markdown parser runs.
 *
 * micromark (and so remark-parse) is linear in its input only for shallow containers: every line
 * is matched against every open container, and a list nested N deep is N² characters of
 * indentation, so 2,000 levels of list take minutes; 10,000 levels of `>` overflow the stack of
 * the recursive tree utilities after it. No paper nests anywhere near `nestingLimit`, so deeper
 * text is refused before it is parsed.
 *
 * The scan follows CommonMark's container rules (a `>` or list marker after at most 3 spaces opens
 * a container; an item stays open on lines indented by its content width, and on blank and lazy
 * lines) in one pass, keeping at most `nestingLimit` + 1 containers. It may count more than a
 * parser would (markers inside fenced code, HTML blocks), never fewer, so nothing deeper than the
 * limit reaches the parser.
 */

/** Deeper than any paper: Pandoc's own manual and the CommonMark spec stay under 10. */
export const nestingLimit = 100;

/**
 * Emphasis and link marks (`*`, `_`, `[`) one paragraph may hold. micromark matches them in time
 * that grows with the square or cube of their number (2,000 `*` before and after a word: 4 s;
 * 20,000: three minutes, then a stack overflow; 1,000 nested `![`: 10 s); a long paragraph of a
 * paper holds a few dozen.
 */
export const inlineMarkLimit = 1000;

export interface DeepNesting {
  /** Offset of the marker that opens the container one level too deep, or of the mark one too many. */
  offset: number;
  /** `quote`, `list` or `definition`: what that container is; `marks`: a paragraph with too many marks. */
  kind: 'quote' | 'list' | 'definition' | 'marks';
}

/** `kept`: left open only by Pandoc's reading of a line under a paragraph; later lines may go on past it. */
type Container = ({ kind: 'quote' } | { kind: 'list' | 'definition'; width: number }) & { kept?: boolean };

const listMarker = /^(?:[-+*]|\d{1,9}[.)])/;
/** A definition's marker (Pandoc's `definition_lists`), counted whether or not a term is above it. */
const definitionMarker = /^[:~] +(?=\S)/;
const thematicBreak = /^([-*_])(?: *\1){2,} *$/;

/**
 * The first place where `text` nests containers deeper than `limit`, if any. Pure; linear in `text`.
 * A line right under a paragraph line that starts a list or a quote is read twice: CommonMark
 * opens it (closing the containers the line does not go on), Pandoc keeps the paragraph's
 * containers and opens nothing; the parser follows one or the other by place, so each line is
 * matched under both readings, each with its own open containers, and the first place found in
 * either counts.
 */
export function findDeepNesting(text: string, limit = nestingLimit): DeepNesting | undefined {
  // One pass over the lines, with a container stack for each reading.
  const commonMark: Container[] = [];
  const pandoc: Container[] = [];
  let lazyAllowed = false;
  let start = frontMatterEnd(text);
  let marks = 0;
  while (start < text.length) {
    const newline = nextLineEnd(text, start);
    const written = text.slice(start, newline.at);
    const blank = written.trim() === '';
    // Marks are counted by paragraph (a run of non-blank lines), after the container prefix.
    if (blank) marks = 0;
    else if (!thematicBreak.test(written.trimStart())) {
      const over = countMarks(written, inlineMarkLimit - marks);
      if (typeof over === 'number') marks += over;
      else return { offset: start + over.index, kind: 'marks' };
    }
    // Tabs stop every 4 columns and may be split between containers: the scan reads columns.
    const line = written.includes('\t') ? expandTabs(written) : undefined;
    const columns = line?.text ?? written;
    const underCommonMark = scanLine(columns, commonMark, lazyAllowed, limit, false);
    const underPandoc = scanLine(columns, pandoc, lazyAllowed, limit, true);
    // Both on this line: the first place in it counts.
    const found = underCommonMark && underPandoc ? (underCommonMark.index <= underPandoc.index ? underCommonMark : underPandoc) : (underCommonMark ?? underPandoc);
    if (found) return { offset: start + (line ? (line.origin[found.index] ?? 0) : found.index), kind: found.kind };
    lazyAllowed = !blank;
    start = newline.next;
  }
  return undefined;
}

const containerPrefix = /^(?:[ \t]*(?:>|(?:[-+*]|\d{1,9}[.)])(?=[ \t]|$)))*/;

/** The marks in a line past its container prefix, or the index of the one past `room`. */
function countMarks(line: string, room: number): number | { index: number } {
  let count = 0;
  for (let index = containerPrefix.exec(line)?.[0].length ?? 0; index < line.length; index++) {
    const char = line.charCodeAt(index);
    // `*`, `_`, `[`
    if (char === 42 || char === 95 || char === 91) {
      count++;
      if (count > room) return { index };
    }
  }
  return count;
}

/** Update `stack` with one line; returns the index of the marker that goes past `limit`. */
function scanLine(line: string, stack: Container[], lazyAllowed: boolean, limit: number, keepUnderParagraph: boolean): { index: number; kind: Container['kind'] } | undefined {
  const blank = line.trim() === '';
  // A line that may go on a paragraph lazily: only such a line keeps, or is kept in, what it does not match.
  const lazy = lazyAllowed && !blank;
  let index = 0;
  let matched = 0;
  for (const container of stack) {
    // A container only one reading keeps is counted, but never stops the line matching those after it.
    if (container.kind === 'quote') {
      const indent = spacesAt(line, index);
      if (indent.columns > 3 || line[indent.end] !== '>') {
        if (!container.kept || !lazy) break;
        matched++;
        continue;
      }
      index = skipOneSpace(line, indent.end + 1);
    } else if (!blank) {
      const indent = spacesAt(line, index);
      if (indent.columns < container.width) {
        if (!container.kept || !lazy) break;
        matched++;
        continue;
      }
      index += container.width;
    }
    matched++;
  }
  let opened = false;
  for (;;) {
    const indent = spacesAt(line, index);
    if (indent.columns > 3) break;
    const at = indent.end;
    let container: Container;
    let next: number;
    if (line[at] === '>') {
      container = { kind: 'quote' };
      next = skipOneSpace(line, at + 1);
    } else if ((line[at] === ':' || line[at] === '~') && indent.columns <= 2 && definitionMarker.test(line.slice(at, at + 5))) {
      // A definition's later lines are indented four columns, whatever its marker's indentation.
      container = { kind: 'definition', width: 4 };
      next = Math.min(at + 1 + spacesAt(line, at + 1).columns, index + 4);
    } else {
      const marker = listMarker.exec(line.slice(at, at + 10))?.[0];
      const after = at + (marker?.length ?? 0);
      if (!marker || (after < line.length && line[after] !== ' ') || thematicBreak.test(line.slice(at))) break;
      const gap = spacesAt(line, after);
      const spaces = gap.end === line.length || gap.columns > 4 ? 1 : gap.columns;
      // An item's content starts after its indentation, marker and spaces: later lines match that width.
      container = { kind: 'list', width: indent.columns + marker.length + spaces };
      next = gap.end === line.length || gap.columns > 4 ? Math.min(after + 1, line.length) : gap.end;
    }
    // Read as Pandoc reads it: right under a paragraph line the containers stay open.
    if (!opened) {
      // A definition's marker closes the definition it does not go on (it opens the next one).
      if (container.kind === 'definition') while (stack.length > matched && stack.at(-1)?.kind === 'definition') stack.pop();
      // A list item where a list's item closed is the next item of that list (or of an outer one),
      // under both readings: nothing is kept, or a long list would count one level an item.
      const nextItem = container.kind === 'list' && stack[matched]?.kind === 'list';
      if (keepUnderParagraph && lazy && !nextItem) for (const container of stack.slice(matched)) container.kept = true;
      else stack.length = matched;
    }
    opened = true;
    stack.push(container);
    if (stack.length > limit) return { index: at, kind: container.kind };
    index = next;
  }
  // A line that opens nothing and leaves containers unmatched closes them, unless it is blank
  // inside a list or continues a paragraph lazily.
  if (!opened && matched < stack.length && !lazy) stack.length = matched;
  return undefined;
}

/** Spaces from `index` (the line's tabs are expanded), and where they end. */
function spacesAt(line: string, index: number): { columns: number; end: number } {
  let end = index;
  while (line[end] === ' ') end++;
  return { columns: end - index, end };
}

function skipOneSpace(line: string, index: number): number {
  return line[index] === ' ' ? index + 1 : index;
}

/** The line with each tab expanded to the next multiple of 4 columns, and each column's index in the line as written. */
function expandTabs(line: string): { text: string; origin: number[] } {
  let text = '';
  const origin: number[] = [];
  for (let index = 0; index < line.length; index++) {
    const char = line[index] ?? '';
    const width = char === '\t' ? 4 - (text.length % 4) : 1;
    text += char === '\t' ? ' '.repeat(width) : char;
    for (let column = 0; column < width; column++) origin.push(index);
  }
  return { text, origin };
}

function nextLineEnd(text: string, start: number): { at: number; next: number } {
  for (let index = start; index < text.length; index++) {
    const char = text[index];
    if (char === '\n') return { at: index, next: index + 1 };
    if (char === '\r') return { at: index, next: text[index + 1] === '\n' ? index + 2 : index + 1 };
  }
  return { at: text.length, next: text.length };
}

/** Where YAML front matter (`---` … `---` at the very start) ends: its lines are not Markdown. */
function frontMatterEnd(text: string): number {
  const open = /^---[ \t]*(?:\r\n|\r|\n)/.exec(text);
  if (!open) return 0;
  const close = /^---[ \t]*(?:\r\n|\r|\n|$)/m.exec(text.slice(open[0].length));
  return close ? open[0].length + close.index + close[0].length : 0;
}

/** The words of a `markdown-nesting` message. */
export function deepNestingReason(found: DeepNesting): string {
  if (found.kind === 'marks') return `This paragraph holds more than ${inlineMarkLimit} emphasis and link marks (\`*\`, \`_\`, \`[\`); the Markdown is not read (split the paragraph, or escape the marks)`;
  const what = found.kind === 'quote' ? 'block quote' : found.kind === 'definition' ? 'definition' : 'list item';
  return `This ${what} nests more than ${nestingLimit} levels deep; the Markdown is not read (no paper needs more than a few levels)`;
}

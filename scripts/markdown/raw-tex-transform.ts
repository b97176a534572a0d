import type { Paragraph, Parent, PhrasingContent, Root, RootContent } from 'mdast';
import type { Node } from 'unist';
import { visitParents } from 'unist-util-visit-parents';
import type { VFile } from 'vfile';
import { report } from '../diagnostics/report.js';
import { sourceFileOf } from '../source/source-file.js';
import type { PageBreak, RawTex, RawTexBlock } from './raw-tex-node.js';
import type { SanitizedHtml } from './sanitized-html-node.js';

/** Parents whose children are blocks. */
const flowParents = new Set(['root', 'blockquote', 'listItem', 'footnoteDefinition', 'containerDirective', 'defListDescription', 'sanitizedHtml']);

/** `\newpage`, `\pagebreak` (`\pagebreak[4]` too), `\clearpage` and `\cleardoublepage`. */
const pageBreakCommand = /^\\(?:newpage|pagebreak|clearpage|cleardoublepage)(?:\[[^\]]*\])?$/;

/** LaTeX's references, which `latexReferencesTransform` turns into cross-references. */
const referenceCommand = /^\\(?:ref|autoref|[cC]ref|eqref)\{[^{}\s]+\}$/;

/** Math environments written without `$$`: display math, as Pandoc's HTML writer shows them with MathJax. */
const mathEnvironment = /^\\begin\{((?:equation|align|alignat|gather|multline|flalign|eqnarray|displaymath)\*?)\}[\s\S]*\\end\{\1\}$/;

const texCommand = /\\[A-Za-z]/;

/** What the transform drops: one warning covers each run of TeX written one after the other. */
interface Dropped {
  node: RawTex | RawTexBlock;
  file: VFile;
}

/**
 * Raw TeX (`raw-tex-syntax.ts`), which neither output reads, as the reader should see it:
 *
 * - `\newpage`, `\pagebreak` and `\clearpage` in the manuscript's flow become a `pageBreak` (a
 *   page break in print, nothing on screen); in a paragraph, they end it there, as in LaTeX;
 * - `\ref{x}`, `\autoref{x}`, `\cref{x}` and `\eqref{x}` are left to `latexReferencesTransform`;
 * - an `equation`, `align`, `gather`… environment standing as a block is display math (Pandoc's
 *   HTML writer shows it so with MathJax);
 * - everything else is dropped (Pandoc drops it silently from HTML): a paragraph of nothing else
 *   goes with it, and one `raw-tex-dropped` warning covers each run of TeX written one after the
 *   other (only blanks and page breaks between), so a title page of twenty commands is one
 *   message, not twenty.
 *
 * Run after the tables and captions are read (their Markdown may hold raw TeX too) and before the
 * equations are numbered.
 */
export interface RawTexOptions {
  /** The other files whose Markdown is in the tree (period tables' data): TeX in one of their cells is reported there. */
  sources?: readonly VFile[] | undefined;
}

export function rawTexTransform(tree: Root, file: VFile, options: RawTexOptions = {}): void {
  // Raw TeX starts with `\` and a letter: a paper without one in its manuscript or data is not walked.
  if (![file, ...(options.sources ?? [])].some((source) => texCommand.test(String(source.value)))) return;
  const dropped: Dropped[] = [];
  visitParents(tree, (node, ancestors) => {
    if (!('children' in node) || !Array.isArray(node.children)) return;
    const parent = node as Parent;
    const where = sourceFileOf([...ancestors, node], file);
    const drop = (tex: RawTex | RawTexBlock) => dropped.push({ node: tex, file: where });
    if (flowParents.has(parent.type)) parent.children = flowChildren(parent.children as RootContent[], drop);
    else if (parent.children.some((child) => child.type === 'rawTex')) parent.children = phrasingChildren(parent.children as PhrasingContent[], drop);
  });
  reportRuns(dropped);
}

function flowChildren(children: RootContent[], drop: (tex: RawTex | RawTexBlock) => void): RootContent[] {
  if (!children.some((child) => child.type === 'rawTexBlock' || (child.type === 'paragraph' && child.children.some((inline) => inline.type === 'rawTex')))) return children;
  const result: RootContent[] = [];
  for (const child of children) {
    if (child.type === 'rawTexBlock') {
      if (mathEnvironment.test(child.value)) result.push(displayMathParagraph(child));
      else drop(child);
    } else if (child.type === 'paragraph') {
      for (const piece of splitAtPageBreaks(child)) {
        if (piece.type === 'pageBreak') {
          // Pages left empty by what was dropped between two breaks (and comments) are not printed.
          if (lastShown(result)?.type !== 'pageBreak') result.push(piece);
        } else if (onlyTex(piece)) {
          for (const inline of piece.children) if (inline.type === 'rawTex') drop(inline);
        } else result.push(piece);
      }
    } else result.push(child);
  }
  return result;
}

/** HTML comments only: nothing a reader sees. */
const onlyComments = /^\s*(?:<!--[\s\S]*?-->\s*)*$/;

/** The last block a reader sees (raw HTML is read before raw TeX). */
function lastShown(blocks: RootContent[]): RootContent | undefined {
  for (let index = blocks.length - 1; index >= 0; index--) {
    const block = blocks[index];
    if (block && !(block.type === 'html' && onlyComments.test(block.value)) && !(block.type === 'sanitizedHtml' && showsNothing(block))) return block;
  }
  return undefined;
}

/** Raw HTML after the allow-list that holds comments and blanks only. */
function showsNothing(html: SanitizedHtml): boolean {
  return html.children.length === 0 && html.data.hast.children.every((node) => node.type === 'comment' || (node.type === 'text' && node.value.trim() === ''));
}

function phrasingChildren(children: PhrasingContent[], drop: (tex: RawTex) => void): PhrasingContent[] {
  return children.filter((child) => {
    if (child.type !== 'rawTex' || referenceCommand.test(child.value)) return true;
    drop(child);
    return false;
  });
}

/** A paragraph cut at each page break it holds: the pieces, with the page breaks between them. */
function splitAtPageBreaks(paragraph: Paragraph): Array<Paragraph | PageBreak> {
  if (!paragraph.children.some(isPageBreakTex)) return [paragraph];
  const pieces: Array<Paragraph | PageBreak> = [];
  let current: PhrasingContent[] = [];
  const flush = () => {
    const trimmed = trimmedInlines(current);
    if (trimmed.length > 0) {
      const start = trimmed[0]?.position?.start;
      const end = trimmed.at(-1)?.position?.end;
      pieces.push({ type: 'paragraph', children: trimmed, ...(start && end ? { position: { start, end } } : {}) });
    }
    current = [];
  };
  for (const child of paragraph.children) {
    if (isPageBreakTex(child)) {
      flush();
      pieces.push(pageBreak(child));
    } else current.push(child);
  }
  flush();
  return pieces;
}

function isPageBreakTex(node: PhrasingContent): node is RawTex {
  return node.type === 'rawTex' && pageBreakCommand.test(node.value);
}

/**
 * A page break in print and nothing on screen: an empty block that forces the page after it. Its
 * style is on the element, so the stylesheet of a paper without page breaks stays as it is.
 */
function pageBreak(tex: RawTex): PageBreak {
  return {
    type: 'pageBreak',
    ...(tex.position ? { position: tex.position } : {}),
    data: { hName: 'div', hProperties: { className: ['page-break'], style: 'break-after: page' }, hChildren: [] },
  };
}

/** The blanks at either end of a piece of a paragraph left out (the line endings around a page break). */
function trimmedInlines(inlines: PhrasingContent[]): PhrasingContent[] {
  const result = [...inlines];
  const first = result[0];
  if (first?.type === 'text') result[0] = { ...first, value: first.value.trimStart() };
  const lastIndex = result.length - 1;
  const last = result[lastIndex];
  if (last?.type === 'text') result[lastIndex] = { ...last, value: last.value.trimEnd() };
  return result.filter((inline) => !(inline.type === 'text' && inline.value === ''));
}

/** A paragraph of raw TeX (no reference among it) and blanks only. */
function onlyTex(paragraph: Paragraph): boolean {
  let tex = false;
  for (const inline of paragraph.children) {
    if (inline.type === 'rawTex' && !referenceCommand.test(inline.value)) tex = true;
    else if (inline.type === 'break' || (inline.type === 'text' && inline.value.trim() === '')) continue;
    else return false;
  }
  return tex;
}

function displayMathParagraph(tex: RawTexBlock): Paragraph {
  const position = tex.position ? { position: tex.position } : {};
  return { type: 'paragraph', children: [{ type: 'displayMath', value: tex.value, ...position }], ...position };
}

/** Between two pieces of one run: blanks and page breaks only. */
const sameRun = /^(?:\s|\\(?:newpage|pagebreak|clearpage|cleardoublepage)\b)*$/;

function reportRuns(dropped: Dropped[]): void {
  const byFile = new Map<VFile, Dropped[]>();
  for (const entry of dropped) byFile.set(entry.file, [...(byFile.get(entry.file) ?? []), entry]);
  for (const [file, entries] of byFile) {
    const text = String(file.value);
    entries.sort((a, b) => offset(a.node, 'start') - offset(b.node, 'start'));
    let run: Array<RawTex | RawTexBlock> = [];
    const flush = () => {
      if (run.length > 0) reportRun(file, run);
      run = [];
    };
    for (const { node } of entries) {
      const previous = run.at(-1);
      const from = previous && offset(previous, 'end');
      const to = offset(node, 'start');
      if (previous && !(Number.isFinite(from) && Number.isFinite(to) && from !== undefined && from <= to && sameRun.test(text.slice(from, to)))) flush();
      run.push(node);
    }
    flush();
  }
}

function offset(node: Node, side: 'start' | 'end'): number {
  return node.position?.[side].offset ?? Number.NaN;
}

function reportRun(file: VFile, run: Array<RawTex | RawTexBlock>): void {
  const first = run[0];
  const last = run.at(-1);
  if (!first || !last) return;
  const more = run.length - 1;
  const what = more === 0 ? `Raw TeX ${shown(first.value)} is` : `Raw TeX ${shown(first.value)} and ${more} more ${more === 1 ? 'piece' : 'pieces'} after it are`;
  const place = first.position && last.position ? { start: first.position.start, end: last.position.end } : first.position;
  report(file, 'raw-tex-dropped', `${what} left out of the HTML and the PDF: only LaTeX reads ${more === 0 ? 'it' : 'them'}`, place);
}

/** The TeX in the message: an environment by its name, a long command cut short, on one line. */
function shown(tex: string): string {
  const environment = /^\\begin\{([^{}]+)\}/.exec(tex);
  const text = environment ? `\\begin{${environment[1]}}…\\end{${environment[1]}}` : tex.replace(/\s+/g, ' ');
  return `\`${text.length > 60 ? `${text.slice(0, 59)}…` : text}\``;
}

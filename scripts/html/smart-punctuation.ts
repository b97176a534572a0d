/**
 * Pandoc's `smart` extension, on by default in its Markdown: straight quotes become curly ones,
 * `---` an em dash, `--` an en dash and `...` an ellipsis. Applied to the page's text at render
 * time, block by block, so a pair of quotes around emphasis or a link is one pair; never inside
 * code, math, citations, autolinks' addresses and the reference list (which the CSL style
 * typesets), or raw attributes.
 *
 * Quotes as Pandoc 2.17 sets them: a `"` that opens (after a space or an opening bracket, before a
 * character that is not a space) is “, any other ”, closed or not. A `'` after a letter or digit
 * is an apostrophe (’); one that opens is ‘ only when a `'` closes it in the same block (`rock 'n'
 * roll`), and an apostrophe otherwise (`'90s`, `'tis`).
 */
import type { Element, ElementContent, Root, Text } from 'hast';
import type { PaperMeta } from '../front-matter/read-front-matter.js';

/** Elements whose text is not prose: code, math, and what the citation processor typeset. */
const untouched = new Set(['code', 'pre', 'kbd', 'samp', 'script', 'style', 'svg', 'math', 'textarea']);
/** Elements that make a block of their own: quotes do not pair across them. */
const blocks = new Set(['p', 'li', 'td', 'th', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'figcaption', 'caption', 'dt', 'dd', 'div', 'section', 'blockquote', 'header', 'footer', 'nav', 'figure', 'table', 'tr', 'ul', 'ol', 'dl', 'body', 'main', 'aside', 'summary', 'details', 'title']);

function skipped(element: Element): boolean {
  const classes = (element.properties.className as string[] | undefined) ?? [];
  return untouched.has(element.tagName) || classes.includes('citation') || classes.includes('math') || classes.includes('uri') || element.properties.id === 'refs' || isAutolink(element);
}

/** `<https://…>`: a link whose text is its address, which Pandoc never curls. */
function isAutolink(element: Element): boolean {
  const [only] = element.children;
  return element.tagName === 'a' && element.children.length === 1 && only?.type === 'text' && only.value === element.properties.href;
}

export function smartPunctuationTransform(tree: Root | Element): void {
  let run: Text[] = [];
  const flush = () => {
    if (run.length > 0) smartenRun(run);
    run = [];
  };
  const walk = (nodes: Array<Root['children'][number] | ElementContent>): void => {
    for (const node of nodes) {
      if (node.type === 'text') run.push(node);
      else if (node.type === 'element') {
        if (skipped(node)) {
          // A citation or code stands in the text like a word: a quote after it closes.
          run.push({ type: 'text', value: 'x' });
          continue;
        }
        const block = blocks.has(node.tagName);
        if (block) flush();
        walk(node.children);
        if (block) flush();
      }
    }
  };
  walk(tree.type === 'root' ? tree.children : [tree]);
  flush();
}

const word = /[\p{L}\p{N}]/u;
const space = (char: string | undefined) => char === undefined || /\s/.test(char);
const opening = (char: string | undefined) => space(char) || /[([{\u2013\u2014\u2018\u201c/-]/.test(char ?? '');

/** The quotes, dashes and ellipses of one block's text nodes, as one string. */
function smartenRun(nodes: Text[]): void {
  const text = nodes.map((node) => node.value).join('');
  if (!/["'.-]/.test(text)) return;
  const chars = [...text];
  const out = [...chars];
  const singles: number[] = [];
  for (let index = 0; index < chars.length; index++) {
    const char = chars[index];
    const before = chars[index - 1];
    const after = chars[index + 1];
    if (char === '"') {
      out[index] = opening(before) && !space(after) ? '\u201c' : '\u201d';
    } else if (char === "'") {
      if (before !== undefined && word.test(before)) {
        // An apostrophe (Russia's), or the close of a quote (the 'word').
        const closes = !word.test(after ?? '') && singles.length > 0;
        if (closes) out[singles.pop()!] = '\u2018';
        out[index] = '\u2019';
      } else if (opening(before) && !space(after)) {
        singles.push(index);
        out[index] = '\u2019';
      } else {
        if (!space(before) && !word.test(after ?? '') && singles.length > 0) out[singles.pop()!] = '\u2018';
        out[index] = '\u2019';
      }
    }
  }
  let smart = out.join('');
  smart = smart.replace(/---/g, '\u2014').replace(/--/g, '\u2013').replace(/\.\.\./g, '\u2026');
  if (smart === text) return;
  // Each node gets its share back: the replacements above never cross a node's edge unless the run did.
  let at = 0;
  const mapped = mapLengths(text, smart);
  for (const node of nodes) {
    const end = at + node.value.length;
    node.value = smart.slice(mapped[at]!, mapped[end]!);
    at = end;
  }
}

/** For each offset of `text`, the offset in `smart` it became (dashes and ellipses are shorter). */
function mapLengths(text: string, smart: string): number[] {
  const map: number[] = [];
  let j = 0;
  for (let i = 0; i <= text.length; ) {
    map[i] = j;
    if (i === text.length) break;
    if (text.startsWith('---', i) && smart[j] === '\u2014') {
      map[i + 1] = map[i + 2] = j + 1;
      i += 3;
      j += 1;
    } else if (text.startsWith('--', i) && smart[j] === '\u2013') {
      map[i + 1] = j + 1;
      i += 2;
      j += 1;
    } else if (text.startsWith('...', i) && smart[j] === '\u2026') {
      map[i + 1] = map[i + 2] = j + 1;
      i += 3;
      j += 1;
    } else {
      i += 1;
      j += 1;
    }
  }
  return map;
}

/** One line of plain text as `smart` sets it, as one block. */
export function smartenText(text: string): string {
  const node: Text = { type: 'text', value: text };
  smartenRun([node]);
  return node.value;
}

/**
 * The paper's metadata in plain text as Pandoc sets it with `smart`, like the page's text: the
 * title and short title (the tab, the running head, the PDF's Title) and the authors' names (the
 * HTML's and the PDF's Author), so `it's` in a title is it’s there as in the title block.
 */
export function smartMeta(meta: PaperMeta): PaperMeta {
  return { ...meta, title: smartenText(meta.title), shortTitle: smartenText(meta.shortTitle), authors: meta.authors.map((author) => ({ ...author, name: smartenText(author.name) })) };
}

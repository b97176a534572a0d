/**
 * Pandoc's attributes on inline content: `[Small caps]{.smallcaps}` and `[текст]{lang=ru}`
 * (`bracketed_spans`) become spans, and `[a link](url){.external}` (`link_attributes`) puts the
 * attributes on the link. The blocks are read from the manuscript's text (`pandoc-attributes.ts`),
 * so whatever the parser made of them does not matter.
 *
 * The HTML gets what a page without scripts can safely hold: the id, the classes, and `lang`,
 * `dir`, `title`, `target` and `rel`; any other key becomes `data-key`, as Pandoc's HTML writer
 * does with keys HTML does not have. `style` and event handlers are kept as `data-*` too, so an
 * attribute can neither load anything nor run anything.
 */
import type { Link, Parent, PhrasingContent, Root, Text } from 'mdast';
import type {} from 'mdast-util-to-hast';
import type { Node } from 'unist';
import { visitParents } from 'unist-util-visit-parents';
import type { VFile } from 'vfile';
import { sourceFileOf } from '../source/source-file.js';
import { attributeBlockLength, parseAttributes, takeTrailingAttributes, type PandocAttributes } from './pandoc-attributes.js';

/** A bracketed span: `[content]{attributes}`. */
export interface BracketedSpan extends Parent {
  type: 'bracketedSpan';
  children: PhrasingContent[];
}

declare module 'mdast' {
  interface PhrasingContentMap {
    bracketedSpan: BracketedSpan;
  }
  interface RootContentMap {
    bracketedSpan: BracketedSpan;
  }
}

/** The HTML attributes a written attribute may keep as it is. */
const kept = new Set(['lang', 'dir', 'title', 'target', 'rel']);

/** Properties of the element that shows the attributes (hast's names). */
export function attributeProperties(attributes: PandocAttributes): Record<string, string | string[]> {
  const properties: Record<string, string | string[]> = {};
  if (attributes.id) properties.id = attributes.id;
  if (attributes.classes.length > 0) properties.className = attributes.classes;
  for (const [key, value] of Object.entries(attributes.attributes)) properties[kept.has(key) ? key : `data-${key.replace(/^data-/, '')}`] = value;
  return properties;
}

const attributesAfterBracket = /[\])>]\{/;

export function inlineAttributesTransform(tree: Root, file: VFile): void {
  // An attribute block follows a `]`, `)` or `>` with no blank between: a manuscript without one is not walked.
  if (!attributesAfterBracket.test(String(file.value))) return;
  const parents: Array<{ parent: Parent; file: VFile }> = [];
  visitParents(tree, (node, ancestors) => {
    if (node.type === 'code' || node.type === 'inlineCode' || node.type === 'html') return 'skip';
    if (!('children' in node) || !node.children.some((child) => child.type === 'text' || child.type === 'link')) return undefined;
    parents.push({ parent: node as Parent, file: sourceFileOf(ancestors as Node[], file) });
    return undefined;
  });
  // Innermost first is not needed: a span's content is searched again after it is made.
  for (const { parent, file: source } of parents) {
    if (source !== file) continue;
    spansIn(parent, source);
    linkAttributes(parent, source);
  }
}

function linkAttributes(parent: Parent, file: VFile): void {
  for (let index = 0; index < parent.children.length; index++) {
    const node = parent.children[index];
    if (node?.type !== 'link' || node.data?.latexReference) continue;
    const attributes = takeTrailingAttributes(parent, index, file);
    if (attributes) setProperties(node, attributes);
  }
}

function setProperties(node: Link | BracketedSpan, attributes: PandocAttributes): void {
  node.data = { ...node.data, hProperties: { ...node.data?.hProperties, ...attributeProperties(attributes) } };
}

/** A text node written as it reads (no escapes or entities): its characters map one to one onto the source. */
function exact(node: PhrasingContent | undefined): node is Text {
  const start = node?.position?.start.offset;
  const end = node?.position?.end.offset;
  return node?.type === 'text' && start !== undefined && end !== undefined && end - start === node.value.length;
}

/** Every `[…]{…}` among `parent`'s children made a span, the innermost first. */
function spansIn(parent: Parent, file: VFile): void {
  const text = String(file.value);
  for (let made = true; made; ) {
    made = false;
    const children = parent.children as PhrasingContent[];
    for (let close = 0; close < children.length && !made; close++) {
      const closing = children[close];
      if (!exact(closing)) continue;
      const origin = closing.position!.start.offset!;
      for (let at = closing.value.indexOf(']'); at >= 0 && !made; at = closing.value.indexOf(']', at + 1)) {
        const length = attributeBlockLength(text.slice(origin + at + 1, origin + at + 2001));
        if (length === 0 || !parseAttributes(text.slice(origin + at + 1, origin + at + 1 + length))) continue;
        const open = openingBracket(children, close, at);
        if (!open) continue;
        made = makeSpan(parent, open, { index: close, at }, file);
      }
    }
  }
}

/** The `[` that the `]` at `at` in `children[close]` closes, in an exact text node, if any. */
function openingBracket(children: PhrasingContent[], close: number, at: number): { index: number; at: number } | undefined {
  let depth = 0;
  for (let index = close; index >= 0; index--) {
    const node = children[index];
    if (!exact(node)) continue;
    const end = index === close ? at - 1 : node.value.length - 1;
    for (let position = end; position >= 0; position--) {
      const char = node.value[position];
      if (char === ']') depth++;
      else if (char === '[' && node.value[position - 1] !== '!') {
        if (depth === 0) return { index, at: position };
        depth--;
      }
    }
  }
  return undefined;
}

/** Wrap what stands between the brackets in a span, and give it the attributes written after `]`. */
function makeSpan(parent: Parent, open: { index: number; at: number }, close: { index: number; at: number }, file: VFile): boolean {
  const children = parent.children as PhrasingContent[];
  const first = children[open.index] as Text;
  const last = children[close.index] as Text;
  const firstStart = first.position!.start;
  const lastStart = last.position!.start;
  const point = (from: typeof firstStart, offset: number) => ({ line: from.line, column: from.column + offset, offset: (from.offset ?? 0) + offset });
  // Text nodes of one line only: a place within them is the start's place plus the offset.
  if (first.value.slice(0, open.at).includes('\n') || last.value.slice(0, close.at).includes('\n')) return false;
  const before: Text = { type: 'text', value: first.value.slice(0, open.at), position: { start: firstStart, end: point(firstStart, open.at) } };
  const after: Text = { type: 'text', value: last.value.slice(close.at + 1), position: { start: point(lastStart, close.at + 1), end: last.position!.end } };
  let inside: PhrasingContent[];
  if (open.index === close.index) {
    inside = [{ type: 'text', value: first.value.slice(open.at + 1, close.at), position: { start: point(firstStart, open.at + 1), end: point(firstStart, close.at) } }];
  } else {
    const head: Text = { type: 'text', value: first.value.slice(open.at + 1), position: { start: point(firstStart, open.at + 1), end: first.position!.end } };
    const tail: Text = { type: 'text', value: last.value.slice(0, close.at), position: { start: lastStart, end: point(lastStart, close.at) } };
    inside = [head, ...children.slice(open.index + 1, close.index), tail];
  }
  const span: BracketedSpan = { type: 'bracketedSpan', children: inside.filter((node) => node.type !== 'text' || node.value !== ''), position: { start: point(firstStart, open.at), end: point(lastStart, close.at + 1) } };
  const replacement = [before, span, after].filter((node) => node.type !== 'text' || node.value !== '');
  children.splice(open.index, close.index - open.index + 1, ...replacement);
  const index = children.indexOf(span);
  const attributes = takeTrailingAttributes(parent, index, file);
  if (!attributes) {
    // Not a span after all: the brackets go back as they were written.
    children.splice(index, 1, { type: 'text', value: '[' }, ...span.children, { type: 'text', value: ']' });
    return false;
  }
  setProperties(span, attributes);
  span.data = { ...span.data, hName: 'span' };
  return true;
}

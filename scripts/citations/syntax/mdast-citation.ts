/**
 * The mdast-util-from-markdown extension that turns the tokens of `micromark-citation.ts` into
 * `citation` nodes (see `citation-node.ts`). Prefixes and suffixes are collected as phrasing content
 * in a buffer; the locator of each suffix is parsed once the citation is complete. A bare text
 * directive in a prefix or suffix is put back as the text it was (`3:16` in `[@bible, John 3:16]`)
 * before the locator is read from it.
 */
import type { PhrasingContent } from 'mdast';
import type { CompileContext, Extension, Token } from 'mdast-util-from-markdown';
import { toString } from 'mdast-util-to-string';
import type { Point } from 'unist';
import type { Citation, CitationItem } from './citation-node.js';
import { parseLocator } from './locator.js';
import { restoreBareDirectives } from '../../markdown/unknown-directives.js';

interface State {
  inBracket: boolean;
  suppress: boolean;
  key: string;
  prefix: PhrasingContent[] | undefined;
}

const states = new WeakMap<Citation, State>();

/** The extension for `fromMarkdown(..., {mdastExtensions: [citationFromMarkdown()]})`. */
export function citationFromMarkdown(): Extension {
  return {
    enter: {
      citation: enterCitation,
      citationBracket: enterBracket,
      citationPrefix: enterAffix,
      citationSuffix: enterAffix,
      citationKey: enterKey,
    },
    exit: {
      citation: exitCitation,
      citationPrefix: exitPrefix,
      citationSuffix: exitSuffix,
      citationSuffixSpace: exitSuffixSpace,
      citationKeySuppress: exitKeySuppress,
      citationKeyValue: exitKeyValue,
      citationKey: exitKey,
    },
  };
}

function enterCitation(this: CompileContext, token: Token): undefined {
  const node: Citation = { type: 'citation', bracketed: false, items: [], value: '' };
  states.set(node, { inBracket: false, suppress: false, key: '', prefix: undefined });
  this.enter(node, token);
}

function exitCitation(this: CompileContext, token: Token): undefined {
  const node = current(this);
  node.value = this.sliceSerialize(token);
  node.bracketed = node.value.startsWith('[');
  for (const item of node.items) {
    const { locator, rest } = parseLocator(locatorText(item.suffix));
    if (locator) item.locator = locator;
    item.suffixRest = rest;
  }
  states.delete(node);
  this.exit(token);
}

function enterBracket(this: CompileContext): undefined {
  state(this).inBracket = true;
}

function enterAffix(this: CompileContext): undefined {
  this.buffer();
}

function exitPrefix(this: CompileContext): undefined {
  const children = bufferedChildren(this);
  state(this).prefix = children;
}

function exitSuffix(this: CompileContext): undefined {
  const children = bufferedChildren(this);
  const item = current(this).items.at(-1);
  if (item) item.suffix = children;
}

/** Pandoc keeps the whitespace before a suffix as one space. */
function exitSuffixSpace(this: CompileContext, token: Token): undefined {
  const fragment = this.stack.at(-1);
  if (fragment?.type !== 'fragment') return;
  fragment.children.push({ type: 'text', value: ' ', position: { start: point(token.start), end: point(token.end) } });
}

function enterKey(this: CompileContext): undefined {
  const data = state(this);
  data.suppress = false;
  data.key = '';
}

function exitKeySuppress(this: CompileContext): undefined {
  state(this).suppress = true;
}

function exitKeyValue(this: CompileContext, token: Token): undefined {
  state(this).key = this.sliceSerialize(token);
}

function exitKey(this: CompileContext, token: Token): undefined {
  const node = current(this);
  const data = state(this);
  const item: CitationItem = {
    key: data.key,
    mode: data.suppress ? 'suppress-author' : data.inBracket ? 'normal' : 'author-in-text',
    prefix: data.prefix ?? [],
    suffix: [],
    position: { start: point(token.start), end: point(token.end) },
  };
  data.prefix = undefined;
  node.items.push(item);
}

/** The text Pandoc's locator parser sees: a hard break reads as a space. */
function locatorText(nodes: PhrasingContent[]): string {
  let text = '';
  for (const node of nodes) {
    if (node.type === 'break') text += ' ';
    else if ('children' in node) text += locatorText(node.children);
    else text += toString(node);
  }
  return text;
}

/** Take the phrasing content collected since `this.buffer()`, and drop the buffer. */
function bufferedChildren(context: CompileContext): PhrasingContent[] {
  const fragment = context.stack.at(-1);
  const children = fragment?.type === 'fragment' ? fragment.children : [];
  context.resume();
  return restoreBareDirectives(children as PhrasingContent[]);
}

function current(context: CompileContext): Citation {
  const node = context.stack.at(-1);
  if (node?.type !== 'citation') throw new Error('Expected a citation on the stack, not `' + String(node?.type) + '`');
  return node;
}

function state(context: CompileContext): State {
  const data = states.get(current(context));
  if (!data) throw new Error('Expected citation state');
  return data;
}

function point(place: Point): Point {
  return { line: place.line, column: place.column, offset: place.offset };
}

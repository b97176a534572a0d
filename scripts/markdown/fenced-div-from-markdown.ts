/**
 * The mdast-util-from-markdown extension that turns the tokens of `micromark-fenced-div.ts` into
 * `fencedDiv` nodes, with the attributes of the opening fence (a bare word is a class, as in
 * Pandoc) and what a reader's HTML gets: `<div id class data-key>`.
 */
import type { CompileContext, Extension, Token } from 'mdast-util-from-markdown';
import type { FencedDiv } from './fenced-div-node.js';
import { parseAttributes } from './pandoc-attributes.js';

export function fencedDivFromMarkdown(): Extension {
  return {
    enter: { fencedDiv: enterDiv },
    exit: { fencedDiv: exitDiv, fencedDivAttributes: exitAttributes, fencedDivClass: exitClass },
  };
}

function enterDiv(this: CompileContext, token: Token): undefined {
  const node: FencedDiv = { type: 'fencedDiv', classes: [], attributes: {}, children: [] };
  this.enter(node, token);
}

function exitAttributes(this: CompileContext, token: Token): undefined {
  const node = this.stack.at(-1) as FencedDiv;
  const read = parseAttributes(this.sliceSerialize(token));
  if (!read) return;
  if (read.id) node.identifier = read.id;
  node.classes = read.classes;
  node.attributes = read.attributes;
}

function exitClass(this: CompileContext, token: Token): undefined {
  (this.stack.at(-1) as FencedDiv).classes = [this.sliceSerialize(token)];
}

function exitDiv(this: CompileContext, token: Token): undefined {
  const node = this.stack.at(-1) as FencedDiv;
  node.data = { hName: 'div', hProperties: fencedDivProperties(node) };
  this.exit(token);
}

/** HTML attributes Pandoc's HTML writer keeps as they are; any other key becomes `data-key`. */
const htmlAttributes = new Set(['lang', 'dir', 'title']);

/** The `<div>`'s properties: Pandoc's `id`, `class`, and `data-*` for its other attributes. */
export function fencedDivProperties(div: Pick<FencedDiv, 'identifier' | 'classes' | 'attributes'>): Record<string, string | string[]> {
  const properties: Record<string, string | string[]> = {};
  if (div.identifier) properties.id = div.identifier;
  if (div.classes.length > 0) properties.className = div.classes;
  for (const [key, value] of Object.entries(div.attributes)) {
    properties[htmlAttributes.has(key) || key.startsWith('data-') ? key : `data-${key}`] = value;
  }
  return properties;
}

import type { Element, ElementContent } from 'hast';
import { h } from 'hastscript';
import type { Heading } from 'mdast';
import type { LeafDirective } from 'mdast-util-directive';
import type { State } from 'mdast-util-to-hast';
import type { MetaField, TitleBlock } from '../front-matter/front-matter-node.js';
import type { Author } from '../front-matter/read-front-matter.js';
import { placedDirectives } from '../markdown/placed-lists.js';

/** Where `::refs` and `::notes` stand; the render stage puts the lists there. */
export const placeholderClass = 'paper-placeholder';

/**
 * Headings, one level below the paper's title (`#` → `h2`), with their id and, when sections are
 * numbered, Pandoc's `<span class="header-section-number">`.
 */
export function headingToHast(state: State, node: Heading): Element {
  const level = Math.min(node.depth + 1, 6);
  const children: ElementContent[] = [];
  if (node.data?.sectionNumber) {
    children.push(h('span', { className: ['header-section-number'] }, node.data.sectionNumber), { type: 'text', value: ' ' });
  }
  children.push(...state.all(node));
  const element = h(`h${level}`, { id: node.data?.id, className: node.data?.classes, dataNumber: node.data?.sectionNumber }, children);
  state.patch(node, element);
  return element;
}

export function placeholderToHast(_state: State, node: LeafDirective): Element | undefined {
  if (!(placedDirectives as readonly string[]).includes(node.name)) return undefined;
  return h('div', { className: [placeholderClass], dataPlace: node.name });
}

/** The title block, as Pandoc's HTML template sets it out (`#title-block-header`). */
export function titleBlockHast(state: State, node: TitleBlock, authors: Author[]): Element | undefined {
  const field = (name: MetaField['name']) => node.children.find((child) => child.name === name);
  const title = field('title');
  const subtitle = field('subtitle');
  const thanks = field('thanks');
  const abstract = field('abstract');
  const children: ElementContent[] = [];
  const titleChildren = title ? state.all(title) : [];
  if (thanks) titleChildren.push(h('a', { href: '#thanks', className: ['thanks-ref'], ariaLabel: 'Note on the title' }, '*'));
  // No title written: the file name is the page's <title>, and no heading is made up (as in Pandoc).
  if (title) children.push(h('h1', { className: ['title'] }, titleChildren));
  if (subtitle) children.push(h('p', { className: ['subtitle'] }, state.all(subtitle)));
  for (const author of authors) {
    const lines: ElementContent[] = [h('span', { className: ['author-name'] }, author.name)];
    if (author.affiliation) lines.push(h('span', { className: ['affiliation'] }, author.affiliation));
    if (author.email) lines.push(h('span', { className: ['email'] }, [h('a', { href: `mailto:${author.email}` }, author.email)]));
    children.push(h('p', { className: ['author'] }, lines));
  }
  if (abstract) {
    const paragraphs = state.all(abstract);
    const label = h('span', { className: ['abstract-title'] }, 'Abstract');
    const first = paragraphs.find((child): child is Element => child.type === 'element' && child.tagName === 'p');
    if (first) first.children.unshift(label, { type: 'text', value: ' ' });
    else paragraphs.unshift(label);
    children.push(h('section', { className: ['abstract'], ariaLabel: 'Abstract' }, paragraphs));
  }
  if (thanks) children.push(h('p', { id: 'thanks', className: ['thanks'] }, [h('span', { className: ['thanks-mark'] }, '*'), ' ', ...state.all(thanks)]));
  return children.length === 0 ? undefined : h('header', { id: 'title-block-header' }, children);
}


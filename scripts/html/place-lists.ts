import type { Element, ElementContent, Root as HastRoot } from 'hast';
import { h } from 'hastscript';
import { SKIP, visit } from 'unist-util-visit';
import { placeholderClass } from './document-hast.js';

export interface PlacedLists {
  /** The reference list (`div#refs`), or undefined when nothing is cited. */
  references: Element | undefined;
  referencesTitle: string;
  notesTitle: string;
}

/**
 * Put the notes and the reference list where the manuscript's `::notes` and `::refs` stand (`::refs`
 * also stands for Pandoc's `::: {#refs}` and for a last heading called References, see
 * `markdown/placed-lists.ts`). The author's own heading precedes a placed list; a list with no
 * placeholder goes at the end under its default heading, references first and notes last, as
 * Pandoc orders them. Without a list, citations link to nothing.
 */
export function placeListsTransform(tree: HastRoot, lists: PlacedLists): void {
  const notes = takeFootnotes(tree);
  const placed = { refs: false, notes: false };
  visit(tree, 'element', (node, index, parent) => {
    if (!parent || index === undefined || !hasClass(node, placeholderClass)) return undefined;
    const place = node.properties.dataPlace;
    const replacement = place === 'refs' ? lists.references : place === 'notes' && notes ? notesSection(notes, lists.notesTitle, false) : undefined;
    if (place === 'refs') placed.refs = true;
    if (place === 'notes') placed.notes = true;
    if (replacement) parent.children.splice(index, 1, replacement);
    else parent.children.splice(index, 1);
    return [SKIP, index];
  });
  if (!placed.refs && lists.references) {
    tree.children.push(h('section', { className: ['references-section'] }, [heading(lists.referencesTitle, 'references-title'), lists.references]));
  }
  if (!placed.notes && notes) tree.children.push(notesSection(notes, lists.notesTitle, true));
  if (!lists.references) unlinkCitations(tree);
}

/** Without a reference list (`suppress-bibliography`), a citation links to nothing: its text stays, unlinked. */
function unlinkCitations(tree: HastRoot): void {
  visit(tree, 'element', (node, index, parent) => {
    if (!parent || index === undefined || node.tagName !== 'a' || typeof node.properties.href !== 'string' || !node.properties.href.startsWith('#ref-')) return undefined;
    parent.children.splice(index, 1, ...node.children);
    return [SKIP, index];
  });
}

/** remark-rehype appends the notes as `<section data-footnotes>` with a label heading; take its list. */
function takeFootnotes(tree: HastRoot): Element | undefined {
  const index = tree.children.findIndex((node) => node.type === 'element' && node.properties.dataFootnotes !== undefined);
  if (index < 0) return undefined;
  const [section] = tree.children.splice(index, 1) as Element[];
  return section?.children.find((child): child is Element => child.type === 'element' && child.tagName === 'ol');
}

/**
 * Footnote calls point at `#footnote-label` (`aria-describedby`) to say "this is a note". Under the
 * author's own heading that element is a hidden label; at the end it is the section's heading.
 */
function notesSection(list: Element, title: string, visible: boolean): Element {
  const label = visible ? heading(title, 'footnote-label') : h('span', { id: 'footnote-label', hidden: true }, title);
  const children: ElementContent[] = [label, list];
  return h('section', { className: ['footnotes'], role: 'doc-endnotes', id: 'footnotes' }, children);
}

function heading(title: string, id: string): Element {
  return h('h2', { id }, title);
}

function hasClass(node: Element, name: string): boolean {
  const value = node.properties.className;
  return Array.isArray(value) && value.includes(name);
}


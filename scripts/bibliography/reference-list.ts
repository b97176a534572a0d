import type { Element, ElementContent, Text } from 'hast';
import { h } from 'hastscript';
import { parseHtmlFragment } from '../html/html-fragment.js';
import { SKIP, visit } from 'unist-util-visit';
import type { BibliographyEntry } from './citeproc.js';

const url = /\b(?:https?:\/\/|doi:)[^\s<>"]*[^\s<>".,;:)\]]/g;

/**
 * The reference list as Pandoc writes it: `<div id="refs" class="references csl-bib-body"
 * role="list">` holding one `<div id="ref-KEY" class="csl-entry" role="listitem">` per entry.
 * URLs and DOIs in the entries become links. The entry HTML comes from citeproc-js, which escapes
 * the bibliography's text, and is parsed here, never concatenated into the page.
 */
export function referenceList(entries: BibliographyEntry[]): Element | undefined {
  if (entries.length === 0) return undefined;
  const children = entries.map((entry) => {
    const parsed = parseHtmlFragment(entry.html);
    const div = parsed.find((node): node is Element => node.type === 'element' && node.tagName === 'div');
    const body: ElementContent[] = div ? div.children : (parsed as ElementContent[]);
    const result = h('div', { id: `ref-${entry.id}`, className: ['csl-entry'], role: 'listitem' }, body);
    linkUrls(result);
    return result;
  });
  return h('div', { id: 'refs', className: ['references', 'csl-bib-body', 'hanging-indent'], role: 'list' }, children);
}

function linkUrls(root: Element): void {
  visit(root, 'text', (node: Text, index, parent) => {
    if (!parent || index === undefined || (parent.type === 'element' && parent.tagName === 'a')) return undefined;
    const pieces: ElementContent[] = [];
    let last = 0;
    for (const match of node.value.matchAll(url)) {
      if (match.index > last) pieces.push({ type: 'text', value: node.value.slice(last, match.index) });
      const href = match[0].startsWith('doi:') ? `https://doi.org/${match[0].slice(4)}` : match[0];
      pieces.push(h('a', { href }, match[0]));
      last = match.index + match[0].length;
    }
    if (pieces.length === 0) return undefined;
    if (last < node.value.length) pieces.push({ type: 'text', value: node.value.slice(last) });
    parent.children.splice(index, 1, ...pieces);
    return [SKIP, index + pieces.length];
  });
}

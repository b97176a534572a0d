import type { Element, Root } from 'hast';
import { visitParents } from 'unist-util-visit-parents';

/**
 * Name the notes' back-links after the call each leads to. remark-rehype gives a note called twice
 * two back-links (`↩`, `↩²`) under one label; here they become "call 1 of note 3" and "call 2 of
 * note 3", and a call from a period table says so ("in Table 1.2"), since following it leaves the
 * running text. A note called once from the text keeps remark-rehype's label.
 */
export function footnoteBacklinksTransform(tree: Root): void {
  const tables = new Map<string, string>();
  const notes = new Map<Element, Element[]>();
  visitParents(tree, 'element', (node, ancestors) => {
    if (node.properties.dataFootnoteRef !== undefined && typeof node.properties.id === 'string') {
      const table = ancestors.findLast((ancestor): ancestor is Element => ancestor.type === 'element' && ancestor.tagName === 'table');
      const label = table ? tableLabel(table) : undefined;
      if (label) tables.set(node.properties.id, label);
    }
    if (node.properties.dataFootnoteBackref === undefined) return;
    const item = ancestors.findLast((ancestor): ancestor is Element => ancestor.type === 'element' && ancestor.tagName === 'li');
    if (item) notes.set(item, [...(notes.get(item) ?? []), node]);
  });
  let number = 0;
  for (const links of notes.values()) {
    number += 1;
    for (const [index, link] of links.entries()) {
      const table = tables.get(String(link.properties.href ?? '').slice(1));
      if (links.length === 1 && !table) continue;
      const which = links.length > 1 ? `call ${index + 1} of note ${number}` : `note ${number}`;
      link.properties.ariaLabel = `Back to ${which} ${table ? `in ${table}` : 'in the text'}`;
    }
  }
}

/** "Table 1.2", from the caption's `span.table-label` ("Table 1.2."). */
function tableLabel(table: Element): string | undefined {
  const caption = table.children.find((child): child is Element => child.type === 'element' && child.tagName === 'caption');
  const label = caption?.children.find((child): child is Element => child.type === 'element' && child.tagName === 'span');
  const text = label?.children.find((child) => child.type === 'text');
  return text?.type === 'text' ? text.value.replace(/\.$/, '') : undefined;
}

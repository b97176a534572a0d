import type { ElementContent, Root as HastRoot, RootContent } from 'hast';
import type { State } from 'mdast-util-to-hast';
import { slotTagName } from '../markdown/raw-html-schema.js';
import type { SanitizedHtml, SanitizedInlineHtml } from '../markdown/sanitized-html-node.js';

/**
 * A sanitized run of raw HTML into the page: the allowed HTML, with each `<paper-slot>` replaced
 * by the Markdown it stands for (each slot once; a slot written by hand in the HTML is dropped).
 */
export function sanitizedHtmlToHast(state: State, node: SanitizedHtml | SanitizedInlineHtml): ElementContent[] {
  const used = new Set<number>();
  const fill = (children: RootContent[]): ElementContent[] =>
    children.flatMap((child): ElementContent[] => {
      if (child.type === 'doctype') return [];
      if (child.type !== 'element') return [child];
      if (child.tagName !== slotTagName) return [{ ...child, children: fill(child.children) }];
      const index = Number(child.properties.dataSlot);
      const markdown = node.children[index];
      if (!markdown || used.has(index)) return [];
      used.add(index);
      const converted = state.one(markdown, node);
      return converted === undefined ? [] : Array.isArray(converted) ? converted : [converted];
    });
  return fill((node.data.hast as HastRoot).children);
}

import type { Root } from 'hast';
import { visit, EXIT } from 'unist-util-visit';

/** Whether the rendered page holds an element of this name (the page's feature styles are added by it). */
export function hasElement(tree: Root, tagName: string): boolean {
  let found = false;
  visit(tree, 'element', (node) => {
    if (node.tagName !== tagName) return undefined;
    found = true;
    return EXIT;
  });
  return found;
}

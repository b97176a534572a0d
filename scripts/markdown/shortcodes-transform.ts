import type { Paragraph, Parent, Root } from 'mdast';
import { visitParents } from 'unist-util-visit-parents';
import type { VFile } from 'vfile';
import { report } from '../diagnostics/report.js';
import { sourceFileOf } from '../source/source-file.js';
import type { PageBreak, Shortcode } from './shortcode-node.js';

/**
 * Quarto's shortcodes leave no trace in the outputs: the paper runs no Quarto, so each is left out
 * with one `shortcode-dropped` warning at its place. `{{< pagebreak >}}` alone in its paragraph is
 * what the author meant, a page break, without a warning. A paragraph left empty goes too.
 */
export function shortcodesTransform(tree: Root, file: VFile): void {
  // Collected first, then taken out: the tree is not changed under the walk.
  const found: Array<[Shortcode, Parent[]]> = [];
  visitParents(tree, 'shortcode', (node: Shortcode, ancestors) => {
    found.push([node, [...ancestors] as Parent[]]);
  });
  for (const [node, ancestors] of found) {
    const parent = ancestors.at(-1);
    const grandparent = ancestors.at(-2);
    if (!parent) continue;
    if (node.command === 'pagebreak' && parent.type === 'paragraph' && grandparent && isAlone(parent as Paragraph, node)) {
      const pageBreak: PageBreak = { type: 'pageBreak', position: node.position, data: { hName: 'div', hProperties: { className: ['page-break'], style: 'break-after: page' } } };
      grandparent.children[grandparent.children.indexOf(parent as never)] = pageBreak as never;
      continue;
    }
    report(sourceFileOf(ancestors, file), 'shortcode-dropped', `Quarto shortcode \`${node.value}\` is not run; it is left out`, node);
    parent.children.splice(parent.children.indexOf(node as never), 1);
    if (parent.type === 'paragraph' && grandparent && isEmpty(parent as Paragraph)) grandparent.children.splice(grandparent.children.indexOf(parent as never), 1);
  }
}

function isAlone(paragraph: Paragraph, node: Shortcode): boolean {
  return paragraph.children.every((child) => child === (node as never) || (child.type === 'text' && child.value.trim() === ''));
}

function isEmpty(paragraph: Paragraph): boolean {
  return paragraph.children.every((child) => child.type === 'text' && child.value.trim() === '');
}

import type { Root } from 'mdast';
import type { ContainerDirective } from 'mdast-util-directive';
import { SKIP, visit } from 'unist-util-visit';
import { fencedDivProperties } from './fenced-div-from-markdown.js';
import type { FencedDiv } from './fenced-div-node.js';

export interface DirectiveDivsOptions {
  /** Names of the container directives the paper handles (`table-group`, `refs`, …): those stay directives. */
  known: ReadonlySet<string>;
}

/**
 * `:::name` with no blank after the colons, as Pandoc reads it: a fenced div whose one class is
 * the name (`:::note` is `::: note`). remark-directive reads it first, because the paper's own
 * `:::table-group` is a directive; any other name, written without a label or attributes, is
 * Pandoc's div, with its blocks. One with a label or attributes (`:::note[x]`, `:::note{.a}`) was
 * meant as a directive and is left to `unknownDirectivesTransform`, which reports it (Pandoc reads
 * those as a class `note[x]` and as a paragraph).
 */
export function directiveDivsTransform(tree: Root, options: DirectiveDivsOptions): void {
  visit(tree, (node, index, parent) => {
    // Container directives are blocks: the text of paragraphs, headings and tables is not walked.
    if (node.type === 'paragraph' || node.type === 'heading' || node.type === 'table') return SKIP;
    if (node.type !== 'containerDirective' || options.known.has(node.name) || !isPlain(node) || !parent || index === undefined) return undefined;
    const div: FencedDiv = { type: 'fencedDiv', classes: [node.name], attributes: {}, children: node.children, position: node.position };
    div.data = { hName: 'div', hProperties: fencedDivProperties(div) };
    parent.children[index] = div;
    return undefined;
  });
}

function isPlain(node: ContainerDirective): boolean {
  const labelled = node.children[0]?.data !== undefined && 'directiveLabel' in node.children[0].data;
  return !labelled && Object.keys(node.attributes ?? {}).length === 0;
}

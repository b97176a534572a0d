import type { Root } from 'mdast';
import { visitParents } from 'unist-util-visit-parents';
import type { VFile } from 'vfile';
import { report } from '../diagnostics/report.js';
import { sourceFileOf } from '../source/source-file.js';
import { placeInText } from '../source/text-place.js';

const undefinedCall = /\[\^([^\]\s]+)\]/g;

/**
 * Footnote calls without a definition, and definitions never called. GFM parses `[^x]` as a call
 * only when `x` is defined, so an undefined call is still text; it is found there, and reported at
 * its own column.
 */
export function checkFootnotes(tree: Root, file: VFile, options: { reportUnused?: boolean } = {}): void {
  const called = new Set<string>();
  const definitions = new Map<string, Root['children'][number]>();
  visitParents(tree, (node, ancestors) => {
    if (node.type === 'footnoteReference') called.add(node.identifier);
    else if (node.type === 'footnoteDefinition') definitions.set(node.identifier, node);
    else if (node.type === 'text') {
      const where = sourceFileOf(ancestors, file);
      for (const match of node.value.matchAll(undefinedCall)) {
        const place = placeInText(where, node.position, node.value, match.index, match[0].length) ?? node.position;
        report(where, 'footnote-undefined', `Footnote \`[^${match[1]}]\` has no definition; add a line \`[^${match[1]}]: ...\``, place);
      }
    }
  });
  if (options.reportUnused === false) return;
  for (const [identifier, definition] of definitions) {
    if (!called.has(identifier)) report(file, 'footnote-unused', `Footnote \`[^${identifier}]\` is defined but never called`, definition);
  }
}

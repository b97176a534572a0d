import type { PhrasingContent, Root } from 'mdast';
import type { TextDirective } from 'mdast-util-directive';
import { visitParents } from 'unist-util-visit-parents';
import type { VFile } from 'vfile';
import { report } from '../diagnostics/report.js';
import { sourceFileOf } from '../source/source-file.js';

/**
 * A bare `:name`, with neither label nor attributes: how remark-directive reads prose such as
 * "10:30", "ratio 3:a" or "John 3:16". Pandoc has no directives, and the paper reads every text
 * directive as the text it was written as.
 */
export function isBare(directive: TextDirective): boolean {
  return directive.children.length === 0 && Object.keys(directive.attributes ?? {}).length === 0;
}

/**
 * Bare text directives in a run of phrasing content become text again, joined to the text around
 * them, at any depth: for content that is read as text before the tree is whole (a citation's
 * prefix and suffix, whose locator is read from their text).
 */
export function restoreBareDirectives(nodes: PhrasingContent[]): PhrasingContent[] {
  const result: PhrasingContent[] = [];
  for (const node of nodes) {
    let next = node;
    if (node.type === 'textDirective' && isBare(node)) next = { type: 'text', value: `:${node.name}`, position: node.position };
    else if ('children' in node) node.children = restoreBareDirectives(node.children as PhrasingContent[]) as typeof node.children;
    const last = result.at(-1);
    if (next.type === 'text' && last?.type === 'text') {
      last.value += next.value;
      if (last.position && next.position) last.position = { start: last.position.start, end: next.position.end };
    } else {
      result.push(next);
    }
  }
  return result;
}

export interface UnknownDirectivesOptions {
  /** Names of the leaf and container directives the paper handles (`period-table`, `refs`, …). */
  known: ReadonlySet<string>;
}

/**
 * A directive nobody handles is put back as the text it was written as, or left out when it is a
 * block. A bare `:name` is restored silently. A directive with a label or attributes (`:name[...]`,
 * `::name{...}`) was meant as one, so it is reported too: the paper must never lose words without
 * saying so. Runs once every known directive has been replaced by what it stands for.
 */
export function unknownDirectivesTransform(tree: Root, file: VFile, options: UnknownDirectivesOptions): void {
  visitParents(tree, (node, ancestors) => {
    if (node.type !== 'textDirective' && node.type !== 'leafDirective' && node.type !== 'containerDirective') return undefined;
    if (node.type !== 'textDirective' && options.known.has(node.name)) return undefined;
    const where = sourceFileOf(ancestors, file);
    if (node.type !== 'textDirective' || !isBare(node)) {
      const marker = node.type === 'textDirective' ? ':' : node.type === 'leafDirective' ? '::' : ':::';
      report(where, 'directive-unknown', `Unknown directive \`${marker}${node.name}\`; it is ${node.type === 'textDirective' ? 'kept as text' : 'left out'}`, node);
    }
    const parent = ancestors.at(-1);
    if (!parent || !('children' in parent)) return undefined;
    const siblings = parent.children as Root['children'];
    const index = siblings.indexOf(node);
    const start = node.position?.start.offset;
    const end = node.position?.end.offset;
    if (node.type === 'textDirective' && start !== undefined && end !== undefined) {
      siblings.splice(index, 1, { type: 'text', value: String(where.value).slice(start, end), position: node.position });
    } else {
      siblings.splice(index, 1);
    }
    return index;
  });
}

import type { Link, Root } from 'mdast';
import { visitParents } from 'unist-util-visit-parents';
import type { VFile } from 'vfile';
import { didYouMean } from '../diagnostics/did-you-mean.js';
import { report } from '../diagnostics/report.js';
import { crossrefNames, isCrossrefKey, type CrossrefTarget } from './crossref-targets.js';
import { sourceFileOf } from '../source/source-file.js';
import type { Citation } from './syntax/citation-node.js';

export interface ResolveCitationsOptions {
  /** Keys of every bibliography entry that loaded. */
  entryKeys: ReadonlySet<string>;
  targets: ReadonlyMap<string, CrossrefTarget>;
  /** False when a bibliography could not be read: then unknown keys are not reported. */
  reportUnknownKeys?: boolean;
  /** Keys of entries that failed to parse (already reported): citing one is not an unknown key. */
  brokenKeys?: ReadonlySet<string>;
}

export interface ResolvedCitations {
  /** Bibliography keys cited, in order of first citation. */
  cited: string[];
  /** Every citation node (works and cross-references), in document order. */
  citations: Citation[];
}

/**
 * Match every citation key to a bibliography entry or a cross-reference target, and every internal
 * link (`[](#id)`) to a target. Unknown keys are reported where they are written, in the file they
 * are written in, with the closest known keys. Runs after every target exists (tables, numbering).
 */
export function resolveCitations(tree: Root, file: VFile, options: ResolveCitationsOptions): ResolvedCitations {
  const cited = new Set<string>();
  const citations: Citation[] = [];
  const targetIds = [...options.targets.keys()];
  visitParents(tree, (node, ancestors) => {
    if (node.type === 'citation') {
      const where = sourceFileOf(ancestors, file);
      for (const item of node.items) {
        if (isCrossrefKey(item.key)) {
          if (!options.targets.has(item.key)) {
            report(where, 'crossref-unknown-target', `Cannot find cross-reference target \`${item.key}\`${didYouMean(item.key, targetIds)}`, item.position);
          }
        } else if (item.key === '*') {
          report(where, 'citation-unknown-key', 'The key `*` cites every entry and belongs in `nocite`, not in the text', item.position);
        } else if (options.entryKeys.has(item.key)) {
          cited.add(item.key);
        } else if (options.reportUnknownKeys !== false && !options.brokenKeys?.has(item.key)) {
          report(where, 'citation-unknown-key', `Cannot find citation key \`${item.key}\`${didYouMean(item.key, options.entryKeys)}`, item.position);
        }
      }
      node.data = { ...node.data, crossref: node.items.every((item) => isCrossrefKey(item.key)) };
      citations.push(node);
      return;
    }
    if (node.type === 'link') checkInternalLink(node, sourceFileOf(ancestors, file), options.targets);
  });
  return { cited: [...cited], citations };
}

/**
 * An internal link must have a target. An empty one, `[](#tbl-x)`, is a cross-reference and gets
 * its target's name as its text: "Table 1.2", "Section 2".
 */
function checkInternalLink(link: Link, file: VFile, targets: ReadonlyMap<string, CrossrefTarget>): void {
  if (!link.url.startsWith('#')) return;
  const id = decodeURIComponent(link.url.slice(1));
  const target = targets.get(id);
  if (target) {
    if (link.children.length === 0) {
      link.children = [{ type: 'text', value: target.label ? `${crossrefNames[target.kind]} ${target.label}` : (target.title ?? crossrefNames[target.kind]) }];
      link.data = { ...link.data, hProperties: { ...(link.data?.hProperties as object | undefined), className: ['crossref'] } };
    }
    return;
  }
  if (id.startsWith('ref-') || id === 'refs') return;
  report(file, 'crossref-unknown-target', `Cannot find link target \`#${id}\`${didYouMean(id, targets.keys())}`, link);
}

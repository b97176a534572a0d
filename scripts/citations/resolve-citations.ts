import type { Link, Root } from 'mdast';
import { visitParents } from 'unist-util-visit-parents';
import type { VFile } from 'vfile';
import { didYouMean } from '../diagnostics/did-you-mean.js';
import { report } from '../diagnostics/report.js';
import { defaultCrossrefNaming, type CrossrefNaming } from '../front-matter/crossref-naming.js';
import { readCrossrefKey, type CrossrefKey, type CrossrefTarget } from './crossref-targets.js';
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
  /** Why a key may be unknown, added to each unknown key's message (a bibliography with no entries: \`; \`refs.bib\` has no entries\`). */
  unknownKeyCause?: string;
  /** How targets are named in the text an empty link gets ("Figure 2"). */
  naming?: CrossrefNaming;
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
  visitParents(tree, (node, ancestors) => {
    if (node.type === 'citation') {
      const where = sourceFileOf(ancestors, file);
      let crossrefs = 0;
      for (const item of node.items) {
        const reference = readCrossrefKey(item.key);
        if (reference) {
          crossrefs++;
          if (!options.targets.has(reference.id)) {
            report(where, 'crossref-unknown-target', `Cannot find cross-reference target \`${item.key}\`${suggestTarget(reference, options.targets)}`, item.position);
          }
        } else if (item.key === '*') {
          report(where, 'citation-unknown-key', 'The key `*` cites every entry and belongs in `nocite`, not in the text', item.position);
        } else if (options.entryKeys.has(item.key)) {
          cited.add(item.key);
        } else if (options.reportUnknownKeys !== false && !options.brokenKeys?.has(item.key)) {
          report(where, 'citation-unknown-key', `Cannot find citation key \`${item.key}\`${didYouMean(item.key, options.entryKeys)}${options.unknownKeyCause ?? ''}`, item.position);
        }
      }
      node.data = { ...node.data, crossref: crossrefs === node.items.length };
      citations.push(node);
      return;
    }
    if (node.type === 'link') checkInternalLink(node, sourceFileOf(ancestors, file), options.targets, options.naming ?? defaultCrossrefNaming);
  });
  return { cited: [...cited], citations };
}

/**
 * An internal link must have a target. An empty one, `[](#tbl-x)`, is a cross-reference and gets
 * its target's name as its text: "Table 1.2", "Section 2".
 */
function checkInternalLink(link: Link, file: VFile, targets: ReadonlyMap<string, CrossrefTarget>, naming: CrossrefNaming): void {
  if (!link.url.startsWith('#')) return;
  const id = decodeURIComponent(link.url.slice(1));
  const target = targets.get(id);
  if (target) {
    if (link.children.length === 0) {
      const named = target.label ? `${naming.prefix[target.kind]} ${target.label}` : (target.title ?? naming.prefix[target.kind]);
      const latex = link.data?.latexReference;
      const number = target.label || target.counted || '';
      const text = latex === 'ref' && number ? number : latex === 'eqref' && number ? `(${number})` : named;
      link.children = [{ type: 'text', value: text }];
      link.data = { ...link.data, hProperties: { ...(link.data?.hProperties as object | undefined), className: ['crossref'] } };
    }
    return;
  }
  if (id.startsWith('ref-') || id === 'refs') return;
  report(file, 'crossref-unknown-target', `Cannot find link target \`#${id}\`${didYouMean(id, targets.keys())}`, link);
}

/**
 * "; did you mean …" for an unknown cross-reference: targets of the same kind first (`@fig-plto`
 * → `fig-plot`, or `fig:plot` written in the other syntax), any target when none of them is close.
 */
function suggestTarget(reference: CrossrefKey, targets: ReadonlyMap<string, CrossrefTarget>): string {
  const sameKind = [...targets.values()].filter((target) => target.kind === reference.kind).map((target) => target.id);
  return didYouMean(reference.id, sameKind) || didYouMean(reference.id, targets.keys());
}

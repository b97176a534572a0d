import type { Heading, Root, RootContent } from 'mdast';
import type { LeafDirective } from 'mdast-util-directive';
import { toString } from 'mdast-util-to-string';
import { SKIP, visit } from 'unist-util-visit';
import type { FencedDiv } from './fenced-div-node.js';

/**
 * `::refs` and `::notes`: leaf directives that say where the reference list and the notes go (the
 * render stage puts them there); without them, both go at the end, as Pandoc places them.
 */
export const placedDirectives = ['refs', 'notes'] as const;

/**
 * What the last heading of a paper is called when the reference list is meant to follow it:
 * "References", "Bibliography" and their translations, compared in lower case.
 */
const referenceHeadings = new Set([
  'references', 'reference list', 'references cited', 'bibliography', 'works cited', 'literature', 'literature cited', 'sources',
  'literatur', 'literaturverzeichnis', 'quellen', 'bibliographie', 'références', 'références bibliographiques',
  'referencias', 'referencias bibliográficas', 'bibliografía', 'bibliografia', 'referências', 'referências bibliográficas',
  'riferimenti', 'riferimenti bibliografici', 'bibliografie', 'referenties', 'literatuur', 'litteratur', 'litteraturliste',
  'referanser', 'källor', 'kirjallisuus', 'lähteet', 'lähdeluettelo', 'bibliografi', 'piśmiennictwo', 'literatura',
  'literatúra', 'irodalom', 'hivatkozások', 'литература', 'список литературы', 'библиография', 'список використаних джерел',
  'використана література', 'βιβλιογραφία', 'αναφορές', 'kaynakça', 'kaynaklar', 'מקורות', 'ביבליוגרפיה', 'المراجع',
  '参考文献', '參考文獻', '참고문헌', 'tài liệu tham khảo', 'daftar pustaka',
]);

export interface ReferencePlacementOptions {
  /** The front matter's `reference-section-title`, when written: a last heading of that name is the author's too. */
  title?: string | undefined;
}

/**
 * Where the reference list goes, as the author puts it (Pandoc's rules):
 *
 * - `::: {#refs}`, Pandoc's div: the list goes there. An empty div without classes or attributes
 *   becomes the `::refs` placeholder; any other keeps its content, classes and attributes (its id
 *   goes to the list) and holds the placeholder after its content.
 * - Otherwise, when neither `::refs` nor such a div places it and the paper's last heading is
 *   called "References", "Bibliography" or a translation of those, the list goes at the end under
 *   that heading (a `::refs` placeholder at the end), and no heading of ours is added.
 *
 * Returns whether the list has a place of the author's.
 */
export function referencePlacementTransform(tree: Root, options: ReferencePlacementOptions = {}): boolean {
  let placed = false;
  visit(tree, (node, index, parent) => {
    // The places are blocks: the text of paragraphs, headings and tables is not walked.
    if (node.type === 'paragraph' || node.type === 'heading' || node.type === 'table') return SKIP;
    if (node.type === 'leafDirective' && node.name === 'refs') placed = true;
    if (node.type !== 'fencedDiv' || node.identifier !== 'refs' || !parent || index === undefined) return undefined;
    placed = true;
    const placeholder = refsPlaceholder(node);
    if (node.children.length === 0 && node.classes.length === 0 && Object.keys(node.attributes).length === 0) {
      parent.children[index] = placeholder as never;
    } else {
      node.identifier = undefined;
      const properties = { ...(node.data?.hProperties as Record<string, unknown> | undefined) };
      delete properties.id;
      node.data = { ...node.data, hProperties: properties as never };
      node.children.push(placeholder);
    }
    return undefined;
  });
  if (placed) return true;
  const last = tree.children.findLast((node): node is Heading => node.type === 'heading');
  if (!last || !isReferenceHeading(toString(last), options.title)) return false;
  tree.children.push(refsPlaceholder(last) as RootContent);
  return true;
}

function refsPlaceholder(near: { position?: FencedDiv['position'] }): LeafDirective {
  return { type: 'leafDirective', name: 'refs', attributes: {}, children: [], position: near.position && { start: near.position.end, end: near.position.end } };
}

/** "References", "7. Bibliography:", "Литература"…: a heading that announces the reference list. */
export function isReferenceHeading(text: string, title?: string): boolean {
  const name = text.trim().replace(/^[\d.\s]+(?=\S)/u, '').replace(/[\s:.]+$/u, '').toLowerCase();
  return referenceHeadings.has(name) || (title !== undefined && name === title.trim().toLowerCase());
}

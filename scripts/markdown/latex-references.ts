import type { Link, PhrasingContent, Root, Text } from 'mdast';
import { SKIP, visit } from 'unist-util-visit';
import type { RawTex } from './raw-tex-node.js';
import { isBare } from './unknown-directives.js';

declare module 'mdast' {
  interface LinkData {
    /** A LaTeX reference read as a link to its target: `\ref` shows the number alone, `\eqref` "(1)". */
    latexReference?: 'ref' | 'autoref' | 'eqref';
  }
}

/** `\ref{x}`, `\autoref{x}`, `\cref{x}`, `\Cref{x}`, `\eqref{x}` written in running text. */
const reference = /\\(ref|autoref|[cC]ref|eqref)\{([^{}\s]+)\}/g;

/**
 * LaTeX's cross-references in running text (papers that came from LaTeX, JOSS papers) become
 * cross-references: an empty link to the target, named as the target is named ("Figure 1") for
 * `\autoref` and `\cref`, its number alone for `\ref` and "(1)" for `\eqref`, as LaTeX prints
 * them. Pandoc leaves them as raw TeX, which its HTML drops; we resolve them like `[](#x)`, so an
 * unknown target is reported where it is written. They are read as raw TeX (`rawTex`); the text
 * path serves trees made without the raw TeX syntax.
 */
export function latexReferencesTransform(tree: Root): void {
  visit(tree, (node, index, parent) => {
    if (node.type === 'code' || node.type === 'inlineCode' || node.type === 'html') return SKIP;
    if (node.type === 'rawTex' && parent && index !== undefined) {
      const link = referenceLink(node);
      if (link) parent.children.splice(index, 1, link as never);
      return SKIP;
    }
    if (node.type !== 'text' || !parent || index === undefined || !node.value.includes('\\')) return undefined;
    // `{fig:x}` was read as text, a bare `:x` directive (or the text it was put back as) and text: one run again.
    for (let next = parent.children[index + 1]; next && (next.type === 'text' || (next.type === 'textDirective' && isBare(next))); next = parent.children[index + 1]) {
      parent.children.splice(index + 1, 1);
      node.value += next.type === 'text' ? next.value : `:${next.name}`;
      if (node.position && next.position) node.position = { start: node.position.start, end: next.position.end };
    }
    const pieces = splitReferences(node);
    if (pieces.length === 1) return undefined;
    parent.children.splice(index, 1, ...(pieces as never[]));
    return [SKIP, index + pieces.length];
  });
}

/** A raw TeX command (`raw-tex-syntax.ts`) that is one reference, as a link. */
function referenceLink(tex: RawTex): Link | undefined {
  const match = new RegExp(`^${reference.source}$`).exec(tex.value);
  if (!match?.[1] || !match[2]) return undefined;
  const link: Link = { type: 'link', url: `#${match[2]}`, children: [], data: { latexReference: commandOf(match[1]) } };
  if (tex.position) link.position = tex.position;
  return link;
}

const commandOf = (name: string) => (name === 'ref' ? 'ref' : name === 'eqref' ? 'eqref' : 'autoref');

function splitReferences(text: Text): PhrasingContent[] {
  const pieces: PhrasingContent[] = [];
  const start = text.position?.start;
  // Places are exact only when the text is written as it reads (no escapes or entities in it).
  const exact = start?.offset !== undefined && text.position?.end.offset !== undefined && text.position.end.offset - start.offset === text.value.length && !text.value.includes('\n');
  const at = (offset: number) => (exact && start ? { line: start.line, column: start.column + offset, offset: (start.offset ?? 0) + offset } : undefined);
  let last = 0;
  for (const match of text.value.matchAll(reference)) {
    const from = match.index;
    if (from > last) pieces.push({ type: 'text', value: text.value.slice(last, from) });
    const link: Link = { type: 'link', url: `#${match[2]}`, children: [], data: { latexReference: commandOf(match[1] ?? '') } };
    const begin = at(from);
    const end = at(from + match[0].length);
    if (begin && end) link.position = { start: begin, end };
    pieces.push(link);
    last = from + match[0].length;
  }
  if (pieces.length === 0) return [text];
  if (last < text.value.length) pieces.push({ type: 'text', value: text.value.slice(last) });
  return pieces;
}

import type { Definition, Image, ImageReference, Link, LinkReference, Parent, Root, RootContent } from 'mdast';
import type {} from './inline-attributes.js';
import type { Node } from 'unist';
import { visitParents } from 'unist-util-visit-parents';
import type { VFile } from 'vfile';
import { excerpt } from '../diagnostics/excerpt.js';
import { report } from '../diagnostics/report.js';
import { sourceFileOf } from '../source/source-file.js';
import { isSafeUrl, schemeOf, type UrlKind } from './url-policy.js';

/**
 * Every URL written in Markdown through the paper's URL policy (`url-policy.ts`), wherever Markdown
 * is accepted: the manuscript, its notes, the title block from the front matter, table captions
 * and cells (YAML and CSV), graph captions; inline links, reference definitions and autolinks
 * alike (mdast holds each URL decoded, so `&#106;avascript:` is caught as `javascript:`).
 *
 * A link to a refused URL keeps its text and loses the link; a refused image leaves its
 * description (alt text) in its place; a refused definition is emptied, and the links that use
 * it keep their text. Each is an
 * `unsafe-url` warning at the place it was written. The render stage checks every `href` and
 * `src` of the page again (`html/safe-urls.ts`), so nothing that slips past here reaches a reader.
 */
export function unsafeUrlsTransform(tree: Root, file: VFile): void {
  const refused = new Set<string>();
  visitParents(tree, 'definition', (node: Definition, ancestors) => {
    if (isSafeUrl(node.url, 'href')) return;
    report(sourceFileOf(ancestors, file), 'unsafe-url', `Removed the address \`${excerpt(node.url)}\` of \`[${node.label ?? node.identifier}]\`: ${refusal(node.url, 'href')}; links to it keep their text`, node);
    refused.add(node.identifier);
    node.url = '';
  });
  visitParents(tree, (node, ancestors) => {
    if (node.type === 'trendGraph') {
      // A graph's caption is Markdown from its data file, held beside the node's children.
      unsafeInPhrasing({ type: 'paragraph', children: node.caption }, [...ancestors, node], file, refused);
      return undefined;
    }
    if (!('children' in node)) return undefined;
    unsafeInPhrasing(node as Parent, [...ancestors, node], file, refused);
    return undefined;
  });
}

type Linking = Link | LinkReference | Image | ImageReference;

/** The links and images among the children of `parent`, checked and replaced in place. */
function unsafeInPhrasing(parent: Parent, ancestors: Node[], file: VFile, refused: ReadonlySet<string>): void {
  const children = parent.children as RootContent[];
  for (let index = 0; index < children.length; index++) {
    const child = children[index];
    if (!child || !isLinking(child)) continue;
    const problem = problemOf(child, refused);
    if (problem === undefined) continue;
    if (problem) report(sourceFileOf(ancestors, file), 'unsafe-url', problem, child);
    const replacement: RootContent[] = child.type === 'link' && isAutolink(child)
      ? // An autolink's text is its address, kept as written (`uri`, as Pandoc names autolinks): never curled by smart punctuation.
        [{ type: 'bracketedSpan', children: child.children, data: { hName: 'span', hProperties: { className: ['uri'] } } }]
      : child.type === 'link' || child.type === 'linkReference'
        ? (child.children as RootContent[])
        : child.alt
          ? [{ type: 'text', value: child.alt, position: child.position }]
          : [];
    children.splice(index, 1, ...replacement);
    index += replacement.length - 1;
  }
}

/** `<scheme:…>`: a link whose one text is its address. */
function isAutolink(node: Link): boolean {
  const [only] = node.children;
  return node.children.length === 1 && only?.type === 'text' && only.value === node.url;
}

function isLinking(node: RootContent): node is Linking {
  return node.type === 'link' || node.type === 'linkReference' || node.type === 'image' || node.type === 'imageReference';
}

/**
 * Why the node must go (`''` when its definition was already reported), or undefined when it stays.
 * References to a refused definition go silently: the definition carries the message.
 */
function problemOf(node: Linking, refused: ReadonlySet<string>): string | undefined {
  if (node.type === 'linkReference' || node.type === 'imageReference') return refused.has(node.identifier) ? '' : undefined;
  if (node.type === 'link') return isSafeUrl(node.url, 'href') ? undefined : `Removed the link to \`${excerpt(node.url)}\`: ${refusal(node.url, 'href')}; its text is kept`;
  return isSafeUrl(node.url, 'src') ? undefined : `Removed the image \`${excerpt(node.url)}\`: ${refusal(node.url, 'src')}; its description is kept`;
}

/** "`javascript:` links are not allowed". */
function refusal(url: string, kind: UrlKind): string {
  return `\`${excerpt(schemeOf(url) ?? '', 20)}:\` ${kind === 'href' ? 'links' : 'images'} are not allowed`;
}

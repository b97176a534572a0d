import type { ElementContent, Root } from 'hast';
import { h } from 'hastscript';
import type { PaperMeta } from '../front-matter/read-front-matter.js';

export interface DocumentShell {
  meta: PaperMeta;
  /** The paper's stylesheet (screen and print), inlined so the HTML is one standalone file. */
  css: string;
  /** Plain text of the abstract, for `<meta name="description">`. */
  description: string | undefined;
}

/** The standalone HTML document around the paper's body. */
export function htmlDocument(body: ElementContent[], shell: DocumentShell): Root {
  const { meta } = shell;
  const head: ElementContent[] = [
    h('meta', { charSet: 'utf-8' }),
    h('meta', { name: 'viewport', content: 'width=device-width, initial-scale=1' }),
    h('meta', { name: 'generator', content: 'paper (unified, citation-js)' }),
    ...meta.authors.map((author) => h('meta', { name: 'author', content: author.name })),
    ...(meta.date ? [h('meta', { name: 'dcterms.date', content: meta.date })] : []),
    ...(meta.keywords.length > 0 ? [h('meta', { name: 'keywords', content: meta.keywords.join(', ') })] : []),
    ...(shell.description ? [h('meta', { name: 'description', content: shell.description })] : []),
    ...(meta.subject ? [h('meta', { name: 'subject', content: meta.subject })] : []),
    h('meta', { name: 'short-title', content: meta.shortTitle }),
    h('title', meta.title),
    h('style', shell.css),
    h('style', runningHead(meta)),
  ];
  const html = h('html', { lang: meta.lang ?? 'en' }, [
    h('head', head),
    // The paper is the page's main landmark: every part of it is inside one (axe: region, landmark-one-main).
    h('body', [h('main', [h('article', { className: ['paper'] }, body)])]),
  ]);
  return { type: 'root', children: [{ type: 'doctype' }, html] };
}

/** The PDF's running head: the short title and the authors (the first "et al." from three), on every page but the first. */
export function runningHeadText(meta: PaperMeta): string {
  const authors = meta.authors.length > 2 ? `${meta.authors[0]!.name} et al.` : meta.authors.map((author) => author.name).join(', ');
  return authors ? `${meta.shortTitle} — ${authors}` : meta.shortTitle;
}

function runningHead(meta: PaperMeta): string {
  const head = runningHeadText(meta);
  const size = meta.paperSize === 'letter' ? 'letter' : 'A4';
  return `@page { size: ${size}; @top-center { content: ${cssString(head)}; } }\n@page landscape { size: ${size} landscape; }\n@page :first { @top-center { content: none; } }`;
}

/** A CSS string literal: quotes, backslashes and line ends escaped, so no text can end the rule. */
export function cssString(text: string): string {
  return `"${text.replace(/[\\"]/g, '\\$&').replace(/[\n\r\f]/g, ' ').replace(/</g, '\\3c ')}"`;
}


import type { Element, ElementContent, Root } from 'hast';
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
    element('meta', { charSet: 'utf-8' }),
    element('meta', { name: 'viewport', content: 'width=device-width, initial-scale=1' }),
    element('meta', { name: 'generator', content: 'paper (unified, citation-js)' }),
    ...meta.authors.map((author) => element('meta', { name: 'author', content: author.name })),
    ...(meta.date ? [element('meta', { name: 'dcterms.date', content: meta.date })] : []),
    ...(meta.keywords.length > 0 ? [element('meta', { name: 'keywords', content: meta.keywords.join(', ') })] : []),
    ...(shell.description ? [element('meta', { name: 'description', content: shell.description })] : []),
    ...(meta.subject ? [element('meta', { name: 'subject', content: meta.subject })] : []),
    element('meta', { name: 'short-title', content: meta.shortTitle }),
    element('title', {}, [{ type: 'text', value: meta.title }]),
    element('style', {}, [{ type: 'text', value: shell.css }]),
    element('style', {}, [{ type: 'text', value: runningHead(meta) }]),
  ];
  const html = element('html', { lang: meta.lang ?? 'en' }, [
    element('head', {}, head),
    // The paper is the page's main landmark: every part of it is inside one (axe: region, landmark-one-main).
    element('body', {}, [element('main', {}, [element('article', { className: ['paper'] }, body)])]),
  ]);
  return { type: 'root', children: [{ type: 'doctype' }, html] };
}

/** The PDF's running head: the short title and the authors, on every page but the first. */
export function runningHeadText(meta: PaperMeta): string {
  const authors = meta.authors.map((author) => author.name).join(', ');
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

function element(tagName: string, properties: Element['properties'], children: ElementContent[] = []): Element {
  return { type: 'element', tagName, properties, children };
}

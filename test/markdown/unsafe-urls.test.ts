import type { Element } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import { toHtml } from 'hast-util-to-html';
import { toString } from 'hast-util-to-string';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PDFArray, PDFDict, PDFDocument, PDFName, PDFString } from 'pdf-lib';
import { visit } from 'unist-util-visit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { h } from 'hastscript';
import { safeUrlsTransform } from '../../scripts/html/safe-urls.js';
import { isSafeUrl } from '../../scripts/markdown/url-policy.js';
import { fromRoot } from '../helpers/paths.js';
import { runMain } from '../helpers/run-cli.js';

/**
 * Links and images with URLs that would run script or read local files (issue 15, F1 and F20), in
 * every place a paper accepts Markdown: front matter, text, notes, reference definitions,
 * autolinks, YAML and CSV table cells, a graph caption. test/fixtures/unsafe-urls/expected holds
 * what `paper check` prints (regenerate on purpose with `UPDATE=1`).
 */

const fixture = fromRoot('test/fixtures/unsafe-urls');
const folder = mkdtempSync(join(tmpdir(), 'paper-unsafe-urls-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

let html = '';
let pdf: PDFDocument;
beforeAll(async () => {
  cpSync(fixture, folder, { recursive: true });
  const run = await runMain(['build', '.', '--quiet'], folder, { SOURCE_DATE_EPOCH: '1296000000' });
  expect(run.status, run.stderr).toBe(0);
  html = readFileSync(join(folder, 'build/paper.html'), 'utf8');
  pdf = await PDFDocument.load(readFileSync(join(folder, 'build/paper.pdf')));
}, 120_000);

/** Every `href` and `src` of the page, as a browser reads them. */
function urlsOf(page: string): Array<{ tagName: string; url: string; text: string }> {
  const urls: Array<{ tagName: string; url: string; text: string }> = [];
  visit(fromHtml(page), 'element', (element: Element) => {
    for (const name of ['href', 'src']) {
      const value = element.properties[name];
      if (value !== undefined && value !== null) urls.push({ tagName: element.tagName, url: String(value), text: toString(element) });
    }
  });
  return urls;
}

/** The URI of every link annotation in the PDF. */
function pdfUris(document: PDFDocument): string[] {
  const uris: string[] = [];
  for (const page of document.getPages()) {
    const annotations = page.node.lookupMaybe(PDFName.of('Annots'), PDFArray);
    for (let index = 0; index < (annotations?.size() ?? 0); index++) {
      const action = annotations?.lookupMaybe(index, PDFDict)?.lookupMaybe(PDFName.of('A'), PDFDict);
      const uri = action?.lookupMaybe(PDFName.of('URI'), PDFString);
      if (uri) uris.push(uri.decodeText());
    }
  }
  return uris;
}

describe('a paper with links to javascript:, vbscript:, data: and file: URLs', () => {
  it('is warned about each, at the place it was written', async () => {
    const run = await runMain(['check', '.'], folder);
    const printed = `exit ${run.status}\n${run.stderr}`;
    if (process.env.UPDATE) writeFileSync(join(fixture, 'expected'), printed);
    expect(printed).toBe(readFileSync(join(fixture, 'expected'), 'utf8'));
  });

  it('links to none of them in the HTML, and keeps their text', () => {
    const external = urlsOf(html).filter(({ url }) => !url.startsWith('#'));
    expect(external.filter(({ url }) => /^\s*(javascript|vbscript|data|file):/i.test(url))).toEqual([]);
    expect(external.map(({ tagName, url, text }) => `${tagName} ${url} ${text}`).sort()).toEqual([
      'a ../other.html up',
      'a ?q=a:b query',
      'a HTTPS://EXAMPLE.ORG/b upper case',
      'a data/file.csv relative',
      'a https://example.org/a web',
      'a https://example.org/abstract safe one',
      'a https://example.org/c https://example.org/c',
      'a mailto:ann@example.org mail',
      'img https://example.org/image.png ',
    ]);
    const text = html.replace(/<style>[\s\S]*?<\/style>/g, '').replace(/<[^>]+>/g, '').replace(/\s+/g, ' ');
    for (const kept of ['Inline js, mixed case mixed,', 'entity-encoded encoded', "an autolink javascript:alert('autolink'),", 'a reference link ref,', 'a data URL data', 'a file URL file', 'a data image', 'a file image', 'A cell with a link', 'A graph caption with a link']) {
      expect(text).toContain(kept);
    }
    // The page without its style sheets (whose inlined fonts are base64 too): no payload left but the autolink's text.
    expect(html.replace(/<style>[\s\S]*?<\/style>/g, '').match(/alert\(|msgbox\(|PHN2Zz48|PHNjcmlwdD5/g)).toEqual(['alert(']);
  });

  it('has no such link in the PDF either', () => {
    const uris = pdfUris(pdf);
    expect(uris.filter((uri) => /^(javascript|vbscript|data):/i.test(uri))).toEqual([]);
    expect(uris).toEqual(expect.arrayContaining(['https://example.org/a', 'mailto:ann@example.org']));
    expect(uris.filter((uri) => uri.startsWith('file:'))).toEqual([]);
    expect(uris).toEqual(expect.arrayContaining(['data/file.csv', '../other.html']));
  });
});

describe('isSafeUrl', () => {
  it('allows http(s), mailto and relative links, and http(s) and relative images', () => {
    for (const url of ['https://a.org', 'HTTP://A.ORG', 'mailto:a@b.org', 'data/x.csv', '../x.html', '#sec', '?q=a:b', 'x/y:z', '']) expect(isSafeUrl(url, 'href'), url).toBe(true);
    for (const url of ['https://a.org/x.png', 'figures/x.png', './x:y.png']) expect(isSafeUrl(url, 'src'), url).toBe(true);
  });

  it('refuses every other scheme, whatever its case or the blanks and controls around it', () => {
    for (const url of ['javascript:alert(1)', 'JaVaScRiPt:alert(1)', ' javascript:x', '\u0001javascript:x', 'java\tscript:x', 'java\nscript:x', 'vbscript:x', 'data:text/html,x', 'file:///etc/passwd', 'c:\\x']) {
      expect(isSafeUrl(url, 'href'), JSON.stringify(url)).toBe(false);
    }
    for (const url of ['data:image/png;base64,AAAA', 'file:///x.png', 'mailto:a@b.org', 'blob:x']) expect(isSafeUrl(url, 'src'), url).toBe(false);
  });
});

describe('safeUrlsTransform, the last check of the rendered page', () => {
  it('drops every href and src the policy refuses, whatever made them, and keeps the elements', () => {
    const tree = h(null, [
      h('p', [h('a', { href: 'javascript:alert(1)' }, 'made by a stage'), h('a', { href: 'https://example.org' }, 'kept'), h('a', { href: '#ref-a' }, 'kept too')]),
      h('img', { src: 'data:image/png;base64,AAAA', alt: 'x' }),
      h('img', { src: 'figures/a.png', alt: 'y' }),
    ]);
    safeUrlsTransform(tree);
    expect(JSON.stringify(tree)).not.toMatch(/javascript:|data:image/);
    expect(urlsOf(toHtml(tree)).map(({ tagName, url }) => `${tagName} ${url}`)).toEqual(['a https://example.org', 'a #ref-a', 'img figures/a.png']);
  });
});

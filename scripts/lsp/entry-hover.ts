import { createHash } from 'node:crypto';
import type { Element, ElementContent } from 'hast';
import { VFile } from 'vfile';
import { referenceList } from '../bibliography/reference-list.js';
import type { CheckResult } from '../pipeline/check.js';
import type { StageCache } from '../source/stage-cache.js';

/**
 * Hover on a citation: its entry as the paper's reference list prints it (the paper's CSL style and
 * locale, through the one CSL engine of the render stage), as Markdown. citation-js and citeproc-js
 * are loaded by the first hover, not at start: diagnostics never need them. The reference list of
 * the cited works is rendered once per bibliography, style and locale and kept in the session's
 * cache; a work the paper does not cite is rendered on its own.
 */
export async function entryHover(checked: CheckResult, key: string, cache: StageCache, cwd: string): Promise<string | undefined> {
  const { paper, manuscript } = checked;
  if (!paper || !manuscript || !paper.bibliography.entries.has(key)) return undefined;
  const [citeproc, load] = await Promise.all([import('../bibliography/citeproc.js'), import('../pipeline/load.js')]);
  // Messages about the style go on a file of their own: the check's files are what was published.
  const scratch = { location: manuscript.location, file: new VFile({ path: manuscript.file.path, value: manuscript.file.value }) };
  const style = await load.loadStyle(scratch, paper.meta, undefined, cwd, { names: citeproc.builtinStyleNames, get: citeproc.builtinStyle });
  if ('failed' in style) return undefined;
  const locale = localeFor(paper.meta.lang, citeproc.availableLocales());
  const clean = paper.bibliography.cleanText;
  const { items } = await cache.remember('lsp-csl-items', sha256(clean), () => citeproc.convertBibliography(paper.bibliography));
  const rendered = cache.remember('lsp-references', sha256([clean, style.xml, locale].join('\0')), () => {
    const engine = citeproc.createCitationEngine(items, style.xml, locale);
    return { engine, entries: new Map(engine.renderBibliography(paper.listed).map((entry) => [entry.id, entry])), alone: new Map<string, string | undefined>() };
  });
  const listed = rendered.entries.get(key);
  if (listed) return markdownOf(listed);
  if (!rendered.alone.has(key)) {
    const engine = citeproc.createCitationEngine(items, style.xml, locale);
    const entry = engine.renderBibliography([key])[0];
    rendered.alone.set(key, entry ? markdownOf(entry) : undefined);
  }
  return rendered.alone.get(key);
}

/** The paper's `lang` as a CSL locale: the same tag, else one of the same language, else en-US (the check reports the rest). */
function localeFor(lang: string | undefined, available: string[]): string {
  const wanted = (lang ?? 'en-US').toLowerCase();
  return available.find((locale) => locale.toLowerCase() === wanted) ?? available.find((locale) => locale.split('-')[0]?.toLowerCase() === wanted.split('-')[0]) ?? 'en-US';
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

function markdownOf(entry: { id: string; html: string }): string {
  const list = referenceList([entry]);
  const item = list?.children[0];
  return item && item.type === 'element' ? markdownOfNodes(item.children).replace(/\s+/g, ' ').trim() : '';
}

const markdownSpecial = /[\\`*_[\]<>#|]/g;

function markdownOfNodes(nodes: readonly ElementContent[]): string {
  return nodes.map((node) => {
    if (node.type === 'text') return node.value.replace(markdownSpecial, '\\$&');
    if (node.type !== 'element') return '';
    const inner = markdownOfNodes(node.children);
    return wrap(node, inner);
  }).join('');
}

function wrap(node: Element, inner: string): string {
  switch (node.tagName) {
    case 'i':
    case 'em':
      return inner.trim() ? `*${inner}*` : inner;
    case 'b':
    case 'strong':
      return inner.trim() ? `**${inner}**` : inner;
    case 'a':
      return typeof node.properties.href === 'string' ? `[${inner}](${node.properties.href})` : inner;
    default:
      return inner;
  }
}

import { defaultSchema, type Schema } from 'hast-util-sanitize';

/** The element that stands for Markdown between the raw HTML of one run; see raw-html-transform. */
export const slotTagName = 'paper-slot';

/**
 * What raw HTML a manuscript may use: GitHub's allow-list (hast-util-sanitize's default), plus
 * what papers write by hand — `u`, `abbr`, `small`, `mark`, `cite`, `dfn`, `time`, `bdi`, `bdo`,
 * `wbr`, `figure`, `figcaption`, `caption`, `col`, `colgroup` — and `class` on every element, so
 * `paper.css` can style it. Forms (`input`) are not part of a paper.
 *
 * Removed, with a warning: everything else, notably `script`, `style`, `iframe`, `object`,
 * `embed`, `form`; `on*` event handlers; `style` attributes (looks belong in the stylesheet, and
 * a style can hide text or fetch a URL); URLs other than http(s), mailto and relative ones
 * (`javascript:`, `data:`, `file:`). The content of `script`, `style`, `iframe`, … goes too; the
 * content of other removed elements stays, as text.
 *
 * Ids and names are kept as written (no `user-content-` prefix): the page runs no script, so
 * there is nothing for a clobbered global to attack, and links to them keep working.
 */
export const paperHtmlSchema: Schema = {
  ...defaultSchema,
  tagNames: [
    ...(defaultSchema.tagNames ?? []).filter((name) => name !== 'input'),
    'u', 'abbr', 'small', 'mark', 'cite', 'dfn', 'time', 'bdi', 'bdo', 'wbr', 'figure', 'figcaption', 'caption', 'col', 'colgroup',
    slotTagName,
  ],
  attributes: {
    // GitHub allows only some classes on some elements (`a`, `code`, `li`, …); a paper allows any.
    ...Object.fromEntries(Object.entries(defaultSchema.attributes ?? {}).map(([tagName, allowed]) => [tagName, allowed.filter((entry) => !(Array.isArray(entry) && entry[0] === 'className'))])),
    '*': [...(defaultSchema.attributes?.['*'] ?? []), 'className'],
    [slotTagName]: ['dataSlot'],
  },
  ancestors: { ...defaultSchema.ancestors, caption: ['table'], col: ['table'], colgroup: ['table'] },
  clobber: [],
  clobberPrefix: '',
  strip: ['script', 'style', 'iframe', 'object', 'embed', 'template', 'noscript', 'textarea', 'title', 'select'],
};

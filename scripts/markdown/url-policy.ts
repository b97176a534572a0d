import { paperHtmlSchema } from './raw-html-schema.js';

/**
 * Which URLs a paper may link to or show: the raw-HTML allow-list's protocols (`paperHtmlSchema`,
 * GitHub's: `http`, `https`, `mailto`, `irc`, `ircs`, `xmpp` for links; `http`, `https` for
 * images), and every relative reference (`data/file.csv`, `#sec-intro`, `?q`). Anything else —
 * `javascript:`, `vbscript:`, `data:`, `file:` — would run script when clicked, or feed the
 * printing browser bytes of the author's choosing, and is refused. The test is
 * hast-util-sanitize's (a scheme is what comes before a `:` that precedes any `/`, `?` or `#`),
 * but the scheme's case does not matter (`HTTPS://` is a link; `JaVaScRiPt:` is refused) and
 * leading blanks and control characters are ignored, as browsers ignore them.
 */
export type UrlKind = 'href' | 'src';

const allowed: Record<UrlKind, readonly string[]> = {
  href: paperHtmlSchema.protocols?.href ?? ['http', 'https', 'mailto'],
  src: paperHtmlSchema.protocols?.src ?? ['http', 'https'],
};

/** The scheme of a URL, lower-cased (`javascript`), or undefined for a relative reference. */
export function schemeOf(url: string): string | undefined {
  // Browsers drop leading C0 controls and spaces, and tabs and line ends anywhere, before they read a URL.
  const value = url.replace(/^[\u0000-\u0020]+/, '').replace(/[\t\n\r]/g, '');
  const colon = value.indexOf(':');
  if (colon < 0) return undefined;
  for (const mark of ['/', '?', '#']) {
    const at = value.indexOf(mark);
    if (at > -1 && colon > at) return undefined;
  }
  return value.slice(0, colon).toLowerCase();
}

export function isSafeUrl(url: string, kind: UrlKind): boolean {
  const scheme = schemeOf(url);
  return scheme === undefined || allowed[kind].includes(scheme);
}

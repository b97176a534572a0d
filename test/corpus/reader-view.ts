/** What a reader sees of a built page, read from its HTML: caption texts, equation numbers, running text. */

const decode = (text: string) =>
  text
    .replaceAll('&#x3C;', '<')
    .replaceAll('&#x26;', '&')
    .replaceAll('&amp;', '&')
    .replaceAll('&lt;', '<')
    .replaceAll('&gt;', '>')
    .replaceAll('&#x22;', '"')
    .replaceAll('&quot;', '"')
    .replaceAll('\u00a0', ' ');

/** Tags out, equations (SVG) as `[math]`. */
function plain(html: string): string {
  return decode(html.replace(/<svg[\s\S]*?<\/svg>/g, '[math]').replace(/<[^>]+>/g, ''));
}

/** Every `<figcaption>` and `<caption>`, in order, as text. */
export function captions(html: string): string[] {
  return [...html.matchAll(/<figcaption>([\s\S]*?)<\/figcaption>|<caption[^>]*>([\s\S]*?)<\/caption>/g)].map((match) => plain(match[1] ?? match[2] ?? '').trim());
}

/** Each numbered equation's id and the number at its margin. */
export function equationNumbers(html: string): Array<[string, string]> {
  return [...html.matchAll(/class="math display numbered" id="([^"]+)"/g)].map((match) => {
    const number = /class="equation-number">([^<]*)</.exec(html.slice(match.index));
    return [match[1] ?? '', number?.[1] ?? ''];
  });
}

/** The body's text as one line per block, the way it reads. */
export function readerText(html: string): string {
  const body = html.slice(html.indexOf('<body'));
  return plain(body.replace(/<style[\s\S]*?<\/style>/g, '').replace(/<aside[\s\S]*?<\/aside>/g, ''));
}

/**
 * Pandoc's and Quarto's syntax that a reader would see as text if it were not read: TeX commands,
 * attribute blocks, fence markers, shortcodes, bracketed spans, sub- and superscripts, comments.
 * Code and equations are left out, where such text is the author's.
 */
export function syntaxShownAsText(html: string): string[] {
  const body = html.slice(html.indexOf('<body')).replace(/<(pre|code|svg|style|script)[\s>][\s\S]*?<\/\1>/g, ' ');
  const text = plain(body);
  return [/\\[A-Za-z]+/g, /\{[#.][^}\s]*/g, /:::/g, /\{\{|\}\}/g, /\]\{/g, /\^[^\s^]+\^/g, /~[^\s~]+~/g, /<!--/g].flatMap((pattern) => text.match(pattern) ?? []);
}

import type { Image } from 'mdast';

/**
 * Where the caption of `![caption](plot.png)` is written: the offsets of the text between `![` and
 * its `]`, read from the file's text (mdast keeps only its plain text, `alt`). Brackets nest, a
 * backslash escapes the next character and a code span hides what it holds, as in CommonMark.
 * Undefined when the image has no place in `text`.
 */
export function captionSource(image: Image, text: string): { start: number; end: number } | undefined {
  const from = image.position?.start.offset;
  const to = image.position?.end.offset;
  if (from === undefined || to === undefined || !text.startsWith('![', from)) return undefined;
  const start = from + 2;
  let depth = 0;
  for (let at = start; at < to; at++) {
    const char = text[at];
    if (char === '\\') {
      at++;
    } else if (char === '`') {
      const run = /^`+/.exec(text.slice(at, to))?.[0] ?? '`';
      const close = text.indexOf(run, at + run.length);
      if (close > -1 && close < to) at = close + run.length - 1;
      else at += run.length - 1;
    } else if (char === '[') {
      depth++;
    } else if (char === ']') {
      if (depth === 0) return { start, end: at };
      depth--;
    }
  }
  return undefined;
}

import type { FigureSize } from './figure-node.js';

/**
 * `width=` and `height=` as Pandoc 2.17's HTML writer writes them: a pixel count (`300px`, `300`)
 * becomes the `width="300"` attribute, any other length (`50%`, `3cm`, `2in`, `10em`) the image's
 * style (`width:50%`). A value that is no length is undefined: the caller reports it.
 */
export function figureSize(attributes: Readonly<Record<string, string>>): { size: FigureSize; invalid: Array<{ key: string; value: string }> } {
  const size: FigureSize = { attributes: {}, style: [] };
  const invalid: Array<{ key: string; value: string }> = [];
  for (const key of ['width', 'height'] as const) {
    const value = attributes[key];
    if (value === undefined) continue;
    const match = /^(\d+(?:\.\d+)?|\.\d+)(px|%|cm|mm|in|pt|pc|em|rem)?$/.exec(value.trim());
    if (!match) {
      invalid.push({ key, value });
      continue;
    }
    const [, number = '', unit] = match;
    if (unit === undefined || unit === 'px') size.attributes[key] = String(Number(number));
    else size.style.push(`${key}:${Number(number)}${unit}`);
  }
  return { size, invalid };
}

/** The image element's size properties: attributes, and the style when there is one. */
export function sizeProperties(size: FigureSize): Record<string, string> {
  return { ...size.attributes, ...(size.style.length > 0 ? { style: size.style.join(';') } : {}) };
}

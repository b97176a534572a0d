import { createHash } from 'node:crypto';
import type { Element, Root } from 'hast';
import { convert } from 'fontverter';
import subsetFont from 'subset-font';
import { codeFontFamily, isCodeElement } from './code-font.js';
import { cmapCodePoints } from './font-cmap.js';

/** The family the page's CSS names for text; every shipped text file serves under it, each for its characters. */
export const paperFontFamily = 'Noto Serif';

/** Subsets already made, by a key of font and characters: the store is the build's (on disk). */
export interface SubsetCache {
  get(key: string): Promise<Uint8Array | undefined>;
  set(key: string, data: Uint8Array): Promise<void>;
}

export interface FontFile {
  name: string;
  role: 'text' | 'code';
  weight: 400 | 700;
  style: 'normal' | 'italic';
  data: Uint8Array;
}

/** The characters a paper shows outside code, in code point order: its text, `extra`, and what page numbers and hyphenation add. */
export function glyphsOf(tree: Root, extra: string): string {
  return pageGlyphs(tree, extra).text;
}

/**
 * The characters a paper shows, in code point order: `text`, those of its text outside code
 * with `extra` and what page numbers and hyphenation add, and `code`, those of its code
 * (`code-font.ts`), set in the code font.
 */
export function pageGlyphs(tree: Root, extra: string): { text: string; code: string } {
  const { text, code } = textsOf(tree);
  // Beyond the text: digits and signs of page numbers, and the hyphens of automatic hyphenation.
  return { text: charactersOf([...text, extra, '0123456789/.–—-\u2010\u00AD ']), code: charactersOf(code) };
}

/** Each character of the texts once, in code point order, from the space on. */
function charactersOf(texts: string[]): string {
  // A bit per character of the Basic Multilingual Plane, a set for the rest: a paper has some
  // 60,000 characters and a few hundred distinct ones.
  const basic = new Uint8Array(0x10000);
  const astral = new Set<number>();
  for (const text of texts) {
    for (let index = 0; index < text.length; index++) {
      const code = text.charCodeAt(index);
      if (code >= 0xd800 && code <= 0xdbff) {
        const point = text.codePointAt(index) ?? code;
        if (point > 0xffff) {
          astral.add(point);
          index++;
          continue;
        }
      }
      basic[code] = 1;
    }
  }
  const wanted: number[] = [];
  for (let code = 0x20; code < 0x10000; code++) if (basic[code] === 1) wanted.push(code);
  return String.fromCodePoint(...wanted, ...[...astral].sort((a, b) => a - b));
}

/**
 * Every character of the tree's text, outside code and in it: what a reader may see, previews
 * and hidden parts included, but not the content of `<script>`, `<style>` or `<template>`. A plain
 * walk: the set of characters is all that is wanted, not the text as rendered (hast-util-to-text
 * took as long as the rest of a warm rebuild).
 */
function textsOf(tree: Root | Element): { text: string[]; code: string[] } {
  const text: string[] = [];
  const code: string[] = [];
  const walk = (node: Root | Element, inCode: boolean) => {
    for (const child of node.children) {
      if (child.type === 'text') (inCode ? code : text).push(child.value);
      else if (child.type === 'element' && !unseen.has(child.tagName)) walk(child, inCode || isCodeElement(child));
    }
  };
  walk(tree, false);
  return { text, code };
}

const unseen = new Set(['script', 'style', 'template']);

/**
 * `@font-face` rules for the characters the paper uses, each drawn from the first shipped font that
 * has a glyph for it, subset to exactly those glyphs (harfbuzz, through subset-font) and inlined
 * as a data URL with the matching `unicode-range`. The page then needs no font from the machine,
 * the PDF embeds the same glyphs everywhere, and the HTML carries tens of kilobytes of font data
 * rather than hundreds. `extra` holds text that CSS adds (running head, page numbers, markers).
 */
export async function fontFaceCss(files: FontFile[], tree: Root, extra: string, cache?: SubsetCache): Promise<string> {
  return (await fontFaces(files, tree, extra, cache)).css;
}

/**
 * The `@font-face` rules (see `fontFaceCss`), and the characters of the paper that no shipped font
 * has in any face, in code point order: those are not in the rules, so a browser draws them from
 * whatever fonts it finds (the printer finds only the shipped ones: `pdf/font-config.ts`).
 *
 * The text's rules come first, under `Noto Serif`, exactly as on a page without code; then, when
 * the page has code, the code font's, under its own family (`code-font.ts`), for the characters
 * of its code. A character of code that the code font lacks is added to the text's characters:
 * code's stylesheet falls back to the text's family, a shipped font still, so the reader sees the
 * character (out of the column's step) rather than a box. It is missing only when no shipped font
 * has it, as any other character.
 */
export async function fontFaces(files: FontFile[], tree: Root, extra: string, cache?: SubsetCache): Promise<{ css: string; missing: number[] }> {
  const glyphs = pageGlyphs(tree, extra);
  const text = [...glyphs.text].map((char) => char.codePointAt(0) ?? 0);
  const code = [...glyphs.code].map((char) => char.codePointAt(0) ?? 0);
  let missing: Set<number> | undefined;
  const textRules: string[] = [];
  const codeRules: string[] = [];
  for (const [face, faceFiles] of facesOf(files.filter((file) => file.role === 'text'))) {
    const codeFiles = code.length === 0 ? [] : files.filter((file) => file.role === 'code' && `${file.weight}-${file.style}` === face);
    const codeLeft = await subsetInto(codeRules, codeFontFamily, codeFiles, new Set(code), cache);
    const left = await subsetInto(textRules, paperFontFamily, faceFiles, new Set([...text, ...codeLeft]), cache);
    missing = missing ? new Set([...missing].filter((point) => left.has(point))) : left;
  }
  return { css: [...textRules, ...codeRules].join('\n'), missing: [...(missing ?? [])].filter(isDrawn).sort((a, b) => a - b) };
}

/** The files by face (`400-normal`), in their order. */
function facesOf(files: FontFile[]): Map<string, FontFile[]> {
  const faces = new Map<string, FontFile[]>();
  for (const file of files) faces.set(`${file.weight}-${file.style}`, [...(faces.get(`${file.weight}-${file.style}`) ?? []), file]);
  return faces;
}

/**
 * The rules of one face of a family, added to `rules`: each character wanted from the first of
 * the face's files that has it. Gives back the characters none of them has.
 */
async function subsetInto(rules: string[], family: string, files: FontFile[], wanted: Set<number>, cache: SubsetCache | undefined): Promise<Set<number>> {
  const left = wanted;
  for (const file of files) {
    if (left.size === 0) break;
    const fontKey = createHash('sha256').update(file.data).digest('hex');
    // Decoded once (WOFF2 is brotli-compressed): read for its cmap, then subset.
    const covered = await coverage(fontKey, file.data, cache);
    const chars = [...left].filter((code) => covered.has(code)).sort((a, b) => a - b);
    if (chars.length === 0) continue;
    for (const code of chars) left.delete(code);
    const key = createHash('sha256').update(fontKey).update(String.fromCodePoint(...chars)).digest('hex');
    let subset = await cache?.get(`${key}.woff2`);
    if (!subset) {
      subset = await subsetFont(await convert(file.data, 'sfnt'), String.fromCodePoint(...chars), { targetFormat: 'woff2' });
      await cache?.set(`${key}.woff2`, subset);
    }
    rules.push(
      `@font-face{font-family:'${family}';font-style:${file.style};font-weight:${file.weight};font-display:block;` +
        `src:url(data:font/woff2;base64,${Buffer.from(subset).toString('base64')}) format('woff2');unicode-range:${unicodeRange(chars)}}`,
    );
  }
  return left;
}

/** Characters a browser draws: not controls, format characters (joiners, marks of direction) or line and paragraph separators. */
function isDrawn(code: number): boolean {
  return !/[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/u.test(String.fromCodePoint(code));
}

/** The characters a font has glyphs for, from the cache when it was read before. */
async function coverage(fontKey: string, data: Uint8Array, cache: SubsetCache | undefined): Promise<Set<number>> {
  const cached = codePoints(await cache?.get(`${fontKey}.cmap`));
  if (cached) return cached;
  const points = cmapCodePoints(await convert(data, 'sfnt'));
  await cache?.set(`${fontKey}.cmap`, Buffer.from(JSON.stringify([...points])));
  return points;
}

/** A cached list of code points, or undefined when it is not one (a damaged entry is a miss). */
function codePoints(cached: Uint8Array | undefined): Set<number> | undefined {
  if (!cached) return undefined;
  try {
    const value: unknown = JSON.parse(Buffer.from(cached).toString('utf8'));
    return Array.isArray(value) && value.every((point) => Number.isInteger(point)) ? new Set(value as number[]) : undefined;
  } catch {
    return undefined;
  }
}

/** `U+41-5A,U+2192` from a sorted list of code points. */
export function unicodeRange(codes: number[]): string {
  const parts: string[] = [];
  for (let index = 0; index < codes.length; ) {
    let end = index;
    while (end + 1 < codes.length && codes[end + 1] === (codes[end] ?? 0) + 1) end++;
    const from = (codes[index] ?? 0).toString(16).toUpperCase();
    const to = (codes[end] ?? 0).toString(16).toUpperCase();
    parts.push(from === to ? `U+${from}` : `U+${from}-${to}`);
    index = end + 1;
  }
  return parts.join(',');
}

import type { Element } from 'hast';

/** TeX drawn as SVG, or the reason it cannot be. */
export type TexRendering = { svg: Element; error?: undefined } | { svg?: undefined; error: string };

/** What the equations transform needs of a TeX engine (`tex-engine.ts`, loaded only for papers with math). */
export interface TexRenderer {
  render(tex: string, display: boolean): TexRendering;
  /** The glyph shapes the equations rendered so far use, as one hidden `<svg>`; undefined when none. */
  glyphs(): Element | undefined;
}

import type { ImageType } from './image-type.js';

/**
 * A local image as the load stage found it: its bytes and what they are (undefined when they are
 * no image the paper shows), or the reason it could not be read, in words for the author. A PDF
 * figure drawn as a PNG at build time keeps its page's width in CSS pixels (`cssWidth`).
 */
export type LoadedImage = { path: string; bytes: Uint8Array; type: ImageType | undefined; cssWidth?: number } | { path: string; error: string };

/** The paper's local images, by the path the manuscript names them with (`figures/plot.png`). */
export type LoadedImages = ReadonlyMap<string, LoadedImage>;

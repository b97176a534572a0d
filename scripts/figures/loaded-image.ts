import type { ImageType } from './image-type.js';

/**
 * A local image as the load stage found it: its bytes and what they are (undefined when they are
 * no image the paper shows), or the reason it could not be read, in words for the author.
 */
export type LoadedImage = { path: string; bytes: Uint8Array; type: ImageType | undefined } | { path: string; error: string };

/** The paper's local images, by the path the manuscript names them with (`figures/plot.png`). */
export type LoadedImages = ReadonlyMap<string, LoadedImage>;

import type { Root } from 'mdast';
import { EXIT, visit } from 'unist-util-visit';
import { schemeOf } from '../markdown/url-policy.js';

/**
 * The path of a local image as the paper names it (`figures/plot.png`, relative to the
 * manuscript), or undefined for one that is not a file of the paper: a remote image (`https:`,
 * `//host/…`), an in-page reference, or a URL the URL policy refuses (`unsafe-url` says so).
 * Markdown keeps URLs percent-encoded (`my%20plot.png`); the file's name is decoded.
 */
export function localImagePath(url: string): string | undefined {
  if (url === '' || url.startsWith('#') || url.startsWith('//') || schemeOf(url) !== undefined) return undefined;
  const path = url.replace(/[?#].*$/s, '');
  if (path === '') return undefined;
  try {
    return decodeURIComponent(path);
  } catch {
    return path;
  }
}

/** Every local image the manuscript's text shows, each path once, in document order. */
export function localImageSources(tree: Root): string[] {
  const sources = new Set<string>();
  visit(tree, 'image', (node) => {
    const path = localImagePath(node.url);
    if (path !== undefined) sources.add(path);
  });
  return [...sources];
}

/** Whether the paper shows any image (a figure, an inline image, local or remote): its page needs the figures' style. */
export function showsImages(tree: Root): boolean {
  let found = false;
  visit(tree, (node) => {
    if (node.type === 'image' || node.type === 'figure') found = true;
    return found ? EXIT : undefined;
  });
  return found;
}

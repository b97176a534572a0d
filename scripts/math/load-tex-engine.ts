import type { Root } from 'mdast';
import { visit, EXIT } from 'unist-util-visit';
import type { StageCache } from '../source/stage-cache.js';
import type { TexRenderer } from './tex-renderer.js';

/** Whether the paper has any TeX math. */
export function hasMath(tree: Root): boolean {
  let found = false;
  visit(tree, (node) => {
    if (node.type === 'inlineMath' || node.type === 'displayMath') {
      found = true;
      return EXIT;
    }
    return undefined;
  });
  return found;
}

/**
 * A TeX renderer when the paper has math, loading MathJax then only: a paper without math never
 * loads it. With a `cache` (`paper watch`), one renderer for the session, which draws each
 * equation once while its TeX stays the same.
 */
export async function loadTexRenderer(tree: Root, cache?: StageCache): Promise<TexRenderer | undefined> {
  if (!hasMath(tree)) return undefined;
  const { createTexRenderer } = await import('./tex-engine.js');
  return cache ? cache.remember('tex-renderer', 'paper', () => createTexRenderer({ remember: true })) : createTexRenderer();
}

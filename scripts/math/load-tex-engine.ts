import type { Root } from 'mdast';
import { visit, EXIT } from 'unist-util-visit';
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

/** A TeX renderer when the paper has math, loading MathJax then only: a paper without math never loads it. */
export async function loadTexRenderer(tree: Root): Promise<TexRenderer | undefined> {
  if (!hasMath(tree)) return undefined;
  const { createTexRenderer } = await import('./tex-engine.js');
  return createTexRenderer();
}

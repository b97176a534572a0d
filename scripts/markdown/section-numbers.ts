import type { Root } from 'mdast';
import { visit } from 'unist-util-visit';

/**
 * Number the sections as Pandoc's `--number-sections` does: `1`, `1.1`, `2`, …, skipping
 * unnumbered headings (`{-}`), which do not advance the counters either.
 */
export function sectionNumbersTransform(tree: Root): void {
  const counters: number[] = [];
  visit(tree, 'heading', (heading) => {
    if (heading.data?.unnumbered) return;
    const level = heading.depth - 1;
    counters.length = level + 1;
    for (let index = 0; index < level; index++) counters[index] ??= 0;
    counters[level] = (counters[level] ?? 0) + 1;
    const number = counters.map((count) => count ?? 0).join('.');
    heading.data = { ...heading.data, sectionNumber: number };
  });
}

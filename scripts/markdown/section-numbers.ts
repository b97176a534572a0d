import type { Root } from 'mdast';
import { visit } from 'unist-util-visit';

declare module 'mdast' {
  interface HeadingData {
    /**
     * The number references give the section (`4.1`, or `AppA.CustLab` with custom labels), shown
     * or not: pandoc-crossref counts sections whether the paper numbers its headings or not.
     */
    sectionLabel?: string;
  }
}

/**
 * Number the sections as Pandoc's `--number-sections` does: `1`, `1.1`, `2`, …, skipping
 * unnumbered headings (`{-}`), which do not advance the counters either. Every numbered heading
 * gets its `sectionLabel` for references, where a `label=` of its own or of a section above it
 * stands for the count (pandoc-crossref's custom labels); with `show`, the number is also shown
 * (`sectionNumber`).
 */
export function sectionNumbersTransform(tree: Root, options: { show: boolean }): void {
  const counters: number[] = [];
  const labels: Array<string | undefined> = [];
  visit(tree, 'heading', (heading) => {
    if (heading.data?.unnumbered) return;
    const level = heading.depth - 1;
    counters.length = level + 1;
    labels.length = level + 1;
    for (let index = 0; index < level; index++) counters[index] ??= 0;
    counters[level] = (counters[level] ?? 0) + 1;
    labels[level] = heading.data?.label;
    const number = counters.map((count) => count ?? 0).join('.');
    const label = counters.map((count, index) => labels[index] ?? count ?? 0).join('.');
    heading.data = { ...heading.data, sectionLabel: label, ...(options.show ? { sectionNumber: number } : {}) };
  });
}

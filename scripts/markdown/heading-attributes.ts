import type { Heading, Root } from 'mdast';
import { toString } from 'mdast-util-to-string';
import { visit } from 'unist-util-visit';
import type { VFile } from 'vfile';
import { takeClosingAttributes } from './pandoc-attributes.js';
import { takeTexLabel } from './tex-labels.js';

/**
 * Pandoc's heading attributes: `# Title {#id .class -}`. The attribute block is removed from the
 * heading's text; `#id` becomes the heading's identifier, `-` or `.unnumbered` leaves it out of the
 * section numbering; a LaTeX `\label{x}` in the text is the id when no `#id` is written. Headings without an id get Pandoc's automatic identifier (`auto_identifiers`).
 */
declare module 'mdast' {
  interface HeadingData {
    /** The heading's id: from `{#id}`, or Pandoc's automatic identifier. */
    id?: string;
    unnumbered?: boolean;
    classes?: string[];
    /** pandoc-crossref's custom label (`{label=AppA}`), shown instead of the number in references. */
    label?: string;
    /** `2.1`, set by the section numbering when the manuscript asks for numbered sections. */
    sectionNumber?: string;
  }
}

export interface HeadingAttributesOptions {
  /** Put before automatic identifiers: `sec:` with pandoc-crossref's `autoSectionLabels`. */
  autoPrefix?: string;
}

export function headingAttributesTransform(tree: Root, file: VFile, options: HeadingAttributesOptions = {}): void {
  const used = new Set<string>();
  const headings: Heading[] = [];
  visit(tree, 'heading', (heading) => {
    readAttributes(heading, file);
    if (heading.data?.id) used.add(heading.data.id);
    headings.push(heading);
  });
  for (const heading of headings) {
    if (heading.data?.id) continue;
    // Raw HTML (a comment, a tag) is no part of the id, as in Pandoc: `# A <!-- x --> B` is `a-b`.
    const base = `${options.autoPrefix ?? ''}${autoIdentifier(toString(heading, { includeHtml: false })) || 'section'}`;
    let id = base;
    for (let n = 1; used.has(id); n++) id = `${base}-${n}`;
    used.add(id);
    heading.data = { ...heading.data, id };
  }
}

/** The block is read from the source, so a `:name` in it (`{#sec:intro}`) is not taken for a directive. */
function readAttributes(heading: Heading, file: VFile): void {
  const attributes = takeClosingAttributes(heading, file);
  // `# Introduction \label{sec:intro}`, from LaTeX: the label is the id unless `{#id}` names one.
  const label = takeTexLabel(heading.children);
  if (label !== undefined && !attributes?.id) heading.data = { ...heading.data, id: label };
  if (!attributes) return;
  const data: NonNullable<Heading['data']> = { ...heading.data };
  const classes = attributes.classes.filter((name) => name !== 'unnumbered');
  if (classes.length < attributes.classes.length) data.unnumbered = true;
  if (attributes.id) data.id = attributes.id;
  if (classes.length > 0) data.classes = classes;
  if (attributes.attributes.label) data.label = attributes.attributes.label;
  heading.data = data;
}

/** Pandoc's rule: lower-case; keep letters, digits, `_-.`; spaces to `-`; drop everything before the first letter. */
export function autoIdentifier(text: string): string {
  const kept = text
    .toLowerCase()
    .replace(/[^\p{L}\p{N}_\-.\s]/gu, '')
    .trim()
    .replace(/\s+/g, '-');
  return kept.replace(/^[^\p{L}]+/u, '');
}

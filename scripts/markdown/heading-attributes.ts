import type { Heading, Root, Text } from 'mdast';
import { toString } from 'mdast-util-to-string';
import { visit } from 'unist-util-visit';

/**
 * Pandoc's heading attributes: `# Title {#id .class -}`. The attribute block is removed from the
 * heading's text; `#id` becomes the heading's identifier, `-` or `.unnumbered` leaves it out of the
 * section numbering. Headings without an id get Pandoc's automatic identifier (`auto_identifiers`).
 */
declare module 'mdast' {
  interface HeadingData {
    /** The heading's id: from `{#id}`, or Pandoc's automatic identifier. */
    id?: string;
    unnumbered?: boolean;
    classes?: string[];
    /** `2.1`, set by the section numbering when the manuscript asks for numbered sections. */
    sectionNumber?: string;
  }
}

const attributeBlock = /[ \t]*\{([^{}]*)\}[ \t]*$/;

export function headingAttributesTransform(tree: Root): void {
  const used = new Set<string>();
  const headings: Heading[] = [];
  visit(tree, 'heading', (heading) => {
    readAttributes(heading);
    if (heading.data?.id) used.add(heading.data.id);
    headings.push(heading);
  });
  for (const heading of headings) {
    if (heading.data?.id) continue;
    const base = autoIdentifier(toString(heading)) || 'section';
    let id = base;
    for (let n = 1; used.has(id); n++) id = `${base}-${n}`;
    used.add(id);
    heading.data = { ...heading.data, id };
  }
}

function readAttributes(heading: Heading): void {
  const last = heading.children.at(-1);
  if (last?.type !== 'text') return;
  const match = attributeBlock.exec(last.value);
  if (!match) return;
  const data: NonNullable<Heading['data']> = { ...heading.data };
  const classes: string[] = [];
  for (const token of (match[1] ?? '').trim().split(/\s+/).filter(Boolean)) {
    if (token === '-' || token === '.unnumbered') data.unnumbered = true;
    else if (token.startsWith('#')) data.id = token.slice(1);
    else if (token.startsWith('.')) classes.push(token.slice(1));
  }
  if (classes.length > 0) data.classes = classes;
  heading.data = data;
  trimText(heading, last, match.index);
}

function trimText(heading: Heading, text: Text, end: number): void {
  text.value = text.value.slice(0, end).replace(/[ \t]+$/, '');
  if (text.position?.end.offset !== undefined && text.position.start.offset !== undefined) {
    const length = text.value.length;
    text.position = { start: text.position.start, end: { ...text.position.start, column: text.position.start.column + length, offset: text.position.start.offset + length } };
  }
  if (text.value === '') heading.children.pop();
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

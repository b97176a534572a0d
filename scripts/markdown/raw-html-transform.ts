import type { Element, Root as HastRoot } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import { sanitize, type Schema } from 'hast-util-sanitize';
import { htmlVoidElements } from 'html-void-elements';
import type { Html, Root, RootContent } from 'mdast';
import type { Point } from 'unist';
import { SKIP, visit } from 'unist-util-visit';
import { visitParents } from 'unist-util-visit-parents';
import { location } from 'vfile-location';
import type { VFile } from 'vfile';
import { report } from '../diagnostics/report.js';
import { removedByAllowList } from './raw-html-removals.js';
import { paperHtmlSchema, slotTagName } from './raw-html-schema.js';
import type { SanitizedHtml, SanitizedInlineHtml } from './sanitized-html-node.js';
import { sourceFileOf } from '../source/source-file.js';

/** Parents whose children are blocks; in any other, raw HTML is inline. */
const flowParents = new Set(['root', 'blockquote', 'listItem', 'footnoteDefinition', 'containerDirective', 'defListDescription', 'fencedDiv']);

export interface RawHtmlOptions {
  /** What raw HTML may hold; the paper's allow-list by default. */
  schema?: Schema | undefined;
}

/**
 * Raw HTML in the manuscript (and in table cells, which are Markdown too) through the paper's
 * allow-list. Each run of raw HTML — an opening tag up to the tag that closes it, with the
 * Markdown between them — is parsed as HTML with the Markdown standing in as `<paper-slot>`
 * elements, checked, and sanitized (hast-util-sanitize, the engine of rehype-sanitize) into one
 * `sanitizedHtml` node. What the allow-list removes is a `raw-html-removed` warning at the tag.
 * Pure, and part of the resolve stage, so `paper check` reports the same warnings a build does.
 */
export function rawHtmlTransform(tree: Root, file: VFile, options: RawHtmlOptions = {}): void {
  const schema = options.schema ?? paperHtmlSchema;
  visitParents(tree, (node, ancestors) => {
    if (!('children' in node) || !node.children.some((child) => child.type === 'html')) return undefined;
    const where = sourceFileOf([...ancestors, node], file);
    const children: RootContent[] = [];
    const original = node.children as RootContent[];
    for (let index = 0; index < original.length; index++) {
      const child = original[index];
      if (!child) continue;
      if (child.type !== 'html') {
        children.push(child);
        continue;
      }
      const end = runEnd(original, index);
      const sanitized = sanitizeRun(original.slice(index, end + 1), where, schema);
      children.push((flowParents.has(node.type) ? { ...sanitized, type: 'sanitizedHtml' } : { ...sanitized, type: 'sanitizedInlineHtml' }) as SanitizedHtml | SanitizedInlineHtml);
      index = end;
    }
    (node as { children: RootContent[] }).children = children;
    return undefined;
  });
}

/** Index of the raw HTML that closes what the one at `start` opens (itself when it closes all). */
function runEnd(siblings: RootContent[], start: number): number {
  let depth = 0;
  let end = start;
  for (let index = start; index < siblings.length; index++) {
    const sibling = siblings[index];
    if (sibling?.type !== 'html') continue;
    depth += openedTags(sibling.value);
    end = index;
    if (depth <= 0) break;
  }
  return end;
}

/** Opening tags minus closing ones, roughly: this only decides how far a run goes, not what is safe. */
function openedTags(html: string): number {
  const text = html.replace(/<!--[\s\S]*?-->/g, '');
  let depth = 0;
  for (const match of text.matchAll(/<(\/?)([a-zA-Z][\w-]*)[^>]*?(\/?)>/g)) {
    const name = match[2]?.toLowerCase() ?? '';
    if (match[1]) depth--;
    else if (!match[3] && !htmlVoidElements.includes(name)) depth++;
  }
  return depth;
}

interface Segment {
  start: number;
  node: Html;
}

type SanitizedRun = Omit<SanitizedHtml, 'type' | 'children'> & { children: RootContent[] };

function sanitizeRun(run: RootContent[], file: VFile, schema: Schema): SanitizedRun {
  const segments: Segment[] = [];
  const slotted: RootContent[] = [];
  let html = '';
  for (const node of run) {
    if (node.type === 'html') {
      segments.push({ start: html.length, node });
      html += node.value;
    } else {
      html += `<${slotTagName} data-slot="${slotted.length}"></${slotTagName}>`;
      slotted.push(node);
    }
  }
  const parsed = fromHtml(html, { fragment: true });
  reportRemovals(parsed, file, schema, (offset) => sourcePoint(file, segments, offset));
  const first = run[0]?.position;
  const last = run.at(-1)?.position;
  return {
    children: slotted,
    data: { hast: sanitize(parsed, schema) as HastRoot },
    position: first && last ? { start: first.start, end: last.end } : undefined,
  };
}

function reportRemovals(tree: HastRoot, file: VFile, schema: Schema, pointAt: (offset: number | undefined) => Point | undefined): void {
  visit(tree, 'element', (element: Element) => {
    if (element.tagName === slotTagName) return undefined;
    const removed = removedByAllowList(element, schema);
    if (removed.length === 0) return undefined;
    const place = pointAt(element.position?.start.offset);
    const whole = removed[0] === `\`<${element.tagName}>\``;
    const stripped = whole && (schema.strip ?? []).includes(element.tagName);
    const reason = whole
      ? `Removed ${removed[0]}${stripped ? ' and its content' : ' (its content is kept)'} from the raw HTML: not in the paper's allow-list`
      : `Removed ${removed.join(', ')} from the raw HTML's \`<${element.tagName}>\`: not in the paper's allow-list`;
    report(file, 'raw-html-removed', reason, place);
    return stripped ? SKIP : undefined;
  });
}

/** Where an offset in the run's HTML was written: exact when the raw HTML is verbatim in the file. */
function sourcePoint(file: VFile, segments: Segment[], offset: number | undefined): Point | undefined {
  if (offset === undefined) return segments[0]?.node.position?.start;
  const segment = segments.findLast((candidate) => candidate.start <= offset) ?? segments[0];
  const position = segment?.node.position;
  if (!segment || !position) return undefined;
  const start = position.start.offset;
  const source = String(file.value);
  if (start === undefined || source.slice(start, start + segment.node.value.length) !== segment.node.value) return position.start;
  return location(file).toPoint(start + Math.min(offset - segment.start, segment.node.value.length)) ?? position.start;
}

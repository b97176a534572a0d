import type { Element, Root } from 'hast';
import { sanitize, type Schema } from 'hast-util-sanitize';
import { find, html } from 'property-information';
import { excerpt } from '../diagnostics/excerpt.js';

/**
 * What the allow-list would remove from one element written as raw HTML, each as a phrase for a
 * message: the element itself (`` `<script>` ``), or its attributes (`` `onclick` ``,
 * `` `href="javascript:…"` ``). The decision is hast-util-sanitize's own, made on a childless copy
 * of the element (inside the parent its schema requires), so it never drifts from what the
 * render stage removes.
 */
export function removedByAllowList(element: Element, schema: Schema): string[] {
  const copy: Element = { type: 'element', tagName: element.tagName, properties: { ...element.properties }, children: [] };
  const parent = schema.ancestors?.[element.tagName]?.[0];
  const tree: Root = { type: 'root', children: [parent ? { type: 'element', tagName: parent, properties: {}, children: [copy] } : copy] };
  const kept = findElement(sanitize(tree, schema) as Root, element.tagName);
  if (!kept) return [`\`<${element.tagName}>\``];
  const removed: string[] = [];
  for (const [name, value] of Object.entries(element.properties)) {
    if (value === undefined || value === null || value === false) continue;
    if (sameValue(kept.properties[name], value)) continue;
    const attribute = attributeName(name);
    // An allowed attribute that is dropped was dropped for its value: say which.
    const allowed = [...(schema.attributes?.[element.tagName] ?? []), ...(schema.attributes?.['*'] ?? [])].some((entry) => (Array.isArray(entry) ? entry[0] : entry) === name);
    removed.push(allowed ? `\`${attribute}="${excerpt(String(value))}"\`` : `\`${attribute}\``);
  }
  return removed;
}

function findElement(node: Root | Element, tagName: string): Element | undefined {
  for (const child of node.children) {
    if (child.type !== 'element') continue;
    if (child.tagName === tagName) return child;
    const found = findElement(child, tagName);
    if (found) return found;
  }
  return undefined;
}

function sameValue(kept: unknown, original: unknown): boolean {
  return JSON.stringify(kept) === JSON.stringify(original);
}

/** `onClick` → `onclick`, `className` → `class`: the attribute as the author wrote it. */
function attributeName(property: string): string {
  return find(html, property).attribute;
}

import type { Element } from 'hast';
import { h } from 'hastscript';

/**
 * A box that scrolls sideways on a narrow screen, so that a wide table or graph keeps its size
 * instead of being squashed. A box that scrolls must take keyboard focus (the arrow keys scroll
 * it), and a focusable region needs a name: the element `labelId` names, its caption or title.
 */
export function scrollRegion(content: Element, labelId: string): Element {
  return h('div', { className: ['scroll-region'], role: 'region', tabIndex: 0, ariaLabelledBy: [labelId] }, [content]);
}

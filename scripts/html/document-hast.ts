import type { Element, ElementContent } from 'hast';
import { h } from 'hastscript';
import type { Heading } from 'mdast';
import type { LeafDirective } from 'mdast-util-directive';
import type { State } from 'mdast-util-to-hast';
import type { MetaField, TitleBlock } from '../front-matter/front-matter-node.js';
import { affiliationsInline, type Author } from '../front-matter/authors.js';
import { placedDirectives } from '../markdown/placed-lists.js';

/** Where `::refs` and `::notes` stand; the render stage puts the lists there. */
export const placeholderClass = 'paper-placeholder';

/**
 * Headings, one level below the paper's title (`#` → `h2`), with their id and, when sections are
 * numbered, Pandoc's `<span class="header-section-number">`.
 */
export function headingToHast(state: State, node: Heading): Element {
  const level = Math.min(node.depth + 1, 6);
  const children: ElementContent[] = [];
  if (node.data?.sectionNumber) {
    children.push(h('span', { className: ['header-section-number'] }, node.data.sectionNumber), { type: 'text', value: ' ' });
  }
  children.push(...state.all(node));
  const element = h(`h${level}`, { id: node.data?.id, className: node.data?.classes, dataNumber: node.data?.sectionNumber }, children);
  state.patch(node, element);
  return element;
}

export function placeholderToHast(_state: State, node: LeafDirective): Element | undefined {
  if (!(placedDirectives as readonly string[]).includes(node.name)) return undefined;
  return h('div', { className: [placeholderClass], dataPlace: node.name });
}

/**
 * The title block, as Pandoc's HTML template sets it out (`#title-block-header`): the title and
 * its note, the subtitle, the authors, the date, the abstract. Each author's affiliation stands
 * under their name when nobody has two and no two share one (as Pandoc shows `affiliation`);
 * otherwise the names carry numbered marks and the affiliations are one numbered list, as JOSS
 * and Quarto papers print them. An ORCID iD links to its record; the corresponding author (when
 * there are several) is marked, with their e-mail.
 */
export function titleBlockHast(state: State, node: TitleBlock): Element | undefined {
  const field = (name: MetaField['name']) => node.children.find((child) => child.name === name);
  const title = field('title');
  const subtitle = field('subtitle');
  const thanks = field('thanks');
  const abstract = field('abstract');
  const children: ElementContent[] = [];
  const titleChildren = title ? state.all(title) : [];
  if (thanks) titleChildren.push(h('a', { href: '#thanks', className: ['thanks-ref'], ariaLabel: 'Note on the title' }, '*'));
  // No title written: the file name is the page's <title>, and no heading is made up (as in Pandoc).
  if (title) children.push(h('h1', { className: ['title'] }, titleChildren));
  if (subtitle) children.push(h('p', { className: ['subtitle'] }, state.all(subtitle)));
  children.push(...authorsHast(node));
  if (node.date) children.push(h('p', { className: ['date'] }, node.date));
  if (abstract) {
    const abstractTitle = node.abstractTitle ?? 'Abstract';
    const paragraphs = state.all(abstract);
    const label = h('span', { className: ['abstract-title'] }, abstractTitle);
    const first = paragraphs.find((child): child is Element => child.type === 'element' && child.tagName === 'p');
    if (first) first.children.unshift(label, { type: 'text', value: ' ' });
    else paragraphs.unshift(label);
    children.push(h('section', { className: ['abstract'], ariaLabel: abstractTitle }, paragraphs));
  }
  if (thanks) children.push(h('p', { id: 'thanks', className: ['thanks'] }, [h('span', { className: ['thanks-mark'] }, '*'), ' ', ...state.all(thanks)]));
  return children.length === 0 ? undefined : h('header', { id: 'title-block-header' }, children);
}

/**
 * Whether the title block shows more than the stylesheet every paper has styles (a subtitle, a
 * date, ORCID links, affiliation marks, a corresponding author): then `title-block.css` is added,
 * so a paper with none of them keeps exactly the stylesheet it had.
 */
export function titleBlockNeedsStylesheet(node: TitleBlock): boolean {
  const several = node.authors.length > 1;
  return (
    node.children.some((child) => child.name === 'subtitle') ||
    node.date !== undefined ||
    !affiliationsInline(node) ||
    node.authors.some((author) => author.orcid !== undefined || (several && author.corresponding === true))
  );
}

function authorsHast(node: TitleBlock): Element[] {
  const several = node.authors.length > 1;
  const corresponding = (author: Author) => several && author.corresponding === true;
  if (affiliationsInline(node)) {
    return node.authors.map((author) => {
      const name: ElementContent[] = [{ type: 'text', value: author.name }];
      if (corresponding(author)) name.push(correspondingMark());
      if (author.orcid) name.push(orcidLink(author));
      const lines: ElementContent[] = [h('span', { className: ['author-name'] }, name)];
      const affiliation = author.affiliations[0] === undefined ? undefined : node.affiliations[author.affiliations[0] - 1];
      if (affiliation) lines.push(h('span', { className: ['affiliation'] }, affiliation));
      if (author.email) lines.push(h('span', { className: ['email'] }, [h('a', { href: `mailto:${author.email}` }, author.email)]));
      return h('p', { className: ['author'] }, lines);
    });
  }
  const names: ElementContent[] = [];
  node.authors.forEach((author, index) => {
    if (index > 0) names.push({ type: 'text', value: ', ' });
    const name: ElementContent[] = [h('span', { className: ['author-name'] }, author.name)];
    if (author.affiliations.length > 0) {
      name.push(h('sup', { className: ['affiliation-marks'] }, author.affiliations.join(',')));
    }
    if (corresponding(author)) name.push(correspondingMark());
    if (author.orcid) name.push(orcidLink(author));
    names.push(h('span', { className: ['author-entry'] }, name));
  });
  const elements = [h('p', { className: ['authors'] }, names)];
  if (node.affiliations.length > 0) {
    elements.push(h('ol', { className: ['affiliations'] }, node.affiliations.map((affiliation) => h('li', affiliation))));
  }
  const contacts = node.authors.filter((author) => author.email && (corresponding(author) || !node.authors.some(corresponding)));
  for (const author of contacts) {
    const mark = corresponding(author) ? [h('span', { className: ['corresponding-mark'], ariaHidden: 'true' }, '*'), ' Corresponding author: '] : [];
    elements.push(h('p', { className: ['contact'] }, [...mark, `${author.name}, `, h('a', { href: `mailto:${author.email}` }, author.email!)]));
  }
  return elements;
}

function correspondingMark(): Element {
  return h('sup', { className: ['corresponding-mark'], title: 'Corresponding author' }, '*');
}

/** ORCID's own words and link form: "ORCID iD" linking to `https://orcid.org/…`. */
function orcidLink(author: Author): Element {
  return h('a', { className: ['orcid'], href: `https://orcid.org/${author.orcid}`, ariaLabel: `ORCID iD of ${author.name}: ${author.orcid}` }, 'iD');
}

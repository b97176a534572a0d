import type { BlockContent, DefinitionContent, Parent, PhrasingContent } from 'mdast';
import type { Position } from 'unist';

/**
 * Pandoc's DefinitionList (`definition_lists`): its items in order, each a term and the term's
 * definitions. Rendered as `<dl>` (`definition-list-hast.ts`).
 */
export interface DefList extends Parent {
  type: 'defList';
  children: Array<DefListTerm | DefListDescription>;
  position?: Position | undefined;
}

/** A term: the one line of text before its definitions, as `<dt>`. */
export interface DefListTerm extends Parent {
  type: 'defListTerm';
  children: PhrasingContent[];
  position?: Position | undefined;
}

/**
 * One definition of a term, as `<dd>`. A loose one (`spread`: a blank line before its marker, or
 * blocks after a blank line in it) keeps its paragraphs; in a tight one the last block, when a
 * paragraph, is Pandoc's Plain: its text without `<p>`.
 */
export interface DefListDescription extends Parent {
  type: 'defListDescription';
  spread: boolean;
  children: Array<BlockContent | DefinitionContent>;
  position?: Position | undefined;
}

declare module 'mdast' {
  interface RootContentMap {
    defList: DefList;
    defListTerm: DefListTerm;
    defListDescription: DefListDescription;
  }
  interface BlockContentMap {
    defList: DefList;
  }
}

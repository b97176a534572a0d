import type { BlockContent, PhrasingContent } from 'mdast';
import type { Parent } from 'unist';
import type { Author } from './authors.js';

/** The title block: what the front matter says that readers see, as parsed Markdown. */
export interface TitleBlock extends Parent {
  type: 'titleBlock';
  children: MetaField[];
  /** The authors, each with the numbers of their affiliations. */
  authors: Author[];
  affiliations: string[];
  /** The date as shown (`date:` in `date-format:`). */
  date?: string | undefined;
  /** The abstract's label: `abstract-title:`, else "Abstract". */
  abstractTitle?: string | undefined;
}

export interface MetaField extends Parent {
  type: 'metaField';
  name: 'title' | 'subtitle' | 'thanks' | 'abstract';
  children: Array<PhrasingContent | BlockContent>;
}

declare module 'mdast' {
  interface RootContentMap {
    titleBlock: TitleBlock;
    metaField: MetaField;
  }
}

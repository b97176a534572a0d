import type { BlockContent, PhrasingContent } from 'mdast';
import type { Parent } from 'unist';

/** The title block: what the front matter says that readers see, as parsed Markdown. */
export interface TitleBlock extends Parent {
  type: 'titleBlock';
  children: MetaField[];
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

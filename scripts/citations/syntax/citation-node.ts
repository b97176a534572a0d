import type { PhrasingContent } from 'mdast';
import type { Data, Node, Position } from 'unist';

/**
 * Pandoc's three citation modes: `[@key]`, `[-@key]` (author suppressed) and narrative `@key`.
 * Only a bracket suppresses the author: a bare `-@key` is `-` and a narrative citation, as in Pandoc 2.17.
 */
export type CitationMode = 'normal' | 'suppress-author' | 'author-in-text';

/** A locator parsed from a suffix: `[@key, pp. 33-35]` gives `{label: 'page', value: '33-35'}`. */
export interface Locator {
  /** A CSL locator type: `page`, `chapter`, `section`, `volume`, `note`, `figure`, … */
  label: string;
  value: string;
}

/** One key inside a citation, with what Pandoc calls its prefix, suffix and mode. */
export interface CitationItem {
  key: string;
  mode: CitationMode;
  /** Inline content before the key, trimmed as Pandoc trims it (`see` in `[see @a]`). */
  prefix: PhrasingContent[];
  /** Inline content after the key, trimmed (`, pp. 33-35` in `[@a, pp. 33-35]`). */
  suffix: PhrasingContent[];
  /** The locator at the start of the suffix, when there is one. */
  locator?: Locator | undefined;
  /** The suffix text that follows the locator (`, emphasis added`), or the whole suffix when there is no locator. */
  suffixRest?: string | undefined;
  /** Where `@key` (with its `-`, and braces if any) stands in the source. */
  position: Position;
}

/**
 * A citation: everything Pandoc turns into one `Cite` inline. `[see @a, 33; @b]` is one citation with
 * two items; narrative `@a [p. 4]` is one citation whose item has mode `author-in-text`.
 */
export interface Citation extends Node {
  type: 'citation';
  /** True for the `[...]` form, false for narrative `@key` (with or without a bracket after it). */
  bracketed: boolean;
  items: CitationItem[];
  /** The source text of the whole citation, as Pandoc keeps it. */
  value: string;
  position?: Position | undefined;
  data?: CitationData | undefined;
}

export interface CitationData extends Data {
  /** Set by the resolver when the citation is a cross-reference (`@tbl-x`, `[-@sec-y]`) rather than a work. */
  crossref?: boolean;
}

declare module 'mdast' {
  interface PhrasingContentMap {
    citation: Citation;
  }
  interface RootContentMap {
    citation: Citation;
  }
}

/**
 * Token types of the citation syntax, declared on micromark's `TokenTypeMap` so that `enter` and
 * `exit` (and the mdast compiler in `mdast-citation.ts`) accept them.
 *
 * Token tree: `citation` > (`citationKey` | `citationBracket`); `citationBracket` > `citationMarker`,
 * `citationPrefix`, `citationKey`, `citationSuffix`, `citationSeparator`, whitespace;
 * `citationKey` > `citationKeySuppress`? `citationKeyMarker` `citationKeyBrace`? `citationKeyValue`?.
 */
import type {} from 'micromark-util-types';

declare module 'micromark-util-types' {
  interface TokenTypeMap {
    citation: 'citation';
    citationBracket: 'citationBracket';
    citationMarker: 'citationMarker';
    citationSeparator: 'citationSeparator';
    citationWhitespace: 'citationWhitespace';
    citationPrefix: 'citationPrefix';
    citationSuffix: 'citationSuffix';
    citationSuffixSpace: 'citationSuffixSpace';
    citationKey: 'citationKey';
    citationKeySuppress: 'citationKeySuppress';
    citationKeyMarker: 'citationKeyMarker';
    citationKeyBrace: 'citationKeyBrace';
    citationKeyValue: 'citationKeyValue';
  }
}

/**
 * What the citation scans remember per document (per tokenize context), so that hostile input
 * stays linear: scan states known to fail, unbalanced groups, unclosed emphases, unclosable code
 * spans, the `$` of math spans, and where the last measured construct ended.
 */
import type { Point, TokenizeContext } from 'micromark-util-types';

/**
 * States of a bracket scan that are remembered when the scan fails: whoever reaches the same
 * state at the same offset fails too. A literal `[` in a prefix of a normal bracket is the same
 * state as a bracket starting there, so 100,000 `[` are scanned once.
 */
export const frameNormal = 0;
export const frameBareloc = 1;
export const prefixBareloc = 2;
export const suffixStartNormal = 3;
export const suffixStartBareloc = 4;
export const suffixMidNormal = 5;
export const suffixMidBareloc = 6;

export interface Memo {
  /** `offset * 8 + kind` of scan states known to end in failure. */
  readonly failed: Set<number>;
  /** Offsets of `[` or `(` that open no balanced group. */
  readonly unbalanced: Set<number>;
  /** Ids of emphases (see `micromark-citation-emphasis.ts`) that read to the end of the paragraph. */
  readonly unclosed: Set<number>;
  /** Offsets of `$` inside or closing a TeX math span (with no `@`): no math opens there. */
  readonly inMath: Set<number>;
  /** Per backtick-run size, the offset after which no run of that size closes a code span. */
  readonly noCloser: Map<number, number>;
  /** Where the last measured construct ended. */
  end?: Point | undefined;
}

const memos = new WeakMap<TokenizeContext, Memo>();

export function memoFor(context: TokenizeContext): Memo {
  let memo = memos.get(context);
  if (!memo) {
    memo = { failed: new Set(), unbalanced: new Set(), unclosed: new Set(), inMath: new Set(), noCloser: new Map() };
    memos.set(context, memo);
  }
  return memo;
}

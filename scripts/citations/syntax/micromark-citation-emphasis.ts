/**
 * Emphasis inside a citation bracket, read as Pandoc reads it (`enclosure`, `one`, `two` and
 * `three` in `Text.Pandoc.Readers.Markdown`). Pandoc parses emphasis while it parses a prefix or
 * suffix, so what an emphasis holds is one inline: `[@a, *x; y*]` has the suffix `, *x; y*`, and
 * `[*see @a*]` is no bracketed citation (its key is inside the emphasis). An emphasis that never
 * closes reads to the end of the paragraph, so its bracket never closes: `[@a, 2*3]` cites nothing.
 *
 * Frames are the open emphases, innermost last. The scanner reads a run of `*` or `_` whole and
 * hands it to `emphasisRun` with the character after it.
 */
import { markdownSpace } from 'micromark-util-character';
import { codes } from 'micromark-util-symbol';
import type { Code, Effects, State, TokenizeContext } from 'micromark-util-types';
import { isAlphaNumeric } from './micromark-citation-characters.js';
import { memoFor } from './micromark-citation-memo.js';
import type { WordTracker } from './micromark-citation-word.js';

/** Pandoc's parsers for `*a*`, `**a**` and `***a***` (or the `_` ones). */
export type FrameKind = 'one' | 'two' | 'three';

export interface Frame {
  marker: number;
  kind: FrameKind;
  /** Where the frame opened, with its kind and marker: the same frame in any scan. */
  readonly id: number;
}

export interface RunResult {
  /** Whether the run ends a word (an emphasis closed), as `afterStr` of the scan. */
  afterStr: boolean;
  /** Ids of the frames the run opened. */
  opened: number[];
}

/** What a run changes in a bracket scan. */
export interface EmphasisScan {
  afterStr: boolean;
  readonly frames: Frame[];
  readonly fail: State;
}

const kinds: FrameKind[] = ['one', 'two', 'three'];

/**
 * States that read a run of `*` or `_` (into the open chunk) and apply it to `scan.frames` once
 * the character after it is known, then `ok`. An emphasis that an earlier scan saw read to the end
 * of the paragraph fails this scan at once.
 */
export function factoryEmphasisRun(context: TokenizeContext, effects: Effects, scan: EmphasisScan, word: WordTracker, ok: State): State {
  const start = context.now().offset;
  let marker: Code = null;
  let size = 0;
  return run;

  function run(code: Code): State | undefined {
    if (marker === null || code === marker) {
      marker = code;
      size++;
      effects.consume(code);
      return run;
    }
    if (word.joinsLabel(marker, size, code)) return ok(code);
    const result = emphasisRun(scan.frames, marker, start, size, code, scan.afterStr);
    scan.afterStr = result.afterStr;
    if (result.opened.some((id) => memoFor(context).unclosed.has(id))) return scan.fail(code);
    return ok(code);
  }
}

/**
 * Apply a run of `size` `marker` characters starting at `offset` to `frames`. `after` is the
 * character after the run; `afterStr` tells whether the run follows a word (a `_` there opens
 * nothing, Pandoc's `intraword_underscores`).
 */
export function emphasisRun(frames: Frame[], marker: number, offset: number, size: number, after: Code, afterStr: boolean): RunResult {
  const star = marker === codes.asterisk;
  const wordAfter = after !== null && after >= 0 && after < 0xd800 && isAlphaNumeric(after);
  // Pandoc's `ender c n` with `left` markers left: `n` markers, and for `_` no letter after them.
  const ender = (left: number, n: number): boolean => left >= n && (star || left > n || !wordAfter);
  const opened: number[] = [];
  let left = size;
  while (left > 0) {
    const top = frames.at(-1);
    const used = top?.marker === marker ? close(top, left) : 0;
    if (used) {
      left -= used;
      continue;
    }
    // Pandoc's `enclosure`: a `_` after a word is a plain character; a run before a blank, or of
    // more than three, is text; else the run opens emphasis.
    if (!star && afterStr) {
      afterStr = false;
      left -= 1;
      continue;
    }
    if (!markdownSpace(after) && left < 4) open(kinds[left - 1] as FrameKind, offset + size - left);
    afterStr = false;
    left = 0;
  }
  return { afterStr, opened };

  function open(kind: FrameKind, at: number): void {
    const id = (at * 3 + kinds.indexOf(kind)) * 2 + (star ? 0 : 1);
    frames.push({ marker, kind, id });
    opened.push(id);
  }

  // The run at an open frame of its marker: how many markers close (or reshape) it, 0 for none.
  function close(top: Frame, left: number): number {
    if (top.kind === 'one') {
      if (!ender(left, 1)) return 0;
      // `one` reads `cc` as the start of a nested `two` unless a closer follows.
      if (left >= 2 && !ender(left - 2, 1)) {
        open('two', offset + size - left);
        afterStr = false;
        return 2;
      }
      frames.pop();
      afterStr = true;
      return 1;
    }
    if (top.kind === 'two') {
      if (!ender(left, 2)) return 0;
      frames.pop();
      afterStr = true;
      return 2;
    }
    if (!ender(left, 1)) return 0;
    afterStr = true;
    if (ender(left, 3)) {
      frames.pop();
      return 3;
    }
    if (ender(left, 2)) {
      top.kind = 'one';
      return 2;
    }
    top.kind = 'two';
    return 1;
  }
}

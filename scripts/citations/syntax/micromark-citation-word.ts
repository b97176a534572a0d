/**
 * Pandoc's `notAfterString`: `@` right after a word starts no citation, so `name@example.org`
 * stays an e-mail address. Pandoc marks the end of a word where its `str` parser stops (letters,
 * digits and single dots) and after an emphasis closer (`*a*@b` cites nothing). An escape, a
 * citation or an example reference marks none: in `x@a@b` Pandoc reads the failed `@a` whole as
 * an example reference, so `@b` is cited.
 *
 * Outside brackets, `endsWord` looks back over micromark's events; inside a bracket, the scan
 * feeds a `WordTracker` as it reads.
 */
import { codes } from 'micromark-util-symbol';
import type { Code, TokenizeContext } from 'micromark-util-types';
import { isAlphaNumeric } from './micromark-citation-characters.js';

/** How far back (in events) an example reference or an emphasis opener is looked for. */
const maxLookBack = 256;
const exampleLabel = /^(?:[_-]?[\p{L}\p{N}])+$/u;

/** True when the character before the current one ends a word, in Pandoc's sense. */
export function endsWord(context: TokenizeContext): boolean {
  const code = context.previous;
  if (code === null || code < 0) return false;
  const last = context.events.at(-1);
  if (!last) return code === codes.dot || isAlphaNumeric(code);
  const token = last[1];
  if (code === codes.asterisk || code === codes.underscore) return last[0] === 'exit' && token.type === 'attentionSequence' && closesEmphasis(context);
  if (last[0] === 'exit' && (token.type === 'characterEscape' || token.type === 'citation')) return false;
  if (code === codes.dot) return true;
  let point = code;
  if (code >= 0xdc00 && code <= 0xdfff) {
    const text = last[0] === 'exit' ? context.sliceSerialize(token) : '';
    point = text.codePointAt(text.length - 2) ?? 0;
    if (point < 0x10000) return true;
  }
  return isAlphaNumeric(point) && !afterExampleReference(context);
}

/**
 * Pandoc's `exampleRef` reads `@` and a label (letters and digits, `_` or `-` between them) where
 * no citation starts, and marks no word: true when the text just before is such a reference.
 */
function afterExampleReference(context: TokenizeContext): boolean {
  const events = context.events;
  let text = '';
  for (let index = events.length - 1; index >= 0 && index >= events.length - maxLookBack; index--) {
    const [kind, token] = events[index] ?? [];
    if (!token || (token.type !== 'data' && token.type !== 'attentionSequence')) return false;
    if (kind === 'enter') continue;
    text = context.sliceSerialize(token) + text;
    const at = text.lastIndexOf('@');
    if (at !== -1) return exampleLabel.test(text.slice(at + 1));
  }
  return false;
}

interface Run {
  marker: number;
  size: number;
  open: boolean;
  close: boolean;
  inside: boolean;
}

/**
 * Whether the `*` or `_` run just before closes emphasis, matched as micromark will match it
 * (`resolveAllAttention`): the closer looks back for an opener of the same marker, with the rule
 * of three. Only the runs of the last `maxLookBack` events are seen.
 */
function closesEmphasis(context: TokenizeContext): boolean {
  const events = context.events;
  const runs: Run[] = [];
  for (let index = events.length - 1; index >= 0 && index >= events.length - maxLookBack; index--) {
    const [kind, token] = events[index] ?? [];
    if (kind !== 'exit' || token?.type !== 'attentionSequence') continue;
    const marker = context.sliceSerialize(token).charCodeAt(0);
    const size = token.end.offset - token.start.offset;
    runs.unshift({ marker, size, open: Boolean(token._open), close: Boolean(token._close), inside: false });
  }
  const last = runs.length - 1;
  for (let index = 0; index <= last; index++) {
    const closer = runs[index];
    if (!closer?.close || closer.inside) continue;
    for (let open = index - 1; open >= 0 && closer.size > 0; open--) {
      const opener = runs[open];
      if (!opener || opener.inside || !opener.open || opener.size === 0 || opener.marker !== closer.marker) continue;
      if ((opener.close || closer.open) && closer.size % 3 !== 0 && (opener.size + closer.size) % 3 === 0) continue;
      const use = opener.size > 1 && closer.size > 1 ? 2 : 1;
      opener.size -= use;
      closer.size -= use;
      for (let between = open + 1; between < index; between++) (runs[between] as Run).inside = true;
      if (index === last) return true;
      open = index;
    }
  }
  return false;
}

/** Where a bracket scan keeps its `afterStr`. */
export interface WordScan {
  afterStr: boolean;
}

export interface WordTracker {
  /** A character read as plain text. */
  character(code: Code): void;
  /** Something that ends no word and no example reference: a blank, an escape, an atomic inline. */
  boundary(): void;
  /** Whether a run of `size` `marker` characters before `after` is part of an example reference (`@a_b`). */
  joinsLabel(marker: Code, size: number, after: Code): boolean;
}

/** Tracks `scan.afterStr` character by character, example references included. */
export function createWordTracker(scan: WordScan): WordTracker {
  // In an example reference: after `@` or a letter (`label`), or after `_` or `-` (`joiner`).
  let label: 'none' | 'label' | 'joiner' = 'none';
  let high: number | undefined;
  return { character, boundary, joinsLabel };

  function character(code: Code): void {
    if (label !== 'none') label = isWordCharacter(code) ? 'label' : code === codes.dash && label === 'label' ? 'joiner' : 'none';
    if (label === 'none' && code === codes.atSign) label = 'label';
    if (label !== 'none') {
      scan.afterStr = false;
    } else if (code !== null && code >= 0xd800 && code <= 0xdbff) {
      high = code;
      scan.afterStr = false;
      return;
    } else if (code !== null && code >= 0xdc00 && code <= 0xdfff && high !== undefined) {
      scan.afterStr = isAlphaNumeric((high - 0xd800) * 0x400 + code - 0xdc00 + 0x10000);
    } else {
      scan.afterStr = code === codes.dot || (code !== null && code >= 0 && isAlphaNumeric(code));
    }
    high = undefined;
  }

  function boundary(): void {
    label = 'none';
    scan.afterStr = false;
  }

  function joinsLabel(marker: Code, size: number, after: Code): boolean {
    const joins = label === 'label' && marker === codes.underscore && size === 1 && isWordCharacter(after);
    label = joins ? 'joiner' : 'none';
    return joins;
  }
}

/** A letter or digit, or half of an astral character (read as one of them). */
function isWordCharacter(code: Code): boolean {
  return code !== null && code >= 0 && (code >= 0xd800 ? code <= 0xdfff : isAlphaNumeric(code));
}

import { isUtf8 } from 'node:buffer';
import fc from 'fast-check';
import type { Node, Parent } from 'unist';
import { VFile } from 'vfile';
import { describe, expect, it } from 'vitest';
import { readProjectConfig } from '../../scripts/pipeline/check.js';
import { isRuleId } from '../../scripts/diagnostics/rules.js';
import { findDeepNesting } from '../../scripts/markdown/markdown-nesting.js';
import { decodeText } from '../../scripts/source/decode-text.js';
import { createMarkdownParser } from '../../scripts/pipeline/parse.js';
import { readPeriodTable } from '../../scripts/tables/read-period-table.js';

/**
 * Property tests of the input boundaries that never-crash.test.ts does not reach: the bytes of a
 * source file, a spreadsheet's CSV, the project configuration, and the nesting guard that runs
 * before the Markdown parser.
 */

function wellFormed(file: VFile): void {
  for (const message of file.messages) {
    expect(isRuleId(message.ruleId ?? ''), message.reason).toBe(true);
    expect(message.line ?? 1).toBeGreaterThanOrEqual(1);
  }
}

describe('source bytes', () => {
  // Mostly ASCII and UTF-8 pieces, with stray high bytes, NULs and byte order marks between them.
  const piece = fc.oneof(
    fc.constantFrom(...['a', '\n', '\r\n', 'é', 'Ж', '€', '😀', '\uFFFD', '\uFEFF'].map((text) => [...Buffer.from(text)])),
    fc.constantFrom([0x00], [0xe9], [0xff], [0xc3], [0xe2, 0x82], [0xf0, 0x9f], [0xed, 0xa0, 0x80]),
  );
  const bytes = fc.array(piece, { maxLength: 60 }).map((pieces) => Buffer.from(pieces.flat()));

  it('finds exactly the first NUL, else the first byte that is not UTF-8', () => {
    fc.assert(
      fc.property(bytes, (input) => {
        const { text, problem } = decodeText(input);
        const bom = input.subarray(0, 3).equals(Buffer.from([0xef, 0xbb, 0xbf])) ? 3 : 0;
        if (!problem) {
          expect(isUtf8(input) && !input.includes(0)).toBe(true);
          expect(Buffer.from(text).equals(input.subarray(bom))).toBe(true);
          return;
        }
        if (problem.kind === 'nul') expect(problem.byte).toBe(input.indexOf(0));
        else {
          expect(input.includes(0)).toBe(false);
          expect(isUtf8(input.subarray(0, problem.byte))).toBe(true);
          // No valid character starts at the bad byte: the longest prefix from there is not UTF-8.
          expect([1, 2, 3, 4].some((length) => problem.byte + length <= input.length && isUtf8(input.subarray(problem.byte, problem.byte + length)))).toBe(false);
        }
        expect(problem.value).toBe(input[problem.byte]);
        expect(text.slice(0, problem.index)).toBe(input.subarray(bom, problem.byte).toString('utf8'));
      }),
      { numRuns: 1000 },
    );
  });
});

describe('table data from a spreadsheet and the project configuration', () => {
  const csvChars = fc.constantFrom(...'ab,"\n\r {}.=-0123456789'.split(''));
  const csv = fc
    .array(fc.oneof(csvChars, fc.constantFrom('caption,', 'category,kind,1991,1992\n', 'tone,,difficult,\n', 'events,', 'trend,', 'counts,', 'up', '{until=1992}', '{.negative}', '3(1)', '""')), { maxLength: 80 })
    .map((parts) => parts.join(''));

  it('random CSV gives messages, never an exception', () => {
    fc.assert(
      fc.property(csv, (text) => {
        const file = new VFile({ path: 't.csv', value: text });
        readPeriodTable(file);
        wellFormed(file);
      }),
      { numRuns: 500 },
    );
  });

  const yamlChars = fc.constantFrom(...'ab -:[]{},"\'\n #&*!|>0123456789'.split(''));
  const config = fc
    .array(fc.oneof(yamlChars, fc.constantFrom('rules:\n  ', 'bib-unused-entry: ', 'off', 'error', 'warning', '&a ', '*a', 'citation-unknown-key: ')), { maxLength: 60 })
    .map((parts) => parts.join(''));

  it('random paper.config.yaml gives messages, never an exception', () => {
    fc.assert(
      fc.property(config, (text) => {
        const file = new VFile({ path: 'paper.config.yaml', value: text });
        readProjectConfig(file);
        wellFormed(file);
      }),
      { numRuns: 500 },
    );
  });
});

describe('the nesting guard', () => {
  const parser = createMarkdownParser();

  /** The deepest chain of block quotes and list items in the parsed tree. */
  function parsedDepth(node: Node, depth = 0): number {
    const own = node.type === 'blockquote' || node.type === 'listItem' ? depth + 1 : depth;
    const children = (node as Partial<Parent>).children ?? [];
    return children.reduce((deepest, child) => Math.max(deepest, parsedDepth(child, own)), own);
  }

  const line = fc
    .array(fc.constantFrom('> ', '>', '- ', '* ', '1. ', '2) ', ' ', '  ', '   ', '    ', '\t', 'x', 'x ', '-', '```', '---'), { maxLength: 12 })
    .map((parts) => parts.join(''));
  const document = fc.array(line, { maxLength: 25 }).map((lines) => lines.join('\n'));

  it('never counts fewer levels than the parser builds', () => {
    fc.assert(
      fc.property(document, (text) => {
        const depth = parsedDepth(parser.parse(text));
        if (depth > 0) expect(findDeepNesting(text, depth - 1), `depth ${depth}`).toBeDefined();
      }),
      { numRuns: 2000 },
    );
  });
});

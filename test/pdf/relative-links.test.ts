import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fromRoot } from '../helpers/paths.js';
import { linkUris, uncompressedText } from '../helpers/pdf-reader.js';
import { runMain } from '../helpers/run-cli.js';

/**
 * A relative link in the paper (to a data file beside it, to another page) stays relative in the
 * PDF, as it is in the HTML: the PDF does not depend on where it was printed (a staging folder
 * with a random name, the user's home), and holds no path of the machine.
 */

const folder = mkdtempSync(join(tmpdir(), 'paper-links-'));
const epoch = { SOURCE_DATE_EPOCH: '1296691200' };
let first: Buffer;
let second: Buffer;

beforeAll(async () => {
  cpSync(fromRoot('test/fixtures/papers/mini'), folder, { recursive: true });
  const manuscript = join(folder, 'manuscript/paper.md');
  const links = 'See [the data](data/file.csv), [other](../other.html), [its results](../other.html#results) and [the notes](<notes (draft).txt>).';
  writeFileSync(manuscript, readFileSync(manuscript, 'utf8').replace('Nothing here but a note.', `Nothing here but a note. ${links}`));
  const one = await runMain(['build', '.', '--quiet'], folder, epoch);
  expect(one.status, one.stderr).toBe(0);
  first = readFileSync(join(folder, 'build/paper.pdf'));
  const two = await runMain(['build', '.', '--quiet', '--force'], folder, epoch);
  expect(two.status, two.stderr).toBe(0);
  second = readFileSync(join(folder, 'build/paper.pdf'));
}, 180_000);

afterAll(() => rmSync(folder, { recursive: true, force: true }));

describe('relative links in the PDF', () => {
  it('are the same bytes when built twice', () => {
    expect(second.equals(first)).toBe(true);
  });

  it('are the relative references the paper wrote', async () => {
    expect(await linkUris(second)).toEqual(['mailto:ann@example.org', 'data/file.csv', '../other.html', '../other.html#results', 'notes%20(draft).txt']);
  });

  it('name no path of the machine anywhere in the PDF', async () => {
    // Every object written out uncompressed, the page contents too.
    const text = await uncompressedText(join(folder, 'build/paper.pdf'));
    expect(text).not.toContain(folder);
    expect(text).not.toContain('.staging-');
    expect(text).not.toContain('file:');
  });
});

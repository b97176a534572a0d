import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PDFArray, PDFDict, PDFDocument, PDFHexString, PDFName, PDFString } from 'pdf-lib';
import { afterAll, describe, expect, it } from 'vitest';
import { fromRoot } from '../helpers/paths.js';
import { runMain } from '../helpers/run-cli.js';

const scratch = mkdtempSync(join(tmpdir(), 'paper-dests-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** The ids of the tagged PDF's structure elements: those its /IDTree defines, and those elements carry. */
async function structureIds(path: string): Promise<{ defined: string[]; carried: string[] }> {
  const document = await PDFDocument.load(readFileSync(path));
  const text = (value: unknown) => (value instanceof PDFString || value instanceof PDFHexString ? value.decodeText() : undefined);
  const tree = document.catalog.lookup(PDFName.of('StructTreeRoot'), PDFDict).lookup(PDFName.of('IDTree'), PDFDict);
  const defined: string[] = [];
  const collect = (node: PDFDict) => {
    const names = node.lookupMaybe(PDFName.of('Names'), PDFArray);
    if (names) for (let index = 0; index < names.size(); index += 2) defined.push(text(names.get(index)) ?? '');
    const kids = node.lookupMaybe(PDFName.of('Kids'), PDFArray);
    if (kids) for (let index = 0; index < kids.size(); index++) collect(kids.lookup(index, PDFDict));
  };
  collect(tree);
  const carried: string[] = [];
  for (const [, object] of document.context.enumerateIndirectObjects()) {
    const id = object instanceof PDFDict ? text(object.get(PDFName.of('ID'))) : undefined;
    if (id) carried.push(id);
  }
  return { defined, carried };
}

describe('structure element ids in the PDF', () => {
  it('are named by rank, so prints from different folders are the same bytes, and every id is still defined', async () => {
    const folder = join(scratch, 'paper');
    cpSync(fromRoot('test/fixtures/papers/mini'), folder, { recursive: true });
    const env = { SOURCE_DATE_EPOCH: '1296691200' };
    expect((await runMain(['build', '.', '--quiet'], folder, env)).status).toBe(0);
    expect((await runMain(['build', '.', '--quiet', '--out', join(scratch, 'elsewhere')], folder, env)).status).toBe(0);
    const here = readFileSync(join(folder, 'build', 'paper.pdf'));
    expect(readFileSync(join(scratch, 'elsewhere', 'paper.pdf')).equals(here)).toBe(true);
    const { defined, carried } = await structureIds(join(folder, 'build', 'paper.pdf'));
    // Chromium gives ids to the header cells of tables, which data cells name as their headers.
    expect(defined.length).toBeGreaterThan(3);
    expect(defined).toEqual(defined.map((_, index) => `node${String(index + 1).padStart(8, '0')}`));
    expect([...carried].sort()).toEqual(defined);
  });
});

import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fromRoot } from './paths.js';

/**
 * The real manuscripts of other authors in ../shared/corpus, used as acceptance tests and never
 * copied into this repository. Tests that read them run when the folder is there and say in one
 * line that they were skipped when it is not.
 */
export const corpusRoot = fromRoot('../shared/corpus');
export const corpusPresent = existsSync(corpusRoot);

/** Say once, for a test file, that its corpus tests were skipped. */
export function sayIfSkipped(what: string): void {
  if (!corpusPresent) console.log(`${what}: skipped, ${corpusRoot} is not there`);
}

/** A change to a corpus paper: in `file`, `from` (which must be there) becomes `to`. */
export type CorpusFix = { file: string; from: string; to: string } | { copy: string; to: string };

/**
 * A copy of corpus paper `name` in a new temporary folder, with `fixes` applied: the author's own
 * errors corrected, so what remains to test is the pipeline. A fix that no longer matches fails,
 * so a changed corpus cannot silently test something else.
 */
export function corpusCopy(name: string, fixes: CorpusFix[] = []): string {
  const folder = join(mkdtempSync(join(tmpdir(), `paper-corpus-${name}-`)), name);
  copies.push(dirname(folder));
  cpSync(join(corpusRoot, name), folder, { recursive: true });
  for (const fix of fixes) {
    if ('copy' in fix) {
      cpSync(join(corpusRoot, fix.copy), join(folder, fix.to));
      continue;
    }
    const path = join(folder, fix.file);
    const text = readFileSync(path, 'utf8');
    if (!text.includes(fix.from)) throw new Error(`corpus fix: \`${fix.from}\` is not in ${name}/${fix.file}`);
    writeFileSync(path, text.replaceAll(fix.from, fix.to));
  }
  return folder;
}

const copies: string[] = [];

/** Remove every copy this test file made (call it in `afterAll`). */
export function removeCorpusCopies(): void {
  for (const folder of copies.splice(0)) rmSync(folder, { recursive: true, force: true });
}

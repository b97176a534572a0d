import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { fromRoot } from '../helpers/paths.js';

/**
 * A real editor: Neovim's built-in LSP client runs `paper lsp` on a copy of the seed paper
 * (test/helpers/neovim-lsp.lua), opens the manuscript, types a wrong key and reads back the
 * diagnostics, a completion and a rename. Runs when `nvim` is on PATH; says it was skipped when not.
 */
const nvim = spawnSync('nvim', ['--version'], { encoding: 'utf8' });
const hasNeovim = nvim.status === 0;
if (!hasNeovim) console.log('Skipped the Neovim end-to-end test: `nvim` is not on PATH');

const scratch = mkdtempSync(join(tmpdir(), 'paper-lsp-nvim-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe.runIf(hasNeovim)('Neovim', () => {
  it('shows the diagnostics of a key typed wrong, completes keys and renames one through the server', () => {
    const paper = join(scratch, 'seed');
    for (const part of ['manuscript', 'bibliography']) cpSync(fromRoot(part), join(paper, part), { recursive: true });
    const manuscript = join(paper, 'manuscript/paper.md');
    const original = readFileSync(manuscript, 'utf8');
    const out = join(scratch, 'nvim.json');
    const run = spawnSync('nvim', ['--headless', '--clean', '-u', 'NONE', '-c', `luafile ${fromRoot('test/helpers/neovim-lsp.lua')}`], {
      cwd: paper,
      encoding: 'utf8',
      timeout: 120_000,
      killSignal: 'SIGKILL',
      env: { ...process.env, PAPER_NVIM_OUT: out, PAPER_NVIM_MANUSCRIPT: manuscript, PAPER_NVIM_CMD: [process.execPath, fromRoot('bin/paper.js'), 'lsp'].join('\t') },
    });
    expect(existsSync(out), `nvim wrote nothing: ${run.stderr}${run.stdout}`).toBe(true);
    const result = JSON.parse(readFileSync(out, 'utf8')) as Record<string, unknown>;
    expect(result.error).toBeUndefined();
    const mismatches = [
      '46:289 citation-author-mismatch The name `Alexandrov` before `[-@aleksandrov1999]` is not an author of that entry (`Aleksandrov`); did you mean `Aleksandrov`',
      '50:889 citation-author-mismatch The name `Laumilin` before `[-@laumulin2009]` is not an author of that entry (`Laumulin`); did you mean `Laumulin`',
    ];
    expect(result.opened).toEqual(mismatches);
    expect(result.line).toBe('[@kazembasy2009, 12]');
    expect(result.typed).toEqual(['36:352 citation-unknown-key Cannot find citation key `kazembasy2009`; did you mean `kazembassy2009`', ...mismatches]);
    expect(result.completion).toEqual(['kazembassy2009: Kazakhstan\'s Embassy in the Russian Federation (2009) Kazakhstan-Russian relationships: 2008']);
    expect(result.undone).toBe(true);
    expect(result.renameError).toBeUndefined();
    expect(result.renamed).toBe('[@kazembassy2009a, 12]');
    expect(result.bibEntry).toBe('@book{kazembassy2009a,');
    expect(result.takenError).toBe('The key `olcott1992` is already taken');
    // Nothing was saved: the editor's buffers alone changed.
    expect(readFileSync(manuscript, 'utf8')).toBe(original);
  });
});

import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LspClient, rangeIn, showDiagnostic } from '../helpers/lsp-client.js';
import { fromRoot } from '../helpers/paths.js';

/**
 * `paper lsp` over stdio, as an editor drives it: the diagnostics of `paper check`, from the
 * editor's buffer, on the file each is about.
 */
const scratch = mkdtempSync(join(tmpdir(), 'paper-lsp-diagnostics-'));
const clients: LspClient[] = [];
afterAll(async () => {
  await Promise.all(clients.map((client) => client.stop()));
  rmSync(scratch, { recursive: true, force: true });
});

async function started(folder: string): Promise<LspClient> {
  const client = new LspClient(folder);
  clients.push(client);
  await client.initialize(folder);
  return client;
}

function miniCopy(name: string): { folder: string; manuscript: string; text: string } {
  const folder = join(scratch, name);
  cpSync(fromRoot('test/fixtures/papers/mini'), folder, { recursive: true });
  const manuscript = join(folder, 'manuscript/paper.md');
  return { folder, manuscript, text: readFileSync(manuscript, 'utf8') };
}

const uriOf = (path: string) => pathToFileURL(path).href;

describe('the seed paper', () => {
  const manuscript = fromRoot('manuscript/paper.md');
  const text = readFileSync(manuscript, 'utf8');
  let client: LspClient;
  let uri: string;
  beforeAll(async () => {
    client = await started(fromRoot('.'));
    uri = await client.open(manuscript, text);
  });

  it('publishes paper check\'s messages, with their rule ids, on the manuscript and on the bibliography', async () => {
    expect((await client.diagnosticsOf(uri)).map(showDiagnostic)).toEqual([
      '46:289-46:299 warning citation-author-mismatch The name `Alexandrov` before `[-@aleksandrov1999]` is not an author of that entry (`Aleksandrov`); did you mean `Aleksandrov`',
      '50:889-50:897 warning citation-author-mismatch The name `Laumilin` before `[-@laumulin2009]` is not an author of that entry (`Laumulin`); did you mean `Laumulin`',
    ]);
    const bib = uriOf(fromRoot('bibliography/references.bib'));
    expect((await client.diagnosticsOf(bib)).map(showDiagnostic)).toEqual([
      '71:8-71:15 warning bib-missing-field Entry `fpc2000` has no `author` or `editor`, which an `online` entry needs',
      '79:9-79:16 warning bib-missing-field Entry `fpc1993` has no `author`, which an `article` entry needs',
      '217:6-217:19 warning bib-missing-field Entry `buszynski2005` has no `title`, which a `misc` entry needs',
    ]);
  });

  it('checks the unsaved buffer: a key typed wrong is an error where it is typed, and fixing it clears it', async () => {
    const range = rangeIn(text, 'kazembassy2009');
    await client.change(uri, 'kazembasy2009', range);
    const wrong = await client.nextDiagnostics(uri);
    expect(wrong.map(showDiagnostic)).toContain(`${range.start.line}:${range.start.character - 1}-${range.end.line}:${range.end.character - 1} error citation-unknown-key Cannot find citation key \`kazembasy2009\`; did you mean \`kazembassy2009\``);
    await client.change(uri, text);
    expect((await client.nextDiagnostics(uri)).map((diagnostic) => diagnostic.code)).toEqual(['citation-author-mismatch', 'citation-author-mismatch']);
    // The file on disk was never written.
    expect(readFileSync(manuscript, 'utf8')).toBe(text);
  });
});

describe('a paper of its own', () => {
  it('counts columns in UTF-16 code units, as LSP does: a key after astral characters is placed exactly', async () => {
    const { folder, manuscript, text } = miniCopy('astral');
    const client = await started(folder);
    const edited = text.replace('As @smith2000 [p. 4]', 'As 𝒜𝒷 😀 @smith2099 [p. 4]');
    const uri = await client.open(manuscript, edited);
    const range = rangeIn(edited, '@smith2099');
    expect((await client.diagnosticsOf(uri, (list) => list.length > 0)).map(showDiagnostic)).toEqual([
      `${range.start.line}:${range.start.character}-${range.end.line}:${range.end.character} error citation-unknown-key Cannot find citation key \`smith2099\`; did you mean \`smith2000\``,
    ]);
  });

  it('takes the severities of paper.config.yaml, and publishes a problem of the configuration on its file', async () => {
    const { folder, manuscript, text } = miniCopy('config');
    const config = join(folder, 'paper.config.yaml');
    writeFileSync(config, 'rules:\n  citation-unknown-key: warning\n  footnote-unusd: off\n');
    const client = await started(folder);
    const uri = await client.open(manuscript, text.replace('@jones1999, 12', '@jones1990, 12'));
    expect((await client.diagnosticsOf(uri, (list) => list.length > 0)).map(showDiagnostic)).toEqual([
      `${rangeIn(text, '@jones1999').start.line}:${rangeIn(text, '@jones1999').start.character}-${rangeIn(text, '@jones1999').end.line}:${rangeIn(text, '@jones1999').end.character} warning citation-unknown-key Cannot find citation key \`jones1990\`; did you mean \`jones1999\``,
    ]);
    const configDiagnostics = await client.diagnosticsOf(uriOf(config));
    expect(configDiagnostics.map(showDiagnostic)).toEqual([
      '2:2-2:16 error config-schema Unknown rule `footnote-unusd`; did you mean `footnote-unused`',
    ]);
    // Its quick fix, with the configuration open in the editor.
    const configUri = await client.open(config, readFileSync(config, 'utf8'), 'yaml');
    const actions = await client.request<Array<{ title: string; edit: { changes: Record<string, Array<{ newText: string; range: unknown }>> } }>>('textDocument/codeAction', { textDocument: { uri: configUri }, range: configDiagnostics[0]?.range, context: { diagnostics: configDiagnostics } });
    expect(actions.map((action) => `${action.title}: ${JSON.stringify(action.edit.changes[configUri])}`)).toEqual([
      'Replace with `footnote-unused`: [{"range":{"start":{"line":2,"character":2},"end":{"line":2,"character":16}},"newText":"footnote-unused"}]',
    ]);
  });

  it('publishes a problem of a table\'s data on the data file, and of the bibliography on the .bib', async () => {
    const { folder, manuscript, text } = miniCopy('data');
    const table = join(folder, 'manuscript/tables/period.yaml');
    writeFileSync(table, readFileSync(table, 'utf8').replace('tone: difficult', 'tone: dificult'));
    const bib = join(folder, 'bibliography/refs.bib');
    writeFileSync(bib, readFileSync(bib, 'utf8').replace('  title     = {A Book},\n', ''));
    const client = await started(folder);
    await client.open(manuscript, text);
    expect((await client.diagnosticsOf(uriOf(table), (list) => list.length > 0)).map(showDiagnostic)).toEqual(['2:27-2:35 error table-schema Expected a tone: `difficult`; found `dificult`']);
    expect((await client.diagnosticsOf(uriOf(bib), (list) => list.length > 0)).map(showDiagnostic)).toEqual(['0:6-0:15 warning bib-missing-field Entry `smith2000` has no `title`, which a `book` entry needs']);
  });

  it('checks again when a bibliography the paper reads is saved on disk, and when an open one is edited', async () => {
    const { folder, manuscript, text } = miniCopy('saved');
    const bib = join(folder, 'bibliography/refs.bib');
    const client = await started(folder);
    const uri = await client.open(manuscript, text);
    expect(await client.diagnosticsOf(uri)).toEqual([]);
    const original = readFileSync(bib, 'utf8');
    writeFileSync(bib, original.replace('@book{smith2000,', '@book{smith2001,'));
    const unknown = await client.diagnosticsOf(uri, (list) => list.length > 0);
    expect(unknown.map((diagnostic) => `${diagnostic.code} ${diagnostic.message}`)).toEqual([
      'citation-unknown-key Cannot find citation key `smith2000`; did you mean `smith2001`',
      'citation-unknown-key Cannot find citation key `smith2000`; did you mean `smith2001`',
    ]);
    // Opened in the editor, its buffer is what the paper reads: the save on disk no longer counts.
    const bibUri = await client.open(bib, original, 'bibtex');
    expect(await client.diagnosticsOf(uri, (list) => list.length === 0)).toEqual([]);
    await client.change(bibUri, 'jones', rangeIn(original, 'smith'));
    expect((await client.diagnosticsOf(uri, (list) => list.length > 0)).map((diagnostic) => diagnostic.code)).toEqual(['citation-unknown-key', 'citation-unknown-key']);
  });

  it('checks a Markdown file only when it is a manuscript: with a front matter, or called paper.md', async () => {
    const { folder, manuscript, text } = miniCopy('readme');
    const client = await started(folder);
    const readme = await client.open(join(folder, 'README.md'), '# Notes\n\nAsk @someone about [@nobody].\n');
    const uri = await client.open(manuscript, text.replace('@jones1999, 12', '@jones1990, 12'));
    await client.diagnosticsOf(uri, (list) => list.length > 0);
    expect(client.diagnostics.has(readme)).toBe(false);
  });

  it('clears what it published when the manuscript is closed', async () => {
    const { folder, manuscript, text } = miniCopy('closed');
    const client = await started(folder);
    const uri = await client.open(manuscript, text.replace('@jones1999, 12', '@jones1990, 12'));
    await client.diagnosticsOf(uri, (list) => list.length > 0);
    await client.close(uri);
    expect(await client.diagnosticsOf(uri, (list) => list.length === 0)).toEqual([]);
  });
});

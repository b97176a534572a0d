import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LspClient, rangeIn, type PublishedDiagnostic } from '../helpers/lsp-client.js';
import { fromRoot } from '../helpers/paths.js';

/**
 * What `paper lsp` offers while writing, over stdio on the seed paper and a copy of the mini paper:
 * completion, hover, go to definition, references, rename, quick fixes and the outline.
 */
const scratch = mkdtempSync(join(tmpdir(), 'paper-lsp-editing-'));
const folder = join(scratch, 'mini');
cpSync(fromRoot('test/fixtures/papers/mini'), folder, { recursive: true });
const manuscript = join(folder, 'manuscript/paper.md');
const bib = join(folder, 'bibliography/refs.bib');
const table = join(folder, 'manuscript/tables/period.yaml');
const text = readFileSync(manuscript, 'utf8');
const uriOf = (path: string) => pathToFileURL(path).href;
const short = (uri: string) => uri.slice(uriOf(folder).length + 1);

interface Item { label: string; detail?: string; textEdit?: { range: PublishedDiagnostic['range']; newText: string } }
interface Location { uri: string; range: PublishedDiagnostic['range'] }
interface Edit { changes: Record<string, Array<{ range: PublishedDiagnostic['range']; newText: string }>> }
interface Action { title: string; isPreferred?: boolean; edit: Edit }
interface SymbolNode { name: string; detail?: string; children?: SymbolNode[] }

const place = ({ start, end }: PublishedDiagnostic['range']) => `${start.line}:${start.character}-${end.line}:${end.character}`;
const showLocation = (location: Location) => `${short(location.uri)} ${place(location.range)}`;
const showEdit = (edit: Edit) => Object.entries(edit.changes).flatMap(([uri, edits]) => edits.map((one) => `${short(uri)} ${place(one.range)} ${one.newText}`));

let client: LspClient;
let uri: string;
beforeAll(async () => {
  client = new LspClient(folder);
  await client.initialize(folder);
  uri = await client.open(manuscript, text);
  await client.diagnosticsOf(uri);
});
afterAll(async () => {
  await client.stop();
  rmSync(scratch, { recursive: true, force: true });
});

const at = (needle: string, shift = 0, from = 0) => {
  const { start } = rangeIn(text, needle, from);
  return { line: start.line, character: start.character + shift };
};

describe('completion', () => {
  it('offers the keys after `@`, with author, year and title, and the cross-reference ids with their numbers', async () => {
    const list = await client.request<{ items: Item[] }>('textDocument/completion', { textDocument: { uri }, position: at('@smith2000', 3) });
    expect(list.items.map((item) => `${item.label}: ${item.detail}`)).toEqual([
      'smith2000: Smith (2000) A Book',
      'jones1999: Jones (1999) An Article',
      'listed2001: Listed (2001) Listed but Not Cited',
      'sec-analysis: Section 1: Analysis',
      'tbl-group: Table 1',
      'tbl-period: Table 1.1',
      'fig-trend: Figure 1',
    ]);
    // The key being written is replaced whole, from after the `@` to its end.
    expect(place(list.items[0]?.textEdit?.range ?? rangeIn(text, '?'))).toBe(place(rangeIn(text, 'smith2000')));
  });

  it('offers them after `[@` typed in the buffer, before any check has seen it', async () => {
    const end = rangeIn(text, 'Nothing here but a note.').end;
    await client.change(uri, ' [@', { start: end, end });
    const list = await client.request<{ items: Item[] }>('textDocument/completion', { textDocument: { uri }, position: { line: end.line, character: end.character + 3 } });
    expect(list.items.map((item) => item.label)).toEqual(['smith2000', 'jones1999', 'listed2001', 'sec-analysis', 'tbl-group', 'tbl-period', 'fig-trend']);
    expect(list.items[1]?.textEdit).toEqual({ range: { start: { line: end.line, character: end.character + 3 }, end: { line: end.line, character: end.character + 3 } }, newText: 'jones1999' });
    await client.change(uri, text);
  });

  it('offers the locator terms after a comma inside a citation', async () => {
    const list = await client.request<{ items: Item[] }>('textDocument/completion', { textDocument: { uri }, position: at('ch. 2]', 1) });
    expect(list.items.map((item) => `${item.label} (${item.detail})`)).toEqual(['chapter (locator: chapter)', 'chapters (locator: chapter)', 'chap. (locator: chapter)', 'chaps. (locator: chapter)', 'column (locator: column)', 'columns (locator: column)', 'col. (locator: column)', 'cols. (locator: column)']);
  });

  it('offers nothing in plain text', async () => {
    expect(await client.request('textDocument/completion', { textDocument: { uri }, position: at('argued') })).toEqual({ isIncomplete: false, items: [] });
  });
});

describe('hover', () => {
  it('shows a cited work as the reference list prints it, and a cross-reference with its number', async () => {
    expect(await client.request('textDocument/hover', { textDocument: { uri }, position: at('@smith2000', 4) })).toEqual({
      contents: { kind: 'markdown', value: 'John Smith, *A Book* (London: Press, 2000).' },
      range: rangeIn(text, 'smith2000'),
    });
    expect(await client.request('textDocument/hover', { textDocument: { uri }, position: at('@jones1999', 1) })).toEqual({
      contents: { kind: 'markdown', value: 'Mary Jones, “An Article”, *Journal*, 3 (1999): 1–10.' },
      range: rangeIn(text, 'jones1999'),
    });
    expect(await client.request('textDocument/hover', { textDocument: { uri }, position: at('tbl-period]') })).toEqual({
      contents: { kind: 'markdown', value: 'Table 1.1' },
      range: rangeIn(text, 'tbl-period'),
    });
    expect(await client.request('textDocument/hover', { textDocument: { uri }, position: at('argued') })).toBeNull();
  });
});

describe('navigation', () => {
  it('goes from a key to its entry in the .bib, and from `@tbl-x` to the directive', async () => {
    expect(showLocation(await client.request<Location>('textDocument/definition', { textDocument: { uri }, position: at('@jones1999', 2) }))).toBe('bibliography/refs.bib 8:9-8:18');
    expect(showLocation(await client.request<Location>('textDocument/definition', { textDocument: { uri }, position: at('@tbl-period', 2) }))).toBe('manuscript/paper.md 27:0-27:52');
    expect(showLocation(await client.request<Location>('textDocument/definition', { textDocument: { uri }, position: at('@sec-analysis', 2) }))).toBe('manuscript/paper.md 18:0-18:26');
  });

  it('finds every citation of an entry, from the entry in the .bib, in the manuscript and in table data', async () => {
    const bibUri = await client.open(bib, readFileSync(bib, 'utf8'), 'bibtex');
    const references = await client.request<Location[]>('textDocument/references', { textDocument: { uri: bibUri }, position: { line: 0, character: 8 }, context: { includeDeclaration: false } });
    expect(references.map(showLocation)).toEqual(['manuscript/paper.md 15:4-15:13', 'manuscript/paper.md 15:69-15:78', 'manuscript/tables/period.yaml 11:38-11:47']);
    // Anywhere in the entry, `@book{` too, is the entry's key: renamed from there as well.
    expect(await client.request('textDocument/prepareRename', { textDocument: { uri: bibUri }, position: { line: 0, character: 2 } })).toEqual({ range: { start: { line: 0, character: 6 }, end: { line: 0, character: 15 } }, placeholder: 'smith2000' });
    const withEntry = await client.request<Location[]>('textDocument/references', { textDocument: { uri }, position: at('@jones1999', 3), context: { includeDeclaration: true } });
    expect(withEntry.map(showLocation)).toEqual(['bibliography/refs.bib 8:9-8:18', `manuscript/paper.md ${place(rangeIn(text, 'jones1999'))}`, `manuscript/paper.md ${place(rangeIn(text, 'jones1999', text.indexOf('[^a]: ')))}`]);
    await client.close(bibUri);
  });

  it('renames a key across the manuscript, the table data and the .bib, and refuses a name already taken', async () => {
    expect(await client.request('textDocument/prepareRename', { textDocument: { uri }, position: at('@smith2000', 1) })).toEqual({ range: rangeIn(text, 'smith2000'), placeholder: 'smith2000' });
    const edit = await client.request<Edit>('textDocument/rename', { textDocument: { uri }, position: at('@smith2000', 1), newName: 'smith2000a' });
    expect(showEdit(edit)).toEqual([
      'bibliography/refs.bib 0:6-0:15 smith2000a',
      'manuscript/paper.md 15:4-15:13 smith2000a',
      'manuscript/paper.md 15:69-15:78 smith2000a',
      'manuscript/tables/period.yaml 11:38-11:47 smith2000a',
    ]);
    expect(readFileSync(table, 'utf8').split('\n')[11]?.slice(38, 47)).toBe('smith2000');
    await expect(client.request('textDocument/rename', { textDocument: { uri }, position: at('@smith2000', 1), newName: 'jones1999' })).rejects.toThrow('The key `jones1999` is already taken');
    await expect(client.request('textDocument/rename', { textDocument: { uri }, position: at('@smith2000', 1), newName: 'tbl-period' })).rejects.toThrow('`tbl-period` is already a cross-reference id');
    await expect(client.request('textDocument/rename', { textDocument: { uri }, position: at('@smith2000', 1), newName: 'two words' })).rejects.toThrow('`two words` is not a citation key');
    await expect(client.request('textDocument/prepareRename', { textDocument: { uri }, position: at('argued') })).rejects.toThrow('Only a bibliography key can be renamed here');
  });
});

describe('quick fixes', () => {
  it('replaces an unknown key with the one it was meant to be', async () => {
    const wrong = text.replace('@jones1999, 12', '@jonse1999, 12');
    await client.change(uri, wrong);
    const diagnostics = await client.diagnosticsOf(uri, (list) => list.length > 0);
    const actions = await client.request<Action[]>('textDocument/codeAction', { textDocument: { uri }, range: diagnostics[0]?.range, context: { diagnostics } });
    expect(actions.map((action) => `${action.title} ${action.isPreferred === true ? '(preferred) ' : ''}${showEdit(action.edit).join(', ')}`)).toEqual([
      `Replace with \`jones1999\` (preferred) manuscript/paper.md ${place(rangeIn(wrong, 'jonse1999'))} jones1999`,
    ]);
    await client.change(uri, text);
    await client.diagnosticsOf(uri, (list) => list.length === 0);
  });

  it('replaces a target written wrong in a cross-reference', async () => {
    const wrong = text.replace('[-@tbl-period]', '[-@tbl-perod]');
    await client.change(uri, wrong);
    const diagnostics = await client.diagnosticsOf(uri, (list) => list.length > 0);
    const actions = await client.request<Action[]>('textDocument/codeAction', { textDocument: { uri }, range: diagnostics[0]?.range, context: { diagnostics } });
    expect(actions.map((action) => `${action.title} ${showEdit(action.edit).join(', ')}`)).toEqual([`Replace with \`tbl-period\` manuscript/paper.md ${place(rangeIn(wrong, 'tbl-perod'))} tbl-period`]);
    await client.change(uri, text);
    await client.diagnosticsOf(uri, (list) => list.length === 0);
  });
});

describe('the outline', () => {
  it('lists the headings, nested, with the tables and figures in their sections', async () => {
    const symbols = await client.request<SymbolNode[]>('textDocument/documentSymbol', { textDocument: { uri } });
    const show = (nodes: SymbolNode[], depth = 0): string[] => nodes.flatMap((node) => [`${'  '.repeat(depth)}${node.name}${node.detail ? ` (${node.detail})` : ''}`, ...show(node.children ?? [], depth + 1)]);
    expect(show(symbols)).toEqual(['Opening', '1 Analysis', '  1.1 Details', '    Table 1 (tbl-group)', '    Table 1.1 (tbl-period)', '    Figure 1 (fig-trend)', 'Notes', 'References']);
  });
});

describe('quick fixes on the seed paper and a paper with unused entries', () => {
  it('replaces the name written before `[-@key]` with the entry\'s author', async () => {
    const seed = new LspClient(fromRoot('.'));
    try {
      await seed.initialize(fromRoot('.'));
      const path = fromRoot('manuscript/paper.md');
      const seedUri = await seed.open(path, readFileSync(path, 'utf8'));
      const diagnostics = await seed.diagnosticsOf(seedUri);
      const actions = await seed.request<Action[]>('textDocument/codeAction', { textDocument: { uri: seedUri }, range: diagnostics[0]?.range, context: { diagnostics: diagnostics.slice(0, 1) } });
      expect(actions.map((action) => `${action.title}: ${Object.values(action.edit.changes).flat().map((one) => `${place(one.range)} ${one.newText}`).join()}`)).toEqual([
        'Replace with the entry\'s author `Aleksandrov`: 46:289-46:299 Aleksandrov',
      ]);
    } finally {
      await seed.stop();
    }
  });

  it('removes an unused entry from its .bib', async () => {
    const unused = join(scratch, 'unused');
    cpSync(fromRoot('test/fixtures/papers/unused-entries'), unused, { recursive: true });
    const other = new LspClient(unused);
    try {
      await other.initialize(unused);
      const paper = join(unused, 'manuscript/paper.md');
      await other.open(paper, readFileSync(paper, 'utf8'));
      const extra = join(unused, 'bibliography/extra.bib');
      const extraText = readFileSync(extra, 'utf8');
      const extraUri = await other.open(extra, extraText, 'bibtex');
      const diagnostics = await other.diagnosticsOf(extraUri, (list) => list.length > 0);
      const actions = await other.request<Action[]>('textDocument/codeAction', { textDocument: { uri: extraUri }, range: diagnostics[0]?.range, context: { diagnostics } });
      expect(actions.map((action) => action.title)).toEqual(['Remove the unused entry `alone2006`']);
      const removal = actions[0]?.edit.changes[extraUri]?.[0];
      expect(removal?.newText).toBe('');
      const lines = extraText.split('\n');
      expect(lines.slice(removal?.range.start.line, removal?.range.end.line).join('\n')).toBe(lines.slice(0, 7).join('\n'));
    } finally {
      await other.stop();
    }
  });
});

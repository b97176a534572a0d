import { cpSync, existsSync, mkdtempSync, readFileSync, renameSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { build } from '../../scripts/pipeline/build.js';
import { check } from '../../scripts/pipeline/check.js';
import { StageCache } from '../../scripts/source/stage-cache.js';
import { WatchSession } from '../../scripts/watch/watch-session.js';
import { fromRoot } from '../helpers/paths.js';

const scratch = mkdtempSync(join(tmpdir(), 'paper-session-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** What a one-off build of the same sources writes: the warm session must serve exactly this. */
async function freshHtml(folder: string): Promise<string> {
  const out = mkdtempSync(join(scratch, 'out-'));
  const result = await build({ path: folder, cwd: folder, bibliographies: [], pdf: false, out });
  expect(result.outputs.length).toBeGreaterThan(0);
  return readFileSync(join(out, 'paper.html'), 'utf8');
}

describe('a warm watch session', () => {
  const folder = join(scratch, 'paper');
  cpSync(fromRoot('test/fixtures/papers/mini'), folder, { recursive: true });
  const manuscript = join(folder, 'manuscript', 'paper.md');
  const table = join(folder, 'manuscript', 'tables', 'period.yaml');
  const bibliography = join(folder, 'bibliography', 'refs.bib');
  const session = new WatchSession({ path: folder, cwd: folder, bibliographies: [] });
  afterAll(() => session.close());
  const edit = (path: string, from: string, to: string) => writeFileSync(path, readFileSync(path, 'utf8').replace(from, to));

  it('renders what a fresh build renders, after edits to prose, citations, notes and table data', async () => {
    expect((await session.rebuild()).html).toBe(await freshHtml(folder));
    edit(manuscript, 'Nothing here but a note.', 'Something here, and a note.');
    expect((await session.rebuild()).html).toBe(await freshHtml(folder));
    edit(manuscript, '[see @jones1999, 12; @smith2000, ch. 2]', '[see @jones1999, 13; @smith2000, ch. 3]');
    const cited = await session.rebuild();
    expect(cited.html).toContain('13');
    expect(cited.html).toBe(await freshHtml(folder));
    edit(table, 'A crisis', 'A graver crisis');
    const tabled = await session.rebuild();
    expect(tabled.html).toContain('A graver crisis');
    expect(tabled.html).toBe(await freshHtml(folder));
    edit(manuscript, '[^b]: The second note.', '[^b]: The second note, longer [@smith2000, 9].');
    expect((await session.rebuild()).html).toBe(await freshHtml(folder));
    // The same citations with another bibliography: the kept renderings belong to the old engine.
    edit(bibliography, 'Smith, John', 'Smyth, John');
    const renamed = await session.rebuild();
    expect(renamed.html).toContain('Smyth');
    expect(renamed.html).not.toContain('Smith');
    expect(renamed.html).toBe(await freshHtml(folder));
  });

  it('keeps the last good HTML when a build fails, and says it is not fresh', async () => {
    const good = (await session.rebuild()).html;
    edit(manuscript, 'As @smith2000 [p. 4]', 'As @smith2001 [p. 4]');
    const failed = await session.rebuild();
    expect(failed.fresh).toBe(false);
    expect(failed.html).toBe(good);
    expect(failed.files[0]?.messages.map((message) => message.reason)).toEqual(['Cannot find citation key `smith2001`; did you mean `smith2000`']);
    expect(failed.inputs).toContain(manuscript);
  });
});

/** Every message of a set of files, as one line each: where, what, which rule. */
function messageLines(files: Array<{ path?: string; messages: Array<{ line?: number | undefined; column?: number | undefined; reason: string; ruleId?: string | undefined }> }>): string[] {
  return files.flatMap((file) => file.messages.map((message) => `${file.path}:${message.line}:${message.column} ${message.reason} (${message.ruleId})`));
}

describe('a warm watch session and a one-off check agree on the messages', () => {
  const folder = join(scratch, 'messages');
  cpSync(fromRoot('test/fixtures/papers/mini'), folder, { recursive: true });
  const manuscript = join(folder, 'manuscript', 'paper.md');
  const table = join(folder, 'manuscript', 'tables', 'period.yaml');
  const graph = join(folder, 'manuscript', 'graphs', 'trend.yaml');
  const session = new WatchSession({ path: folder, cwd: folder, bibliographies: [] });
  afterAll(() => session.close());
  const edit = (path: string, from: string, to: string) => writeFileSync(path, readFileSync(path, 'utf8').replace(from, to));
  const fresh = async () => messageLines((await check({ path: folder, cwd: folder, bibliographies: [] })).files);

  it('after edits that move, add and remove problems in the manuscript and the table data', async () => {
    const steps: Array<() => void> = [
      // A bad key far below an edit that adds lines: its place moves with them.
      () => edit(manuscript, 'The graph is @fig-trend.', 'The graph is @fig-trend, after @nobody2020.'),
      () => edit(manuscript, 'Nothing here but a note.', 'Nothing here but a note.\n\nA new paragraph,\nof two lines.'),
      // A table data error, kept while other edits come, then mended.
      () => edit(table, '"2000-2001": "*Talks*', '"2002": "*Talks*'),
      () => edit(manuscript, 'A new paragraph,', 'A newer paragraph,'),
      () => edit(table, '"2002": "*Talks*', '"2000-2001": "*Talks*'),
      // A graph naming a row no table has, and YAML that does not parse, kept across a prose edit.
      () => edit(graph, 'row: Trend', 'row: Trends'),
      () => edit(manuscript, 'A newer paragraph,', 'A newest paragraph,'),
      () => edit(graph, 'row: Trends', 'row: [Trend'),
      () => edit(graph, 'row: [Trend', 'row: Trend'),
      // Front matter that does not parse, kept across an edit below it (its parse is kept), then mended.
      () => edit(manuscript, 'number-sections: true', 'number-sections: [true'),
      () => edit(manuscript, 'A newest paragraph,', 'The newest paragraph,'),
      () => edit(manuscript, 'number-sections: [true', 'number-sections: true'),
      () => edit(manuscript, ', after @nobody2020.', '.'),
    ];
    const seen: string[][] = [];
    for (const step of steps) {
      step();
      const warm = messageLines((await session.rebuild()).files);
      expect(warm).toEqual(await fresh());
      seen.push(warm);
    }
    // The steps did make problems, so the comparison compared something.
    expect(seen[0]?.join('\n')).toContain('Cannot find citation key `nobody2020`');
    expect(seen[2]?.join('\n')).toContain('period.yaml');
    expect(seen[5]?.join('\n')).toContain('trend.yaml');
    expect(seen[6]).toEqual(seen[5]);
    expect(seen[7]?.join('\n')).toContain('trend.yaml');
    expect(seen[7]?.join('\n')).toContain('Invalid YAML');
    expect(seen[9]?.join('\n')).toContain('paper.md:11:23 Invalid YAML');
    expect(seen[10]).toEqual(seen[9]);
    expect(seen.at(-1)).toEqual([]);
  });

  it('returns the same build for a second event of a save that changed nothing more', async () => {
    const first = await session.rebuild();
    expect(await session.rebuild(new Set([manuscript]))).toBe(first);
    edit(manuscript, 'Nothing here', 'Little here');
    const next = await session.rebuild(new Set([manuscript]));
    expect(next.id).toBe(first.id + 1);
    expect(next.html).toContain('Little here');
    // Whether a build may be shown: its files still read as it read them (a save seen mid-write does not).
    expect(await session.readsAsBuilt(new Set([manuscript]))).toBe(true);
    edit(manuscript, 'Little here', 'Less here');
    expect(await session.readsAsBuilt(new Set([manuscript]))).toBe(false);
    edit(manuscript, 'Less here', 'Little here');
    expect(await session.readsAsBuilt(new Set([manuscript, join(folder, 'elsewhere.md')]))).toBe(true);
    // A file the build did not read (here, one that does not exist) always means a rebuild.
    expect((await session.rebuild(new Set([join(folder, 'elsewhere.md')]))).id).toBe(next.id + 1);
  });
});

describe('a warm watch session, when a file cannot be read or is not UTF-8', () => {
  const folder = join(scratch, 'unreadable');
  cpSync(fromRoot('test/fixtures/papers/mini'), folder, { recursive: true });
  const manuscript = join(folder, 'manuscript', 'paper.md');
  const table = join(folder, 'manuscript', 'tables', 'period.yaml');
  const session = new WatchSession({ path: folder, cwd: folder, bibliographies: [] });
  afterAll(() => session.close());

  it('counts a file unreadable then and unreadable now as unchanged, and reports it', async () => {
    const first = await session.rebuild();
    renameSync(manuscript, `${manuscript}.away`);
    let missing = first;
    try {
      missing = await session.rebuild(new Set([manuscript]));
      expect(missing.id).toBe(first.id + 1);
      expect(messageLines(missing.files)).toEqual([`${manuscript}:1:1 Cannot read manuscript: no such file (manuscript-missing)`]);
      expect(session.unreadableInputs()).toContain(manuscript);
      // Without this, every look said "changed", and the watch rebuilt without end.
      expect(await session.readsAsBuilt(new Set([manuscript]))).toBe(true);
      expect(await session.rebuild(new Set([manuscript]))).toBe(missing);
    } finally {
      renameSync(`${manuscript}.away`, manuscript);
    }
    expect(await session.readsAsBuilt(new Set([manuscript]))).toBe(false);
    const back = await session.rebuild(new Set([manuscript]));
    expect(back).toMatchObject({ id: missing.id + 1, fresh: true });
    expect(session.unreadableInputs()).not.toContain(manuscript);
  });

  it('compares a file that is not UTF-8 by its text, so its encoding error does not make it change on every look', async () => {
    const text = readFileSync(table);
    const at = text.indexOf('A crisis');
    writeFileSync(table, Buffer.concat([text.subarray(0, at), Buffer.from([0xe9]), text.subarray(at)]));
    const latin = await session.rebuild(new Set([table]));
    expect(messageLines(latin.files).join('\n')).toContain('The file is not valid UTF-8 (byte 0xE9); save it as UTF-8 (file-encoding)');
    expect(await session.readsAsBuilt(new Set([table]))).toBe(true);
    expect(await session.rebuild(new Set([table]))).toBe(latin);
    writeFileSync(table, text);
    expect(await session.readsAsBuilt(new Set([table]))).toBe(false);
  });
});

describe('what a warm watch session watches', () => {
  const folder = join(scratch, 'sought');
  cpSync(fromRoot('test/fixtures/papers/mini'), folder, { recursive: true });
  const manuscript = join(folder, 'manuscript', 'paper.md');
  const table = join(folder, 'manuscript', 'tables', 'period.yaml');
  const session = new WatchSession({ path: folder, cwd: folder, bibliographies: [] });
  afterAll(() => session.close());

  it('looks for exactly the files a check reads, and the project configuration that is not there', async () => {
    const checked = await check({ path: folder, cwd: folder, bibliographies: [] });
    const sought = (checked.sought ?? []).map((file) => file.path);
    expect(sought.filter((path) => existsSync(path)).sort()).toEqual(checked.files.map((file) => file.path).sort());
    expect(sought).toContain(join(folder, 'paper.config.yaml'));
  });

  it('watches every file a build looked for, read or not, and knows which it could not read', async () => {
    const built = await session.rebuild();
    const paths = ['manuscript/paper.md', 'bibliography/refs.bib', 'manuscript/tables/period.yaml', 'manuscript/graphs/trend.yaml', 'paper.config.yaml'].map((path) => join(folder, path));
    for (const path of [...paths, fromRoot('styles/paper.csl'), fromRoot('styles/paper.css')]) expect(built.inputs).toContain(path);
    expect(session.unreadableInputs()).toEqual([join(folder, 'paper.config.yaml')]);
    renameSync(table, `${table}.away`);
    try {
      const failed = await session.rebuild(new Set([table]));
      expect(failed.fresh).toBe(false);
      // The table it could not read is watched still: its coming back is a change.
      for (const path of paths) expect(failed.inputs).toContain(path);
      expect(session.unreadableInputs().sort()).toEqual([join(folder, 'paper.config.yaml'), table].sort());
    } finally {
      renameSync(`${table}.away`, table);
    }
    expect(await session.readsAsBuilt(new Set([table]))).toBe(false);
  });

  it('counts a file the paper names that leads outside the paper folder as unreadable however it reads', async () => {
    const outside = join(scratch, 'outside.yaml');
    writeFileSync(outside, readFileSync(table));
    const link = join(folder, 'manuscript', 'tables', 'link.yaml');
    symlinkSync(outside, link);
    writeFileSync(manuscript, readFileSync(manuscript, 'utf8').replace('The graph is @fig-trend.', 'The graph is @fig-trend.\n\n::period-table{#tbl-link src="tables/link.yaml"}'));
    const refused = await session.rebuild(new Set([manuscript]));
    expect(messageLines(refused.files)).toEqual([`${manuscript}:35:1 Cannot read table data \`tables/link.yaml\`: the path leads outside the paper folder (table-source-missing)`]);
    // The build refuses it, so reading it (which works) must not count as a change, or every look would rebuild.
    expect(await session.readsAsBuilt(new Set([link]))).toBe(true);
    expect(await session.rebuild(new Set([link]))).toBe(refused);
  });
});

describe('the stage cache', () => {
  it('computes a value once per key, and forgets the oldest beyond its size', () => {
    const cache = new StageCache(2);
    let computed = 0;
    const get = (key: string) => cache.remember('scope', key, () => `${key}${++computed}`);
    expect([get('a'), get('a'), get('b'), get('a')]).toEqual(['a1', 'a1', 'b2', 'a1']);
    expect(get('c')).toBe('c3');
    // 'b' was the least recently used of a, b: it is gone, 'a' is kept.
    expect(get('a')).toBe('a1');
    expect(get('b')).toBe('b4');
    expect(cache.remember('other', 'a', () => 'other scope')).toBe('other scope');
  });
});

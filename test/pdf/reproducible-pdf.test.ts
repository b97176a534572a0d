import { createHash } from 'node:crypto';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fromRoot } from '../helpers/paths.js';
import { describeSize, outline, pageSizes, readInfo, renderGray, type OutlineEntry } from '../helpers/pdf-reader.js';
import { runMain } from '../helpers/run-cli.js';

/** The PDF as a conference wants it: metadata, outline, tags, and the same bytes on every build. */

const folder = mkdtempSync(join(tmpdir(), 'paper-pdf-'));
const epoch = '1296691200'; // 2011-02-03T00:00:00Z, the first day of the conference
const sha = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');

beforeAll(async () => {
  cpSync(fromRoot('test/fixtures/papers/mini'), folder, { recursive: true });
  const manuscript = join(folder, 'manuscript/paper.md');
  const text = readFileSync(manuscript, 'utf8')
    .replace('title: "A *Small* Paper"', 'title: "A *Small* Paper"\nsubject: A test of the print\nkeywords: [small things, tests]')
    // A link whose text mixes styles: Chromium used to annotate it differently from print to print.
    .replace('Nothing here but a note.', 'Nothing here but a note, and ["*the* table"](#tbl-period).');
  writeFileSync(manuscript, text);
  for (const out of ['one', 'two']) {
    const run = await runMain(['build', '.', '--out', out], folder, { SOURCE_DATE_EPOCH: epoch });
    expect(run.status, run.stderr).toBe(0);
  }
}, 180_000);

afterAll(() => rmSync(folder, { recursive: true, force: true }));

describe('the printed PDF', () => {
  it('is the same file, byte for byte, when built twice from the same sources (and so is the HTML)', () => {
    expect(sha(join(folder, 'two/paper.pdf'))).toBe(sha(join(folder, 'one/paper.pdf')));
    expect(sha(join(folder, 'two/paper.html'))).toBe(sha(join(folder, 'one/paper.html')));
  });

  it('carries the front matter as its metadata, and the source date as its dates', async () => {
    const info = await readInfo(join(folder, 'one/paper.pdf'));
    expect(info.title).toBe('A Small Paper');
    expect(info.author).toBe('Ann Author');
    expect(info.subject).toBe('A test of the print');
    expect(info.keywords).toBe('small things; tests');
    expect(info.creationDate).toMatch(/^2011-02-03T00:00:00(Z|\+00)/);
    expect(info.modDate).toMatch(/^2011-02-03T00:00:00(Z|\+00)/);
    expect(info.tagged).toBe(true);
    expect(describeSize((await pageSizes(join(folder, 'one/paper.pdf')))[0]!)).toMatch(/^59[45]\.\d+ x 84[12]\.\d+ pts \(A4\)$/);
  });

  it('has bookmarks from the headings', async () => {
    const titles = (items: OutlineEntry[]): string[] => items.flatMap((item) => [item.title, ...titles(item.items)]);
    expect(titles(await outline(join(folder, 'one/paper.pdf')))).toEqual(['A Small Paper*', 'Opening', '1 Analysis', '1.1 Details', 'Notes', 'References']);
  });

  it('prints something on its first page', async () => {
    const page = await renderGray(join(folder, 'one/paper.pdf'), 1, 30);
    expect(page.pixels.length).toBe(page.width * page.height);
    expect(page.width).toBeGreaterThan(0);
    // Inked: any pixel darker than the paper. At 30 dpi text is mostly gray, and how gray depends
    // on the renderer's anti-aliasing (a pixel below 200 was 2.1% of this page in poppler, 1.6% in
    // pdf.js); which pixels the ink touches does not (3.3% and 3.2%).
    const inked = page.pixels.filter((value) => value < 255).length;
    expect(inked / page.pixels.length).toBeGreaterThan(0.02);
  });

  it('is printed on Letter when asked', async () => {
    const run = await runMain(['build', '.', '--out', 'letter', '--paper-size', 'letter'], folder, { SOURCE_DATE_EPOCH: epoch });
    expect(run.status, run.stderr).toBe(0);
    expect(describeSize((await pageSizes(join(folder, 'letter/paper.pdf')))[0]!)).toMatch(/^612 x 792 pts \(letter\)$/);
  });

  it('fetches nothing from outside the paper, and says so', async () => {
    const manuscript = join(folder, 'manuscript/paper.md');
    writeFileSync(manuscript, readFileSync(manuscript, 'utf8').replace('Nothing here but a note,', 'Nothing here but a note ![A remote image](https://example.org/remote.png),'));
    const run = await runMain(['build', '.', '--out', 'remote'], folder, { SOURCE_DATE_EPOCH: epoch });
    expect(run.status, run.stderr).toBe(0);
    expect(run.stderr).toContain('manuscript/paper.md:1:1  warning  The page asks for `https://example.org/remote.png`, which is not part of the paper; it was not fetched  remote-resource');
  });

  it('reads no file outside the build, by URL or by a relative path', async () => {
    const manuscript = join(folder, 'manuscript/paper.md');
    const original = readFileSync(manuscript, 'utf8');
    try {
      // Written in Markdown, an image is a file of the paper: one outside its folder is refused where it is named.
      const hostile = '![a secret](file:///etc/passwd) ![another](../../../../../../../../../etc/hostname) ![a source](../../manuscript/paper.md)';
      writeFileSync(manuscript, original.replace('Nothing here but a note', `Nothing here but ${hostile} a note`));
      const refused = await runMain(['build', '.', '--out', 'files'], folder, { SOURCE_DATE_EPOCH: epoch });
      expect(refused.status).toBe(1);
      expect(refused.stderr).toContain('error  Cannot read image `../../../../../../../../../etc/hostname`: the path leads outside the paper folder  image-missing');
      expect(refused.stderr).toContain('error  Cannot read image `../../manuscript/paper.md`: the path leads outside the paper folder  image-missing');
      // A `file:` URL never reaches the printer: the URL policy removes it where it is written.
      expect(refused.stderr).toContain('warning  Removed the image `file:///etc/passwd`: `file:` images are not allowed; its description is kept  unsafe-url');
      // In raw HTML, an image is no file of the paper: the printing browser is refused it.
      const raw = '<img src="../../../../../../../../../etc/hostname" alt="another"> <img src="../../manuscript/paper.md" alt="a source">';
      writeFileSync(manuscript, original.replace('Nothing here but a note', `Nothing here but ${raw} a note`));
      const run = await runMain(['build', '.', '--out', 'files'], folder, { SOURCE_DATE_EPOCH: epoch });
      expect(run.status, run.stderr).toBe(0);
      // The HTML is printed from the staging folder inside `files/`: `../../` is the paper folder.
      const blocked = run.stderr.split('\n').filter((line) => line.endsWith('remote-resource') && line.includes('local file')).map((line) => /`([^`]+)`/.exec(line)?.[1] ?? '');
      expect(blocked, run.stderr).toHaveLength(2);
      expect(blocked.filter((path) => /^(\.\.\/)+etc\/hostname$/.test(path) || path === '../../manuscript/paper.md')).toHaveLength(2);
      expect(run.stderr).toContain("warning  The page asks for the local file `../../manuscript/paper.md`, which is not embedded (only images written in the manuscript's Markdown are); it was left out  remote-resource");
    } finally {
      writeFileSync(manuscript, original);
    }
  });

  it('says how to get a browser when there is none, writes nothing, and still builds the HTML with --no-pdf', async () => {
    const env = { SOURCE_DATE_EPOCH: epoch, PUPPETEER_EXECUTABLE_PATH: '/nonexistent/chromium' };
    const run = await runMain(['build', '.', '--out', 'nobrowser', '--quiet'], folder, env);
    expect(run.status).toBe(1);
    expect(run.stderr.split('\n')[0]).toBe(
      'manuscript/paper.md:1:1  error  Cannot print the PDF: PUPPETEER_EXECUTABLE_PATH names `/nonexistent/chromium`, which is not an executable file  pdf-print',
    );
    expect(() => readFileSync(join(folder, 'nobrowser/paper.html'))).toThrow();
    expect((await runMain(['build', '.', '--out', 'nobrowser', '--no-pdf'], folder, env)).status).toBe(0);
    expect(readFileSync(join(folder, 'nobrowser/paper.html'), 'utf8')).toContain('<title>A Small Paper</title>');
  });
});

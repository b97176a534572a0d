import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { fromRoot } from '../helpers/paths.js';
import { runMain } from '../helpers/run-cli.js';

/**
 * Cross-references resolve wherever the author writes them: the text, the abstract, a note and a
 * table cell, in both syntaxes (test/fixtures/papers/crossrefs). The HTML is read as a reader
 * sees it; `~` stands for the no-break space between a prefix and its number.
 */
describe('cross-references in every place', async () => {
  const out = mkdtempSync(join(tmpdir(), 'paper-crossref-places-'));
  afterAll(() => rmSync(out, { recursive: true, force: true }));
  const run = await runMain(['build', fromRoot('test/fixtures/papers/crossrefs/paper.md'), '--no-pdf', '--quiet', '--out', out], fromRoot('.'));
  const html = readFileSync(join(out, 'paper.html'), 'utf8').replaceAll('\u00a0', '~');
  const a = (id: string, text: string) => `<a href="#${id}" class="crossref">${text}</a>`;

  it('builds without a message', () => {
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
  });

  it("in the text: capitalized, grouped and sorted, with the paper's own prefixes", () => {
    expect(html).toContain(`shows, Section~${a('sec:method', '1')} comes before sections~${a('sec:method', '1')}, ${a('sec:why', '1.1')}, ${a('sec:results-in-detail', '2.1')}.`);
  });

  it('in the abstract', () => {
    expect(html).toContain(`<span class="abstract-title">Abstract</span> The method of section~${a('sec:method', '1')} is tested in ${a('sec-results', 'Results')}.</p>`);
  });

  it('in a note, author-suppressed', () => {
    expect(html).toContain(`<p>A note that points back to ${a('sec:method', '1')}. <a href="#fnref-note"`);
  });

  it('in table cells', () => {
    expect(html).toContain(`<td>section~${a('sec:method', '1')}</td>`);
    expect(html).toContain(`<td>${a('sec-results', 'Results')}</td>`);
  });

  it('as an empty link, named by the target', () => {
    expect(html).toContain(`<p>See ${a('sec-results', 'Results')} and ${a('sec:method', 'Method')}.</p>`);
  });

  it('landing on ids the headings carry, `sec:` made automatic by autoSectionLabels', () => {
    for (const id of ['sec:method', 'sec:why', 'sec-results', 'sec:results-in-detail']) expect(html).toContain(` id="${id}"`);
  });
});

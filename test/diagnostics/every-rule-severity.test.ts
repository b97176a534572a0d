import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { rules, type RuleId } from '../../scripts/diagnostics/rules.js';
import { runMain } from '../helpers/run-cli.js';

/**
 * Every rule of the registry, set to `off`, `warning` and `error` in turn in `paper.config.yaml`,
 * on a small paper that breaks it (written by this test into a scratch folder). Whatever the
 * severity, nothing crashes (exit 70, a stack trace); `off` says nothing of the rule, `warning`
 * and `error` say it with that word, and only an error (or a build that could not be made) fails.
 *
 * A rule added to the registry must add its breaker here, or name itself in `withoutBreaker`
 * with the reason: the test fails otherwise.
 */

type Severity = 'off' | 'warning' | 'error';

interface Breaker {
  /** The paper's files; `paper.md` is the manuscript. */
  files: Record<string, string | Uint8Array>;
  /** The command: `check .` unless said. */
  args?: string[];
  /** Lines added under `rules:` of the configuration, or after it (`browser:`). */
  moreRules?: string;
  config?: string;
  env?: NodeJS.ProcessEnv;
  /**
   * Reported where nothing can be made without what the rule is about (the manuscript, its front
   * matter, the style, the output folder, the PDF): the command fails whatever the severity.
   */
  stops?: boolean;
}

/** Rules with no breaker yet, and why. The test checks this is exactly the set of rules without one. */
const withoutBreaker: Partial<Record<RuleId, string>> = {
  'output-locked':
    'needs another process to hold the output lock for 30 s (three times the 10 s stale time, which no option shortens): 90 s for the three severities; the lock is tested in test/pipeline/concurrent-builds.test.ts',
};

const frontMatter = (more = '') => `---\ntitle: A Paper\n${more}---\n\n`;
const book = (key: string, fields = 'publisher = {Press},') => `@book{${key},\n  author = {Smith, John}, title = {A Book}, location = {London}, ${fields} date = {2000},\n}\n`;
const cited = (body: string, bib: string, more = '') => ({ 'paper.md': `${frontMatter(`bibliography: refs.bib\n${more}`)}${body}\n`, 'refs.bib': bib });
const plain = (body: string, more = '') => ({ 'paper.md': `${frontMatter(more)}${body}\n` });
const periodTable = (yaml: string) => ({ ...plain('::period-table{#tbl-p src="period.yaml"}'), 'period.yaml': yaml });

/** The smallest PNG: one transparent pixel. */
const onePixelPng = new Uint8Array(Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64'));

const breakers: Partial<Record<RuleId, Breaker>> = {
  'config-schema': { files: plain('Text.'), moreRules: '  no-such-rule: off' },
  'manuscript-missing': { files: plain('Text.'), args: ['check', 'missing.md'], stops: true },
  'manuscript-empty': { files: { 'paper.md': '\n' }, stops: true },
  'file-encoding': { files: cited('As @smith2000 says.', ''), stops: false },
  'markdown-nesting': { files: plain(`${'>'.repeat(101)} deep`), stops: true },
  // Built, not only checked: the fields that fit are read, and a warning lets the build go on without the others.
  'frontmatter-schema': { files: plain('Text.', 'toc: maybe\n'), args: ['build', '.', '--no-pdf'] },
  'frontmatter-title-missing': { files: { 'paper.md': '---\nauthor: Ann\n---\n\nText.\n' }, args: ['build', '.', '--no-pdf'] },
  'frontmatter-unknown-key': { files: plain('Text.', 'Number-Sections: true\n') },
  'bib-missing-file': { files: { 'paper.md': `${frontMatter('bibliography: missing.bib\n')}Text.\n` } },
  'bib-syntax': { files: cited('As @smith2000 says.', `${book('smith2000')}\n@book{broken,\n  title = {Open\n`) },
  'bib-empty': { files: cited('Text.', 'Only words, no entry.\n') },
  'bib-duplicate-key': { files: cited('As @smith2000 says.', `${book('smith2000')}\n${book('smith2000')}`) },
  'bib-duplicate-field': { files: cited('As @smith2000 says.', book('smith2000', 'publisher = {Press}, publisher = {Other},')) },
  'bib-missing-field': { files: cited('As @smith2000 says.', book('smith2000', '')) },
  'bib-latex-unreadable': { files: cited('As @smith2000 says.', book('smith2000', 'publisher = {Press}, note = {A \\emph},')), args: ['build', '.', '--no-pdf'] },
  'bib-set-entry': { files: cited('As @smith2000 and @both say.', `${book('smith2000')}\n${book('jones2001')}\n@set{both, entryset = {smith2000,jones2001}}\n`) },
  'bib-unused-entry': { files: cited('As @smith2000 says.', `${book('smith2000')}\n${book('unused2001')}`) },
  // Built, not only checked: a key the engine cannot find must not stop the render when it is a warning.
  'citation-unknown-key': { files: cited('As @smith2000 and @nobody1999 say [@smith2000; @nobody1999].', book('smith2000')), args: ['build', '.', '--no-pdf'] },
  'citation-author-mismatch': { files: cited('As Jones [-@smith2000] says.', book('smith2000')) },
  'crossref-unknown-target': { files: plain('See [there](#nowhere).') },
  'crossref-duplicate-id': { files: plain('# One {#sec-a}\n\n# Two {#sec-a}') },
  'footnote-undefined': { files: plain('A call.[^x]') },
  'footnote-unused': { files: plain('Text.\n\n[^x]: Never called.') },
  'listing-caption-missing': { files: plain('```{#lst:bare .c}\nint x;\n```') },
  'table-schema': {
    files: periodTable('caption: Relations\ncolumns: ["1999"]\nrows:\n  - category: Trend\n    kind: trend\n    cells: { "1999": downward }\n'),
  },
  'table-source-missing': { files: plain('::period-table{#tbl-p src="missing.yaml"}') },
  'directive-unknown': { files: plain('::no-such-directive') },
  'shortcode-dropped': { files: plain('Version {{< var version >}}.') },
  'code-cell-not-run': { files: plain('```{python}\nx = 1\n```') },
  'raw-tex-dropped': { files: plain('Some \\footnotesize small text.') },
  'style-invalid': { files: { ...plain('Text.', 'csl: broken.csl\n'), 'broken.csl': '<not-a-style/>\n' }, args: ['build', '.', '--no-pdf'], stops: true },
  'locale-unknown': { files: plain('Text.', 'lang: xx-YY\n'), args: ['build', '.', '--no-pdf'], stops: true },
  'locale-substituted': { files: plain('Text.', 'lang: fr-CA\n'), args: ['build', '.', '--no-pdf'] },
  'raw-html-removed': { files: plain('Text.<script>alert(1)</script>') },
  'unsafe-url': { files: plain('A [link](javascript:alert(1)).') },
  'font-glyph-missing': { files: plain('A hieroglyph: \u{13000}.'), args: ['build', '.', '--no-pdf'] },
  'remote-resource': { files: plain('<img src="https://example.org/a.png" alt="remote">'), args: ['build', '.'] },
  'output-write': { files: { ...plain('Text.'), 'taken': 'a file where the output folder should be\n' }, args: ['build', '.', '--no-pdf', '--out', 'taken'], stops: true },
  'pdf-print': { files: plain('Text.'), args: ['build', '.'], config: 'browser: /nonexistent/chromium', stops: true },
  'image-missing': { files: plain('![A plot](missing.png)') },
  'image-format': { files: { ...plain('![A plot](plot.png)'), 'plot.png': 'words, not an image\n' } },
  'image-pdf': { files: { ...plain('![A plot](plot.pdf)'), 'plot.pdf': '%PDF-1.4\nno objects, no pages\n%%EOF\n' }, args: ['build', '.', '--no-pdf'] },
  'math-syntax': { files: plain('An equation $\\frac{1}{$ that does not close.') },
  'figure-attribute': { files: { ...plain('![A plot](plot.png){width=wide}'), 'plot.png': onePixelPng } },
};

// A manuscript whose bibliography is Latin-1: `é` as the single byte 0xE9.
breakers['file-encoding']!.files['refs.bib'] = new Uint8Array(Buffer.from(book('smith2000').replace('Smith', 'Sm\u00e9th'), 'latin1'));

const scratch = mkdtempSync(join(tmpdir(), 'paper-every-rule-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

async function breakWith(id: RuleId, breaker: Breaker, severity: Severity) {
  const folder = join(scratch, `${id}-${severity}`);
  for (const [name, content] of Object.entries(breaker.files)) {
    mkdirSync(dirname(join(folder, name)), { recursive: true });
    writeFileSync(join(folder, name), content);
  }
  writeFileSync(join(folder, 'paper.config.yaml'), `rules:\n  ${id}: ${severity}\n${breaker.moreRules ? `${breaker.moreRules}\n` : ''}${breaker.config ? `${breaker.config}\n` : ''}`);
  const run = await runMain(breaker.args ?? ['check', '.'], folder, { SOURCE_DATE_EPOCH: '1296000000', ...breaker.env });
  return { ...run, printed: `${run.stdout}${run.stderr}` };
}

/** The lines of the output that report `id`, by their severity word. */
function reported(printed: string, id: RuleId): string[] {
  return printed.split('\n').filter((line) => new RegExp(`\\s${id}$`).test(line.trimEnd())).map((line) => (/\s{2}(error|warning)\s{2}/.exec(line)?.[1] ?? line));
}

describe('every rule of the registry', () => {
  it('has a breaker, or says why not', () => {
    const missing = Object.keys(rules).filter((id) => !(id in breakers)).sort();
    expect(missing).toEqual(Object.keys(withoutBreaker).sort());
  });

  for (const [id, breaker] of Object.entries(breakers) as Array<[RuleId, Breaker]>) {
    it(`${id}: off, warning and error, without a crash`, async () => {
      for (const severity of ['off', 'warning', 'error'] as const) {
        const run = await breakWith(id, breaker, severity);
        const why = `${id} set to ${severity}:\n${run.printed}`;
        expect(run.status, why).not.toBe(70);
        expect(run.printed, why).not.toMatch(/^\s+at .+:\d+:\d+\)?$/m);
        const said = reported(run.printed, id);
        if (severity === 'off') {
          expect(said, why).toEqual([]);
          expect(run.printed, why).not.toContain(id);
        } else {
          expect(said.length, why).toBeGreaterThan(0);
          expect(new Set(said), why).toEqual(new Set([severity]));
        }
        if (breaker.stops) expect(run.status, why).toBe(1);
        else expect(run.status, why).toBe(severity === 'error' ? 1 : 0);
      }
    });
  }
});

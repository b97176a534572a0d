import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fromRoot } from '../helpers/paths.js';
import { runMain } from '../helpers/run-cli.js';

/**
 * Code blocks with a language are highlighted at build time, as Pandoc's HTML writer highlights
 * them: `sourceCode` on the `<pre>` and `<code>`, tokens in spans of skylighting's classes, and no
 * script in the page. The listings fixture names Haskell (outside the common grammars), SQL and
 * Python; a block without a language stays plain.
 */
const out = mkdtempSync(join(tmpdir(), 'paper-highlight-'));
let html = '';
beforeAll(async () => {
  const run = await runMain(['build', 'test/fixtures/papers/listings', '--out', out, '--no-pdf']);
  expect(run.status, run.stderr).toBe(0);
  html = readFileSync(join(out, 'paper.html'), 'utf8');
}, 120_000);
afterAll(() => rmSync(out, { recursive: true, force: true }));

const block = (language: string) => new RegExp(`<pre[^>]*><code class="[^"]*language-${language}[^"]*">[^]*?</code></pre>`).exec(html)?.[0] ?? '';

describe('highlighted code', () => {
  it('has Pandoc\'s token classes, in every language the paper names', () => {
    expect(block('sql')).toContain('<span class="kw">SELECT</span> name, address <span class="kw">FROM</span> customers');
    expect(block('sql')).toContain('<span class="st">\'Switzerland\'</span>');
    expect(block('haskell')).toContain('<span class="fu">main</span> :: <span class="dt">IO</span> ()');
    expect(block('python')).toContain('total = <span class="bu">sum</span>(<span class="bu">range</span>(<span class="dv">10</span>))');
  });

  it('marks highlighted blocks `sourceCode`, as Pandoc does, and keeps the fence\'s classes', () => {
    expect(html).toContain('<pre class="sql sourceCode"><code class="sourceCode language-sql">');
    expect(html).toContain('<pre class="haskell numberLines sourceCode" data-startFrom="3"><code class="sourceCode language-haskell">');
  });

  it('leaves a block without a language plain, and puts no script in the page', () => {
    expect(html).toContain('<pre><code>no language at all');
    expect(html).not.toContain('<script');
  });

  it('brings its colours only with highlighted code', async () => {
    expect(html).toContain('code.sourceCode .kw');
    const folder = join(out, 'plain');
    cpSync(fromRoot('test/fixtures/papers/mini'), folder, { recursive: true });
    const manuscript = join(folder, 'manuscript/paper.md');
    writeFileSync(manuscript, `${readFileSync(manuscript, 'utf8')}\n\`\`\`nonsense\nx = 1\n\`\`\`\n`);
    const run = await runMain(['build', folder, '--out', join(folder, 'out'), '--no-pdf']);
    expect(run.status, run.stderr).toBe(0);
    const plain = readFileSync(join(folder, 'out/paper.html'), 'utf8');
    // A language no grammar knows is shown as written, as Pandoc shows it.
    expect(plain).toContain('<pre class="nonsense"><code class="language-nonsense">x = 1\n</code></pre>');
    expect(plain).not.toContain('sourceCode');
  });
});

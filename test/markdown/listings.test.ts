import type { Root } from 'mdast';
import { toHtml } from 'hast-util-to-html';
import { toHast } from 'mdast-util-to-hast';
import { describe, expect, it } from 'vitest';
import { collectCrossrefTargets } from '../../scripts/citations/crossref-targets.js';
import { codeToHast } from '../../scripts/html/code-block-hast.js';
import { readCodeInfo } from '../../scripts/markdown/code-info.js';
import { createFragmentParser } from '../../scripts/markdown/fragments.js';
import { listingsTransform } from '../../scripts/markdown/listings-transform.js';
import { createMarkdownParser } from '../../scripts/pipeline/parse.js';
import { messages, parse } from '../helpers/parse.js';

/** The paper's HTML for `markdown`, as the resolve and render stages make it (without the page around it). */
function render(markdown: string, codeBlockCaptions = false) {
  const { tree, file } = parse(markdown);
  const fragments = createFragmentParser(createMarkdownParser(), []);
  listingsTransform(tree, file, { codeBlockCaptions, parseInline: fragments.inlineMany, parseBlocks: fragments.blocks });
  const html = toHtml(toHast(tree as Root, { handlers: { code: codeToHast } }));
  const targets = [...collectCrossrefTargets(tree, file).values()].map(({ id, kind, label, title }) => ({ id, kind, label, title }));
  return { html, targets, messages: messages(file) };
}

describe('the info string of a code fence', () => {
  it('is read whole, as Pandoc reads it: the first class is the language', () => {
    expect(readCodeInfo('{#lst:code .haskell caption="Code"}')).toEqual({ id: 'lst:code', language: 'haskell', cell: false, classes: ['haskell'], attributes: { caption: 'Code' } });
    expect(readCodeInfo('{.python .numberLines}')).toEqual({ language: 'python', cell: false, classes: ['python', 'numberLines'], attributes: {} });
    expect(readCodeInfo('haskell')).toEqual({ language: 'haskell', cell: false, classes: ['haskell'], attributes: {} });
    expect(readCodeInfo('haskell {.numberLines #a}')).toEqual({ id: 'a', language: 'haskell', cell: false, classes: ['haskell', 'numberLines'], attributes: {} });
    expect(readCodeInfo('{#only-an-id}')).toEqual({ id: 'only-an-id', language: undefined, cell: false, classes: [], attributes: {} });
  });

  it('reads a Quarto or knitr cell as its language, and anything else as no language', () => {
    expect(readCodeInfo('{python}')).toMatchObject({ language: 'python', cell: true });
    expect(readCodeInfo('{r, echo=FALSE}')).toMatchObject({ language: 'r', cell: true });
    expect(readCodeInfo('{#lst:x')).toMatchObject({ language: undefined, cell: false });
    expect(readCodeInfo('')).toMatchObject({ language: undefined, cell: false });
  });
});

describe('code blocks in the HTML', () => {
  it('carry the id, classes and key-values on the <pre>, as Pandoc writes them without highlighting', () => {
    expect(render('```{#code .haskell .numberLines startFrom="3"}\nmain = 1\n```\n').html).toBe(
      '<pre id="code" class="haskell numberLines" data-startFrom="3"><code class="language-haskell">main = 1\n</code></pre>',
    );
    expect(render('```{.python .numberLines}\nx = 1\n```\n').html).toBe('<pre class="python numberLines"><code class="language-python">x = 1\n</code></pre>');
    expect(render('```haskell\nx\n```\n').html).toBe('<pre class="haskell"><code class="language-haskell">x\n</code></pre>');
    expect(render('```\nplain\n```\n').html).toBe('<pre><code>plain\n</code></pre>');
  });

  it('never shows the braces of an info string as a language', () => {
    expect(render('```{#lst:code .haskell caption="Code"}\nx\n```\n').html).not.toContain('language-{');
  });
});

describe('listings', () => {
  it('numbers code blocks with a `lst` id and a caption, in document order', () => {
    const { html, targets, messages: reported } = render(
      [
        '```{#lst:first .haskell caption="Hello, *world*"}\nmain = 1\n```',
        '```{#lst-second .sql lst-cap="A query"}\nSELECT 1;\n```',
        '```{.text caption="Captioned, no id"}\nplain\n```',
      ].join('\n\n'),
    );
    expect(html).toBe(
      '<figure class="listing" id="lst:first"><figcaption><span class="listing-label">Listing 1:</span> Hello, <em>world</em></figcaption><pre class="haskell"><code class="language-haskell">main = 1\n</code></pre></figure>\n' +
        '<figure class="listing" id="lst-second"><figcaption><span class="listing-label">Listing 2:</span> A query</figcaption><pre class="sql"><code class="language-sql">SELECT 1;\n</code></pre></figure>\n' +
        '<figure class="listing"><figcaption>Captioned, no id</figcaption><pre class="text"><code class="language-text">plain\n</code></pre></figure>',
    );
    expect(targets).toEqual([
      { id: 'lst:first', kind: 'listing', label: '1', title: 'Hello, world' },
      { id: 'lst-second', kind: 'listing', label: '2', title: 'A query' },
    ]);
    expect(reported).toEqual([]);
  });

  it('takes a `Listing:` or `:` paragraph before or after the block as its caption with codeBlockCaptions', () => {
    const markdown = 'Listing: Before *it*\n\n```{#lst:a .haskell}\na\n```\n\n```{#lst:b}\nb\n```\n\n: After it\n\nA paragraph.\n';
    const { html, targets } = render(markdown, true);
    expect(html).toContain('<figcaption><span class="listing-label">Listing 1:</span> Before <em>it</em></figcaption>');
    expect(html).toContain('<figcaption><span class="listing-label">Listing 2:</span> After it</figcaption>');
    expect(html).not.toContain('Listing: ');
    expect(html).toContain('<p>A paragraph.</p>');
    expect(targets.map((target) => `${target.id} ${target.label}`)).toEqual(['lst:a 1', 'lst:b 2']);
    // Without the option, the paragraphs are text, and the blocks have no caption.
    const plain = render(markdown, false);
    expect(plain.html).toContain('<p>Listing: Before <em>it</em></p>');
    expect(plain.targets).toEqual([]);
  });

  it('reads the id a caption paragraph ends with (`: Code caption {#lst:code}`, the thesis template)', () => {
    const { html, targets } = render('```python\nmood = 1\n```\n\n: Code *caption* {#lst:code}\n\nSee it.\n', true);
    expect(html).toBe(
      '<figure class="listing" id="lst:code"><figcaption><span class="listing-label">Listing 1:</span> Code <em>caption</em></figcaption><pre class="python"><code class="language-python">mood = 1\n</code></pre></figure>\n<p>See it.</p>',
    );
    expect(targets).toEqual([{ id: 'lst:code', kind: 'listing', label: '1', title: 'Code caption' }]);
  });

  it("reads Quarto's option lines in a cell and removes them from the code", () => {
    const { html, targets } = render('```{python}\n#| lst-label: lst-cell\n#| lst-cap: "A cell\'s code"\n#| echo: true\n\ntotal = sum(range(10))\n```\n');
    expect(html).toBe(
      '<figure class="listing" id="lst-cell"><figcaption><span class="listing-label">Listing 1:</span> A cell\'s code</figcaption><pre class="python"><code class="language-python">total = sum(range(10))\n</code></pre></figure>',
    );
    expect(targets).toEqual([{ id: 'lst-cell', kind: 'listing', label: '1', title: "A cell's code" }]);
  });

  it('leaves out the cells whose author hid them, and keeps `#|` lines of plain code blocks', () => {
    expect(render('```{python}\n#| echo: false\nimport hidden\n```\n\nText.\n').html).toBe('<p>Text.</p>');
    expect(render('```{r}\n#| include: false\nx <- 1\n```\n').html).toBe('');
    expect(render('```python\n#| not an option here\nx = 1\n```\n').html).toContain('#| not an option here');
  });

  it('shows executable cells as code, with one info message for the paper that they were not run', () => {
    const { html, messages: said } = render('```{python}\n#| label: fig-plot\nplot()\n```\n\nText.\n\n```{r}\nsummary(x)\n```\n\n```{python}\n#| echo: false\nimport hidden\n```\n\n```python\nnot_a_cell()\n```\n');
    expect(html).toContain('<pre class="python"><code class="language-python">plot()\n</code></pre>');
    expect(html).toContain('<code class="language-r">summary(x)\n</code>');
    expect(said).toEqual(['1:1 info The 3 executable cells (`{python}`, `{r}`) are shown as code and not run: their output is not in the paper (render with Quarto to run them) code-cell-not-run']);
    expect(render('```{r}\nx\n```\n').messages).toEqual(['1:1 info The executable cell (`{r}`) is shown as code and not run: its output is not in the paper (render with Quarto to run it) code-cell-not-run']);
  });

  it('warns of a listing id without a caption, which no reference can find', () => {
    const { html, targets, messages: reported } = render('```{#lst:bare .c}\nint x;\n```\n');
    expect(html).toBe('<pre id="lst:bare" class="c"><code class="language-c">int x;\n</code></pre>');
    expect(targets).toEqual([]);
    expect(reported).toEqual([
      '1:1-3:4 warning The code block `lst:bare` has no caption, so it is not a numbered listing: give it `caption="…"`, or `#| lst-cap: …` in a Quarto cell listing-caption-missing',
    ]);
  });

  it('numbers listings inside lists and quotes too, in document order', () => {
    const { targets } = render('> ```{#lst:q caption="In a quote"}\n> q\n> ```\n\n- ```{#lst:l caption="In a list"}\n  l\n  ```\n');
    expect(targets.map((target) => `${target.id} ${target.label}`)).toEqual(['lst:q 1', 'lst:l 2']);
  });

  it("reads pandoc-crossref's wrapping div, written as raw HTML, as a listing with the paragraph inside as its caption", () => {
    const { html, targets } = render('<div id="lst:wrapped" class="listing">\nListing *caption*\n```{.haskell}\nmain = 1\n```\n</div>\n\n<div id="other">\nnot a listing\n</div>\n');
    expect(html).toContain(
      '<figure class="listing" id="lst:wrapped"><figcaption><span class="listing-label">Listing 1:</span> Listing <em>caption</em></figcaption><pre class="haskell"><code class="language-haskell">main = 1\n</code></pre></figure>',
    );
    expect(targets).toEqual([{ id: 'lst:wrapped', kind: 'listing', label: '1', title: 'Listing caption' }]);
    // Another div stays raw HTML, for the raw HTML rules.
    const { tree, file } = parse('<div id="other" class="listing">\nnot a listing\n</div>\n');
    const fragments = createFragmentParser(createMarkdownParser(), []);
    listingsTransform(tree, file, { codeBlockCaptions: false, parseInline: fragments.inlineMany, parseBlocks: fragments.blocks });
    expect(tree.children.map((node) => node.type)).toEqual(['html']);
  });
});

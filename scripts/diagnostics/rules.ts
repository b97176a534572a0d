/**
 * The one registry of rule ids. Every problem the pipeline reports is a vfile message with one of
 * these ids; the issues, the README and the tests name them, so an id never changes once released.
 */
/** `info` says something the author may want to know that is no problem (the paper is as written). */
export type Severity = 'error' | 'warning' | 'info' | 'off';

export interface Rule {
  readonly severity: Exclude<Severity, 'off'>;
  readonly description: string;
}

export const rules = {
  'config-schema': { severity: 'error', description: 'The project configuration (paper.config.yaml) is not valid.' },
  'manuscript-missing': { severity: 'error', description: 'The manuscript file cannot be read.' },
  'manuscript-empty': { severity: 'error', description: 'The manuscript holds no text at all: nothing is checked or built (an editor\'s save read half-way is one; `paper watch` keeps the last page until the next read).' },
  'file-encoding': { severity: 'error', description: 'A source file is not UTF-8 text: it holds a NUL byte (binary) or bytes that are not UTF-8 (Latin-1, Windows-1252).' },
  'markdown-nesting': { severity: 'error', description: 'Block quotes, list items and definitions nest deeper than 100 levels, or a paragraph holds more than 1,000 emphasis and link marks; the Markdown is not parsed.' },
  'frontmatter-schema': { severity: 'error', description: 'The YAML front matter is not valid YAML or does not fit the schema. The fields that fit are still read, so the rest of the paper is checked too.' },
  'frontmatter-title-missing': { severity: 'warning', description: 'The front matter has no `title` (or there is no front matter): the file name without its extension is the title, as in Pandoc.' },
  'frontmatter-unknown-key': { severity: 'warning', description: 'A front matter key the pipeline does not read differs from one it reads only in case, `-` or `_` (`Title`, `number_sections`): it is ignored, as Pandoc ignores it.' },
  'bib-missing-file': { severity: 'error', description: 'A bibliography named in the front matter or on the command line cannot be read.' },
  'bib-syntax': { severity: 'error', description: 'A BibTeX entry cannot be parsed; the other entries of the file still load.' },
  'bib-empty': { severity: 'warning', description: 'A bibliography holds no entry at all (not BibTeX, or an export that went wrong).' },
  'bib-duplicate-key': { severity: 'error', description: 'Two bibliography entries share one key.' },
  'bib-duplicate-field': { severity: 'warning', description: 'A BibTeX entry sets the same field twice; the first value is kept.' },
  'bib-missing-field': { severity: 'warning', description: 'A bibliography entry lacks a field its type requires.' },
  'bib-latex-unreadable': { severity: 'warning', description: 'A bibliography entry holds LaTeX the converter cannot read; the entry is listed with its LaTeX commands dropped.' },
  'bib-set-entry': { severity: 'warning', description: 'A biblatex `@set` is cited or in `nocite`: Pandoc does not read `entryset`, so it is listed with no author, title or date.' },
  'bib-unused-entry': { severity: 'warning', description: 'A bibliography entry is neither cited nor listed in `nocite`.' },
  'citation-unknown-key': { severity: 'error', description: 'A citation names a key that no bibliography defines.' },
  'citation-author-mismatch': { severity: 'warning', description: 'The name written before an author-suppressed citation does not match the entry.' },
  'crossref-unknown-target': { severity: 'error', description: 'A cross-reference points to a table, figure, section or note that does not exist.' },
  'crossref-duplicate-id': { severity: 'error', description: 'Two cross-reference targets share one id.' },
  'math-syntax': { severity: 'error', description: 'The TeX of an equation (`$…$`, `$$…$$`) cannot be read: an undefined command, a brace or environment left open. The equation is shown as its TeX source, in red; the other equations are drawn as usual.' },
  'footnote-undefined': { severity: 'error', description: 'A footnote reference has no definition.' },
  'footnote-unused': { severity: 'warning', description: 'A footnote definition is never referenced.' },
  'listing-caption-missing': { severity: 'warning', description: 'A code block has a listing id (`lst:x`, `lst-x`) but no caption, so it is not a numbered listing and cross-references to it fail.' },
  'table-schema': { severity: 'error', description: 'Period table data does not fit the schema.' },
  'table-source-missing': { severity: 'error', description: 'A period table directive names no data file, or one that cannot be read.' },
  'shortcode-dropped': { severity: 'warning', description: 'A Quarto shortcode (`{{< var x >}}`) is left out of the outputs: the paper runs no Quarto. `{{< pagebreak >}}` alone in its paragraph is a page break instead, without a message.' },
  'code-cell-not-run': { severity: 'info', description: 'The paper has Quarto (or knitr) executable cells, ```` ```{python} ````, ```` ```{r} ````: they are shown as code and never run, so their output (figures, tables, numbers) is not in the paper. One message at the first cell. Cells with `echo: false` or `include: false` are left out.' },
  'raw-tex-dropped': { severity: 'warning', description: 'Raw LaTeX written in the Markdown (`\\footnotesize`, `\\vspace{1em}`, `\\begin{figure}…\\end{figure}`) is left out of the HTML and the PDF, as Pandoc leaves it out of HTML; one warning covers each run of TeX written one after the other. `\\newpage`, `\\pagebreak` and `\\clearpage` are page breaks, `\\ref`/`\\autoref`/`\\cref`/`\\eqref` cross-references, `\\label{x}` the id of the figure or table whose caption, the heading or the equation that holds it and an `equation` or `align` environment display math; none of these is reported.' },
  'directive-unknown': { severity: 'warning', description: 'A directive that the pipeline does not know is left out of the output.' },
  'style-invalid': { severity: 'error', description: 'The CSL style cannot be found or is not valid CSL.' },
  'locale-unknown': { severity: 'error', description: 'The front matter asks for a language that has no CSL locale.' },
  'locale-substituted': { severity: 'warning', description: 'The language has no CSL locale of its own; another of the same language is used.' },
  'raw-html-removed': { severity: 'warning', description: 'Raw HTML that the allow-list does not permit (script, style, iframe, event handlers, `javascript:` URLs, style attributes) is removed from the output.' },
  'unsafe-url': { severity: 'warning', description: 'A link or image written in Markdown whose URL could run script or read local data (`javascript:`, `vbscript:`, `data:`, `file:` …) is removed: links keep their text. Allowed are `http`, `https`, `mailto` (links) and relative URLs, as for raw HTML.' },
  'font-glyph-missing': { severity: 'warning', description: 'A character of the paper has no glyph in any shipped font (Noto Serif, DejaVu Sans, DejaVu Sans Mono; a character of code that DejaVu Sans Mono lacks is drawn from the text fonts, and is missing only when they lack it too): the PDF shows an empty box for it, never a font of the machine it is printed on.' },
  'image-missing': { severity: 'error', description: 'A local image the manuscript shows (`![caption](figures/plot.png)`) cannot be read: missing, a folder, not readable, or outside the paper folder.' },
  'image-format': { severity: 'error', description: 'A local image is not PNG, JPEG, GIF, WebP, SVG or PDF, as its bytes tell (whatever its name says).' },
  'image-pdf': { severity: 'warning', description: 'A PDF figure (common in papers that came from LaTeX), whose first page the build draws as a PNG, cannot be drawn (a damaged file); it is left out.' },
  'figure-attribute': { severity: 'warning', description: 'An image\'s `width=` or `height=` is not a length (`50%`, `300px`, `8cm`, `3in`); it is left out.' },
  'remote-resource': { severity: 'warning', description: 'The page asks for a resource from outside the paper (an image or stylesheet by URL); it is not fetched.' },
  'output-locked': { severity: 'error', description: 'Another build holds the output folder for too long; nothing is written.' },
  'output-write': { severity: 'error', description: 'The output folder cannot be written (it is a file, read-only, full or not permitted, or its lock is a file); nothing is written.' },
  'pdf-print': { severity: 'error', description: 'The browser cannot be started or the PDF cannot be printed.' },
} as const satisfies Record<string, Rule>;

export type RuleId = keyof typeof rules;

export function isRuleId(id: string): id is RuleId {
  return Object.hasOwn(rules, id);
}

/** The help texts, apart from the commands so that `--help` loads no pipeline code. */

export const usage = `Usage: paper <command> [options]

Commands:
  build [PATH]   build the paper into HTML and PDF
  check [PATH]   check citations, cross-references, notes, bibliography and tables

Run \`paper <command> --help\` for a command's options.`;

export const buildUsage = `Usage: paper build [PATH] [--out DIR] [--no-pdf] [--style NAME|FILE.csl] [--bibliography FILE]... [--paper-size a4|letter]

Build a paper into standalone HTML and a PDF. PATH is a manuscript (.md) or a paper folder; this
repository's paper by default. Nothing is written when a check finds an error, and the previous
outputs stay as they were.

  --out DIR            output folder (default: build/ in the paper folder)
  --no-pdf             write the HTML only
  --style NAME|FILE    CSL style: paper (default), apa, vancouver, harvard1, or a .csl file
  --bibliography FILE  add a bibliography to those the front matter names (repeatable)
  --paper-size SIZE    a4 (default) or letter; overrides the front matter's papersize

Exit codes: 0 built, 1 errors in the inputs, 2 usage error.`;

export const checkUsage = `Usage: paper check [PATH] [--bibliography FILE]... [--format json] [--max-warnings N] [--quiet]

Check a paper's citations, cross-references, footnotes, bibliography and table data without
building it. PATH is a manuscript (.md) or a paper folder; this repository's paper by default.

  --bibliography FILE  add a bibliography to those the front matter names (repeatable)
  --format json        print messages in the vfile-reporter-json format
  --max-warnings N     fail (exit 1) when there are more than N warnings
  --quiet              print errors only

Exit codes: 0 no errors, 1 errors found (or too many warnings), 2 usage error.`;

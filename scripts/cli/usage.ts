/** The help texts, apart from the commands so that `--help` loads no pipeline code. */

export const usage = `Usage: paper <command> [options]

Commands:
  build [PATH]   build the paper into HTML and PDF (nothing to do when no input changed)
  check [PATH]   check citations, cross-references, notes, bibliography and tables
  watch [PATH]   serve the page on localhost and rebuild it on every change
  verify [PATH]  rebuild into a temporary folder and compare with the last build, byte for byte
  init DIR       make a new paper in DIR that builds at once
  lsp            the language server for editors, over stdin and stdout

Run \`paper <command> --help\` for a command's options.`;

export const buildUsage = `Usage: paper build [PATH] [--out DIR] [--no-pdf] [--style NAME|FILE.csl] [--bibliography FILE]... [--paper-size a4|letter] [--force] [--quiet] [--verbose] [--no-daemon]

Build a paper into standalone HTML and a PDF, with build/manifest.json naming the inputs, tools
and outputs by sha256. PATH is a manuscript (.md) or a paper folder; this repository's paper by
default. Nothing is written when a check finds an error, and the previous outputs stay as they
were. When no input, option or tool changed since the last build, nothing is done; when only
what the PDF does not show changed, the last PDF is kept instead of printed again.

  --out DIR            output folder (default: build/ in the paper folder)
  --no-pdf             write the HTML only
  --style NAME|FILE    CSL style: paper (default), apa, vancouver, harvard1, or a .csl file
  --bibliography FILE  add a bibliography to those the front matter names (repeatable)
  --paper-size SIZE    a4 (default) or letter; overrides the front matter's papersize
  --force              build even when nothing changed
  --quiet              print errors only: no progress, no stage timings, no warnings
  --verbose            one line for each unused bibliography entry, not one for each file
  --no-daemon          build in this process, not in a \`paper watch\` or \`paper lsp\` of the paper

While \`paper watch\` or \`paper lsp\` runs for the paper, it makes the build, warm: the same outputs,
output and exit code, sooner (PAPER_NO_DAEMON=1: never).

Exit codes: 0 built (or up to date), 1 errors in the inputs, 2 usage error.`;

export const checkUsage = `Usage: paper check [PATH] [--bibliography FILE]... [--format json] [--max-warnings N] [--quiet] [--verbose] [--no-daemon]

Check a paper's citations, cross-references, footnotes, bibliography and table data without
building it. PATH is a manuscript (.md) or a paper folder; this repository's paper by default.

  --bibliography FILE  add a bibliography to those the front matter names (repeatable)
  --format json        print messages in the vfile-reporter-json format
  --max-warnings N     fail (exit 1) when there are more than N warnings
  --quiet              print errors only
  --verbose            one line for each unused bibliography entry, not one for each file
  --no-daemon          check in this process, not in a \`paper watch\` or \`paper lsp\` of the paper

While \`paper watch\` or \`paper lsp\` runs for the paper, it makes the check, warm: the same output
and exit code, sooner (PAPER_NO_DAEMON=1: never).

Exit codes: 0 no errors, 1 errors found (or too many warnings), 2 usage error.`;

export const verifyUsage = `Usage: paper verify [PATH] [--out DIR] [--quiet] [--verbose]

Rebuild the paper into a temporary folder, with the options its last build recorded in
build/manifest.json, and compare every output and the manifest byte for byte. Says what changed
since that build (inputs, options, tools) when outputs differ.

  --out DIR            the build to verify (default: build/ in the paper folder)
  --quiet              no progress lines
  --verbose            one line for each unused bibliography entry, not one for each file

Exit codes: 0 every output reproduced, 1 an output differs or the rebuild failed, 2 usage error.`;

export const initUsage = `Usage: paper init DIR

Make a new paper in DIR (which must not exist, or be empty): a manuscript with a citation, a note
and a cross-reference, a bibliography, one period table, paper.config.yaml and a README.
\`paper build DIR\` builds it at once.

Exit codes: 0 made, 1 DIR is not empty (nothing is written), 2 usage error.`;

export const watchUsage = `Usage: paper watch [PATH] [--port N] [--style NAME|FILE.csl] [--bibliography FILE]... [--quiet] [--verbose] [--no-daemon]

Build the paper's page and serve it on http://127.0.0.1:PORT/; rebuild it whenever the manuscript,
a bibliography, a table's data, the style or the project config changes, goes missing or comes
back, and reload the open page. Problems are printed here and shown in a banner on the page (with
errors, the page keeps the last good build). The PDF of the current page is at /paper.pdf, printed
on request by a browser kept open. Nothing is written to the paper folder. Ctrl-C stops.

The server answers only requests for Host 127.0.0.1:PORT or localhost:PORT (others: 403), at most
256 connections at once (200 of them reload streams; fewer under a low ulimit -n), request heads
of at most 8 KiB sent within 10 s, and no request bodies.

While it runs, \`paper check\` and \`paper build\` of the same paper are done by it, between its
rebuilds, and answered as they would be in a process of their own, faster; over a Unix socket that
only this user can reach, never over the network.

  --port N             port to listen on (default 4000; 0 picks a free one)
  --style NAME|FILE    CSL style, as for \`paper build\`
  --bibliography FILE  add a bibliography (repeatable)
  --quiet              print errors only
  --verbose            one line for each unused bibliography entry, not one for each file
  --no-daemon          do not answer \`paper check\` and \`paper build\`

Exit codes: 0 stopped, 1 the port cannot be used, 2 usage error.`;

export const lspUsage = `Usage: paper lsp [--stdio] [--no-daemon]

Speak the Language Server Protocol over stdin and stdout, for an editor: the problems \`paper check\`
finds, as you type (on the manuscript, its bibliography, table data and configuration); completion of
citation keys, cross-reference ids and locators; hover on a citation (its entry as the reference
list prints it); go to definition, find references and rename of keys; quick fixes; the outline.
The editor starts it; see "In your editor" in the README. While it runs, \`paper check\` and
\`paper build\` of the paper in the folder it was started in are done by it, as \`paper watch\`
does them, from the files on disk (never the editor's unsaved text).

  --stdio              accepted, and the same: stdin and stdout are the only transport
  --no-daemon          do not answer \`paper check\` and \`paper build\`

Exit codes: 0 the editor ended the session (after \`shutdown\`), 1 it exited without one, 2 usage error.`;

import { CodeActionKind, type CodeAction, type Diagnostic, type TextEdit } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { ResolvedPaper } from '../pipeline/resolve.js';
import { rangeOf, uriOf } from './lsp-ranges.js';

/**
 * Quick fixes for the check's own diagnostics, read from what they say (the messages are the one
 * place the did-you-mean candidates are kept, as `paper check` prints them):
 * - `citation-unknown-key`, `crossref-unknown-target`, `config-schema`: replace the name with each
 *   candidate of "; did you mean `a`, `b` or `c`";
 * - `citation-author-mismatch`: replace the name written with each of the entry's authors, the
 *   closest first;
 * - `bib-unused-entry`: remove the entry from the bibliography.
 */
export function codeActions(document: TextDocument, diagnostics: readonly Diagnostic[], paper: ResolvedPaper | undefined): CodeAction[] {
  const actions: CodeAction[] = [];
  for (const diagnostic of diagnostics) {
    if (diagnostic.source !== 'paper' || typeof diagnostic.message !== 'string') continue;
    const message = diagnostic.message;
    switch (diagnostic.code) {
      case 'citation-unknown-key':
      case 'crossref-unknown-target':
      case 'config-schema':
        actions.push(...replacements(document, diagnostic, didYouMean(message)));
        break;
      case 'citation-author-mismatch': {
        const authors = /\(([^)]*)\)/.exec(message)?.[1] ?? '';
        const candidates = [...new Set([...didYouMean(message), ...quoted(authors)])];
        actions.push(...replacements(document, diagnostic, candidates, (name) => `Replace with the entry's author \`${name}\``));
        break;
      }
      case 'bib-unused-entry': {
        const removal = removeEntry(document, diagnostic, paper);
        if (removal) actions.push(removal);
        break;
      }
      default:
        break;
    }
  }
  return actions;
}

function quoted(text: string): string[] {
  return [...text.matchAll(/`([^`]+)`/g)].map((match) => match[1] ?? '');
}

/** The candidates of "; did you mean `a`, `b` or `c`", best first. */
export function didYouMean(message: string): string[] {
  const at = message.indexOf('; did you mean ');
  if (at < 0) return [];
  const rest = message.slice(at + '; did you mean '.length);
  const end = rest.indexOf(';');
  return quoted(end < 0 ? rest : rest.slice(0, end));
}

/** Replace the wrong name (the first backticked value of the message) where it stands in the diagnostic's range. */
function replacements(document: TextDocument, diagnostic: Diagnostic, candidates: string[], title = (name: string) => `Replace with \`${name}\``): CodeAction[] {
  const wrong = quoted(String(diagnostic.message))[0]?.replace(/^#/, '');
  if (!wrong || candidates.length === 0) return [];
  const start = document.offsetAt(diagnostic.range.start);
  const written = document.getText(diagnostic.range);
  const at = written.lastIndexOf(wrong);
  if (at < 0) return [];
  const range = { start: document.positionAt(start + at), end: document.positionAt(start + at + wrong.length) };
  return candidates.map((candidate, index): CodeAction => ({
    title: title(candidate.replace(/^#/, '')),
    kind: CodeActionKind.QuickFix,
    diagnostics: [diagnostic],
    isPreferred: index === 0,
    edit: { changes: { [document.uri]: [{ range, newText: candidate.replace(/^#/, '') }] } },
  }));
}

/** Remove the unused entry, from its `@` to its closing brace, with the blank line after it. */
function removeEntry(document: TextDocument, diagnostic: Diagnostic, paper: ResolvedPaper | undefined): CodeAction | undefined {
  const key = quoted(String(diagnostic.message))[0];
  const placed = key ? paper?.bibliography.entries.get(key) : undefined;
  if (!placed || !placed.file.path || uriOf(placed.file.path) !== document.uri || String(placed.file.value) !== document.getText()) return undefined;
  const range = rangeOf(placed.file, placed.entry.position);
  const text = document.getText();
  let end = document.offsetAt(range.end);
  // The line break that ends the entry's line, and one blank line after it.
  for (let breaks = 0; breaks < 2 && /^[ \t]*\r?\n/.test(text.slice(end)); breaks++) end += /^[ \t]*\r?\n/.exec(text.slice(end))?.[0].length ?? 0;
  const edit: TextEdit = { range: { start: range.start, end: document.positionAt(end) }, newText: '' };
  return { title: `Remove the unused entry \`${key}\``, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], edit: { changes: { [document.uri]: [edit] } } };
}

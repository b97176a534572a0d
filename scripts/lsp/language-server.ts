import {
  ErrorCodes,
  ResponseError,
  TextDocumentSyncKind,
  TextDocuments,
  type Connection,
  type InitializeResult,
  type Position,
  type TextDocumentPositionParams,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { ResolvedPaper } from '../pipeline/resolve.js';
import { keyAt } from './citation-text.js';
import { codeActions } from './code-actions.js';
import { completions, targetDetail } from './completion.js';
import { entryHover } from './entry-hover.js';
import { pathOf } from './lsp-ranges.js';
import { definitionOf, entryAt, referencesOf, renameKey } from './navigation.js';
import { outline } from './outline.js';
import { OpenPapers } from './open-papers.js';

/**
 * `paper lsp`: the language server. Each open manuscript is checked by the same `check()` as
 * `paper check` and `paper watch` (`OpenPapers`, `PaperSession`). Requests that need the tree
 * (definition, references, rename, quick fixes, the outline) wait for the check of every edit
 * received; completion and hover answer at once from the last check and the buffer as it is.
 */
export function startLanguageServer(connection: Connection): { closed: Promise<void> } {
  const documents = new TextDocuments(TextDocument);
  const cwd = process.cwd();
  const papers = new OpenPapers(documents, connection, cwd);
  // A document opened is then "changed" to its text (TextDocuments fires both): that checks it.
  documents.onDidOpen(({ document }) => papers.opened(document));
  documents.onDidChangeContent(({ document }) => papers.changed(document));
  documents.onDidClose(({ document }) => papers.closed(document));

  connection.onInitialize((): InitializeResult => ({
    capabilities: {
      // LSP's default, and what every place is converted to (`lsp-ranges.ts`).
      positionEncoding: 'utf-16',
      textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: false },
      completionProvider: { triggerCharacters: ['@', ',', ' '] },
      hoverProvider: true,
      definitionProvider: true,
      referencesProvider: true,
      renameProvider: { prepareProvider: true },
      codeActionProvider: { codeActionKinds: ['quickfix'] },
      documentSymbolProvider: true,
    },
    serverInfo: { name: 'paper' },
  }));

  connection.onDidChangeWatchedFiles(({ changes }) => {
    for (const change of changes) {
      const path = pathOf(change.uri);
      if (path) papers.changedOnDisk(path);
    }
  });

  /** The open document and the offset of a position in it; a position outside it is an error response. */
  const located = (params: TextDocumentPositionParams) => {
    const document = documentOf(params);
    return { document, offset: document.offsetAt(validPosition(document, params.position)) };
  };
  const documentOf = (params: { textDocument?: { uri?: unknown } } | undefined): TextDocument => {
    const uri = params?.textDocument?.uri;
    if (typeof uri !== 'string') throw new ResponseError(ErrorCodes.InvalidParams, 'Expected `textDocument.uri`');
    const document = documents.get(uri);
    if (!document) throw new ResponseError(ErrorCodes.InvalidParams, `The document \`${uri}\` is not open`);
    return document;
  };
  const sessionOf = (document: TextDocument) => papers.sessionOf(document);
  const settledPaper = (document: TextDocument) => papers.settledPaper(document);

  connection.onCompletion((params) => {
    const { document, offset } = located(params);
    return completions(document, offset, sessionOf(document)?.latest?.result.paper);
  });

  connection.onHover(async (params) => {
    const { document, offset } = located(params);
    const written = keyAt(document.getText(), offset);
    const session = sessionOf(document);
    const checked = session?.latest;
    if (!written || !session || !checked?.result.paper) return null;
    const range = { start: document.positionAt(written.start), end: document.positionAt(written.end) };
    const target = checked.result.paper.targets.get(written.key.toLowerCase());
    if (target) return { contents: { kind: 'markdown', value: targetDetail(target) }, range };
    const markdown = await entryHover(checked.result, written.key, session.stageCache, cwd);
    return markdown ? { contents: { kind: 'markdown', value: markdown }, range } : null;
  });

  /** The key under the cursor: a citation's in a manuscript, an entry's in a bibliography. */
  const keyUnder = (document: TextDocument, offset: number, paper: ResolvedPaper) => {
    // In a bibliography, the entry under the cursor (`@book{` is no citation there).
    const path = pathOf(document.uri);
    const position = document.positionAt(offset);
    const placed = path ? entryAt(paper, path, position.line, position.character) : undefined;
    if (placed) return { key: placed.entry.key, range: referencesOf(paper, placed.entry.key, true)[0]?.range ?? { start: position, end: position } };
    const written = keyAt(document.getText(), offset);
    return written ? { key: written.key, range: { start: document.positionAt(written.start), end: document.positionAt(written.end) } } : undefined;
  };

  connection.onDefinition(async (params) => {
    const { document, offset } = located(params);
    const settled = await settledPaper(document);
    const written = keyAt(document.getText(), offset);
    return settled && written ? (definitionOf(settled.paper, written.key) ?? null) : null;
  });

  connection.onReferences(async (params) => {
    const { document, offset } = located(params);
    const settled = await settledPaper(document);
    const under = settled ? keyUnder(document, offset, settled.paper) : undefined;
    return settled && under ? referencesOf(settled.paper, under.key, params.context?.includeDeclaration === true) : [];
  });

  connection.onPrepareRename(async (params) => {
    const { document, offset } = located(params);
    const settled = await settledPaper(document);
    const under = settled ? keyUnder(document, offset, settled.paper) : undefined;
    if (!settled || !under || !settled.paper.bibliography.entries.has(under.key)) throw new ResponseError(ErrorCodes.InvalidRequest, 'Only a bibliography key can be renamed here');
    return { range: under.range, placeholder: under.key };
  });

  connection.onRenameRequest(async (params) => {
    const { document, offset } = located(params);
    const settled = await settledPaper(document);
    const under = settled ? keyUnder(document, offset, settled.paper) : undefined;
    if (!settled || !under) throw new ResponseError(ErrorCodes.InvalidRequest, 'No citation key here');
    if (typeof params.newName !== 'string') throw new ResponseError(ErrorCodes.InvalidParams, 'Expected `newName`');
    const renamed = renameKey(settled.paper, under.key, params.newName);
    if ('refused' in renamed) throw new ResponseError(ErrorCodes.InvalidRequest, renamed.refused);
    return renamed.edit;
  });

  connection.onCodeAction(async (params) => {
    const document = documentOf(params);
    const settled = await settledPaper(document);
    const diagnostics = Array.isArray(params.context?.diagnostics) ? params.context.diagnostics : [];
    return codeActions(document, diagnostics, settled?.paper);
  });

  connection.onDocumentSymbol(async (params) => {
    const document = documentOf(params);
    const paper = (await papers.ownSession(document)?.settled())?.result.paper;
    return paper ? outline(paper) : [];
  });

  documents.listen(connection);
  const closed = new Promise<void>((resolve) => {
    connection.onShutdown(() => papers.close());
    connection.onExit(() => resolve());
  });
  connection.listen();
  return { closed };
}

/** A position inside the document (a character past the line's end is its end, as LSP says); else an error response. */
function validPosition(document: TextDocument, position: Position | undefined): Position {
  const valid = (value: unknown) => typeof value === 'number' && Number.isInteger(value) && value >= 0;
  if (!position || !valid(position.line) || !valid(position.character)) throw new ResponseError(ErrorCodes.InvalidParams, 'Expected a position with a line and a character (whole numbers from 0)');
  if (position.line >= document.lineCount) throw new ResponseError(ErrorCodes.InvalidParams, `Line ${position.line} is outside the document (${document.lineCount} lines)`);
  return position;
}

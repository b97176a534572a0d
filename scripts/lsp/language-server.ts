import { basename } from 'node:path';
import {
  ErrorCodes,
  ResponseError,
  TextDocumentSyncKind,
  TextDocuments,
  type Connection,
  type Diagnostic,
  type InitializeResult,
  type Position,
  type TextDocumentPositionParams,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { ResolvedPaper } from '../pipeline/resolve.js';
import { keyAt } from './citation-text.js';
import { codeActions } from './code-actions.js';
import { completions, targetDetail } from './completion.js';
import { diagnosticsByUri } from './diagnostics.js';
import { entryHover } from './entry-hover.js';
import { pathOf } from './lsp-ranges.js';
import { definitionOf, entryAt, referencesOf, renameKey } from './navigation.js';
import { outline } from './outline.js';
import { PaperSession, type SessionCheck } from './paper-session.js';
import { SourceWatcher } from './source-watcher.js';

/** A manuscript is a Markdown file: Pandoc's `.md`, Quarto's `.qmd`, R Markdown's `.Rmd`. */
const manuscriptName = /\.(?:md|markdown|qmd|rmd)$/i;

/**
 * Whether an opened Markdown file is a paper's manuscript: it starts with a YAML front matter, or is
 * called `paper.md` as `paper` finds it in a folder. A README or notes beside the paper are not
 * checked as papers (their `@` mentions are no citations).
 */
function isManuscript(path: string, text: string): boolean {
  return manuscriptName.test(path) && (/^(?:\uFEFF)?---[ \t]*\r?\n/.test(text) || basename(path) === 'paper.md');
}

/**
 * `paper lsp`: the language server. Each open manuscript is a `PaperSession`, checked by the same
 * `check()` as `paper check` and `paper watch`, from the editor's buffers (the manuscript's and any
 * open bibliography's, table data's or configuration's); its diagnostics are published on the file
 * each is about. A save of a file the paper reads (seen by the file watcher, or reported by the
 * client) checks it again. Requests that need the tree wait for the check of every edit received;
 * completion and hover answer at once from the last check and the buffer as it is.
 */
export function startLanguageServer(connection: Connection): { closed: Promise<void> } {
  const documents = new TextDocuments(TextDocument);
  const sessions = new Map<string, PaperSession>();
  /** What each session last published, by URI: a file's diagnostics are the union over the sessions that read it. */
  const published = new Map<PaperSession, Map<string, Diagnostic[]>>();
  const cwd = process.cwd();
  const watcher = new SourceWatcher((path) => {
    for (const session of sessions.values()) if (reads(session.latest, path)) void session.request();
  });

  const texts = () => {
    const map = new Map<string, string>();
    for (const document of documents.all()) {
      const path = pathOf(document.uri);
      if (path) map.set(path, document.getText());
    }
    return map;
  };

  const publish = (session: PaperSession, checked: SessionCheck) => {
    const before = published.get(session) ?? new Map<string, Diagnostic[]>();
    const now = diagnosticsByUri(checked.result.files);
    published.set(session, now);
    for (const uri of new Set([...before.keys(), ...now.keys()])) {
      const all = [...published.values()].flatMap((byUri) => byUri.get(uri) ?? []);
      const document = documents.get(uri);
      void connection.sendDiagnostics({ uri, diagnostics: unique(all), ...(document ? { version: document.version } : {}) });
    }
    // Files on disk the paper reads: a save of one checks the paper again.
    const open = new Set(checked.texts.keys());
    watcher.watch(session.manuscript, (checked.result.sought ?? []).map((file) => file.path).filter((path) => !open.has(path)));
  };

  const sessionFor = (path: string): PaperSession => {
    let session = sessions.get(path);
    if (!session) {
      const created = new PaperSession(path, cwd, texts, (checked) => publish(created, checked), (error) => connection.console.error(`paper lsp: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`));
      sessions.set(path, created);
      session = created;
    }
    return session;
  };

  const closeSession = (session: PaperSession) => {
    session.close();
    sessions.delete(session.manuscript);
    const before = published.get(session);
    published.delete(session);
    watcher.watch(session.manuscript, []);
    for (const uri of before?.keys() ?? []) {
      const all = [...published.values()].flatMap((byUri) => byUri.get(uri) ?? []);
      void connection.sendDiagnostics({ uri, diagnostics: unique(all) });
    }
  };

  /** The sessions a change of `path` concerns: its manuscript's, and those whose last check read it. */
  const touched = (path: string) => [...sessions.values()].filter((session) => session.manuscript === path || reads(session.latest, path));

  // A document opened is then "changed" to its text (TextDocuments fires both): that checks it.
  documents.onDidOpen(({ document }) => {
    const path = pathOf(document.uri);
    if (path && isManuscript(path, document.getText())) sessionFor(path);
  });
  documents.onDidChangeContent(({ document }) => {
    const path = pathOf(document.uri);
    if (path) for (const session of touched(path)) void session.request();
  });
  documents.onDidClose(({ document }) => {
    const path = pathOf(document.uri);
    if (!path) return;
    const own = sessions.get(path);
    if (own) closeSession(own);
    // Its text is the file's on disk again.
    for (const session of touched(path)) void session.request();
  });

  connection.onInitialize((): InitializeResult => ({
    capabilities: {
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
      if (path && !documents.get(change.uri)) for (const session of touched(path)) void session.request();
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
  /** The session of a manuscript, or of the open manuscript whose paper reads this file (a bibliography). */
  const sessionOf = (document: TextDocument): PaperSession | undefined => {
    const path = pathOf(document.uri);
    if (!path) return undefined;
    return sessions.get(path) ?? [...sessions.values()].find((session) => reads(session.latest, path));
  };
  const settledPaper = async (document: TextDocument): Promise<{ paper: ResolvedPaper; session: PaperSession } | undefined> => {
    const session = sessionOf(document);
    const paper = (await session?.settled())?.result.paper;
    return session && paper ? { paper, session } : undefined;
  };

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
    const written = keyAt(document.getText(), offset);
    if (written) return { key: written.key, range: { start: document.positionAt(written.start), end: document.positionAt(written.end) } };
    const path = pathOf(document.uri);
    const position = document.positionAt(offset);
    const placed = path ? entryAt(paper, path, position.line, position.character) : undefined;
    if (!placed) return undefined;
    const uses = referencesOf(paper, placed.entry.key, true);
    return { key: placed.entry.key, range: uses[0]?.range ?? { start: position, end: position } };
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
    const path = pathOf(document.uri);
    const session = path ? sessions.get(path) : undefined;
    const paper = (await session?.settled())?.result.paper;
    return paper ? outline(paper) : [];
  });

  documents.listen(connection);
  const closed = new Promise<void>((resolve) => {
    connection.onShutdown(() => {
      for (const session of sessions.values()) session.close();
      watcher.close();
    });
    connection.onExit(() => resolve());
  });
  connection.listen();
  return { closed };
}

/** Whether the last check of a session read (or looked for) `path`. */
function reads(checked: SessionCheck | undefined, path: string): boolean {
  if (!checked) return false;
  return (checked.result.sought ?? []).some((file) => file.path === path) || checked.result.files.some((file) => file.path === path);
}

/** A position inside the document (a character past the line's end is its end, as LSP says); else an error response. */
function validPosition(document: TextDocument, position: Position | undefined): Position {
  const valid = (value: unknown) => typeof value === 'number' && Number.isInteger(value) && value >= 0;
  if (!position || !valid(position.line) || !valid(position.character)) throw new ResponseError(ErrorCodes.InvalidParams, 'Expected a position with a line and a character (whole numbers from 0)');
  if (position.line >= document.lineCount) throw new ResponseError(ErrorCodes.InvalidParams, `Line ${position.line} is outside the document (${document.lineCount} lines)`);
  return position;
}

function unique(diagnostics: Diagnostic[]): Diagnostic[] {
  const seen = new Set<string>();
  return diagnostics.filter((diagnostic) => {
    const key = JSON.stringify(diagnostic);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}


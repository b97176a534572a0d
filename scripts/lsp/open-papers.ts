import { basename } from 'node:path';
import type { Connection, Diagnostic, TextDocuments } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { ResolvedPaper } from '../pipeline/resolve.js';
import { diagnosticsByUri } from './diagnostics.js';
import { pathOf } from './lsp-ranges.js';
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
 * The papers open in the editor: a `PaperSession` for each open manuscript, checked from the
 * editor's buffers (the manuscript's and any open bibliography's, table data's or
 * configuration's), its diagnostics published on the file each is about. A file several papers
 * read shows what all of them found. A save of a file a paper reads that the editor does not hold
 * (seen by the file watcher, or reported by the client) checks that paper again.
 */
export class OpenPapers {
  private readonly sessions = new Map<string, PaperSession>();
  /** What each session last published, by URI. */
  private readonly published = new Map<PaperSession, Map<string, Diagnostic[]>>();
  private readonly watcher = new SourceWatcher((path) => this.changedOnDisk(path));

  constructor(
    private readonly documents: TextDocuments<TextDocument>,
    private readonly connection: Connection,
    private readonly cwd: string,
  ) {}

  /** A document opened: a manuscript gets its session (the change that follows checks it). */
  opened(document: TextDocument): void {
    const path = pathOf(document.uri);
    if (path && isManuscript(path, document.getText()) && !this.sessions.has(path)) {
      const session: PaperSession = new PaperSession(path, this.cwd, () => this.texts(), (checked) => this.publish(session, checked), (error) => this.connection.console.error(`paper lsp: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`));
      this.sessions.set(path, session);
    }
  }

  changed(document: TextDocument): void {
    const path = pathOf(document.uri);
    if (path) for (const session of this.touched(path)) void session.request();
  }

  closed(document: TextDocument): void {
    const path = pathOf(document.uri);
    if (!path) return;
    const own = this.sessions.get(path);
    if (own) this.end(own);
    // Its text is the file's on disk again.
    for (const session of this.touched(path)) void session.request();
  }

  /** A file changed on disk; one the editor holds open is read from its buffer, not from disk. */
  changedOnDisk(path: string): void {
    if ([...this.documents.all()].some((document) => pathOf(document.uri) === path)) return;
    for (const session of this.touched(path)) void session.request();
  }

  /** The session of a manuscript, or of the open manuscript whose paper reads this file (a bibliography). */
  sessionOf(document: TextDocument): PaperSession | undefined {
    const path = pathOf(document.uri);
    if (!path) return undefined;
    return this.sessions.get(path) ?? [...this.sessions.values()].find((session) => reads(session.latest, path));
  }

  /** The checked paper of a document's session, once every edit received is checked. */
  async settledPaper(document: TextDocument): Promise<{ paper: ResolvedPaper; session: PaperSession } | undefined> {
    const session = this.sessionOf(document);
    const paper = (await session?.settled())?.result.paper;
    return session && paper ? { paper, session } : undefined;
  }

  /** The session of this manuscript itself (not of a file its paper reads). */
  ownSession(document: TextDocument): PaperSession | undefined {
    const path = pathOf(document.uri);
    return path ? this.sessions.get(path) : undefined;
  }

  close(): void {
    for (const session of this.sessions.values()) session.close();
    this.watcher.close();
  }

  private texts(): Map<string, string> {
    const map = new Map<string, string>();
    for (const document of this.documents.all()) {
      const path = pathOf(document.uri);
      if (path) map.set(path, document.getText());
    }
    return map;
  }

  /** The sessions a change of `path` concerns: its manuscript's, and those whose last check read it. */
  private touched(path: string): PaperSession[] {
    return [...this.sessions.values()].filter((session) => session.manuscript === path || reads(session.latest, path));
  }

  private publish(session: PaperSession, checked: SessionCheck): void {
    const before = this.published.get(session) ?? new Map<string, Diagnostic[]>();
    const now = diagnosticsByUri(checked.result.files);
    this.published.set(session, now);
    this.send(new Set([...before.keys(), ...now.keys()]));
    // Files on disk the paper reads: a save of one checks the paper again.
    const open = new Set(checked.texts.keys());
    this.watcher.watch(session.manuscript, (checked.result.sought ?? []).map((file) => file.path).filter((path) => !open.has(path)));
  }

  private end(session: PaperSession): void {
    session.close();
    this.sessions.delete(session.manuscript);
    const before = this.published.get(session);
    this.published.delete(session);
    this.watcher.watch(session.manuscript, []);
    this.send(new Set(before?.keys()));
  }

  /** Each URI's diagnostics: the union of what every session found in it. */
  private send(uris: Iterable<string>): void {
    for (const uri of uris) {
      const all = [...this.published.values()].flatMap((byUri) => byUri.get(uri) ?? []);
      const document = this.documents.get(uri);
      void this.connection.sendDiagnostics({ uri, diagnostics: unique(all), ...(document ? { version: document.version } : {}) });
    }
  }
}

/** Whether the last check of a session read (or looked for) `path`. */
function reads(checked: SessionCheck | undefined, path: string): boolean {
  if (!checked) return false;
  return (checked.result.sought ?? []).some((file) => file.path === path) || checked.result.files.some((file) => file.path === path);
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

import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { pathToFileURL } from 'node:url';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node';
import { fromRoot } from './paths.js';

/** A diagnostic as the server publishes it (the fields the tests read). */
export interface PublishedDiagnostic {
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
  severity?: number;
  code?: string | number;
  source?: string;
  message: string;
}

/**
 * `paper lsp --stdio` in a process of its own, driven over its stdin and stdout with vscode-jsonrpc,
 * as an editor drives it. Every wait is bounded (a hang fails the test, it never stalls the run);
 * `stop()` ends the process whatever state it is in.
 */
export class LspClient {
  readonly child: ChildProcessWithoutNullStreams;
  readonly connection: MessageConnection;
  /** The latest diagnostics of each URI, and how many times each was published. */
  readonly diagnostics = new Map<string, PublishedDiagnostic[]>();
  readonly publications = new Map<string, number>();
  stderr = '';
  private readonly waiters: Array<() => void> = [];
  private versions = new Map<string, number>();

  constructor(cwd: string, args: string[] = ['lsp', '--stdio'], execArgv: string[] = []) {
    this.child = spawn(process.execPath, [...execArgv, fromRoot('bin/paper.js'), ...args], { cwd, stdio: 'pipe' });
    this.child.stderr.on('data', (chunk: Buffer) => {
      this.stderr += chunk.toString();
    });
    this.connection = createMessageConnection(new StreamMessageReader(this.child.stdout), new StreamMessageWriter(this.child.stdin));
    this.connection.onNotification('textDocument/publishDiagnostics', (params: { uri: string; diagnostics: PublishedDiagnostic[] }) => {
      this.diagnostics.set(params.uri, params.diagnostics);
      this.publications.set(params.uri, (this.publications.get(params.uri) ?? 0) + 1);
      for (const waiter of this.waiters.splice(0)) waiter();
    });
    this.connection.onNotification('window/logMessage', () => undefined);
    this.connection.onRequest('client/registerCapability', () => null);
    this.connection.onRequest('workspace/configuration', () => []);
    this.connection.listen();
  }

  async initialize(rootPath: string): Promise<{ capabilities: Record<string, unknown> }> {
    const result = await this.request<{ capabilities: Record<string, unknown> }>('initialize', { processId: process.pid, rootUri: pathToFileURL(rootPath).href, capabilities: {} });
    await this.connection.sendNotification('initialized', {});
    return result;
  }

  request<T>(method: string, params?: unknown, limit = 30_000): Promise<T> {
    const answer = this.connection.sendRequest(method, params) as Promise<T>;
    return bounded(answer, limit, `an answer to ${method}`);
  }

  async open(path: string, text: string, languageId = 'markdown'): Promise<string> {
    const uri = pathToFileURL(path).href;
    this.versions.set(uri, 1);
    await this.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version: 1, text } });
    return uri;
  }

  /** Replace the whole text, or a range of it. */
  async change(uri: string, text: string, range?: PublishedDiagnostic['range']): Promise<void> {
    const version = (this.versions.get(uri) ?? 1) + 1;
    this.versions.set(uri, version);
    await this.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [range ? { range, text } : { text }] });
  }

  async close(uri: string): Promise<void> {
    await this.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
  }

  /** Wait until the diagnostics of `uri` satisfy `test`. */
  async diagnosticsOf(uri: string, test: (diagnostics: PublishedDiagnostic[]) => boolean = () => true, limit = 30_000): Promise<PublishedDiagnostic[]> {
    const end = Date.now() + limit;
    for (;;) {
      const current = this.diagnostics.get(uri);
      if (current && test(current)) return current;
      const left = end - Date.now();
      if (left <= 0) throw new Error(`Gave up waiting for diagnostics of ${uri}; last: ${JSON.stringify(current)}; stderr: ${this.stderr}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  /** The next publication for `uri` after now. */
  async nextDiagnostics(uri: string, limit = 30_000): Promise<PublishedDiagnostic[]> {
    const count = this.publications.get(uri) ?? 0;
    await this.diagnosticsOf(uri, () => (this.publications.get(uri) ?? 0) > count, limit);
    return this.diagnostics.get(uri) ?? [];
  }

  get alive(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  /** `shutdown` and `exit` when it still answers, then the process killed if it has not ended. */
  async stop(): Promise<number | null> {
    const exited = new Promise<number | null>((resolve) => {
      if (!this.alive) resolve(this.child.exitCode);
      else this.child.once('exit', (code) => resolve(code));
    });
    if (this.alive) {
      try {
        await this.request('shutdown', undefined, 5_000);
        await this.connection.sendNotification('exit');
      } catch {
        // Not answering: killed below.
      }
    }
    const code = await bounded(exited, 5_000, 'the server to exit').catch(() => {
      this.child.kill('SIGKILL');
      return null;
    });
    this.connection.dispose();
    return code;
  }
}

export function bounded<T>(promise: Promise<T>, limit: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`Gave up waiting for ${what}`)), limit);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

const severityNames = ['', 'error', 'warning', 'info', 'hint'];

/** A diagnostic in one line, its range 0-based as LSP sends it: `15:3-15:13 error citation-unknown-key Cannot find …`. */
export function showDiagnostic({ range, severity, code, message }: PublishedDiagnostic): string {
  return `${range.start.line}:${range.start.character}-${range.end.line}:${range.end.character} ${severityNames[severity ?? 0] ?? '?'} ${String(code)} ${message}`;
}

/** The range of the first `needle` in `text`, on one line (0-based, UTF-16 columns). */
export function rangeIn(text: string, needle: string, from = 0): PublishedDiagnostic['range'] {
  const index = text.indexOf(needle, from);
  if (index < 0) throw new Error(`No \`${needle}\` in the text`);
  const before = text.slice(0, index).split('\n');
  const line = before.length - 1;
  const character = before.at(-1)?.length ?? 0;
  return { start: { line, character }, end: { line, character: character + needle.length } };
}

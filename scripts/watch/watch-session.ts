import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { VFile } from 'vfile';
import { hasErrors } from '../diagnostics/report.js';
import { sha256 } from '../manifest/sha256.js';
import type { Printer } from '../pdf/print-pdf.js';
import { renderHtml, type BuildOptions } from '../pipeline/build.js';
import { check } from '../pipeline/check.js';
import { inputsOf } from '../pipeline/load.js';
import { onForcedExit } from '../source/forced-exit.js';
import { planPdf, printStage } from '../pipeline/print.js';
import { readSource } from '../source/read-source.js';
import { StageCache } from '../source/stage-cache.js';

/** One rebuild of the page: the HTML (the last good one when this one failed), its messages, what it read. */
export interface WatchBuild {
  /** Counts up with every rebuild. */
  id: number;
  /** The HTML to show: this rebuild's, or the last good one when it failed. */
  html: string | undefined;
  /** Whether `html` is this rebuild's own. */
  fresh: boolean;
  files: VFile[];
  /** Every file the rebuild read or looked for: a change to any of them means a rebuild. */
  inputs: string[];
  milliseconds: number;
}

/**
 * A paper kept warm between edits: the Markdown processor's code is hot, the CSL engine, the
 * rendered citations and the font subsets are kept while what they depend on stays the same, and
 * the browser for the PDF stays open once it has printed. Nothing is written to the paper folder.
 */
export class WatchSession {
  private readonly cache = new StageCache(32);
  private count = 0;
  private printer: Printer | undefined;
  private unregisterKill: (() => void) | undefined;
  private scratch: string | undefined;
  private printed: { key: string; pdf: Uint8Array } | undefined;
  /** The last build, and the text of every file it read, by path. */
  private last: { build: WatchBuild; texts: Map<string, string> } | undefined;
  /** The last build that had no error: what the page shows, what it read, and how to print it. */
  private lastGood: { html: string; inputs: string[]; plan: () => ReturnType<typeof planPdf>; manuscript: VFile } | undefined;

  constructor(private readonly options: Omit<BuildOptions, 'pdf' | 'out' | 'onStage'>) {}

  /**
   * Build the page again; with `changed` (the files the watcher saw change), the last build is
   * returned as it is when each of them still reads exactly as that build read it: one save often
   * comes as several events, and the later ones change nothing.
   */
  async rebuild(changed?: ReadonlySet<string>): Promise<WatchBuild> {
    if (changed && this.last && (await unchanged(changed, this.last.texts))) return this.last.build;
    return this.build();
  }

  /**
   * Whether the files among `paths` that the last build read still read as it read them. A save
   * seen mid-write (an editor's write can be preempted) is built from half a file; this is how the
   * caller finds out before showing it, even when the rest of the save brings no new event.
   */
  async readsAsBuilt(paths: ReadonlySet<string>): Promise<boolean> {
    if (!this.last) return true;
    const texts = this.last.texts;
    return unchanged(new Set([...paths].filter((path) => texts.has(path))), texts);
  }

  private async build(): Promise<WatchBuild> {
    const started = performance.now();
    const id = ++this.count;
    const checked = await check({ ...this.options, cache: this.cache });
    const { paper, manuscript } = checked;
    const done = (html: string | undefined, files: VFile[], inputs: string[], read = files): WatchBuild => {
      const build = {
        id,
        html: html ?? this.lastGood?.html,
        fresh: html !== undefined,
        files,
        inputs: inputs.length > 0 ? inputs : (this.lastGood?.inputs ?? []),
        milliseconds: performance.now() - started,
      };
      this.last = { build, texts: new Map(read.flatMap((file) => (file.path ? [[file.path, String(file.value)] as const] : []))) };
      return build;
    };
    const readPaths = checked.files.map((file) => file.path).filter((path): path is string => Boolean(path));
    if (!paper || !manuscript || hasErrors(checked.files)) return done(undefined, checked.files, readPaths);
    const rendered = await renderHtml(this.options, checked, paper, manuscript, this.cache);
    if ('failed' in rendered) return done(undefined, rendered.failed, readPaths);
    const read = [...checked.files, rendered.style.file];
    const root = manuscript.location.root;
    const inputs = inputsOf(checked.files, rendered.style, root);
    this.lastGood = { html: rendered.html, inputs, plan: () => planPdf(rendered.html, paper, root, inputs), manuscript: paper.file };
    return done(rendered.html, checked.files, inputs, read);
  }

  /**
   * The PDF of the latest good HTML, printed by a browser that stays open between requests;
   * the same HTML is not printed twice. Undefined, with the message on the manuscript, when
   * printing fails.
   */
  async pdf(): Promise<{ pdf: Uint8Array } | { failed: VFile }> {
    const latest = this.lastGood;
    if (!latest) throw new Error('No HTML has been built yet');
    const plan = await latest.plan();
    const key = sha256(`${latest.html}\0${plan.metadata.date.toISOString()}`);
    if (this.printed?.key === key) return { pdf: this.printed.pdf };
    if (!this.printer) {
      this.printer = (await import('../pdf/print-pdf.js')).startPrinter();
      // A second Ctrl-C exits at once: the browser must not outlive it.
      this.unregisterKill = onForcedExit(this.printer.kill);
    }
    this.scratch ??= await mkdtemp(join(tmpdir(), 'paper-watch-'));
    const htmlPath = join(this.scratch, 'paper.html');
    await writeFile(htmlPath, latest.html);
    const pdf = await printStage(this.printer, htmlPath, plan, latest.manuscript);
    if (!pdf) return { failed: latest.manuscript };
    this.printed = { key, pdf };
    return { pdf };
  }

  async close(): Promise<void> {
    await this.printer?.close();
    this.unregisterKill?.();
    if (this.scratch) await rm(this.scratch, { recursive: true, force: true });
  }
}

/** Whether every changed file still has the text a build read; a file it did not read counts as changed. */
async function unchanged(changed: ReadonlySet<string>, texts: ReadonlyMap<string, string>): Promise<boolean> {
  for (const path of changed) {
    const text = texts.get(path);
    if (text === undefined) return false;
    const read = await readSource(path, '/');
    if (!('file' in read) || read.file.messages.length > 0 || String(read.file.value) !== text) return false;
  }
  return true;
}

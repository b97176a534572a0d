import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { isAbsolute, join } from 'node:path';
import { VFile } from 'vfile';
import { hasErrors } from '../diagnostics/report.js';
import { sha256 } from '../manifest/sha256.js';
import type { Printer } from '../pdf/print-pdf.js';
import { renderHtml, type BuildOptions } from '../pipeline/build.js';
import { check } from '../pipeline/check.js';
import { inputsOf, styleSought, stylesheetPath } from '../pipeline/load.js';
import { onForcedExit } from '../source/forced-exit.js';
import { planPdf, printStage, type PdfPlan } from '../pipeline/print.js';
import { StageCache } from '../source/stage-cache.js';
import { BuildReadings } from './build-readings.js';

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
  /**
   * The printer, started by the first request for the PDF. A promise, set before anything is
   * awaited: requests that come while it starts share it instead of each starting a browser.
   */
  private printer: Promise<Printer> | undefined;
  /** `browser:` of the paper's configuration at its last good build: the printer, once started, keeps the browser it chose. */
  private browser: string | undefined;
  private unregisterKill: (() => void) | undefined;
  /** The folder the HTML is written to for the browser, made once (likewise a promise). */
  private scratch: Promise<string> | undefined;
  private printed: { key: string; pdf: Uint8Array } | undefined;
  /** The print under way, by the key of what it prints: requests for the same HTML share it. */
  private printing: { key: string; result: Promise<{ pdf: Uint8Array } | { failed: VFile }> } | undefined;
  /** Prints of different HTML run one after another: they share the browser and the scratch file. */
  private queue: Promise<unknown> = Promise.resolve();
  private closed = false;
  /** The last build, and what it read of each file. */
  private last: { build: WatchBuild; readings: BuildReadings } | undefined;
  /** The last build that had no error: what the page shows, what it read, and how to print it. */
  private lastGood: { html: string; inputs: string[]; plan: () => ReturnType<typeof planPdf>; manuscript: VFile } | undefined;

  constructor(private readonly options: Omit<BuildOptions, 'pdf' | 'out' | 'onStage'>) {}

  /**
   * Build the page again; with `changed` (the files the watcher saw change), the last build is
   * returned as it is when each of them still reads exactly as that build read it: one save often
   * comes as several events, and the later ones change nothing.
   */
  async rebuild(changed?: ReadonlySet<string>): Promise<WatchBuild> {
    if (changed && this.last && (await this.last.readings.unchanged(changed))) return this.last.build;
    return this.build();
  }

  /**
   * Whether the files among `paths` that the last build read still read as it read them. A save
   * seen mid-write (an editor's write can be preempted) is built from half a file; this is how the
   * caller finds out before showing it, even when the rest of the save brings no new event.
   */
  async readsAsBuilt(paths: ReadonlySet<string>): Promise<boolean> {
    if (!this.last) return true;
    const readings = this.last.readings;
    return readings.unchanged([...paths].filter((path) => readings.has(path)));
  }

  /** The files the last build looked for and could not read: missing, or unreadable for now. */
  unreadableInputs(): string[] {
    return this.last?.readings.unreadable() ?? [];
  }

  private async build(): Promise<WatchBuild> {
    const started = performance.now();
    const id = ++this.count;
    const checked = await check({ ...this.options, cache: this.cache });
    const { paper, manuscript } = checked;
    // Every file the build looked for, read or not: all are watched, so one that goes missing, or is
    // named before it exists, is built again once it is there.
    const sought = [...(checked.sought ?? [])];
    const root = manuscript?.location.root;
    const done = (html: string | undefined, files: VFile[], read: VFile[], also: string[] = []): WatchBuild => {
      // (A file with a relative path, such as `--style`, only carries messages about an option.)
      const paths = [...sought.map((file) => file.path), ...read.flatMap((file) => (file.path && isAbsolute(file.path) ? [file.path] : [])), ...also];
      const build = { id, html: html ?? this.lastGood?.html, fresh: html !== undefined, files, inputs: [...new Set(paths)], milliseconds: performance.now() - started };
      this.last = { build, readings: BuildReadings.of(read, sought, root) };
      return build;
    };
    if (!paper || !manuscript || hasErrors(checked.files)) return done(undefined, checked.files, checked.files);
    // The browser the configuration names, for the printer when it starts (it stays that one).
    this.browser = checked.browser;
    const style = styleSought(manuscript, paper.meta, this.options.style, this.options.cwd);
    if (style) sought.push(style);
    const rendered = await renderHtml(this.options, checked, paper, manuscript, this.cache);
    if ('failed' in rendered) return done(undefined, rendered.failed, rendered.failed, [stylesheetPath()]);
    const inputs = inputsOf(checked.files, rendered.style, manuscript.location.root, { images: paper.images, stylesheets: rendered.stylesheets });
    this.lastGood = { html: rendered.html, inputs, plan: () => planPdf(rendered.html, paper, manuscript.location.root, inputs), manuscript: paper.file };
    return done(rendered.html, checked.files, [...checked.files, rendered.style.file], inputs);
  }

  /**
   * The PDF of the latest good HTML, printed by a browser that stays open between requests; the
   * same HTML is not printed twice, and requests that come while it prints share that print. With
   * the message on a copy of the manuscript's file when printing fails.
   */
  async pdf(): Promise<{ pdf: Uint8Array } | { failed: VFile }> {
    const latest = this.lastGood;
    if (!latest) throw new Error('No HTML has been built yet');
    const plan = await latest.plan();
    const key = sha256(`${latest.html}\0${plan.metadata.date.toISOString()}`);
    if (this.printed?.key === key) return { pdf: this.printed.pdf };
    if (this.printing?.key === key) return this.printing.result;
    const result = this.queue.then(() => this.print(latest.html, plan, latest.manuscript, key));
    const printing = { key, result };
    this.printing = printing;
    this.queue = result.catch(() => undefined);
    try {
      return await result;
    } finally {
      if (this.printing === printing) this.printing = undefined;
    }
  }

  private async print(html: string, plan: PdfPlan, manuscript: VFile, key: string): Promise<{ pdf: Uint8Array } | { failed: VFile }> {
    if (this.printed?.key === key) return { pdf: this.printed.pdf };
    // Once closing has begun, no browser may start: close() would not see it.
    if (this.closed) throw new Error('The watch is stopping');
    const printer = await this.startPrinter();
    const htmlPath = join(await (this.scratch ??= mkdtemp(join(tmpdir(), 'paper-watch-'))), 'paper.html');
    await writeFile(htmlPath, html);
    // The print's messages go on a file of their own: the build's manuscript file keeps the build's.
    const messages = new VFile({ path: manuscript.path, cwd: manuscript.cwd });
    const pdf = await printStage(printer, htmlPath, plan, messages);
    if (!pdf) return { failed: messages };
    this.printed = { key, pdf };
    return { pdf };
  }

  /** The one printer, started on first use; every caller gets the same. */
  private startPrinter(): Promise<Printer> {
    this.printer ??= import('../pdf/print-pdf.js').then(({ startPrinter }) => {
      const printer = startPrinter({ browser: this.browser });
      // A second Ctrl-C exits at once: the browser must not outlive it.
      this.unregisterKill = onForcedExit(printer.kill);
      return printer;
    });
    return this.printer;
  }

  async close(): Promise<void> {
    this.closed = true;
    // A print under way is let finish (prints queued behind it fail at once): a browser closed under
    // a print can leave it waiting out a protocol timeout, and the process with it.
    await this.queue;
    // A printer still starting is waited for, then closed: none is left running.
    const printer = await this.printer?.catch(() => undefined);
    await printer?.close();
    this.unregisterKill?.();
    const scratch = await this.scratch?.catch(() => undefined);
    if (scratch) await rm(scratch, { recursive: true, force: true });
  }
}

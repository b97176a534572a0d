import { statistics } from 'vfile-statistics';
import { Turns } from '../daemon/turns.js';
import { formatMessages, messageLines } from '../diagnostics/format-messages.js';
import { hasErrors } from '../diagnostics/report.js';
import { locatePaper } from '../source/paper-location.js';
import { Backoff } from '../watch/backoff.js';
import { InputWatcher } from '../watch/input-watcher.js';
import { livePage, problemsPage, type PageStatus } from '../watch/live-page.js';
import { WatchServer } from '../watch/watch-server.js';
import type { WatchBuild } from '../watch/watch-session.js';
import { parseCommandArgs, parseCount, UsageError } from './arguments.js';
import { catchInterrupts } from './interrupts.js';
import type { CommandIo } from './io.js';
import { formatDuration } from './progress.js';
import { answerForPaper, type CommandRunner } from './warm-serving.js';

/**
 * `paper watch [PATH] [--port N]`: build the page, serve it on localhost, and rebuild it (warm:
 * see WatchSession) whenever one of its inputs changes; the open page reloads itself. Problems go
 * to the terminal and into a banner on the page. Runs until interrupted (Ctrl-C, SIGTERM), then
 * closes the server and the browser and exits 0.
 * With `answer`, it also answers the `paper check` and `paper build` of its paper run meanwhile
 * (`daemon/`), taking turns with its rebuilds: the two never run at once.
 */
export async function watchCommand(args: string[], io: CommandIo, answer?: CommandRunner): Promise<number> {
  const { values, positionals } = parseCommandArgs(
    args,
    { port: { type: 'string' }, style: { type: 'string' }, bibliography: { type: 'string', multiple: true }, quiet: { type: 'boolean' }, verbose: { type: 'boolean' } },
    1,
  );
  const port = parseCount(values.port, '--port') ?? 4000;
  if (port > 65535) throw new UsageError(`\`--port\` is at most 65535, not ${port}`);
  const quiet = values.quiet === true;
  const verbose = values.verbose === true;
  // Ctrl-C or SIGTERM ends the watch: the server and the browser are closed, and the exit is 0
  // (a second signal, or cleanup past its grace time, exits at once).
  const interrupts = catchInterrupts();
  const stop = new Promise((resolve) => interrupts.signal.addEventListener('abort', resolve, { once: true }));
  const { WatchSession } = await import('../watch/watch-session.js');
  const session = new WatchSession({ path: positionals[0], cwd: io.cwd, bibliographies: values.bibliography ?? [], style: values.style });
  let latest: WatchBuild | undefined;
  let status: PageStatus = { id: 0, lines: [], errors: 0, stale: false };
  /** The served page of the latest build, encoded once. */
  let page: Buffer | undefined;
  const server = new WatchServer({
    page: () => (page ??= latest?.html ? livePage(latest.html, status) : problemsPage(status)),
    status: () => ({ build: status.id, fresh: latest?.fresh ?? false, errors: status.errors, messages: status.lines, milliseconds: latest?.milliseconds }),
    pdf: async () => {
      const result = await session.pdf();
      return 'pdf' in result ? result : { problem: formatMessages([result.failed], { cwd: io.cwd, quiet: true }) };
    },
  }, {
    // The request is answered 500 and the server goes on; the error is ours, so it is shown.
    onError: (error) => io.stderr(`paper watch: internal error while answering a request: ${error instanceof Error ? error.message : String(error)}`),
  });

  // A save reaches the watcher as several events (truncate, write, rename). The rebuild starts at
  // the first. A build is shown no sooner than `settleMilliseconds` after the last event (longer,
  // `errorSettleMilliseconds`, when it found errors: those are what half a file gives, and there
  // is no hurry to show them), and only when the files it read still read the same; a build
  // during which another event came, or whose files changed meanwhile, is built again.
  let running: Promise<void> | undefined;
  const turns = new Turns();
  let again = false;
  let lastEvent = 0;
  /** Events seen so far: a build whose files read otherwise with no new event is retried later and later. */
  let events = 0;
  const retries = new Backoff(retryMilliseconds, mostRetryMilliseconds);
  /** Files changed since the last build was started. */
  let changed = new Set<string>();
  const rebuild = async (reason: string) => {
    let build: WatchBuild;
    do {
      again = false;
      const seen = events;
      const paths = changed;
      changed = new Set();
      build = await session.rebuild(paths);
      const settle = hasErrors(build.files) ? errorSettleMilliseconds : settleMilliseconds;
      const wait = lastEvent + settle - performance.now();
      if (!again && wait > 0) await delay(wait);
      if (!again && !(await session.readsAsBuilt(paths))) {
        again = true;
        for (const path of paths) changed.add(path);
        // Usually the rest of a save, whose event is on its way; if none comes, each look waits longer.
        if (events === seen) await delay(retries.next());
      }
    } while (again);
    retries.reset();
    // The later events of a save that changed nothing more: the page already shows this build.
    if (build === latest) return lookAgainLater();
    latest = build;
    const counts = statistics(build.files);
    status = { id: build.id, lines: messageLines(build.files, { cwd: io.cwd, quiet, verbose }), errors: counts.fatal, stale: !build.fresh };
    page = undefined;
    server.announce(build.id);
    // Made while the announcement reaches the open pages and they ask for the new one.
    page = latest.html ? livePage(latest.html, status) : problemsPage(status);
    watcher.set(build.inputs);
    const report = formatMessages(build.files, { cwd: io.cwd, quiet, verbose });
    if (!quiet || counts.fatal > 0) io.stderr(`${reason}: ${build.fresh ? 'rebuilt' : 'not rebuilt'} in ${formatDuration(build.milliseconds)} (build ${build.id})${report ? `\n${report}` : ''}`);
    lookAgainLater();
  };
  const schedule = (reason: string) => {
    if (running) {
      again = true;
      return;
    }
    running = turns.run(() => rebuild(reason))
      .catch((error: unknown) => io.stderr(`paper watch: internal error: ${error instanceof Error ? error.message : String(error)}`))
      .finally(() => {
        running = undefined;
        // An event that came after the last build was taken but before it was shown.
        if (again) schedule('changed while building');
      });
  };
  const watcher = new InputWatcher((path) => {
    events++;
    lastEvent = performance.now();
    changed.add(path);
    schedule(`${path.replace(`${io.cwd}/`, '')} changed`);
  });

  // Files a failed build could not read are looked at again, less and less often: a file that comes
  // back may bring no event (reads that failed for want of file descriptors, a watch that was lost).
  const rechecks = new Backoff(recheckMilliseconds, mostRecheckMilliseconds);
  let recheck: NodeJS.Timeout | undefined;
  let stopping = false;
  function lookAgainLater(): void {
    clearTimeout(recheck);
    const unreadable = latest && hasErrors(latest.files) ? session.unreadableInputs() : [];
    if (stopping || unreadable.length === 0) {
      rechecks.reset();
      return;
    }
    recheck = setTimeout(() => {
      void session.readsAsBuilt(new Set(unreadable)).then((same) => {
        if (stopping) return;
        if (same) return lookAgainLater();
        for (const path of unreadable) changed.add(path);
        schedule('an input that could not be read changed');
      });
    }, rechecks.next());
  }

  await rebuild('first build');
  let url: string;
  try {
    url = await server.listen(port);
  } catch (error) {
    watcher.close();
    await session.close();
    interrupts.dispose();
    io.stderr(`paper watch: cannot listen on port ${port}: ${(error as NodeJS.ErrnoException).code ?? String(error)}; choose another with --port`);
    return 1;
  }
  const warm = answer ? await answerForPaper({ root: (await locatePaper(positionals[0], io.cwd)).root, run: answer, turns, io, who: 'paper watch', quiet }) : undefined;
  io.stdout(`Serving ${url} (the page reloads on every change; the PDF is at ${url}paper.pdf). Ctrl-C stops.`);
  await stop;
  stopping = true;
  clearTimeout(recheck);
  watcher.close();
  // A command being answered ends first; those waiting run cold in their own processes.
  await warm?.close();
  await running;
  await server.close();
  await session.close();
  interrupts.dispose();
  return 0;
}

const settleMilliseconds = 8;
const errorSettleMilliseconds = 100;
/** The first wait before a build whose files read otherwise (with no event) is built again; it doubles up to the most. */
const retryMilliseconds = 10;
const mostRetryMilliseconds = 2000;
/** The first wait before unreadable inputs are looked at again; it doubles up to the most. */
const recheckMilliseconds = 250;
const mostRecheckMilliseconds = 8000;

const delay = (milliseconds: number) => new Promise((resolve) => setTimeout(resolve, milliseconds));

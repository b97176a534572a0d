import { AsyncLocalStorage } from 'node:async_hooks';
import { runForcedExitCleanups } from '../source/forced-exit.js';

/** The shell's codes for death by each signal (128 + its number). SIGHUP: the terminal or SSH session closed. */
const exitCodes = { SIGHUP: 129, SIGINT: 130, SIGTERM: 143 } as const;
type Interrupt = keyof typeof exitCodes;

export interface Interrupts {
  /** Aborted on the first SIGINT, SIGTERM or SIGHUP. */
  signal: AbortSignal;
  /** The signal received, if any. */
  received(): Interrupt | undefined;
  /** 130 after SIGINT, 143 after SIGTERM, 129 after SIGHUP: the shell's codes for death by those signals. */
  exitCode(): number;
  dispose(): void;
}

/** Where a command answered by a warm process (`paper watch`) gets its interrupts: its client's, not this process's. */
export interface InterruptSource {
  listen(listener: (signal: Interrupt) => void): () => void;
}

const answering = new AsyncLocalStorage<InterruptSource>();

/**
 * Run `command` with the interrupts of `source`: `catchInterrupts()` inside it listens to them, not
 * to this process's signals, which belong to the warm process itself. The client forces its own
 * exit (a second signal, or the grace time), so nothing here exits the warm process.
 */
export function withInterruptSource<T>(source: InterruptSource, command: () => T): T {
  return answering.run(source, command);
}

/**
 * While a command runs, SIGINT, SIGTERM and SIGHUP abort its signal instead of killing the
 * process, so the command unwinds through its own cleanups (the browser closed, the staging folder
 * removed) and exits with 130, 143 or 129. If it has not finished `grace` ms later, or a second
 * signal comes, what is still registered for a forced exit is undone synchronously and the process
 * exits at once.
 */
export function catchInterrupts(grace = 10_000): Interrupts {
  const controller = new AbortController();
  let received: Interrupt | undefined;
  const source = answering.getStore();
  if (source) {
    const stop = source.listen((signal) => {
      if (received) return;
      received = signal;
      controller.abort();
    });
    return { signal: controller.signal, received: () => received, exitCode: () => exitCodes[received ?? 'SIGINT'], dispose: stop };
  }
  let timer: NodeJS.Timeout | undefined;
  const forceExit = () => {
    runForcedExitCleanups();
    process.exit(exitCodes[received ?? 'SIGINT']);
  };
  const onSignal = (signal: Interrupt) => {
    if (received) forceExit();
    received = signal;
    controller.abort();
    timer = setTimeout(forceExit, grace).unref();
  };
  for (const signal of Object.keys(exitCodes) as Interrupt[]) process.on(signal, onSignal);
  return {
    signal: controller.signal,
    received: () => received,
    exitCode: () => exitCodes[received ?? 'SIGINT'],
    dispose: () => {
      clearTimeout(timer);
      for (const signal of Object.keys(exitCodes) as Interrupt[]) process.off(signal, onSignal);
    },
  };
}

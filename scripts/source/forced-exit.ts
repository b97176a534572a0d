/**
 * What must be undone, synchronously, if the process has to exit before the build has unwound:
 * the staging folder to remove, the browser to kill. A build registers each as it creates it and
 * unregisters it once its own cleanup ran; an interrupt that cannot wait runs what is left.
 */
const cleanups = new Set<() => void>();

export function onForcedExit(cleanup: () => void): () => void {
  cleanups.add(cleanup);
  return () => cleanups.delete(cleanup);
}

export function runForcedExitCleanups(): void {
  for (const cleanup of [...cleanups]) {
    cleanups.delete(cleanup);
    try {
      cleanup();
    } catch {
      // Exiting anyway: the next cleanup still runs.
    }
  }
}

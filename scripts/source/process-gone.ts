import { hostname } from 'node:os';

/**
 * Whether the process `pid` of machine `host` is known to be gone. Only this machine's processes
 * can be asked, so one of another host (a folder shared over the network) is never called gone.
 * Leftovers named after their maker (a cache being unpacked, a browser profile) are swept with it.
 */
export function isGoneHere(host: string, pid: number): boolean {
  return host === hostname() && Number.isInteger(pid) && pid > 0 && !isRunning(pid);
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: running, as another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

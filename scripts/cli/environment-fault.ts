/**
 * A system call that the machine refused for reasons of its own (a read-only or full file system,
 * a permission, the limit of open files) is the user's environment, not a bug in the pipeline: the
 * command says so in one line naming the path and what to do, and exits 1, not 70. The build
 * reports the faults of its output folder itself (`output-write`); this catches them anywhere else,
 * such as `paper verify`'s temporary folder or `paper init`'s new paper.
 */

const remedies: Record<string, string> = {
  EROFS: 'its file system is read-only; make it writable',
  ENOSPC: 'no space is left on its device; free some space',
  EDQUOT: 'the disk quota is used up; free some space',
  EACCES: 'permission is denied; make it accessible to this user',
  EPERM: 'the operation is not permitted; make it accessible to this user',
  EMFILE: 'this process has too many files open; raise the limit (`ulimit -n`)',
  ENFILE: 'the system has too many files open; close some programs',
};

/** The one line for an error that is such a fault, or undefined for any other error. */
export function environmentFault(error: unknown): string | undefined {
  const { code, path, syscall } = (error ?? {}) as NodeJS.ErrnoException;
  const remedy = code === undefined ? undefined : remedies[code];
  if (remedy === undefined || syscall === undefined) return undefined;
  return path === undefined ? `\`${syscall}\` failed: ${remedy}` : `cannot use \`${path}\`: ${remedy}`;
}

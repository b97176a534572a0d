import { access, constants, realpath, stat } from 'node:fs/promises';

/** Where a system Chromium may be, in order: what the user names, then Debian's and others'. */
const candidates = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable'];

/** The browser a PDF was printed with: its version, and the executable file as it was then. */
export interface BrowserIdentity {
  executable: string;
  version: string;
  bytes: number;
  modified: number;
}

export class BrowserMissingError extends Error {}

/**
 * The browser that prints the PDF: `PUPPETEER_EXECUTABLE_PATH` when set, else a system Chromium.
 * Throws `BrowserMissingError` with what to do when there is none.
 */
export async function findBrowser(env: NodeJS.ProcessEnv = process.env): Promise<string> {
  const named = env.PUPPETEER_EXECUTABLE_PATH;
  if (named) {
    if (await isExecutable(named)) return named;
    throw new BrowserMissingError(`PUPPETEER_EXECUTABLE_PATH names \`${named}\`, which is not an executable file`);
  }
  for (const candidate of candidates) if (await isExecutable(candidate)) return candidate;
  throw new BrowserMissingError(
    'No Chromium found to print the PDF. Install one (Debian: `apt-get install chromium`) or set PUPPETEER_EXECUTABLE_PATH; `--no-pdf` builds the HTML alone',
  );
}

async function isExecutable(path: string): Promise<boolean> {
  return access(path, constants.X_OK).then(
    () => true,
    () => false,
  );
}

/**
 * The browser's executable file as it is now: a changed size or time means another browser (an
 * upgrade), found without starting it. A package upgrade rewrites the file with the package's own
 * time (Debian's /usr/bin/chromium is a script shipped in the same package as the binary it starts).
 */
export async function executableIdentity(executablePath: string): Promise<Omit<BrowserIdentity, 'version'>> {
  const info = await stat(await realpath(executablePath).catch(() => executablePath)).catch(() => undefined);
  return { executable: executablePath, bytes: info?.size ?? 0, modified: Math.floor(info?.mtimeMs ?? 0) };
}

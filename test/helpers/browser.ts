import { readFileSync } from 'node:fs';
import { chooseBrowser } from '../../scripts/pdf/find-browser.js';
import { fromRoot } from './paths.js';

/** The version of the pinned Chromium's package, as the lockfile installed it. */
export const pinnedVersion = (JSON.parse(readFileSync(fromRoot('node_modules/@sparticuz/chromium/package.json'), 'utf8')) as { version: string }).version;

/**
 * The browser a build would print with, for tests that start one of their own: its executable,
 * and the environment it needs (the pinned Chromium's own libraries on `LD_LIBRARY_PATH`, which
 * a machine without a system Chromium does not have elsewhere).
 */
export async function testBrowser(): Promise<{ executablePath: string; env: NodeJS.ProcessEnv; libraries: string | undefined }> {
  const chosen = await chooseBrowser();
  const env = { ...process.env };
  if (chosen.libraries) env.LD_LIBRARY_PATH = [chosen.libraries, ...(process.env.LD_LIBRARY_PATH ?? '').split(':').filter(Boolean)].join(':');
  return { executablePath: chosen.executable, env, libraries: chosen.libraries };
}

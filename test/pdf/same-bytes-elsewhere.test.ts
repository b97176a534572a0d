import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fromRoot, root } from '../helpers/paths.js';

/**
 * The same sources and lockfile give the same bytes on another machine (issue 16). The paper is
 * built from two clones of this repository at different places, each in its own process, with
 * everything a machine varies changed between them: HOME, TMPDIR, TZ, LANG/LC_ALL, the user's
 * fontconfig (FONTCONFIG_FILE naming a configuration with extra fonts), a bare PATH, and the system
 * Chromium there or hidden (a private mount namespace covers it with /dev/null, where `unshare` is
 * permitted). The HTML and the PDF must come out byte for byte the same.
 */

const scratch = mkdtempSync(join(tmpdir(), 'paper-elsewhere-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** A clone of this repository's committed sources at `path`, with this checkout's packages and bundle. */
function checkout(path: string): string {
  execFileSync('git', ['clone', '--quiet', root, path]);
  // The working tree's sources, as the tests run them (a clone has only what is committed).
  for (const folder of ['manuscript', 'bibliography', 'styles']) cpSync(fromRoot(folder), join(path, folder), { recursive: true });
  cpSync(fromRoot('dist'), join(path, 'dist'), { recursive: true });
  symlinkSync(fromRoot('node_modules'), join(path, 'node_modules'));
  return path;
}

/** A fontconfig configuration that offers fonts the paper does not ship: they must not be used. */
function userFontconfig(folder: string): string {
  mkdirSync(folder, { recursive: true });
  const fonts = ['/usr/share/fonts', fromRoot('node_modules/@fontsource/dejavu-sans/files')];
  const path = join(folder, 'fonts.conf');
  writeFileSync(path, `<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n<fontconfig>\n${fonts.map((dir) => `  <dir>${dir}</dir>`).join('\n')}\n  <alias><family>serif</family><prefer><family>DejaVu Sans</family></prefer></alias>\n  <cachedir>${join(folder, 'cache')}</cachedir>\n</fontconfig>\n`);
  return path;
}

const unshareWorks = process.getuid?.() === 0 && spawnSync('unshare', ['-m', 'true']).status === 0;
const hidden = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'].filter((path) => spawnSync('test', ['-e', path]).status === 0);

interface Machine {
  folder: string;
  env: NodeJS.ProcessEnv;
  /** Cover the system Chromium for this build. */
  hideChromium: boolean;
}

function build(machine: Machine): { html: Buffer; pdf: Buffer } {
  const paper = checkout(join(machine.folder, 'somewhere', 'paper'));
  for (const name of ['home', 'tmp']) mkdirSync(join(machine.folder, name), { recursive: true });
  const command = [process.execPath, join(paper, 'bin/paper.js'), 'build', '--quiet', '--force'];
  const env = { HOME: join(machine.folder, 'home'), TMPDIR: join(machine.folder, 'tmp'), PAPER_TEST_RUN: process.env.PAPER_TEST_RUN, ...machine.env };
  const run =
    machine.hideChromium && unshareWorks && hidden.length > 0
      ? spawnSync('unshare', ['-m', 'sh', '-c', `${hidden.map((path) => `mount --bind /dev/null ${path}`).join(' && ')} && exec "$@"`, 'sh', ...command], { cwd: paper, env, encoding: 'utf8', timeout: 180_000 })
      : spawnSync(command[0] ?? process.execPath, command.slice(1), { cwd: paper, env, encoding: 'utf8', timeout: 180_000 });
  expect(run.status, `${run.stdout}${run.stderr}`).toBe(0);
  return { html: readFileSync(join(paper, 'build/paper.html')), pdf: readFileSync(join(paper, 'build/paper.pdf')) };
}

let first: { html: Buffer; pdf: Buffer };
let second: { html: Buffer; pdf: Buffer };

beforeAll(() => {
  first = build({
    folder: join(scratch, 'a'),
    env: { PATH: process.env.PATH, TZ: 'UTC', LANG: 'C.UTF-8', LC_ALL: 'C.UTF-8' },
    hideChromium: false,
  });
  second = build({
    folder: join(scratch, 'b', 'deeper', 'still'),
    env: { PATH: '/usr/bin:/bin', TZ: 'Asia/Kathmandu', LANG: 'ru_RU.UTF-8', LC_ALL: 'ru_RU.UTF-8', FONTCONFIG_FILE: userFontconfig(join(scratch, 'b', 'fontconfig')) },
    hideChromium: true,
  });
}, 400_000);

describe('the paper built on two machines', () => {
  if (!unshareWorks) it.skip('ran both builds with the system Chromium in place: `unshare -m` is not permitted here', () => undefined);

  it('has the same HTML, byte for byte', () => {
    expect(second.html.equals(first.html)).toBe(true);
  });

  it('has the same PDF, byte for byte', () => {
    expect(second.pdf.equals(first.pdf)).toBe(true);
  });
});

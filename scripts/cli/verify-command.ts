import { rmSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { formatMessages, shownPath } from '../diagnostics/format-messages.js';
import { manifestName, readManifest, type BuildManifest } from '../manifest/build-manifest.js';
import { changesBetween, compareOutputs } from '../manifest/compare-builds.js';
import { sha256OfFile } from '../manifest/sha256.js';
import { isStylePath } from '../manifest/up-to-date.js';
import { onForcedExit } from '../source/forced-exit.js';
import { locatePaper } from '../source/paper-location.js';
import { parseCommandArgs } from './arguments.js';
import { catchInterrupts } from './interrupts.js';
import type { CommandIo } from './io.js';
import { formatDuration, progressLine } from './progress.js';

/**
 * `paper verify [PATH]`: rebuild the paper into a temporary folder with the options its last build
 * recorded, and say whether every output (and the manifest) came out byte for byte the same.
 * Exit 0 when all did, 1 when any did not or the rebuild failed. Interrupted (Ctrl-C, SIGTERM,
 * SIGHUP), it stops as a build does, closing the browser, and removes the temporary folder:
 * exit 130, 143 or 129.
 */
export async function verifyCommand(args: string[], io: CommandIo): Promise<number> {
  const started = performance.now();
  const { values, positionals } = parseCommandArgs(args, { out: { type: 'string' }, quiet: { type: 'boolean' }, verbose: { type: 'boolean' } }, 1);
  const quiet = values.quiet === true;
  const { root } = await locatePaper(positionals[0], io.cwd);
  const out = resolve(io.cwd, values.out ?? join(root, 'build'));
  // A build killed while placing its outputs left the rest waiting: placed first, so one build's outputs are compared.
  await (await import('../pipeline/build.js')).finishPlacement(out, io.cwd).catch(() => undefined);
  const recorded = await readManifest(out);
  if (!recorded) {
    io.stderr(`paper verify: no build to verify: ${shownPath(join(out, manifestName), io.cwd)} is missing or not a build manifest; run \`paper build\` first`);
    return 1;
  }
  const scratch = await mkdtemp(join(tmpdir(), 'paper-verify-'));
  // Ctrl-C, SIGTERM or SIGHUP stops the rebuild as it stops a build; a second one exits at once,
  // and the temporary folder goes too.
  const interrupts = catchInterrupts();
  const unregister = onForcedExit(() => rmSync(scratch, { recursive: true, force: true }));
  try {
    const { build } = await import('../pipeline/build.js');
    const result = await build({
      ...optionsOf(recorded, root),
      path: positionals[0],
      cwd: io.cwd,
      out: scratch,
      signal: interrupts.signal,
      onStage: quiet ? undefined : (stage, milliseconds, note) => io.stderr(progressLine(stage, milliseconds, note)),
    });
    if (interrupts.received()) {
      io.stderr(`paper verify: interrupted by ${interrupts.received()}; nothing was compared`);
      return interrupts.exitCode();
    }
    const rebuilt = await readManifest(scratch);
    if (!rebuilt || result.outputs.length === 0) {
      const text = formatMessages(result.files, { cwd: io.cwd, quiet: true, verbose: values.verbose === true });
      io.stderr(`${text}${text ? '\n' : ''}paper verify: the rebuild failed, so nothing could be compared`);
      return 1;
    }
    // The files as they are on disk, and the manifest too: it holds the hashes of inputs, tools and outputs.
    const onDisk = (folder: string, manifest: BuildManifest) =>
      Promise.all([...manifest.outputs.map((output) => output.path), manifestName].map(async (path) => ({ path, sha256: await sha256OfFile(join(folder, path)) })));
    const comparisons = compareOutputs(await onDisk(out, recorded), await onDisk(scratch, rebuilt));
    const width = Math.max(...comparisons.map((comparison) => comparison.path.length));
    for (const comparison of comparisons) {
      const state = comparison.identical
        ? `identical  sha256 ${comparison.rebuilt?.slice(0, 16)}`
        : `DIFFERS    recorded ${comparison.recorded?.slice(0, 16) ?? '(none)'}, rebuilt ${comparison.rebuilt?.slice(0, 16) ?? '(none)'}`;
      io.stdout(`${comparison.path.padEnd(width)}  ${state}`);
    }
    const differing = comparisons.filter((comparison) => !comparison.identical).length;
    if (differing === 0) {
      io.stdout(`All ${comparisons.length} outputs in ${shownPath(out, io.cwd)} are reproduced byte for byte (${formatDuration(performance.now() - started)}).`);
      return 0;
    }
    const edited = recorded.outputs.filter((output) => comparisons.some((comparison) => comparison.path === output.path && comparison.recorded !== output.sha256));
    const changes = [...edited.map((output) => `${output.path} in ${shownPath(out, io.cwd)} was changed after it was built`), ...changesBetween(recorded, rebuilt)];
    const why = changes.length > 0 ? ` Since that build: ${changes.join('; ')}.` : ' The inputs, options and tools are the same, so the build is not reproducible.';
    io.stdout(`${differing} of ${comparisons.length} outputs in ${shownPath(out, io.cwd)} differ from a rebuild.${why}`);
    return 1;
  } finally {
    await rm(scratch, { recursive: true, force: true });
    unregister();
    interrupts.dispose();
  }
}

/** The build options the manifest recorded, with its paths (relative to the paper folder) made absolute. */
function optionsOf(manifest: BuildManifest, root: string): { pdf: boolean; style: string | undefined; paperSize: 'a4' | 'letter' | undefined; bibliographies: string[] } {
  const { options } = manifest;
  return {
    pdf: options.pdf,
    style: options.style === null ? undefined : isStylePath(options.style) ? resolve(root, options.style) : options.style,
    paperSize: options.paperSize === 'a4' || options.paperSize === 'letter' ? options.paperSize : undefined,
    bibliographies: options.bibliographies.map((path) => resolve(root, path)),
  };
}

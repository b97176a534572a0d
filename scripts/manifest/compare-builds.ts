import type { BuildManifest } from './build-manifest.js';

/** One line of `paper verify`: an output, and whether the rebuild made the same bytes. */
export interface OutputComparison {
  path: string;
  identical: boolean;
  recorded: string | undefined;
  rebuilt: string | undefined;
}

/** The outputs of two builds compared by hash, in the order the rebuild lists them, then any the rebuild no longer makes. */
export function compareOutputs(recorded: Array<{ path: string; sha256: string | null }>, rebuilt: Array<{ path: string; sha256: string | null }>): OutputComparison[] {
  const before = new Map(recorded.map((output) => [output.path, output.sha256 ?? undefined]));
  const after = new Map(rebuilt.map((output) => [output.path, output.sha256 ?? undefined]));
  const paths = [...after.keys(), ...[...before.keys()].filter((path) => !after.has(path))];
  return paths.map((path) => {
    const was = before.get(path);
    const now = after.get(path);
    return { path, identical: was !== undefined && was === now, recorded: was, rebuilt: now };
  });
}

/** Why two builds could differ, before any byte is compared: the inputs, options or tools changed. */
export function changesBetween(recorded: BuildManifest, rebuilt: BuildManifest): string[] {
  const changes: string[] = [];
  const inputs = compareOutputs(recorded.inputs, rebuilt.inputs).filter((input) => !input.identical && (input.recorded ?? null) !== (input.rebuilt ?? null));
  for (const input of inputs) changes.push(`${input.path} ${input.recorded === undefined ? 'is new' : input.rebuilt === undefined ? 'is gone' : 'changed'}`);
  if (JSON.stringify(recorded.options) !== JSON.stringify(rebuilt.options)) changes.push('the options differ');
  if (JSON.stringify(recorded.tool) !== JSON.stringify(rebuilt.tool)) changes.push('the pipeline differs');
  if (JSON.stringify(recorded.versions) !== JSON.stringify(rebuilt.versions)) changes.push('the versions of Node.js, Chromium or packages differ');
  return changes;
}

/**
 * Fault injection for the tests of killed builds, loaded into `bin/paper.js` with `node --import`:
 * the process SIGKILLs itself at a chosen moment, as the OOM killer, a `kill -9` or a power cut
 * would stop it, with no chance to clean up.
 *
 * - `PAPER_KILL_AFTER_STEP=n` (with `PAPER_KILL_OUT`, the output folder): right after the n-th
 *   change the build makes to the names in its output folder: a folder made (`mkdir`, `mkdtemp`),
 *   a rename, a file or folder removed; sync, promise and callback calls alike (the lock is made
 *   by proper-lockfile through graceful-fs callbacks). Each step is logged to stderr as
 *   `step n: <call> <path>`, so a test can walk every step of the write stage.
 * - `PAPER_KILL_IN_STAGE=check|render|print|write` with `PAPER_KILL_DELAY=ms`: `ms` after the stage
 *   began (`check`: when the load stage reads the manuscript; the others: when the stage before
 *   printed its progress line), or when the stage prints its own line, whichever comes first: a
 *   moment inside the stage.
 */
import fs from 'node:fs';
import { syncBuiltinESMExports } from 'node:module';
import { resolve, sep } from 'node:path';

const die = () => process.kill(process.pid, 'SIGKILL');

const out = process.env.PAPER_KILL_OUT ? resolve(process.env.PAPER_KILL_OUT) : undefined;
const killAfter = Number(process.env.PAPER_KILL_AFTER_STEP ?? 0);
let steps = 0;

const inOut = (path) => out !== undefined && typeof path === 'string' && (resolve(path) === out || resolve(path).startsWith(out + sep));

function stepDone(call, path) {
  steps += 1;
  process.stderr.write(`step ${steps}: ${call} ${resolve(path).slice(out.length + 1) || '.'}\n`);
  if (steps === killAfter) die();
}

if (out !== undefined) {
  for (const name of ['mkdir', 'mkdtemp', 'rename', 'unlink', 'rm', 'rmdir']) {
    const sync = fs[`${name}Sync`];
    fs[`${name}Sync`] = (path, ...rest) => {
      const result = sync(path, ...rest);
      if (inOut(path)) stepDone(name, name === 'mkdtemp' ? result : path);
      return result;
    };
    const promised = fs.promises[name];
    fs.promises[name] = async (path, ...rest) => {
      const result = await promised(path, ...rest);
      if (inOut(path)) stepDone(name, name === 'mkdtemp' ? result : path);
      return result;
    };
    const callback = fs[name];
    fs[name] = (path, ...rest) => {
      const done = rest.pop();
      callback(path, ...rest, (error, ...results) => {
        if (!error && inOut(path)) stepDone(name, name === 'mkdtemp' ? results[0] : path);
        done(error, ...results);
      });
    };
  }
  syncBuiltinESMExports();
}

const stages = ['check', 'render', 'print', 'write'];
const stage = process.env.PAPER_KILL_IN_STAGE;
if (stage !== undefined) {
  const delay = Number(process.env.PAPER_KILL_DELAY ?? 0);
  const before = stages[stages.indexOf(stage) - 1];
  if (before === undefined) {
    const readFileSync = fs.readFileSync;
    let started = false;
    fs.readFileSync = (path, ...rest) => {
      if (!started && String(path).endsWith('.md')) {
        started = true;
        setTimeout(die, delay);
      }
      return readFileSync(path, ...rest);
    };
    syncBuiltinESMExports();
  }
  const write = process.stderr.write.bind(process.stderr);
  process.stderr.write = (chunk, ...rest) => {
    const line = String(chunk);
    if (line.startsWith(`${stage} `)) die();
    const written = write(chunk, ...rest);
    if (before !== undefined && line.startsWith(`${before} `)) setTimeout(die, delay);
    return written;
  };
}

// Peak memory of a `paper` process, measured by itself: loaded into bin/paper.js by run-bounded.ts
// (`node --import=…`), it writes the process's peak resident set size in kB
// (`process.resourceUsage().maxRSS`, the kernel's ru_maxrss, what GNU time's %M reports) to the file
// PAPER_PEAK_RSS_FILE names when the process exits. So the memory bounds of the tests need no
// /usr/bin/time. A process killed by a signal, or by V8 at its heap limit, writes nothing: its exit
// status already fails the test.
import { writeFileSync } from 'node:fs';

const file = process.env.PAPER_PEAK_RSS_FILE;
if (file) process.on('exit', () => writeFileSync(file, `${process.resourceUsage().maxRSS}\n`));

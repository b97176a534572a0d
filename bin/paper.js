#!/usr/bin/env node
// The `paper` command. The TypeScript in scripts/ is compiled to dist/ by `npm ci` (prepare) and by
// `npm run build`/`npm run check`, so the command starts without a runtime transpiler.
import { main } from '../dist/scripts/cli/main.js';

process.exitCode = await main(process.argv.slice(2));

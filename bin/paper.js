#!/usr/bin/env node
// The `paper` command. scripts/ is bundled into dist/ by `npm ci` (prepare) and by `npm run build`
// and `npm run check`, so the command starts without a runtime transpiler.
import { main } from '../dist/main.js';

process.exitCode = await main(process.argv.slice(2));

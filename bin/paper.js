#!/usr/bin/env node
// The `paper` command. scripts/ is bundled into dist/ by `npm ci` (prepare) and by `npm run build`
// and `npm run check`, so the command starts without a runtime transpiler. Where Node.js has a
// compile cache (22.1 and later), the bundle's compiled code is kept between runs; Node.js 20 has
// none and runs as before. The bundle is imported after that, so that its compilation is cached.
import module from 'node:module';

module.enableCompileCache?.();
const { main } = await import('../dist/main.js');
process.exitCode = await main(process.argv.slice(2));

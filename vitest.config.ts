import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // The end-to-end and process tests run the compiled command (bin/paper.js), and the manifest of
    // an in-process build hashes dist/ (tool.bundle), so compile once before any test runs. Most CLI
    // tests call main() in process (test/helpers/run-cli.ts, runMain): their calls set process.env
    // for their duration, so no test file may run its tests concurrently.
    globalSetup: ['test/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});

// Puppeteer would download its own Chrome on install; this machine reaches no such host,
// and the project prints with the system Chromium (Debian's `chromium`) instead.
// Skip the download whenever a system browser is there or named by PUPPETEER_EXECUTABLE_PATH.
const { existsSync } = require('node:fs');

const systemBrowser = process.env.PUPPETEER_EXECUTABLE_PATH || '/usr/bin/chromium';

/** @type {import('puppeteer').Configuration} */
module.exports = {
  skipDownload: existsSync(systemBrowser),
};

// Fault injection for the tests of killed and signalled builds, loaded into `bin/paper.js` with
// `NODE_OPTIONS=--import=…` (see killed-builds.ts). When the moment that PAPER_PAUSE_AT names comes,
// the process stops itself with SIGSTOP; the test sees it stopped and signals it there, which no
// timer can do as surely (a print takes half a second). The moments, in the order a build meets them:
//   stage:check, stage:render, stage:print, stage:write  the line with that stage's time is printed
//                                                         (the build must not be --quiet)
//   printing                                              the browser is asked to print the page
const moment = process.env.PAPER_PAUSE_AT;
const pause = () => process.kill(process.pid, 'SIGSTOP');

if (moment?.startsWith('stage:')) {
  const stage = moment.slice('stage:'.length);
  const write = process.stderr.write.bind(process.stderr);
  process.stderr.write = (chunk, ...rest) => {
    const written = write(chunk, ...rest);
    if (String(chunk).startsWith(`${stage} `)) pause();
    return written;
  };
} else if (moment === 'printing') {
  // The class every Chromium page is, whichever package (puppeteer or puppeteer-core) loaded it.
  const { CdpPage } = await import('puppeteer-core/internal/cdp/Page.js');
  const pdf = CdpPage.prototype.pdf;
  CdpPage.prototype.pdf = function (...args) {
    pause();
    return pdf.apply(this, args);
  };
} else if (moment) {
  throw new Error(`PAPER_PAUSE_AT: no moment \`${moment}\``);
}

/** What the page shows about the build behind it: its problems, one a line, as the terminal prints them. */
export interface PageStatus {
  id: number;
  /** Lines of the report (`file:line:col  severity  message  rule`). */
  lines: string[];
  errors: number;
  /** True when the HTML is an older build's, because this one failed. */
  stale: boolean;
}

const escape = (text: string) => text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;');

/**
 * The served page: the built HTML with a banner of the build's problems (none when it is clean) and
 * a few lines of script that reload the page when the server says a new build is there. Only
 * `paper watch` serves this; the built HTML itself has no script.
 */
export function livePage(html: string, status: PageStatus): Buffer {
  // In bytes: joining the page as text copied its 168 kB twice (the text, then its UTF-8).
  const bytes = Buffer.from(html);
  const inject = Buffer.from(`${status.lines.length === 0 && !status.stale ? '' : bannerHtml(status)}${reloadScript(status.id)}`);
  const at = bytes.lastIndexOf('</body>');
  return at === -1 ? Buffer.concat([bytes, inject]) : Buffer.concat([bytes.subarray(0, at), inject, bytes.subarray(at)]);
}

function reloadScript(id: number): string {
  return `<script>(() => { const events = new EventSource('/events'); events.addEventListener('build', (event) => { if (Number(event.data) !== ${id}) location.reload(); }); })();</script>`;
}

function bannerHtml(status: PageStatus): string {
  const title = status.errors > 0 ? `${status.errors} error${status.errors === 1 ? '' : 's'}: this page shows the last build that had none` : 'Warnings';
  const style = [
    'position:fixed;inset:auto 0 0 0;max-height:40vh;overflow:auto;margin:0;padding:.75rem 1rem;z-index:10',
    `background:${status.errors > 0 ? '#7a1010' : '#5c4400'};color:#fff;font:13px/1.4 ui-monospace,monospace;white-space:pre-wrap`,
  ].join(';');
  const lines = status.lines.map((line) => `<div>${escape(line)}</div>`).join('');
  return `<aside id="paper-watch-banner" role="status" aria-label="Build problems" style="${style}"><strong>${escape(title)}</strong>${lines}</aside>`;
}

/** A page for when no build has succeeded yet: only the problems. */
export function problemsPage(status: PageStatus): Buffer {
  return livePage('<!doctype html><html lang="en"><head><meta charset="utf-8"><title>paper watch</title></head><body><main><h1>No build yet</h1><p>The paper has errors; the page appears once they are fixed.</p></main></body></html>', status);
}

import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseHtml, selectAll, textOf } from '../helpers/html-text.js';
import { runMain, withoutTimes } from '../helpers/run-cli.js';

/**
 * RIS bibliographies (`.ris`). Pandoc 2.17 reads none (`Could not determine bibliography format`);
 * Pandoc 3's RIS reader is the model for the keys of records without an `ID`
 * (`Doe_Roe_2010`, then `Doe_Roe_2010b`). The items are citation-js's RIS plugin's.
 */
const scratch = mkdtempSync(join(tmpdir(), 'paper-ris-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const records = [
  'TY  - BOOK',
  'AU  - Smith, John',
  'TI  - A Book',
  'PY  - 2000',
  'PB  - Press',
  'ID  - smith2000',
  'ER  - ',
  '',
  'TY  - JOUR',
  'AU  - Doe, Jane',
  'AU  - Roe, R.',
  'TI  - An Article',
  'T2  - Journal of Things',
  'VL  - 5',
  'IS  - 2',
  'SP  - 10',
  'EP  - 20',
  'PY  - 2010',
  'ER  - ',
  '',
  'TY  - JOUR',
  'AU  - Doe, Jane',
  'AU  - Roe, R.',
  'TI  - Another Article',
  'T2  - Journal of Things',
  'VL  - 6',
  'PY  - 2010',
  'ER  - ',
  '',
].join('\r\n');

describe('a RIS bibliography', () => {
  it('is cited by `ID`, or by the key Pandoc makes of the authors and year, and listed as citation-js reads it', async () => {
    writeFileSync(join(scratch, 'refs.ris'), records);
    writeFileSync(join(scratch, 'paper.md'), '---\ntitle: T\nbibliography: refs.ris\n---\n\nAs @smith2000 says [see @Doe_Roe_2010; @Doe_Roe_2010b].\n');
    const run = await runMain(['build', 'paper.md', '--out', 'out', '--no-pdf', '--style', 'apa'], scratch);
    expect(withoutTimes(run.stdout + run.stderr)).not.toContain('warning');
    expect(run.status).toBe(0);
    const html = parseHtml(readFileSync(join(scratch, 'out/paper.html'), 'utf8'));
    expect(selectAll('#refs > .csl-entry', html).map((entry) => textOf(entry))).toEqual([
      'Doe, J., & Roe, R. (2010a). An Article. Journal of Things, 5(2), 10–20.',
      'Doe, J., & Roe, R. (2010b). Another Article. Journal of Things, 6.',
      'Smith, J. (2000). A Book. Press.',
    ]);
    expect(selectAll('a[role=doc-biblioref]', html).map((link) => link.properties.href)).toEqual(['#ref-smith2000', '#ref-smith2000', '#ref-Doe_Roe_2010', '#ref-Doe_Roe_2010b']);
  });

  it('has its problems said at their line: an unknown key with the closest, a record without `ER`, a key twice, a file without records; the key of a record that could not be read is not unknown; a made key is placed at its record’s `TY`', async () => {
    writeFileSync(join(scratch, 'broken.ris'), `${records}TY  - BOOK\r\nID  - smith2000\r\nER  - \r\n\r\nTY  - BOOK\r\nTI  - Unfinished\r\nID  - unfinished\r\n`);
    writeFileSync(join(scratch, 'empty.ris'), 'Nothing here.\n');
    writeFileSync(join(scratch, 'check.md'), '---\ntitle: T\nbibliography: [broken.ris, empty.ris]\n---\n\nAs @smith2000 says [@Doe_Roe_2001; @Doe_Roe_2010b; @unfinished].\n');
    const run = await runMain(['check', 'check.md'], scratch);
    expect(withoutTimes(run.stdout + run.stderr).split('\n').filter((line) => line.includes('  error  ') || line.includes('  warning  '))).toEqual([
      'check.md:6:21-6:34  error  Cannot find citation key `Doe_Roe_2001`; did you mean `Doe_Roe_2010` or `Doe_Roe_2010b`; `empty.ris` has no entries  citation-unknown-key',
      'broken.ris:9:7-9:11  warning  Entry `Doe_Roe_2010` is neither cited nor in `nocite`  bib-unused-entry',
      'broken.ris:30:7-30:16  error  Duplicate bibliography key `smith2000`; first defined at 6:7  bib-duplicate-key',
      'broken.ris:33:7-33:11  error  RIS record `BOOK` has no `ER  - ` line at the end of the file  bib-syntax',
      'empty.ris:1:1  warning  The bibliography has no entries; citations of it will be unknown keys  bib-empty',
    ]);
  });
});

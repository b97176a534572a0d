import { CompletionItemKind, type CompletionItem, type CompletionList, type Range } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { familyNames, plain } from '../bibliography/bibtex-names.js';
import type { PlacedEntry } from '../bibliography/read-bibliography.js';
import { isCrossrefKey, type CrossrefTarget } from '../citations/crossref-targets.js';
import { locatorTerms } from '../citations/syntax/locator.js';
import type { ResolvedPaper } from '../pipeline/resolve.js';
import { completionContext } from './citation-text.js';

/**
 * Completion in a manuscript: after `@` or `[@`, the bibliography's keys (author, year and title in
 * the detail) and the cross-reference ids with their numbers; after a comma inside a citation, the
 * locator terms Pandoc reads (`p.`, `chap.`, `sec.` …). Keys and targets come from the last check;
 * where the cursor is comes from the buffer as it is now.
 */
export function completions(document: TextDocument, offset: number, paper: ResolvedPaper | undefined): CompletionList {
  const context = completionContext(document.getText(), offset);
  if (!context) return { isIncomplete: false, items: [] };
  const range: Range = { start: document.positionAt(context.start), end: document.positionAt(context.end) };
  if (context.kind === 'locator') {
    const items = [...locatorTerms].filter(([form]) => form.startsWith(context.partial.toLowerCase())).map(([form, label], index): CompletionItem => ({
      label: form,
      kind: CompletionItemKind.Keyword,
      detail: `locator: ${label}`,
      sortText: String(index).padStart(3, '0'),
      textEdit: { range, newText: `${form} ` },
    }));
    return { isIncomplete: false, items };
  }
  if (!paper) return { isIncomplete: false, items: [] };
  const items: CompletionItem[] = [];
  for (const [key, placed] of paper.bibliography.entries) {
    items.push({ label: key, kind: CompletionItemKind.Reference, detail: entryDetail(placed), sortText: `1${key}`, textEdit: { range, newText: key } });
  }
  for (const target of paper.targets.values()) {
    if (!isCrossrefKey(target.id)) continue;
    items.push({ label: target.id, kind: CompletionItemKind.Reference, detail: targetDetail(target), sortText: `2${target.id}`, textEdit: { range, newText: target.id } });
  }
  return { isIncomplete: false, items };
}

const kindNames: Record<CrossrefTarget['kind'], string> = { section: 'Section', table: 'Table', figure: 'Figure', equation: 'Equation', listing: 'Listing', note: 'Note' };

/** `Table 2`, `Section 1.2: Title`, `Section: Title` (unnumbered). */
export function targetDetail(target: CrossrefTarget): string {
  const name = [kindNames[target.kind], target.label].filter(Boolean).join(' ');
  return target.title ? `${name}: ${target.title}` : name;
}

/** `Nazarbayev (2009) Title`: the first author's family name (`et al.` for more), the year, the title. */
export function entryDetail(placed: PlacedEntry): string {
  const { author, year, title } = placed.csl ? cslSummary(placed.csl) : bibtexSummary(placed);
  return [author, year ? `(${year})` : '', title].filter(Boolean).join(' ');
}

function bibtexSummary({ entry }: PlacedEntry): { author: string; year: string; title: string } {
  const field = (name: string) => entry.fields.find((candidate) => candidate.name === name)?.value;
  const names = familyNames(field('author') ?? field('editor') ?? '');
  const year = field('year') ?? /^\d{4}/.exec(field('date') ?? '')?.[0] ?? '';
  return { author: authors(names), year: plain(year), title: plain(field('title') ?? '') };
}

function cslSummary(item: NonNullable<PlacedEntry['csl']>): { author: string; year: string; title: string } {
  const people = ((item.author ?? item.editor) as Array<{ family?: string; literal?: string }> | undefined) ?? [];
  const issued = item.issued as { 'date-parts'?: Array<Array<number | string>> } | undefined;
  const year = issued?.['date-parts']?.[0]?.[0];
  return { author: authors(people.map((person) => person.family ?? person.literal ?? '').filter(Boolean)), year: year === undefined ? '' : String(year), title: typeof item.title === 'string' ? item.title : '' };
}

function authors(names: string[]): string {
  if (names.length <= 2) return names.join(' and ');
  return `${names[0]} et al.`;
}

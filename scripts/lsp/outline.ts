import type { Heading, Root } from 'mdast';
import { toString } from 'mdast-util-to-string';
import { visit } from 'unist-util-visit';
import { SymbolKind, type DocumentSymbol, type Range } from 'vscode-languageserver';
import type { ResolvedPaper } from '../pipeline/resolve.js';
import { targetDetail } from './completion.js';
import { contains, rangeOf } from './lsp-ranges.js';

/**
 * The outline of a manuscript: its headings, nested by level, each spanning to the next heading of
 * its level or above, with the tables and figures (numbered, with their ids) inside the section
 * that holds them. From the last check's tree, whose numbers are the paper's.
 */
export function outline(paper: ResolvedPaper): DocumentSymbol[] {
  const { file } = paper;
  const text = String(file.value);
  const end = rangeOf(file, { line: 0, column: 0, offset: text.length });
  const headings: Array<{ depth: number; symbol: DocumentSymbol }> = [];
  visit(paper.tree as Root, 'heading', (node: Heading) => {
    if (!node.position) return;
    const range = rangeOf(file, node.position);
    const number = (node.data as { sectionNumber?: string } | undefined)?.sectionNumber;
    const name = [number, toString(node)].filter(Boolean).join(' ') || '(heading)';
    headings.push({ depth: node.depth, symbol: { name, kind: SymbolKind.Namespace, range: { start: range.start, end: end.start }, selectionRange: range, children: [] } });
  });
  // A section ends where the next heading of its level or above starts.
  headings.forEach((heading, index) => {
    const next = headings.slice(index + 1).find((other) => other.depth <= heading.depth);
    if (next) heading.symbol.range = { start: heading.symbol.range.start, end: next.symbol.range.start };
  });
  const roots: DocumentSymbol[] = [];
  const open: Array<{ depth: number; symbol: DocumentSymbol }> = [];
  for (const heading of headings) {
    while (open.length > 0 && (open.at(-1)?.depth ?? 0) >= heading.depth) open.pop();
    const parent = open.at(-1);
    (parent ? (parent.symbol.children ??= []) : roots).push(heading.symbol);
    open.push(heading);
  }
  for (const target of paper.targets.values()) {
    if ((target.kind !== 'table' && target.kind !== 'figure') || !target.position) continue;
    const range = rangeOf(file, target.position);
    const symbol: DocumentSymbol = { name: targetDetail(target), detail: target.id, kind: target.kind === 'table' ? SymbolKind.Struct : SymbolKind.File, range, selectionRange: range };
    const section = innermost(roots, range);
    (section ? (section.children ??= []) : roots).push(symbol);
  }
  return roots;
}

function innermost(symbols: readonly DocumentSymbol[], range: Range): DocumentSymbol | undefined {
  for (const symbol of symbols) {
    if (symbol.kind !== SymbolKind.Namespace || !contains(symbol.range, range.start.line, range.start.character)) continue;
    return innermost(symbol.children ?? [], range) ?? symbol;
  }
  return undefined;
}

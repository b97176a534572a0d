import type { Root } from 'mdast';
import { toHtml } from 'hast-util-to-html';
import { visit } from 'unist-util-visit';
import { describe, expect, it } from 'vitest';
import type { CiteInput } from '../../scripts/bibliography/citeproc.js';
import type { Citation } from '../../scripts/citations/syntax/citation-node.js';
import { renderCitations } from '../../scripts/citations/render-citations.js';
import type { CrossrefTarget } from '../../scripts/citations/crossref-targets.js';
import { parse } from '../helpers/parse.js';

/** A stand-in CSL engine that shows exactly what it was asked to render. */
const stub = {
  calls: [] as CiteInput[][][],
  renderClusters(clusters: CiteInput[][]) {
    this.calls.push(clusters);
    return clusters.map((cites) => `[${cites.map((cite) => JSON.stringify(cite)).join(' | ')}]`);
  },
};

function citationsOf(tree: Root): Citation[] {
  const found: Citation[] = [];
  visit(tree, 'citation', (node) => {
    found.push(node);
  });
  return found;
}

const targets = new Map<string, CrossrefTarget>([
  ['tbl-a', { id: 'tbl-a', kind: 'table', label: '1.2' }],
  ['sec-b', { id: 'sec-b', kind: 'section', label: '2' }],
]);

describe('rendering citations', () => {
  it('sends every cluster to the engine in one call, narrative ones as author-only plus the rest', () => {
    stub.calls = [];
    const { tree } = parse('As @smith [p. 4] said [see @jones, 12; @smith].\n');
    const citations = citationsOf(tree);
    renderCitations(citations, targets, stub);
    expect(stub.calls).toEqual([
      [
        [{ id: 'smith', 'author-only': true }],
        [{ id: 'smith', locator: '4', label: 'page', 'suppress-author': true }],
        [{ id: 'jones', locator: '12', label: 'page', prefix: 'see ' }, { id: 'smith' }],
      ],
    ].map((call) => call.map((cluster) => cluster.map((cite) => expect.objectContaining(cite)))));
    expect(citations.map((citation) => toHtml({ type: 'root', children: citation.data?.rendered ?? [] }).replaceAll('&#x22;', '"'))).toEqual([
      '[{"id":"smith","author-only":true}] [{"id":"smith","locator":"4","label":"page","suppress-author":true}]',
      '[{"id":"jones","locator":"12","label":"page","prefix":"see "} | {"id":"smith"}]',
    ]);
  });

  it('shows a key no entry has as Pandoc does, "**key?**", and sends the engine only the keys it knows', () => {
    stub.calls = [];
    const { tree } = parse('As @nobody said [see @smith; @nobody, p. 2].\n');
    const citations = citationsOf(tree);
    renderCitations(citations, targets, stub, undefined, new Set(['smith']));
    expect(stub.calls).toEqual([[[expect.objectContaining({ id: 'smith', prefix: 'see ' })]]]);
    expect(citations.map((citation) => toHtml({ type: 'root', children: citation.data?.rendered ?? [] }).replaceAll('&#x22;', '"'))).toEqual([
      '<strong>nobody?</strong>',
      '[{"id":"smith","prefix":"see "}]; <strong>nobody?</strong>',
    ]);
  });

  it('renders cross-references as links: "Table 1.2", or the number alone when author-suppressed', () => {
    stub.calls = [];
    const { tree } = parse('See @tbl-a, table [-@tbl-a] and [@sec-b].\n');
    const citations = citationsOf(tree);
    renderCitations(citations, targets, stub);
    expect(stub.calls).toEqual([]);
    expect(citations.map((citation) => toHtml({ type: 'root', children: citation.data?.rendered ?? [] }))).toEqual([
      '<a href="#tbl-a" class="crossref">Table 1.2</a>',
      '<a href="#tbl-a" class="crossref">1.2</a>',
      '<a href="#sec-b" class="crossref">Section 2</a>',
    ]);
  });
});

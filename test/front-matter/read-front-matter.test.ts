import { describe, expect, it } from 'vitest';
import { readFrontMatter } from '../../scripts/front-matter/read-front-matter.js';
import { createFragmentParser } from '../../scripts/markdown/fragments.js';
import { createMarkdownParser } from '../../scripts/pipeline/parse.js';
import { messages, parse } from '../helpers/parse.js';

function read(markdown: string) {
  const { tree, file } = parse(markdown);
  const meta = readFrontMatter(tree, file, createFragmentParser(createMarkdownParser(), []));
  return { meta, tree, messages: messages(file) };
}

describe('front matter', () => {
  it('reads Pandoc fields: authors as text or records, nocite as citations or keys', () => {
    const { meta, messages: found } = read(
      '---\ntitle: "On *Things*"\nauthor: [Ann, { name: Bob, email: bob@example.org }]\nbibliography: [a.bib, b.bib]\nnocite: "@x, @{y.z}; @w."\nlang: de-DE\n---\n\nText.\n',
    );
    expect(found).toEqual([]);
    expect(meta?.title).toBe('On Things');
    expect(meta?.authors).toEqual([{ name: 'Ann', affiliations: [] }, { name: 'Bob', affiliations: [], orcid: undefined, email: 'bob@example.org', corresponding: undefined }]);
    expect(meta?.bibliographies.map((item) => `${item.value} ${item.position.start.line}:${item.position.start.column}`)).toEqual(['a.bib 4:16', 'b.bib 4:23']);
    expect(meta?.nocite.map((item) => item.value)).toEqual(['x', 'y.z', 'w']);
    expect(meta?.lang).toBe('de-DE');
    expect(meta?.numberSections).toBe(false);
  });

  it('puts a title block in the tree, with the title, its note and the abstract parsed as Markdown', () => {
    const { tree } = read('---\ntitle: A *B*\nthanks: Read at [X](https://x.org).\nabstract: |\n  One.\n\n  Two [@k].\n---\n');
    const block = tree.children[0];
    expect(block?.type).toBe('titleBlock');
    expect(block && 'children' in block ? block.children.map((field) => ('name' in field ? `${field.name}: ${field.children.map((child) => child.type).join(',')}` : '')) : []).toEqual([
      'title: text,emphasis',
      'thanks: text,link,text',
      'abstract: paragraph,paragraph',
    ]);
  });

  it('reports a missing front matter, one that is not a mapping, and bad values, at their places', () => {
    expect(read('# No front matter\n').messages).toEqual([
      '1:1 warning The manuscript has no front matter, so no title; the file name `paper` is used. Start it with `---`, a line `title: ...`, and `---` frontmatter-title-missing',
    ]);
    expect(read('---\n- a list\n---\n').messages).toEqual(['1:1-3:4 error The front matter must be a mapping of fields such as `title: ...` frontmatter-schema']);
    expect(read('---\ntitle: T\nauthor: { name: A, email: not-mail }\n---\n').messages).toEqual([
      '3:27-3:35 error Expected an e-mail address; found `not-mail` frontmatter-schema',
    ]);
    expect(read('---\ntitle: T\ntitle: U\n---\n').messages).toEqual(['3:1-3:2 error Invalid YAML: Map keys must be unique frontmatter-schema']);
  });

  it('reads the fields that fit when others do not, so a bad field hides nothing else', () => {
    const { meta, messages: found } = read('---\ntitle: T\ntoc: maybe\nlang: de\nbibliography: 3\n---\n');
    expect(found.sort()).toEqual(['3:6-3:11 error Expected `true` or `false`; found `maybe` frontmatter-schema', '5:15-5:16 error Expected text, or a list of texts; found `3` frontmatter-schema']);
    expect(meta.title).toBe('T');
    expect(meta.lang).toBe('de');
    expect(meta.toc).toEqual({ title: 'Contents', depth: 3 });
    // The bibliography that could not be read makes no citation an unknown key.
    expect(meta.bibliographiesUnread).toBe(true);
    expect(read('---\n- a list\n---\n').meta.bibliographiesUnread).toBe(true);
    expect(read('---\ntitle: T\n---\n').meta.bibliographiesUnread).toBe(false);
  });

  it('takes the file name for a missing title, as Pandoc does, with a warning and no heading made up', () => {
    const { meta, tree, messages: found } = read('---\nauthor: Ann\n---\n\nText.\n');
    expect(found).toEqual(['1:1 warning The front matter has no `title`; the file name `paper` is used frontmatter-title-missing']);
    expect(meta.title).toBe('paper');
    expect(meta.shortTitle).toBe('paper');
    const block = tree.children[0];
    expect(block?.type === 'titleBlock' ? block.children.map((field) => field.name) : []).toEqual([]);
  });

  it('says which known key a key in other case or with `_` was meant to be, and does not also call the title missing', () => {
    expect(read('---\nTitle: On Things\nNumber_Sections: true\nlocation: London\n---\n').messages).toEqual([
      '2:1-2:6 warning Unknown key `Title`; did you mean `title` frontmatter-unknown-key',
      '3:1-3:16 warning Unknown key `Number_Sections`; did you mean `number-sections` frontmatter-unknown-key',
    ]);
  });
});

/**
 * Code highlighted at build time, with no script in the page: lowlight (highlight.js's grammars,
 * giving hast), loaded only for a paper with a code block in a language it knows. Its 37 common
 * languages load first; all 190 only when a block names a language outside them.
 *
 * The tokens get Pandoc's class names (skylighting's `kw`, `st`, `co`, `fu`…), as Pandoc's HTML
 * writer gives them, so a stylesheet written for Pandoc's highlighting styles ours too.
 *
 * Chosen over starry-night and shiki for load cost, measured in a bundle like ours: lowlight's
 * common grammars load in 14 ms; starry-night's, with their WebAssembly regex engine, in 450 ms.
 */
import type { Element, ElementContent, Root } from 'hast';
import type { Code, Root as MdastRoot } from 'mdast';
import { visit } from 'unist-util-visit';

export interface CodeHighlighter {
  /** The tokens of `code` in `language`, or undefined when the language is not known. */
  highlight(language: string, code: string): ElementContent[] | undefined;
}

/** The language a code block names: the first word of its info string (Pandoc: its first class). */
export function codeLanguage(node: Code): string | undefined {
  return node.lang?.split(/\s+/)[0] || undefined;
}

/** The languages the paper's code blocks name. */
export function codeLanguages(tree: MdastRoot): Set<string> {
  const languages = new Set<string>();
  visit(tree, 'code', (node) => {
    const language = codeLanguage(node);
    if (language) languages.add(language.toLowerCase());
  });
  return languages;
}

/** A highlighter for these languages; undefined when the paper names none (nothing is loaded). */
export async function loadCodeHighlighter(languages: ReadonlySet<string>): Promise<CodeHighlighter | undefined> {
  if (languages.size === 0) return undefined;
  const { createLowlight, common } = await import('lowlight');
  let lowlight = createLowlight(common);
  if ([...languages].some((language) => !lowlight.registered(language))) {
    const { all } = await import('lowlight');
    lowlight = createLowlight(all);
  }
  return {
    highlight(language, code) {
      if (!lowlight.registered(language.toLowerCase())) return undefined;
      const tree = lowlight.highlight(language.toLowerCase(), code);
      return pandocTokens(tree);
    },
  };
}

/** highlight.js's scopes as skylighting's token classes (Pandoc's HTML); a scope with none is plain text. */
const tokenClasses: Record<string, string> = {
  keyword: 'kw',
  built_in: 'bu',
  type: 'dt',
  literal: 'cn',
  number: 'dv',
  string: 'st',
  regexp: 'ss',
  symbol: 'ss',
  'char.escape': 'sc',
  comment: 'co',
  doctag: 'do',
  meta: 'pp',
  title: 'fu',
  'title.function': 'fu',
  'title.class': 'dt',
  'title.class.inherited': 'dt',
  attr: 'at',
  attribute: 'at',
  variable: 'va',
  'variable.language': 'kw',
  'variable.constant': 'cn',
  'template-variable': 'va',
  'template-tag': 'kw',
  operator: 'op',
  property: 'va',
  tag: 'kw',
  name: 'kw',
  'selector-tag': 'kw',
  'selector-id': 'va',
  'selector-class': 'va',
  'selector-attr': 'at',
  'selector-pseudo': 'at',
  code: 'vs',
  quote: 'co',
};

/** The scope of a highlight.js span: `hljs-title` with `function_` is `title.function`. */
function scopeOf(node: Element): string | undefined {
  const classes = (node.properties.className as string[] | undefined) ?? [];
  const main = classes.find((name) => name.startsWith('hljs-'))?.slice('hljs-'.length);
  if (!main) return undefined;
  const modifiers = classes.filter((name) => name.endsWith('_')).map((name) => name.slice(0, -1));
  return [main, ...modifiers].join('.');
}

function classOf(scope: string): string | undefined {
  // The most specific scope known: `title.class.inherited`, then `title.class`, then `title`.
  for (let parts = scope.split('.'); parts.length > 0; parts = parts.slice(0, -1)) {
    const found = tokenClasses[parts.join('.')];
    if (found) return found;
  }
  return undefined;
}

/** highlight.js's spans renamed to Pandoc's classes; spans Pandoc has no class for are unwrapped. */
function pandocTokens(tree: Root): ElementContent[] {
  const rename = (nodes: ElementContent[], inherited: string | undefined): ElementContent[] =>
    nodes.flatMap((node): ElementContent[] => {
      if (node.type !== 'element') return [node];
      const scope = scopeOf(node);
      const token = scope ? classOf(scope) : undefined;
      const children = rename(node.children, token ?? inherited);
      // A token inside one of the same class (a string inside a string) adds nothing.
      if (!token || token === inherited) return children;
      return [{ type: 'element', tagName: 'span', properties: { className: [token] }, children }];
    });
  return rename(tree.children as ElementContent[], undefined);
}

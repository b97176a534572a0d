/**
 * remark plugin: syntax extensions added for reading only (their micromark constructs and
 * mdast-util-from-markdown handlers). remark-gfm, remark-directive and remark-frontmatter also add
 * the writing side, mdast-util-to-markdown's handlers, built when the plugin is attached; a paper
 * is never written back as Markdown, so the check neither loads nor builds them.
 */
import type { Extension as FromMarkdownExtension } from 'mdast-util-from-markdown';
import type { Extension as SyntaxExtension } from 'micromark-util-types';
import type {} from 'remark-parse';
import type { Processor } from 'unified';

export interface ReadSyntax {
  syntax: SyntaxExtension;
  fromMarkdown: FromMarkdownExtension | FromMarkdownExtension[];
}

/** Used once, with every extension in order: unified attaches a plugin used twice only once, with the later options. */
export default function remarkReadSyntax(this: Processor, extensions: ReadSyntax[]): undefined {
  const data = this.data();
  for (const extension of extensions) {
    (data.micromarkExtensions ??= []).push(extension.syntax);
    (data.fromMarkdownExtensions ??= []).push(extension.fromMarkdown);
  }
}

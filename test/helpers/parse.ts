import type { Root } from 'mdast';
import { VFile } from 'vfile';
import { createMarkdownParser } from '../../scripts/pipeline/parse.js';

/** Parse Markdown as the pipeline does, into a tree and the file its messages go on. */
export function parse(markdown: string, path = 'paper.md'): { tree: Root; file: VFile } {
  const file = new VFile({ path, value: markdown });
  return { tree: createMarkdownParser().parse(file), file };
}

/** The messages of a file as the CLI prints them, without the path. */
export function messages(file: VFile): string[] {
  return file.messages.map((message) => {
    const place = message.place;
    const where = place && 'start' in place ? `${place.start.line}:${place.start.column}-${place.end.line}:${place.end.column}` : place ? `${place.line}:${place.column}` : '';
    return `${where} ${message.fatal === true ? 'error' : message.fatal === false ? 'warning' : 'info'} ${message.reason} ${message.ruleId}`;
  });
}

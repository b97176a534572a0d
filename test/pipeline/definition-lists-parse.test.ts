import { VFile } from 'vfile';
import { describe, expect, it } from 'vitest';
import { parsePaper } from '../../scripts/pipeline/parse.js';
import { StageCache } from '../../scripts/source/stage-cache.js';

const types = (text: string, cache: StageCache) => parsePaper(new VFile({ path: 'paper.md', value: `---\ntitle: T\n---\n\n${text}` }), cache)?.tree.children.map((node) => node.type);

describe('definition lists in a long-lived parse (paper watch)', () => {
  it('reads a definition list typed into a paper that had none, and text again once it is gone', () => {
    const cache = new StageCache(64);
    expect(types('Term\n\nDefinition.\n', cache)).toEqual(['titleBlock', 'paragraph', 'paragraph']);
    expect(types('Term\n\n: Definition.\n', cache)).toEqual(['titleBlock', 'defList']);
    expect(types('Term\n\n: Definition, edited.\n\nMore.\n', cache)).toEqual(['titleBlock', 'defList', 'paragraph']);
    expect(types('Term\n\nDefinition.\n', cache)).toEqual(['titleBlock', 'paragraph', 'paragraph']);
  });
});

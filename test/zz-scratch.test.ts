import { it } from 'vitest';
import { inspect } from 'node:util';
import { parse } from '/work/w-deflist/test/helpers/parse.js';
import { readFileSync } from 'node:fs';
it('x', () => {
  for (const src of readFileSync('/tmp/dl-in.txt','utf8').split('%%%\n')) {
    const { tree } = parse(src);
    const strip = (n: any): any => { const { position, ...rest } = n; const o: any = { ...rest }; if (n.children) o.children = n.children.map(strip); if (process.env.POS && position) o.pos = `${position.start.line}:${position.start.column}-${position.end.line}:${position.end.column}`; return o; };
    console.log(JSON.stringify(src), '\n', inspect(tree.children.map(strip), { depth: 20, breakLength: 160 }));
  }
});

// A paper N times the size of this one, for benchmarks: N copies of the manuscript's text with
// distinct citation keys, note labels and ids (copy 0 keeps the originals), N copies of every
// bibliography entry, the period tables of every copy (sharing the data files), one graph, one
// list of notes and one of references. `paper check` finds the same problems in it N times over.
import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Write the paper scaled `copies` times into `out` (a paper folder), from the paper folder `root`. */
export function makeScaledPaper(root, out, copies) {
  const manuscript = readFileSync(join(root, 'manuscript', 'paper.md'), 'utf8');
  const bib = readFileSync(join(root, 'bibliography', 'references.bib'), 'utf8');
  const keys = new Set([...bib.matchAll(/^@\w+\{([^,\s]+),/gm)].map((match) => match[1]));
  const [, frontMatter, body] = /^---\n([\s\S]*?)\n---\n([\s\S]*)$/.exec(manuscript);
  const notesAt = body.indexOf('# NOTES {-}');
  const refsAt = body.indexOf('# REFERENCES CITED {-}');
  const text = body.slice(0, notesAt);
  const tail = body.slice(notesAt, refsAt);
  const definitionsAt = body.indexOf('\n[^', refsAt);
  const references = body.slice(refsAt, definitionsAt);
  const definitions = body.slice(definitionsAt);
  const groups = tail.match(/^:::table-group[\s\S]*?^:::$/gm) ?? [];
  const graph = /^::trend-graph.*$/m.exec(tail)?.[0] ?? '';

  const suffixed = (source, suffix) =>
    suffix === ''
      ? source
      : source
          .replace(/(?<![\w@])@([A-Za-z0-9_][\w:./-]*\w)/g, (match, key) => (keys.has(key) || /^(tbl|sec)-/.test(key) ? `@${key}${suffix}` : match))
          .replace(/\[\^([^\]\s]+)\]/g, (_match, label) => `[^${label}${suffix}]`)
          .replace(/\{#((?:tbl|sec)-[\w-]+)/g, (_match, id) => `{#${id}${suffix}`)
          .replace(/\]\(#((?:tbl|sec)-[\w-]+)\)/g, (_match, id) => `](#${id}${suffix})`);

  const copiesOf = (source) => Array.from({ length: copies }, (_, copy) => suffixed(source, copy === 0 ? '' : `-c${copy}`));
  // Notes called only from the tables (whose data all copies share) are defined once, in copy 0.
  const called = new Set([...text.matchAll(/\[\^([^\]\s]+)\](?!:)/g)].map((match) => match[1]));
  const ownDefinitions = definitions
    .split(/\n(?=\[\^)/)
    .filter((definition) => called.has(/^\[\^([^\]\s]+)\]:/.exec(definition.trim())?.[1]))
    .join('\n');
  const nocite = /nocite: \|\n\s+(.*)\n/.exec(frontMatter)?.[1] ?? '';
  const scaledFront = frontMatter.replace(/nocite: \|\n\s+.*\n/, `nocite: |\n  ${copiesOf(nocite).join(', ')}\n`);
  const scaled = [
    `---\n${scaledFront}\n---\n`,
    copiesOf(text).join('\n'),
    '# NOTES {-}\n\n::notes\n',
    copiesOf(groups.join('\n\n')).join('\n\n'),
    `\n${graph}\n`,
    references,
    [definitions, ...copiesOf(ownDefinitions).slice(1)].join('\n'),
  ].join('\n');
  const scaledBib = Array.from({ length: copies }, (_, copy) =>
    copy === 0 ? bib : bib.replace(/^(@\w+\{)([^,\s]+),/gm, (_match, start, key) => `${start}${key}-c${copy},`),
  ).join('\n');

  mkdirSync(join(out, 'manuscript'), { recursive: true });
  mkdirSync(join(out, 'bibliography'), { recursive: true });
  for (const folder of ['tables', 'graphs']) cpSync(join(root, 'manuscript', folder), join(out, 'manuscript', folder), { recursive: true });
  writeFileSync(join(out, 'manuscript', 'paper.md'), scaled);
  writeFileSync(join(out, 'bibliography', 'references.bib'), scaledBib);
  return { entries: keys.size * copies, bytes: Buffer.byteLength(scaled) };
}

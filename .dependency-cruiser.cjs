// The rooms of scripts/ and what each may import: the rules ARCHITECTURE.md explains, enforced by
// `npm test` (`depcruise scripts`) so the layout cannot drift. A room not listed under another's
// `mayImport` is above it or beside it, and importing it is an error; so is any import circle.
// Type-only imports count: a type is a dependency too.

/** Room → the rooms it may import, besides itself. Paths are under scripts/. */
const rooms = {
  diagnostics: [],
  source: ['diagnostics'],
  markdown: ['source', 'diagnostics'],
  'citations/syntax': ['markdown', 'source', 'diagnostics'],
  'front-matter': ['markdown', 'source', 'diagnostics'],
  html: ['front-matter', 'markdown', 'source', 'diagnostics'],
  bibliography: ['html', 'front-matter', 'markdown', 'source', 'diagnostics'],
  tables: ['html', 'front-matter', 'markdown', 'source', 'diagnostics'],
  figures: ['markdown', 'source', 'diagnostics'],
  math: ['markdown', 'source', 'diagnostics'],
  citations: ['citations/syntax', 'bibliography', 'html', 'front-matter', 'markdown', 'source', 'diagnostics'],
  pdf: ['source', 'diagnostics'],
  manifest: ['pdf', 'source', 'diagnostics'],
  daemon: ['source', 'diagnostics'],
  pipeline: ['manifest', 'pdf', 'citations', 'citations/syntax', 'tables', 'figures', 'math', 'bibliography', 'html', 'front-matter', 'markdown', 'source', 'diagnostics'],
  watch: ['pipeline', 'manifest', 'pdf', 'citations', 'citations/syntax', 'tables', 'figures', 'math', 'bibliography', 'html', 'front-matter', 'markdown', 'source', 'diagnostics'],
  lsp: ['pipeline', 'citations', 'citations/syntax', 'tables', 'figures', 'math', 'bibliography', 'html', 'front-matter', 'markdown', 'source', 'diagnostics'],
  cli: ['daemon', 'lsp', 'watch', 'pipeline', 'manifest', 'pdf', 'citations', 'citations/syntax', 'tables', 'figures', 'math', 'bibliography', 'html', 'front-matter', 'markdown', 'source', 'diagnostics'],
};

/** Build-time and declaration folders, which may import any room: `tools/` (schemas), `types/` (module augmentations). */
const anywhere = ['tools', 'types'];

const escape = (room) => room.replace(/[/-]/g, (character) => `\\${character}`);
/** A path inside `room` (for `citations`, not inside its sub-room `citations/syntax`). */
const inside = (room) => {
  const nested = Object.keys(rooms).filter((other) => other.startsWith(`${room}/`));
  return `^scripts/${escape(room)}/${nested.map((other) => `(?!${escape(other.slice(room.length + 1))}/)`).join('')}`;
};

const roomRules = Object.entries(rooms).map(([room, mayImport]) => ({
  name: `room-${room.replace('/', '-')}`,
  comment: `scripts/${room}/ may import only ${mayImport.length > 0 ? mayImport.map((other) => `${other}/`).join(', ') : 'no other room'} (ARCHITECTURE.md)`,
  severity: 'error',
  from: { path: inside(room) },
  to: {
    path: '^scripts/',
    pathNot: [room, ...mayImport].map(inside),
  },
}));

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      comment: 'An import circle: two modules that need each other belong in one, or their shared part in a third.',
      severity: 'error',
      from: { path: '^scripts/' },
      to: { circular: true },
    },
    {
      name: 'no-unknown-room',
      comment: 'A folder of scripts/ that ARCHITECTURE.md and this file do not name: give it a place among the rooms.',
      severity: 'error',
      from: { path: '^scripts/', pathNot: [...Object.keys(rooms), ...anywhere].map((room) => `^scripts/${escape(room)}/`) },
      to: {},
    },
    ...roomRules,
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsConfig: { fileName: 'tsconfig.json' },
    tsPreCompilationDeps: true,
    exclude: { path: '\\.d\\.ts$' },
  },
};

// For the test that keeps ARCHITECTURE.md's table and these rules the same (not part of the configuration).
Object.defineProperty(module.exports, 'rooms', { value: rooms, enumerable: false });

/**
 * `::refs` and `::notes`: leaf directives that say where the reference list and the notes go (the
 * render stage puts them there); without them, both go at the end, as Pandoc places them.
 */
export const placedDirectives = ['refs', 'notes'] as const;

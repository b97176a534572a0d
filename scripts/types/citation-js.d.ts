// citation-js ships no types; this is the part of its API the adapter (bibliography/citeproc.ts) uses.
declare module '@citation-js/core' {
  export const plugins: {
    config: { get(name: string): unknown };
    input: { chain(data: unknown, options: Record<string, unknown>): unknown };
  };
}
declare module '@citation-js/plugin-bibtex';
declare module '@citation-js/plugin-csl';

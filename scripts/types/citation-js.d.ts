// citation-js ships no types; this is the part of its API the adapter (bibliography/citeproc.ts) uses.
declare module '@citation-js/core' {
  /** citation-js's data class; tests use it to compare with what the adapter does. */
  export class Cite {
    constructor(data: unknown, options?: Record<string, unknown>);
    data: Array<Record<string, unknown>>;
    format(format: string, options?: Record<string, unknown>): string;
  }
  export const plugins: {
    config: { get(name: string): unknown };
    input: { chain(data: unknown, options: Record<string, unknown>): unknown };
  };
}
declare module '@citation-js/plugin-bibtex';
declare module '@citation-js/plugin-csl';
declare module '@citation-js/plugin-ris';

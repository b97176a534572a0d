// citeproc-js ships no types; this is the part of its API the adapter uses.
declare module 'citeproc' {
  interface Engine {
    opt: { development_extensions: Record<string, boolean> };
    rebuildProcessorState(citations: unknown[], format: string, uncited: string[]): unknown;
    /** Render one citation (new, or replacing the one with its id) between those before and after it: [status, [index, html, id][]] of every citation whose rendering changed. */
    processCitationCluster(citation: unknown, citationsPre: Array<[string, number]>, citationsPost: Array<[string, number]>): unknown;
    updateItems(ids: string[]): void;
    /** Deprecated for rebuilding, but with no citations it brings the engine back to an empty document. */
    restoreProcessorState(citations: unknown[]): unknown;
    makeBibliography(): unknown;
  }
  const CSL: {
    Engine: new (sys: object, style: string, lang?: string, forceLang?: boolean) => Engine;
  };
  export default CSL;
}

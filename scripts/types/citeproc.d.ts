// citeproc-js ships no types; this is the part of its API the adapter uses.
declare module 'citeproc' {
  interface Engine {
    /** `update_mode` and `xclass` are set as the style is compiled: `CSL.POSITION` when a cite can depend on its position; `in-text` or `note`. */
    opt: { development_extensions: Record<string, boolean>; update_mode: number; xclass: string };
    /** The works marked changed since the last `processCitationCluster`, whose citations its next call renders again. */
    tmp: { taintedItemIDs: Record<string, boolean> };
    rebuildProcessorState(citations: unknown[], format: string, uncited: string[]): unknown;
    /** Render one citation (new, or replacing the one with its id) between those before and after it: [status, [index, html, id][]] of every citation whose rendering changed. `flag`: `CSL.ASSUME_ALL_ITEMS_REGISTERED` skips the `updateItems` of the works cited. */
    processCitationCluster(citation: unknown, citationsPre: Array<[string, number]>, citationsPost: Array<[string, number]>, flag?: number): unknown;
    /** Put a citation (with its `citationID`) in the engine's index of citations by id. */
    setCitationId(citation: { citationID: string }): unknown;
    updateItems(ids: string[]): void;
    /** As `rebuildProcessorState` ends: works listed though not cited (none here). */
    updateUncitedItems(ids: string[]): unknown;
    /** Deprecated for rebuilding, but with no citations it brings the engine back to an empty document. */
    restoreProcessorState(citations: unknown[]): unknown;
    makeBibliography(): unknown;
  }
  const CSL: {
    Engine: new (sys: object, style: string, lang?: string, forceLang?: boolean) => Engine;
    /** `opt.update_mode` of a style whose cites depend on their position. */
    POSITION: number;
    ASSUME_ALL_ITEMS_REGISTERED: number;
  };
  export default CSL;
}

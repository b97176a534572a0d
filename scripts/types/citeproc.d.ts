// citeproc-js ships no types; this is the part of its API the adapter uses.
declare module 'citeproc' {
  interface Engine {
    opt: { development_extensions: Record<string, boolean> };
    rebuildProcessorState(citations: unknown[], format: string, uncited: string[]): unknown;
    updateItems(ids: string[]): void;
    makeBibliography(): unknown;
  }
  const CSL: {
    Engine: new (sys: object, style: string, lang?: string, forceLang?: boolean) => Engine;
  };
  export default CSL;
}

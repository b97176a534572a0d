import type { Literal, Node } from 'mdast';

/**
 * Raw TeX as Pandoc's `raw_tex` extension reads it in Markdown: `\footnotesize`, `\vspace{1em}`,
 * `\textbf{x}` in running text (Pandoc's `RawInline (Format "tex")`), and an environment
 * `\begin{figure}…\end{figure}` standing at the start of a line, which may run over blank lines
 * (`RawBlock (Format "tex")`). `value` is the TeX as written. Neither output reads LaTeX: the
 * resolve stage turns page breaks into `pageBreak`, references into cross-references, math
 * environments into display math, and drops the rest with a warning.
 */
export interface RawTex extends Literal {
  type: 'rawTex';
}

export interface RawTexBlock extends Literal {
  type: 'rawTexBlock';
}

/** `\newpage`, `\pagebreak`, `\clearpage`: a page break in print, nothing on screen. */
export interface PageBreak extends Node {
  type: 'pageBreak';
}

declare module 'mdast' {
  interface PhrasingContentMap {
    rawTex: RawTex;
  }
  interface BlockContentMap {
    rawTexBlock: RawTexBlock;
    pageBreak: PageBreak;
  }
  interface RootContentMap {
    rawTex: RawTex;
    rawTexBlock: RawTexBlock;
    pageBreak: PageBreak;
  }
}

import type { PhrasingContent, Text } from 'mdast';

/** `\label{x}`: LaTeX's name for the thing it stands in (a section, table, equation or figure). */
const labelCommand = /^\\label\{([^{}\s]+)\}$/;
const labelInMath = /\\label\{([^{}\s]+)\}/;

/**
 * The id a LaTeX `\label{x}` gives the heading or caption whose text holds it (papers that came
 * from LaTeX write `# Introduction \label{sec:intro}`, `Table: Results. \label{tab:res}`): the
 * raw TeX node is taken out of `children`, with the blanks before it, and its id returned. Pandoc's
 * HTML drops the label silently and its `\ref` with it; here both are kept, so the reference
 * resolves. Only the first label counts, as in LaTeX; a second is left to the raw TeX transform.
 */
export function takeTexLabel(children: PhrasingContent[]): string | undefined {
  const index = children.findIndex((child) => child.type === 'rawTex' && labelCommand.test(child.value));
  const tex = children[index];
  if (tex?.type !== 'rawTex') return undefined;
  children.splice(index, 1);
  const before = children[index - 1];
  const after = children[index];
  if (before?.type === 'text' && after === undefined) trimEnd(before);
  else if (before?.type === 'text' && /[ \t]$/.test(before.value) && after?.type === 'text') trimStart(after);
  if (before?.type === 'text' && before.value === '') children.splice(index - 1, 1);
  return labelCommand.exec(tex.value)?.[1];
}

/**
 * An equation's `\label{x}` (`\begin{equation} E = mc^2 \label{eq:e} \end{equation}`, or inside
 * `$$…$$`): its id, and the TeX without it, as MathJax draws it without equation tags.
 */
export function takeMathLabel(tex: string): { tex: string; label: string | undefined } {
  const match = labelInMath.exec(tex);
  if (!match) return { tex, label: undefined };
  return { tex: tex.slice(0, match.index) + tex.slice(match.index + match[0].length), label: match[1] };
}

/** Blanks off a text's end, its position kept true to what is left. */
function trimEnd(text: Text): void {
  const cut = text.value.length - text.value.replace(/[ \t]+$/, '').length;
  text.value = text.value.slice(0, text.value.length - cut);
  const end = text.position?.end;
  if (cut > 0 && end?.offset !== undefined) text.position!.end = { line: end.line, column: end.column - cut, offset: end.offset - cut };
}

function trimStart(text: Text): void {
  const cut = text.value.length - text.value.replace(/^[ \t]+/, '').length;
  text.value = text.value.slice(cut);
  const start = text.position?.start;
  if (cut > 0 && start?.offset !== undefined) text.position!.start = { line: start.line, column: start.column + cut, offset: start.offset + cut };
}

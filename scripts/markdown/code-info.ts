import { parseAttributes, type PandocAttributes } from './pandoc-attributes.js';

/**
 * What a code fence's info string says, read as Pandoc reads it: ```` ```haskell ````,
 * ```` ```{#lst:x .haskell .numberLines caption="…"} ````, and Quarto's executable cells
 * ```` ```{python} ````. The language is the first class.
 */
export interface CodeInfo extends PandocAttributes {
  language: string | undefined;
  /** A Quarto (or knitr) cell, ```` ```{python} ````: its `#|` option lines are options, not code. */
  cell: boolean;
}

/** A cell's engine and, for knitr, its chunk options: `{python}`, `{r, echo=FALSE}`. */
const cellInfo = /^\{\s*([A-Za-z][\w+#-]*)(?:[\s,][^{}]*)?\}$/;

/**
 * Read the whole info string, remark's `lang` and `meta` joined. A string that is neither an
 * attribute block nor starts with a language word gives no language: remark's `lang` of
 * ```` ```{#lst:x ```` is the first word of a block it cannot read, not a language.
 */
export function readCodeInfo(info: string): CodeInfo {
  const text = info.trim();
  const none: CodeInfo = { language: undefined, cell: false, classes: [], attributes: {} };
  if (text === '') return none;
  if (text.startsWith('{')) {
    const attributes = parseAttributes(text);
    if (attributes) return { ...attributes, language: attributes.classes[0], cell: false };
    const cell = cellInfo.exec(text);
    if (cell?.[1]) return { language: cell[1], cell: true, classes: [cell[1]], attributes: {} };
    return none;
  }
  const [word = '', ...rest] = text.split(/\s+/);
  const language = word.replace(/^\./, '');
  // ```` ```haskell {.numberLines} ```` (Pandoc 3): a language word and then attributes.
  const more = rest.length > 0 ? parseAttributes(rest.join(' ')) : undefined;
  return { ...(more?.id === undefined ? {} : { id: more.id }), language, cell: false, classes: [language, ...(more?.classes ?? [])], attributes: more?.attributes ?? {} };
}

/** The page's rules for math, added to its stylesheet only when the paper has math (the seed paper's page stays as it was). */
export const mathCss = `
.math.inline svg { display: inline; }
.math.display { display: flex; align-items: center; justify-content: center; position: relative; margin: 0.8em 0; break-inside: avoid; }
.math.display .equation { max-width: 100%; overflow-x: auto; overflow-y: hidden; }
.math.display.numbered { padding: 0 3em; }
.math.display .equation-number { position: absolute; right: 0; }
.math-error { color: #b00020; font-style: normal; white-space: pre-wrap; }
`;

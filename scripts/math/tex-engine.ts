/**
 * TeX to SVG at build time with MathJax (mathjax-full 3, its TeX input and SVG output), so the
 * page needs no script and no math font: every glyph is a path, the same in the browser and in the
 * printed PDF, and no character can fall back to a font of the machine. One `TexRenderer` per
 * paper: glyph shapes are shared by all its equations (MathJax's global font cache), and a
 * `\newcommand` holds for the equations after it, as in Pandoc's `latex_macros`.
 *
 * Imported only when a paper has math (`math/load-tex-engine.ts`): MathJax takes some 250 ms to load.
 *
 * Packages: the TeX and AMS ones papers use (`mathtools` for `multlined`, `cases`, `braket`,
 * `cancel`, `mhchem`, `boldsymbol`, …), without `html` (`\href`, `\class`, `\style` would put links
 * and styles of the author's into the page), `unicode`, `bbox`, `require` and `autoload` (no
 * loading at run time), `noerrors` and `noundefined` (an error must be an error: `math-syntax`).
 */
import type { Element, ElementContent } from 'hast';
import { s } from 'hastscript';
import { liteAdaptor, type LiteAdaptor } from 'mathjax-full/js/adaptors/liteAdaptor.js';
import type { LiteElement, LiteNode } from 'mathjax-full/js/adaptors/lite/Element.js';
import type { LiteText } from 'mathjax-full/js/adaptors/lite/Text.js';
import { RegisterHTMLHandler } from 'mathjax-full/js/handlers/html.js';
import { TeX } from 'mathjax-full/js/input/tex.js';
import 'mathjax-full/js/input/tex/AllPackages.js';
import { mathjax } from 'mathjax-full/js/mathjax.js';
import { SVG } from 'mathjax-full/js/output/svg.js';
import { copyTree } from '../source/tree-copy.js';
import type { TexRenderer, TexRendering } from './tex-renderer.js';

const packages = [
  'base', 'action', 'ams', 'amscd', 'boldsymbol', 'braket', 'bussproofs', 'cancel', 'cases', 'centernot', 'color', 'colortbl',
  'configmacros', 'empheq', 'enclose', 'extpfeil', 'gensymb', 'mathtools', 'mhchem', 'newcommand', 'tagformat', 'textcomp', 'textmacros', 'upgreek', 'verb',
];

let adaptor: LiteAdaptor | undefined;

/** Drawings kept by a remembering renderer before it starts afresh. */
const keptDrawings = 5000;

/**
 * A renderer for one paper's equations, in document order. With `remember` (a long-lived
 * process), each TeX is drawn once and given again as a copy; the glyph shapes then are those of
 * every equation drawn so far.
 */
export function createTexRenderer({ remember = false } = {}): TexRenderer {
  if (!adaptor) {
    adaptor = liteAdaptor();
    RegisterHTMLHandler(adaptor);
  }
  const lite = adaptor;
  const input = new TeX({
    packages,
    // A TeX error is thrown, not drawn: it becomes a `math-syntax` message at the equation.
    formatError: (_jax: unknown, error: Error) => {
      throw error;
    },
  });
  const output = new SVG({ fontCache: 'global' });
  const document = mathjax.document('', { InputJax: input, OutputJax: output });
  const drawn = new Map<string, TexRendering>();
  const draw = (tex: string, display: boolean): TexRendering => {
    try {
      const container = document.convert(tex, { display }) as LiteElement;
      const svg = lite.firstChild(container) as LiteElement;
      return { svg: toHast(lite, svg) as Element };
    } catch (error) {
      // MathJax's TexError is no Error, but has a message.
      const message = (error as { message?: unknown } | undefined)?.message;
      return { error: typeof message === 'string' ? message : String(error) };
    }
  };
  return {
    render(tex, display): TexRendering {
      if (!remember) return draw(tex, display);
      const key = `${display ? '$$' : '$'}${tex}`;
      let result = drawn.get(key);
      if (!result) {
        if (drawn.size >= keptDrawings) drawn.clear();
        result = draw(tex, display);
        drawn.set(key, result);
      }
      // Later stages may change the tree they are given: each use gets its own copy.
      return copyTree(result);
    },
    glyphs(): Element | undefined {
      const defs = output.fontCache.getCache() as LiteElement | undefined;
      if (!defs || lite.childNodes(defs).length === 0) return undefined;
      // Shapes every equation's `<use>` points to, once for the page, drawing nothing itself.
      return s('svg', { xmlns: 'http://www.w3.org/2000/svg', width: 0, height: 0, style: 'position:absolute', ariaHidden: 'true', focusable: 'false' }, [toHast(lite, defs)]) as Element;
    },
  };
}

/** A MathJax lite tree as hast, without MathJax's `data-*` bookkeeping. */
function toHast(lite: LiteAdaptor, node: LiteNode | LiteText): ElementContent {
  if (lite.kind(node) === '#text') return { type: 'text', value: lite.value(node) };
  const element = node as LiteElement;
  const attributes: Record<string, string> = {};
  for (const { name, value } of lite.allAttributes(element)) if (!name.startsWith('data-')) attributes[name] = value;
  return s(lite.kind(element), attributes, lite.childNodes(element).map((child) => toHast(lite, child)));
}

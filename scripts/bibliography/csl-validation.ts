import { XMLValidator } from 'fast-xml-parser';
import type { Point } from 'unist';
import { location } from 'vfile-location';

/**
 * Whether text can be a CSL style, said in words an author can act on, at the place of the
 * problem: well-formed XML (fast-xml-parser's validator gives the line and column, where
 * citeproc-js would only throw "Cannot read properties of null"), a root `<style>` in the CSL
 * namespace, and the `<citation>` every style needs.
 */
export function cslProblem(xml: string): { reason: string; place: Point } | undefined {
  const result = XMLValidator.validate(xml);
  if (result !== true) return { reason: `Not well-formed XML: ${result.err.msg}`, place: { line: result.err.line, column: result.err.col } };
  const root = /<([A-Za-z_][\w.-]*:)?style\b[^>]*>/.exec(xml.replace(/<\?[\s\S]*?\?>|<!--[\s\S]*?-->/g, (match) => ' '.repeat(match.length)));
  if (!root || !/xmlns(?::\w+)?\s*=\s*["']http:\/\/purl\.org\/net\/xbiblio\/csl["']/.test(root[0])) {
    return { reason: 'Not a CSL style: the root element must be `<style xmlns="http://purl.org/net/xbiblio/csl">`', place: pointOf(xml, root?.index ?? 0) };
  }
  if (!/<([\w.-]+:)?citation\b/.test(xml)) return { reason: 'Not a complete CSL style: it has no `<citation>` element', place: pointOf(xml, root.index) };
  return undefined;
}

function pointOf(text: string, offset: number): Point {
  const { line, column } = location(text).toPoint(offset) ?? { line: 1, column: 1 };
  return { line, column };
}

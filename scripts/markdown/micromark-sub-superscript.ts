/**
 * Pandoc's `subscript` and `superscript` (`H~2~O`, `x^2^`) as micromark text constructs: the mark,
 * then at least one character up to the next same mark on the line, with no blank inside (a blank
 * is written `\ `, as in Pandoc). The inside is read as Markdown text (`~*a*~`). Hand-written: no
 * kept micromark extension reads them (remark-sub-super is a tokenizer for remark 12, and
 * remark-supersub rewrites text nodes, after a `<` or `*` inside has been read as something else).
 *
 * GFM's strikethrough keeps `~~x~~`; the parse stage turns off its single-tilde form so that `~x~`
 * is a subscript, as in Pandoc. Each construct is tried only at its mark.
 */
import { markdownLineEndingOrSpace } from 'micromark-util-character';
import { codes, constants, types } from 'micromark-util-symbol';
import type { Code, Construct, Effects, Extension, State, TokenizeContext } from 'micromark-util-types';

declare module 'micromark-util-types' {
  interface TokenTypeMap {
    subscript: 'subscript';
    superscript: 'superscript';
    subSuperscriptMark: 'subSuperscriptMark';
    subSuperscriptText: 'subSuperscriptText';
  }
}

const subscript: Construct = { name: 'subscript', tokenize: marked(codes.tilde, 'subscript') };
const superscript: Construct = { name: 'superscript', tokenize: marked(codes.caret, 'superscript') };

export function subSuperscriptSyntax(): Extension {
  return { text: { [codes.tilde]: subscript, [codes.caret]: superscript } };
}

function marked(mark: number, type: 'subscript' | 'superscript') {
  return function tokenize(this: TokenizeContext, effects: Effects, ok: State, nok: State): State {
    const self = this;
    return start;

    function start(code: Code): State | undefined {
      // `~~` is GFM's strikethrough.
      if (code !== mark || (mark === codes.tilde && self.previous === mark)) return nok(code);
      effects.enter(type);
      effects.enter('subSuperscriptMark');
      effects.consume(code);
      effects.exit('subSuperscriptMark');
      return first;
    }

    function first(code: Code): State | undefined {
      if (code === null || code === mark || markdownLineEndingOrSpace(code)) return nok(code);
      effects.enter('subSuperscriptText');
      effects.enter(types.chunkText, { contentType: constants.contentTypeText });
      return inside(code);
    }

    function inside(code: Code): State | undefined {
      if (code === null || markdownLineEndingOrSpace(code)) return nok(code);
      if (code === mark) {
        effects.exit(types.chunkText);
        effects.exit('subSuperscriptText');
        effects.enter('subSuperscriptMark');
        effects.consume(code);
        effects.exit('subSuperscriptMark');
        effects.exit(type);
        return ok;
      }
      effects.consume(code);
      return code === codes.backslash ? escaped : inside;
    }

    function escaped(code: Code): State | undefined {
      if (code === null || markdownLineEndingOrSpace(code) && code !== codes.space) return nok(code);
      effects.consume(code);
      return inside;
    }
  };
}

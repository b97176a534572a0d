/**
 * Quarto's shortcodes, `{{< name args >}}`, as a micromark text construct, so that no part of one
 * is read as Markdown or raw HTML (`{{<var x>}}` would otherwise hold a `<var>` tag). One line at
 * most. The construct is tried at a `{` and gives up at the second character unless it reads
 * `{{<`, so text without shortcodes pays nothing noticeable.
 */
import { markdownLineEnding } from 'micromark-util-character';
import { codes } from 'micromark-util-symbol';
import type { Code, Construct, Effects, Extension, State, TokenizeContext } from 'micromark-util-types';

declare module 'micromark-util-types' {
  interface TokenTypeMap {
    shortcode: 'shortcode';
  }
}

const shortcode: Construct = { name: 'shortcode', tokenize: tokenizeShortcode };

export function shortcodeSyntax(): Extension {
  return { text: { [codes.leftCurlyBrace]: shortcode } };
}

function tokenizeShortcode(this: TokenizeContext, effects: Effects, ok: State, nok: State): State {
  let name = false;
  return start;

  function start(code: Code): State | undefined {
    effects.enter('shortcode');
    effects.consume(code);
    return secondBrace;
  }

  function secondBrace(code: Code): State | undefined {
    if (code !== codes.leftCurlyBrace) return nok(code);
    effects.consume(code);
    return lessThan;
  }

  function lessThan(code: Code): State | undefined {
    if (code !== codes.lessThan) return nok(code);
    effects.consume(code);
    return inside;
  }

  function inside(code: Code): State | undefined {
    if (code === null || markdownLineEnding(code)) return nok(code);
    if (code === codes.greaterThan && name) {
      effects.consume(code);
      return closingBrace;
    }
    if (code !== codes.space && code !== codes.horizontalTab) name = true;
    effects.consume(code);
    return inside;
  }

  function closingBrace(code: Code): State | undefined {
    if (code !== codes.rightCurlyBrace) return inside(code);
    effects.consume(code);
    return lastBrace;
  }

  function lastBrace(code: Code): State | undefined {
    if (code !== codes.rightCurlyBrace) return inside(code);
    effects.consume(code);
    effects.exit('shortcode');
    return ok;
  }
}

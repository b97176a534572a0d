import { isUtf8 } from 'node:buffer';

/** Why the bytes of a source file are not UTF-8 text, and where (an index into the decoded text). */
export interface TextProblem {
  /** Index in the decoded text (UTF-16 code units, after the byte order mark) of the first bad byte. */
  index: number;
  /** Offset of that byte in the file. */
  byte: number;
  /** `nul`: a NUL byte, so the file is binary, not text; `utf8`: a byte that cannot be UTF-8 here. */
  kind: 'nul' | 'utf8';
  /** The offending byte's value. */
  value: number;
}

export interface DecodedText {
  /** The text, without a leading byte order mark; invalid bytes become U+FFFD (as editors show them). */
  text: string;
  problem: TextProblem | undefined;
}

const byteOrderMark = '\uFEFF';
const replacement = '\uFFFD';

/**
 * Decode a source file's bytes as UTF-8 and find what makes it not text: its first NUL (binary
 * files hold them; text never does), else its first byte that is not UTF-8 (Latin-1 or
 * Windows-1252 text). Pure; Node's own `isUtf8` answers the common case without a scan.
 */
export function decodeText(bytes: Buffer): DecodedText {
  const decoded = bytes.toString('utf8');
  const bom = decoded.startsWith(byteOrderMark) ? 1 : 0;
  const text = bom ? decoded.slice(1) : decoded;
  const bomBytes = bom ? 3 : 0;
  const nulByte = bytes.indexOf(0);
  const badByte = isUtf8(bytes) ? -1 : firstInvalidByte(bytes, decoded);
  if (nulByte < 0 && badByte < 0) return { text, problem: undefined };
  // Text never holds a NUL, so one anywhere means binary data, whatever comes before it.
  const kind = nulByte >= 0 ? 'nul' : 'utf8';
  const byte = kind === 'nul' ? nulByte : badByte;
  // Bytes before `byte` are valid UTF-8, so they decode to exactly this prefix of the text.
  const index = bytes.subarray(bomBytes, byte).toString('utf8').length;
  return { text, problem: { index, byte, kind, value: bytes[byte] ?? 0 } };
}

/**
 * The offset of the first byte that is not part of valid UTF-8. The decoder turns each invalid
 * sequence into U+FFFD; the first U+FFFD whose bytes are not a written-out U+FFFD (EF BF BD) is it.
 */
function firstInvalidByte(bytes: Buffer, decoded: string): number {
  let byte = 0;
  let from = 0;
  for (let index = decoded.indexOf(replacement); index >= 0; index = decoded.indexOf(replacement, index + 1)) {
    byte += Buffer.byteLength(decoded.slice(from, index), 'utf8');
    from = index;
    if (!(bytes[byte] === 0xef && bytes[byte + 1] === 0xbf && bytes[byte + 2] === 0xbd)) return byte;
  }
  return -1;
}

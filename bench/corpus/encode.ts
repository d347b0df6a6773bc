/**
 * The encodings the calibration corpus writes its messages in: ISO-2022-JP (built from Node's own EUC-JP
 * decoder, so no table is copied and no package is needed), quoted-printable, base64 and RFC 2047 words.
 */

/** Unicode character → its two JIS X 0208 bytes (0x21-0x7e each). */
let jisTable: Map<string, [number, number]> | null = null;

function jis(): Map<string, [number, number]> {
  if (jisTable) return jisTable;
  const table = new Map<string, [number, number]>();
  const decoder = new TextDecoder('euc-jp', { fatal: false });
  for (let row = 0xa1; row <= 0xfe; row++) {
    for (let cell = 0xa1; cell <= 0xfe; cell++) {
      const char = decoder.decode(Uint8Array.of(row, cell));
      // The first mapping wins (NEC and IBM extensions repeat some characters further on).
      if (char.length === 1 && char !== '\ufffd' && !table.has(char))
        table.set(char, [row - 0x80, cell - 0x80]);
    }
  }
  jisTable = table;
  return table;
}

const ESC_JIS = [0x1b, 0x24, 0x42]; // ESC $ B: JIS X 0208-1983
const ESC_ASCII = [0x1b, 0x28, 0x42]; // ESC ( B

/** Characters Windows and macOS write that the WHATWG JIS X 0208 index spells with a neighbour. */
const JIS_SUBSTITUTES: Record<string, string> = {
  '\u301c': '\uff5e',
  '\u2016': '\u2225',
  '\u2212': '\uff0d',
};

/**
 * ISO-2022-JP (RFC 1468) bytes of a string. A character outside JIS X 0208 is written as its NFKC form
 * when that fits (①→1, half-width katakana→full-width), else dropped (emoji), as a mail client would.
 */
export function encodeIso2022jp(text: string): Buffer {
  const table = jis();
  const bytes: number[] = [];
  let inJis = false;
  const put = (char: string): boolean => {
    const code = char.codePointAt(0)!;
    if (code < 0x80) {
      if (inJis) bytes.push(...ESC_ASCII);
      inJis = false;
      bytes.push(code);
      return true;
    }
    const pair = table.get(JIS_SUBSTITUTES[char] ?? char);
    if (!pair) return false;
    if (!inJis) bytes.push(...ESC_JIS);
    inJis = true;
    bytes.push(pair[0], pair[1]);
    return true;
  };
  for (const char of text) {
    if (put(char)) continue;
    for (const part of char.normalize('NFKC')) put(part);
  }
  if (inJis) bytes.push(...ESC_ASCII);
  return Buffer.from(bytes);
}

/** The bytes of a text in a charset the corpus uses. */
export const encodeText = (text: string, charset: 'utf-8' | 'iso-2022-jp'): Buffer =>
  charset === 'utf-8' ? Buffer.from(text, 'utf8') : encodeIso2022jp(text);

/** Base64 in lines of 76 characters (RFC 2045 6.8). */
export function base64Lines(data: Buffer): string {
  const encoded = data.toString('base64');
  const lines: string[] = [];
  for (let i = 0; i < encoded.length; i += 76) lines.push(encoded.slice(i, i + 76));
  return lines.join('\r\n');
}

/** Quoted-printable (RFC 2045 6.7): soft line breaks keep lines within 76 characters. */
export function quotedPrintable(data: Buffer): string {
  const lines: string[] = [];
  for (const line of data.toString('latin1').split(/\r?\n/)) {
    let out = '';
    let width = 0;
    const bytes = Buffer.from(line, 'latin1');
    bytes.forEach((byte, index) => {
      const last = index === bytes.length - 1;
      const literal = (byte >= 33 && byte <= 126 && byte !== 61) || ((byte === 32 || byte === 9) && !last);
      const token = literal
        ? String.fromCharCode(byte)
        : `=${byte.toString(16).toUpperCase().padStart(2, '0')}`;
      if (width + token.length > 75) {
        out += '=\r\n';
        width = 0;
      }
      out += token;
      width += token.length;
    });
    lines.push(out);
  }
  return lines.join('\r\n');
}

/**
 * A header value as RFC 2047 encoded words (B encoding), each short enough for one line and each
 * self-contained (an ISO-2022-JP word starts and ends in ASCII), folded onto continuation lines.
 */
export function encodedWords(text: string, charset: 'utf-8' | 'iso-2022-jp'): string {
  if (/^[\x20-\x7e]*$/.test(text)) return text;
  const chars = [...text];
  const words: string[] = [];
  const label = charset === 'utf-8' ? 'UTF-8' : 'ISO-2022-JP';
  for (let i = 0; i < chars.length; i += 12) {
    const chunk = chars.slice(i, i + 12).join('');
    words.push(`=?${label}?B?${encodeText(chunk, charset).toString('base64')}?=`);
  }
  return words.join('\r\n ');
}

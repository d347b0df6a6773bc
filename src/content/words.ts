/**
 * Words of a text, for comparing and measuring text in any language: Latin (and other spaced) scripts
 * split on spaces and punctuation; Japanese and Chinese, written without spaces, as overlapping
 * character pairs (the usual way to compare unsegmented text without a dictionary). NFKC first, so
 * full-width ＡＢＣ and half-width ｶﾀｶﾅ compare equal to their common forms.
 */

/** Han, Hiragana, Katakana and the long-vowel mark: scripts written without spaces between words. */
const UNSPACED = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\u30fc]/u;
const TOKEN =
  /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\u30fc]+|(?:(?![\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\u30fc])[\p{L}\p{N}\p{M}])+/gu;

/** Characters of Japanese text per word, on average (for measuring, not for splitting). */
const UNSPACED_CHARS_PER_WORD = 2;

/**
 * The text's tokens, lower case: words, and character pairs of unspaced runs (a run of one
 * character is its own token). At most `max` tokens.
 */
export function tokensOf(text: string, max: number): string[] {
  const out: string[] = [];
  for (const match of text.normalize('NFKC').matchAll(TOKEN)) {
    const run = match[0];
    if (UNSPACED.test(run[0] ?? '')) {
      const chars = [...run];
      if (chars.length === 1) out.push(run);
      for (let i = 0; i + 1 < chars.length && out.length < max; i++) out.push(chars[i]! + chars[i + 1]!);
    } else out.push(run.toLowerCase());
    if (out.length >= max) break;
  }
  return out.slice(0, max);
}

/** How many words the text holds: spaced words, plus unspaced characters / 2 (rounded up per run). */
export function wordCount(text: string): number {
  // Most mail is ASCII: count letter-and-digit runs in one pass (the same answer as TOKEN, 10× faster).
  if (!NON_ASCII.test(text)) return asciiWordCount(text);
  let words = 0;
  for (const match of text.normalize('NFKC').matchAll(TOKEN)) {
    const run = match[0];
    words += UNSPACED.test(run[0] ?? '') ? Math.ceil([...run].length / UNSPACED_CHARS_PER_WORD) : 1;
  }
  return words;
}

const NON_ASCII = /[^\x00-\x7f]/;

function asciiWordCount(text: string): number {
  let words = 0;
  let inWord = false;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i) | 0x20; // folds A-Z onto a-z
    const isWordChar =
      (code >= 0x61 && code <= 0x7a) || (text.charCodeAt(i) >= 0x30 && text.charCodeAt(i) <= 0x39);
    if (isWordChar && !inWord) words++;
    inWord = isWordChar;
  }
  return words;
}

/** Cosine similarity of two token lists as bags of words: 1 for the same words, 0 for none in common. */
export function similarity(a: readonly string[], b: readonly string[]): number {
  if (a.length === 0 || b.length === 0) return 0;
  const count = (tokens: readonly string[]) => {
    const bag = new Map<string, number>();
    for (const t of tokens) bag.set(t, (bag.get(t) ?? 0) + 1);
    return bag;
  };
  const x = count(a);
  const y = count(b);
  let dot = 0;
  for (const [token, n] of x) dot += n * (y.get(token) ?? 0);
  const norm = (bag: Map<string, number>) => Math.sqrt([...bag.values()].reduce((s, n) => s + n * n, 0));
  return dot / (norm(x) * norm(y));
}

/** Zero-width and invisible format characters (preheader padding, obfuscation), and whitespace. */
const INVISIBLE =
  /[\s\u00ad\u061c\u115f\u1160\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u3164\ufeff\uffa0]|\u034f|\u17b4|\u17b5/gu;

/** Characters a reader would see: everything but whitespace and zero-width characters. */
export const visibleChars = (text: string): number => text.replace(INVISIBLE, '').length;

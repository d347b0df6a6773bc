import { describe, expect, it } from 'vitest';
import { similarity, tokensOf, wordCount } from '../../src/content/words.js';

/** The definition the fast ASCII path must agree with: runs of letters and digits. */
const referenceCount = (text: string) => text.match(/[\p{L}\p{N}\p{M}]+/gu)?.length ?? 0;

describe('words', () => {
  it.each([
    ['', 0],
    ['Hello, world!', 2],
    ["it's 2026 — or is it?", 6],
    ['snake_case and kebab-case', 5],
    ['@@@ ### [] {} `~`', 0],
    ['こんにちは世界', 4], // 7 unspaced characters: ceil(7 / 2)
    ['Ｍａｉｌ ｓｃｏｒｅ', 2], // full-width letters: NFKC makes them two Latin words
    ['送信ドメイン認証 SPF と DKIM', 7], // ceil(8 / 2) + SPF + と + DKIM
  ])('wordCount(%j) = %i', (text, expected) => {
    expect(wordCount(text)).toBe(expected);
  });

  it('the ASCII fast path counts as the Unicode definition does, on every printable character', () => {
    let seed = 7;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    for (let round = 0; round < 500; round++) {
      const text = Array.from({ length: 1 + Math.floor(random() * 60) }, () =>
        String.fromCharCode(9 + Math.floor(random() * 118)),
      ).join('');
      expect(wordCount(text), JSON.stringify(text)).toBe(referenceCount(text));
    }
  });

  it('tokens: words lower-cased, unspaced text as character pairs, bounded', () => {
    expect(tokensOf('Hello World', 10)).toEqual(['hello', 'world']);
    expect(tokensOf('認証です', 10)).toEqual(['認証', '証で', 'です']);
    expect(tokensOf('a b c d e', 3)).toEqual(['a', 'b', 'c']);
  });

  it('similarity: 1 for the same words, 0 for none in common', () => {
    expect(similarity(['a', 'b'], ['b', 'a'])).toBeCloseTo(1);
    expect(similarity(['a'], ['b'])).toBe(0);
    expect(similarity([], ['b'])).toBe(0);
  });
});

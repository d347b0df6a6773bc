import { describe, expect, it } from 'vitest';
import { catalogs, checkText, fill, langFromEnv } from '../../src/i18n/index.js';
import { CHECK_RULES, type CheckId } from '../../src/scoring/deductions.js';

const ids = Object.keys(CHECK_RULES) as CheckId[];
const placeholders = (text: string | null) =>
  [...(text ?? '').matchAll(/\{([a-zA-Z0-9_]+)\}/g)].map((m) => m[1]).sort();

describe('catalogs', () => {
  it.each(ids)('%s has real words in en and ja, with the same placeholders', (id) => {
    const en = catalogs.en.checks[id];
    const ja = catalogs.ja.checks[id];
    for (const text of [en, ja]) {
      expect(text.title).not.toMatch(/TODO/);
      expect(text.detail).not.toMatch(/TODO/);
      expect(text.title.length).toBeGreaterThan(3);
    }
    expect(ja.title + ja.detail).toMatch(/[\u3040-\u30ff\u4e00-\u9fff]/);
    expect(placeholders(ja.title + ja.detail + (ja.fix ?? ''))).toEqual(
      placeholders(en.title + en.detail + (en.fix ?? '')),
    );
    expect(ja.fix === null).toBe(en.fix === null);
    // Coded values have words in both languages, for the same codes.
    const codes = (values: typeof en.values) =>
      Object.entries(values ?? {}).map(([key, words]) => `${key}:${Object.keys(words).sort().join(',')}`);
    expect(codes(ja.values)).toEqual(codes(en.values));
  });

  it('fixes exist exactly where a deduction or a warning asks the sender to act', () => {
    const missing = ids.filter((id) => CHECK_RULES[id].deduction > 0 && catalogs.en.checks[id].fix === null);
    expect(missing).toEqual([]);
  });

  it('has every UI string in both languages', () => {
    expect(Object.keys(catalogs.ja.ui).sort()).toEqual(Object.keys(catalogs.en.ui).sort());
  });
});

describe('fill', () => {
  it.each([
    ['{domain} ok', { domain: 'example.com' }, 'en', 'example.com ok'],
    ['{list}', { list: ['a', 'b'] }, 'en', 'a, b'],
    ['{missing}', {}, 'en', '(none)'],
    ['{missing}', {}, 'ja', '（なし）'],
    ['{n} lookups', { n: 0 }, 'en', '0 lookups'],
    ['{x}', { x: null }, 'en', '(none)'],
  ] as const)('%s', (template, params, lang, expected) => {
    expect(fill(template, params, lang)).toBe(expected);
  });

  it('never shows raw braces, whatever the finding carries', () => {
    for (const id of ids) {
      const text = checkText({ id, params: {} }, 'ja');
      expect(text.title + text.detail + (text.fix ?? '')).not.toMatch(/\{[a-zA-Z0-9_]+\}/);
    }
  });
});

describe('language from the environment', () => {
  it.each([
    [{ LANG: 'ja_JP.UTF-8' }, 'ja'],
    [{ LANG: 'en_US.UTF-8' }, 'en'],
    [{ LC_ALL: 'ja_JP.UTF-8', LANG: 'en_US.UTF-8' }, 'ja'],
    [{}, 'en'],
    [{ LANG: 'C' }, 'en'],
  ])('%j → %s', (env, lang) => expect(langFromEnv(env)).toBe(lang));
});

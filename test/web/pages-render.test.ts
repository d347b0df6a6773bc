/** The pure parts of the pages: fix records, score bands and the dial, the page words in both languages. */
import { describe, expect, it } from 'vitest';
import { pages as en } from '../../src/i18n/en/pages.js';
import { pages as ja } from '../../src/i18n/ja/pages.js';
import { splitFix } from '../../src/web/pages/fix.js';
import { bandOf, scoreDial } from '../../src/web/pages/report.js';

describe('records in fixes', () => {
  it.each([
    [
      'a suggested SPF record given as a parameter',
      'Publish a TXT record at example.com with this value: v=spf1 ip4:192.0.2.1 -all — add others before -all.',
      { suggested: 'v=spf1 ip4:192.0.2.1 -all' },
      [
        { text: 'Publish a TXT record at example.com with this value: ' },
        { record: 'v=spf1 ip4:192.0.2.1 -all' },
        { text: ' — add others before -all.' },
      ],
    ],
    [
      'a DMARC record in Japanese punctuation',
      '_dmarc.example.com に次の値の TXT レコードを公開してください：v=DMARC1; p=none（適用されます）。',
      { suggestedRecord: 'v=DMARC1; p=none' },
      [
        { text: '_dmarc.example.com に次の値の TXT レコードを公開してください：' },
        { record: 'v=DMARC1; p=none' },
        { text: '（適用されます）。' },
      ],
    ],
    [
      'quoted zone lines, in English and Japanese quotes',
      'publish "10.2.0.192.in-addr.arpa. PTR mail.example.com." and 「mail.example.com. A 192.0.2.10」.',
      {},
      [
        { text: 'publish ' },
        { record: '10.2.0.192.in-addr.arpa. PTR mail.example.com.' },
        { text: ' and ' },
        { record: 'mail.example.com. A 192.0.2.10' },
        { text: '.' },
      ],
    ],
    [
      'a quoted DKIM key template and a dig command',
      'with the value "v=DKIM1; k=rsa; p=<base64 public key>"; check with "dig -x 192.0.2.1".',
      {},
      [
        { text: 'with the value ' },
        { record: 'v=DKIM1; k=rsa; p=<base64 public key>' },
        { text: '; check with ' },
        { record: 'dig -x 192.0.2.1' },
        { text: '.' },
      ],
    ],
    [
      'quoted words that are not records',
      'For "no key" or "key revoked", sign as the very last step.',
      {},
      [{ text: 'For "no key" or "key revoked", sign as the very last step.' }],
    ],
    [
      'a record parameter inside a quoted record (taken once)',
      'change it to "v=spf1 a -all" now',
      { suggested: 'v=spf1 a -all' },
      [{ text: 'change it to ' }, { record: 'v=spf1 a -all' }, { text: ' now' }],
    ],
    [
      'an MTA-STS policy file given as a parameter (several lines, one box)',
      'Serve this file:\nversion: STSv1\nmode: testing\nmx: mx.example.com\nmax_age: 86400\nthen publish the record.',
      { policy: 'version: STSv1\nmode: testing\nmx: mx.example.com\nmax_age: 86400' },
      [
        { text: 'Serve this file:\n' },
        { record: 'version: STSv1\nmode: testing\nmx: mx.example.com\nmax_age: 86400' },
        { text: '\nthen publish the record.' },
      ],
    ],
    [
      'a record parameter that is not in the text, or not a string',
      'Fix the record.',
      { suggested: 'v=spf1 -all', suggestedRecord: 42 },
      [{ text: 'Fix the record.' }],
    ],
  ])('%s', (_, fix, params, parts) => {
    expect(splitFix(fix, params)).toEqual(parts);
  });
});

describe('score bands and the dial', () => {
  it.each([
    [10, 'excellent'],
    [9, 'excellent'],
    [8.9, 'good'],
    [7, 'good'],
    [6.9, 'fair'],
    [5, 'fair'],
    [4.9, 'poor'],
    [3, 'poor'],
    [2.9, 'bad'],
    [0, 'bad'],
  ])('%s → %s', (score, band) => {
    expect(bandOf(score)).toBe(band);
  });

  it.each([
    [10, 235.62],
    [5, 117.81],
    [0, 0],
    [-3, 0],
    [12, 235.62],
  ])('fills %s/10 of the 270° arc (%s of 235.62)', (score, filled) => {
    const svg = scoreDial(score, 'en').value;
    expect(svg).toContain(`stroke-dasharray="${filled.toFixed(2)} 314.16"`);
    expect(svg).toContain('stroke-dasharray="235.62 314.16"'); // the track
  });

  it('labels the dial for screen readers in the page language', () => {
    expect(scoreDial(7.25, 'en').value).toContain('aria-label="Score: 7.3 out of 10"');
    expect(scoreDial(7.25, 'ja').value).toContain('aria-label="スコア：10 点中 7.3 点"');
  });
});

describe('page words', () => {
  const placeholders = (text: string) => [...text.matchAll(/\{([a-zA-Z0-9_]+)\}/g)].map((m) => m[1]).sort();
  /** Words that are the same in both languages on purpose (names of things). */
  const SAME = new Set(['brand', 'langNameEn', 'langNameJa', 'messageScore', 'labelRcptTo', 'labelMailFrom']);

  it.each(Object.keys(en) as Array<keyof typeof en>)('%s: Japanese words, the same placeholders', (key) => {
    expect(placeholders(ja[key])).toEqual(placeholders(en[key]));
    if (!SAME.has(key)) expect(ja[key]).toMatch(/[\u3040-\u30ff\u4e00-\u9fff]/);
    expect(ja[key].trim()).not.toBe('');
  });
});

/**
 * The built-in filter as an engine: the verdict's shape and sum, descriptions in both languages, real
 * messages through the real decoder (ISO-2022-JP and base64 HTML), and hostile input bounded in time.
 */
import { describe, expect, it } from 'vitest';
import { extractContent } from '../../../src/content/extract.js';
import {
  BUILTIN_SCORES,
  BUILTIN_THRESHOLD,
  builtinFilter,
  createBuiltinFilter,
  describeBuiltinRule,
  firedBuiltinRules,
  scoreBuiltin,
} from '../../../src/content/filters/builtin.js';
import { BUILTIN_RULE_NAMES } from '../../../src/content/filters/builtin/rules.js';
import type { FilterInput } from '../../../src/content/filters/types.js';
import { builtinRules as en } from '../../../src/i18n/en/builtin-rules.js';
import { builtinRules as ja } from '../../../src/i18n/ja/builtin-rules.js';
import { parseMessage } from '../../../src/message/parse.js';
import type { Envelope } from '../../../src/report/types.js';
import { iso2022jp as encodeIso2022jp } from '../support.js';
import { buildInput, link, type Sample } from './builtin-support.js';

const ENVELOPE: Envelope = {
  clientIp: '192.0.2.10',
  helo: 'mail.example.com',
  mailFrom: 'a@example.com',
  rcptTo: [],
  tls: null,
};
const signal = () => new AbortController().signal;

async function input(sample: Sample): Promise<FilterInput> {
  return { ...(await buildInput(sample)), envelope: ENVELOPE };
}

async function fromRaw(raw: Buffer): Promise<FilterInput> {
  const message = await parseMessage(raw);
  return { message, content: await extractContent(message), envelope: ENVELOPE };
}

describe('the rule table', () => {
  it('has at least 40 rules, each with a score and words in both languages', () => {
    expect(BUILTIN_RULE_NAMES.length).toBeGreaterThanOrEqual(40);
    for (const name of BUILTIN_RULE_NAMES) {
      expect(name).toMatch(/^MS_[A-Z0-9_]+$/);
      expect(Number.isFinite(BUILTIN_SCORES[name])).toBe(true);
      expect(en[name].length).toBeGreaterThan(10);
      expect(ja[name]).toMatch(/[\u3040-\u30ff\u4e00-\u9fff]/);
      expect(en[name] + ja[name]).not.toMatch(/TODO/);
    }
    expect(Object.keys(en).sort()).toEqual([...BUILTIN_RULE_NAMES].sort());
    expect(Object.keys(ja).sort()).toEqual([...BUILTIN_RULE_NAMES].sort());
  });

  it('has negative rules for ordinary mail', () => {
    expect(BUILTIN_RULE_NAMES.filter((name) => BUILTIN_SCORES[name] < 0).length).toBeGreaterThanOrEqual(3);
  });

  it('describes a rule in either language, and nothing else', () => {
    expect(describeBuiltinRule('MS_BODY_PRIZE', 'en')).toBe(en.MS_BODY_PRIZE);
    expect(describeBuiltinRule('MS_BODY_PRIZE', 'ja')).toBe(ja.MS_BODY_PRIZE);
    expect(describeBuiltinRule('constructor', 'en')).toBeNull();
    expect(describeBuiltinRule('BAYES_99', 'en')).toBeNull();
  });
});

describe('the verdict', () => {
  const spammy: Sample = {
    headers: { Subject: 'CONGRATULATIONS WINNER!!!', 'Reply-To': 'claims77@gmail.com' },
    text: 'Dear friend, you have won $1,500,000.00. Act now: send your bank account number to claim your prize.',
  };

  it('is the sum of the rules that fired, on SpamAssassin’s scale, rules by score', async () => {
    const result = await builtinFilter.check(await input(spammy), signal());
    expect(result.engine).toBe('builtin');
    expect(result.threshold).toBe(BUILTIN_THRESHOLD);
    expect(result.threshold).toBe(5);
    const sum = result.rules.reduce((total, rule) => total + rule.score, 0);
    expect(result.score).toBeCloseTo(sum, 5);
    expect(Math.round(result.score * 10)).toBe(result.score * 10);
    expect(result.score).toBeGreaterThanOrEqual(5);
    const scores = result.rules.map((rule) => rule.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    for (const rule of result.rules) expect(rule.description).toBe(en[rule.name as keyof typeof en]);
  });

  it('speaks Japanese when asked', async () => {
    const result = await createBuiltinFilter('ja').check(await input(spammy), signal());
    for (const rule of result.rules) expect(rule.description).toBe(ja[rule.name as keyof typeof ja]);
  });

  it('gives ordinary mail a score at or below zero', async () => {
    const result = await builtinFilter.check(await input({}), signal());
    expect(result.score).toBeLessThanOrEqual(0);
    expect(result.rules.map((rule) => rule.name)).toEqual(['MS_PLAIN_PERSONAL']);
  });

  it('is deterministic', async () => {
    const one = await input(spammy);
    expect(scoreBuiltin(one)).toEqual(scoreBuiltin(one));
    expect(scoreBuiltin(await input(spammy))).toEqual(scoreBuiltin(one));
  });

  it('gives the same verdict whatever came before (no pattern carries state between messages)', async () => {
    const samples = await Promise.all(
      [
        { headers: { Subject: 'Wow!! deal' } },
        { headers: { Subject: 'Hey!! there' } },
        { text: 'Wow!! Amazing!! Buy!!' },
        { text: 'Yes!! Now!! Go!!' },
        { headers: { Subject: '★★★ sale' } },
        { headers: { Subject: '【★】 sale' } },
        spammy,
        {},
      ].map((sample) => input(sample)),
    );
    const forwards = samples.map((one) => firedBuiltinRules(one));
    const backwards = [...samples]
      .reverse()
      .map((one) => firedBuiltinRules(one))
      .reverse();
    const twice = samples.map((one) => (firedBuiltinRules(one), firedBuiltinRules(one)));
    expect(backwards).toEqual(forwards);
    expect(twice).toEqual(forwards);
    expect(forwards[0]).toContain('MS_SUBJ_EXCESS_PUNCT');
    expect(forwards[1]).toContain('MS_SUBJ_EXCESS_PUNCT');
  });

  it('stops when the analysis is aborted', async () => {
    const controller = new AbortController();
    controller.abort(new Error('deadline'));
    await expect(builtinFilter.check(await input({}), controller.signal)).rejects.toThrow('deadline');
  });
});

describe('real messages through the decoder', () => {
  const head = (subject: string, contentType: string, encoding: string) =>
    [
      'From: =?ISO-2022-JP?B?GyRCOzAwZhsoQg==?= <info@winner-claims.example>',
      'To: user@example.org',
      `Subject: ${subject}`,
      'Date: Mon, 02 Jun 2025 09:00:00 +0900',
      'Message-ID: <a1@winner-claims.example>',
      'MIME-Version: 1.0',
      `Content-Type: ${contentType}`,
      `Content-Transfer-Encoding: ${encoding}`,
      '',
      '',
    ].join('\r\n');

  it('reads Japanese in ISO-2022-JP (subject and body)', async () => {
    const subject = `=?ISO-2022-JP?B?${encodeIso2022jp('【当選】おめでとうございます').toString('base64')}?=`;
    const body = encodeIso2022jp(
      '親愛なるお客様\r\n賞金1,000万円に当選されました。本日限りです。下記の口座情報をお送りください。\r\n',
    );
    const raw = Buffer.concat([
      Buffer.from(head(subject, 'text/plain; charset=ISO-2022-JP', '7bit'), 'latin1'),
      body,
    ]);
    const fired = firedBuiltinRules(await fromRaw(raw));
    expect(fired).toEqual(
      expect.arrayContaining([
        'MS_SUBJ_PRIZE',
        'MS_BODY_PRIZE',
        'MS_BODY_URGENT',
        'MS_BODY_BANK_TRANSFER',
        'MS_BODY_DEAR_GENERIC',
      ]),
    );
  });

  it('reads base64 HTML, its links and images', async () => {
    const html =
      '<html><body><p>Your account has been suspended. Verify your account:</p>' +
      '<a href="http://203.0.113.7/login">https://www.paypal.com/signin</a><img src="https://t.example.net/o.gif" width="1" height="1"></body></html>';
    const raw = Buffer.from(
      head('Security alert', 'text/html; charset=utf-8', 'base64') +
        Buffer.from(html).toString('base64') +
        '\r\n',
      'latin1',
    );
    const fired = firedBuiltinRules(await fromRaw(raw));
    expect(fired).toEqual(
      expect.arrayContaining([
        'MS_HTML_ONLY',
        'MS_HTML_BASE64',
        'MS_BODY_ACCOUNT_ALERT',
        'MS_HTML_LINK_MISMATCH',
        'MS_URI_IP_HOST',
        'MS_HTML_TRACKING_PIXEL',
      ]),
    );
  });
});

describe('hostile input', () => {
  /** Generous for a slow CI machine; a normal message takes well under a millisecond. */
  const BUDGET_MS = 500;

  const timed = (run: () => unknown): number => {
    const start = performance.now();
    run();
    return performance.now() - start;
  };

  const cases: Array<[string, () => Promise<FilterInput>]> = [
    [
      '10 MB of near-miss phrases',
      () => input({ text: 'click her dear cust $1,000,00 free shipp 0,0円 '.repeat(200_000) }),
    ],
    ['10 MB without a space', () => input({ text: 'a'.repeat(10_000_000) })],
    ['a 1 MB subject of spaced letters', () => input({ headers: { Subject: 'a '.repeat(500_000) } })],
    ['4 MB of hype symbols and exclamation marks', () => input({ text: '【★！？'.repeat(1_000_000) })],
    [
      'HTML of a million entities and unclosed tags',
      () => input({ html: '&#86;<a href="x'.repeat(1_000_000), htmlText: 'x'.repeat(100_000) }),
    ],
    [
      '20 000 links with domain-like text',
      () =>
        input({
          html: '<a>x</a>',
          links: Array.from({ length: 20_000 }, (_, n) =>
            link(`https://h${n}.example.com/`, `www.paypal${n}.com `.repeat(50)),
          ),
        }),
    ],
    [
      'text and HTML alternatives of 1 MB each',
      () => input({ text: 'lorem ipsum '.repeat(90_000), html: `<p>${'dolor sit '.repeat(100_000)}</p>` }),
    ],
    [
      '"Content-Type: text/html" 100 000 times in the raw message',
      () =>
        input({
          html: '<p>x</p>',
          headers: { 'Content-Type': 'multipart/mixed; boundary=b' },
          rawBody: '--b\r\nContent-Type: text/html\r\nX: y\r\n'.repeat(100_000),
        }),
    ],
  ];

  it.each(cases)('%s', async (_name, make) => {
    const hostile = await make();
    const ms = timed(() => scoreBuiltin(hostile));
    expect(ms).toBeLessThan(BUDGET_MS);
  });
});

describe('phrase patterns', () => {
  /** The top-level alternatives of a pattern's source (parentheses and classes respected). */
  const alternatives = (source: string): string[] => {
    const out: string[] = [];
    let depth = 0;
    let inClass = false;
    let start = 0;
    for (let i = 0; i < source.length; i++) {
      const c = source[i];
      if (c === '\\') i++;
      else if (inClass) inClass = c !== ']';
      else if (c === '[') inClass = true;
      else if (c === '(') depth++;
      else if (c === ')') depth--;
      else if (c === '|' && depth === 0) {
        out.push(source.slice(start, i));
        start = i + 1;
      }
    }
    return [...out, source.slice(start)];
  };

  it('every Japanese alternative needs a non-ASCII character (ASCII text skips the Japanese patterns)', async () => {
    const patterns = await import('../../../src/content/filters/builtin/patterns.js');
    const pairs = Object.entries(patterns).filter(
      (entry): entry is [string, { en: RegExp; ja: RegExp }] =>
        typeof entry[1] === 'object' && entry[1] !== null && 'ja' in entry[1] && 'en' in entry[1],
    );
    expect(pairs.length).toBeGreaterThan(15);
    for (const [name, pair] of pairs) {
      for (const branch of alternatives(pair.ja.source)) {
        expect(/[^\x00-\x7f]/.test(branch), `${name}: ${branch}`).toBe(true);
      }
    }
  });
});

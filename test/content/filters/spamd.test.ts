/**
 * Against a real spamd (Debian's SpamAssassin 4.0 with deploy/spamassassin/mailscore.cf): see
 * test/support/filters.ts for where it comes from. Without spamd the tests say they were skipped and why;
 * with MAILSCORE_REQUIRE_FILTERS=1 (CI) a missing spamd fails the run.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { checkSpamFilter } from '../../../src/checks/spam-filter.js';
import { parseSpamdAddress } from '../../../src/content/filters/spamc.js';
import { createSpamdFilter } from '../../../src/content/filters/spamd.js';
import { selectSpamFilter } from '../../../src/content/filters/select.js';
import { extractContent } from '../../../src/content/extract.js';
import { DnsResolver } from '../../../src/dns/resolver.js';
import { DnsSession } from '../../../src/dns/session.js';
import { parseMessage } from '../../../src/message/parse.js';
import { analyze } from '../../../src/pipeline/analyze.js';
import type { Envelope } from '../../../src/report/types.js';
import { filtersRequired, spamdForTests } from '../../support/filters.js';

const spamd = await spamdForTests();
afterAll(() => spamd.stop());

const ENVELOPE: Envelope = {
  clientIp: '192.0.2.10',
  helo: 'mail.example.com',
  mailFrom: 'news@example.com',
  rcptTo: ['test@mailscore.test'],
  tls: null,
};
const DATE = 'Date: Mon, 02 Dec 2024 09:30:00 +0900';

const HAM = [
  'From: Example Shop <orders@example.com>',
  'To: Taro <taro@example.net>',
  'Subject: Your order 10423 has shipped',
  DATE,
  'Message-ID: <order-10423.20241202@example.com>',
  'MIME-Version: 1.0',
  'Content-Type: text/plain; charset=utf-8',
  'Content-Transfer-Encoding: 7bit',
  '',
  'Hello Taro,',
  '',
  'Your order 10423 left our warehouse this morning and should arrive on Thursday.',
  'You can follow the parcel on the carrier page of your account.',
  '',
  'Thank you for shopping with us,',
  'The Example Shop team',
  '',
].join('\r\n');

const SPAM = [
  'From: "Winner" <winner@lottery.example>',
  'To: you@example.net',
  'Subject: YOU HAVE WON $1,000,000 !!! CLAIM NOW',
  DATE,
  'Message-ID: <abc@lottery.example>',
  'MIME-Version: 1.0',
  'Content-Type: text/html; charset=utf-8',
  '',
  '<html><body><p>Dear friend, CONGRATULATIONS! You have been selected to receive $1,000,000 cash.',
  '100% FREE! Click here to claim your prize now. Viagra cheap. Act now! Limited time offer.',
  'Earn extra cash from home. <a href="http://192.168.1.1/claim">Click here</a></p></body></html>',
  '',
].join('\r\n');

/** A Japanese order confirmation in ISO-2022-JP (7-bit JIS, as Japanese mail clients still send). */
const JAPANESE = Buffer.from(
  [
    'From: =?ISO-2022-JP?B?GyRCOTRMMxsoQg==?= <shop@example.co.jp>',
    'To: yamada@example.jp',
    'Subject: =?ISO-2022-JP?B?GyRCIVo9RU1XIVskNENtSjgkTjNORycbKEI=?=',
    DATE,
    'Message-ID: <20241202093000.1@example.co.jp>',
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=ISO-2022-JP',
    'Content-Transfer-Encoding: 7bit',
    '',
    '\x1b$B;3EDMM\x1b(B',
    '',
    '\x1b$B$$$D$b$4MxMQ$$$?$@$-$"$j$,$H$&$4$6$$$^$9!#\x1b(B',
    '\x1b$B$4CmJ8$N>&IJ$rK\\F|H/Aw$$$?$7$^$7$?!#\x1b(B',
    '\x1b$B$*FO$1$^$G:#$7$P$i$/$*BT$A$/$@$5$$!#\x1b(B',
    '',
    '\x1b$B3t<02q<R%5%s%W%k>&E9\x1b(B',
    '',
  ].join('\r\n'),
  'latin1',
);

/** Spammy Japanese in ISO-2022-JP: "free", "a million yen a month", a link to a bare IP. */
const JAPANESE_SPAM = Buffer.from(
  [
    'From: info@bargain.example',
    'To: yamada@example.jp',
    'Subject: =?ISO-2022-JP?B?GyRCIVo2WzVeIVs6IyQ5JDBMNU5BJEc5Yjx9Rn4hKhsoQg==?=',
    DATE,
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=ISO-2022-JP',
    '',
    '\x1b$B:#$@$140A4L5NA!*C/$G$b4JC1$K7n<}\x1b(B100\x1b$BK|1_!*\x1b(B',
    '\x1b$B:#$9$0%/%j%C%/\x1b(B http://198.51.100.7/get',
    '',
  ].join('\r\n'),
  'latin1',
);

const messages = {
  ham: Buffer.from(HAM),
  spam: Buffer.from(SPAM),
  japanese: JAPANESE,
  japaneseSpam: JAPANESE_SPAM,
};

async function checkWithSpamd(raw: Buffer) {
  const filter = createSpamdFilter(parseSpamdAddress(spamd.location!));
  const message = await parseMessage(raw);
  return filter.check(
    { message, envelope: ENVELOPE, content: await extractContent(message) },
    new AbortController().signal,
  );
}

describe.runIf(spamd.location)(`real spamd (${spamd.location ?? 'absent'})`, () => {
  it('answers PING', async () => {
    await expect(createSpamdFilter(parseSpamdAddress(spamd.location!)).ping()).resolves.toBeUndefined();
  });

  it.each([
    // name, at most / at least, rules that must fire, rules that must not
    ['ham', { below: 2 }, [], ['DEAR_FRIEND', 'SUBJ_ALL_CAPS']],
    ['spam', { atLeast: 5 }, ['DEAR_FRIEND', 'SUBJ_ALL_CAPS', 'US_DOLLARS_3'], []],
    ['japanese', { below: 2 }, [], ['SUBJ_ALL_CAPS']],
    ['japaneseSpam', { atLeast: 0 }, ['NUMERIC_HTTP_ADDR'], []],
  ] as const)('%s: %j', async (name, bound, fired, quiet) => {
    const result = await checkWithSpamd(messages[name]);
    expect(result.engine).toBe('spamassassin');
    expect(result.threshold).toBe(5);
    if ('below' in bound) expect(result.score).toBeLessThan(bound.below);
    else expect(result.score).toBeGreaterThanOrEqual(bound.atLeast);
    const names = result.rules.map((rule) => rule.name);
    for (const rule of fired) expect(names).toContain(rule);
    for (const rule of quiet) expect(names).not.toContain(rule);
    // Every rule parsed whole: a \w+ name, a number, a description (spamd's own, in English).
    for (const rule of result.rules) {
      expect(rule.name).toMatch(/^\w+$/);
      expect(Number.isFinite(rule.score)).toBe(true);
    }
    // The rules add up to the score, give or take the one-decimal rounding of each line.
    const sum = result.rules.reduce((total, rule) => total + rule.score, 0);
    expect(Math.abs(sum - result.score)).toBeLessThanOrEqual(0.05 * result.rules.length + 0.05);
  });

  it('a spam-like message: descriptions are read whole', async () => {
    const result = await checkWithSpamd(messages.spam);
    expect(result.rules.find((rule) => rule.name === 'DEAR_FRIEND')).toMatchObject({
      score: expect.any(Number),
      description: expect.stringContaining('Dear Friend'),
    });
  });

  it('the whole analysis: spamFilter block, one finding, deduction = score capped at 5', async () => {
    // DNS goes to a closed port: the auth checks end in errors at once, which is not what this test is about.
    const resolver = new DnsResolver({
      servers: [{ host: '127.0.0.1', port: 9 }],
      timeoutMs: 200,
      retries: 0,
    });
    const engine = createSpamdFilter(parseSpamdAddress(spamd.location!));
    const { report, findings } = await analyze(messages.spam, ENVELOPE, {
      resolver,
      lang: 'en',
      spamFilter: engine,
    });
    expect(report.spamFilter).toMatchObject({ engine: 'spamassassin', threshold: 5 });
    expect(report.spamFilter!.score).toBeGreaterThanOrEqual(5);
    const finding = findings.find((f) => f.id.startsWith('spamFilter.'));
    expect(finding?.id).toBe('spamFilter.score');
    const check = report.checks.find((c) => c.id === 'spamFilter.score');
    expect(check?.deduction).toBe(Math.min(5, Math.round(report.spamFilter!.score * 10) / 10));
    expect(check?.title).toContain(`${report.spamFilter!.score.toFixed(1)} points`);
  });

  it('the check on a Japanese message', async () => {
    const message = await parseMessage(messages.japanese);
    const dns = new DnsSession(new DnsResolver({ servers: [{ host: '127.0.0.1', port: 9 }] }));
    const output = await checkSpamFilter(
      { message, envelope: ENVELOPE, dns, now: new Date() },
      await extractContent(message),
      createSpamdFilter(parseSpamdAddress(spamd.location!)),
    );
    dns.close();
    expect(output.result?.engine).toBe('spamassassin');
    expect(output.findings[0]?.id).toMatch(/^spamFilter\.(clean|score)$/);
  });

  it('is chosen at start when configured', async () => {
    const selected = await selectSpamFilter({ spamd: spamd.location, rspamd: null });
    expect(selected).toMatchObject({ source: 'configured', location: spamd.location });
    expect(selected.engine.name).toBe('spamassassin');
  });
});

if (!spamd.location) {
  describe('real spamd', () => {
    if (filtersRequired) {
      it('is required here (MAILSCORE_REQUIRE_FILTERS=1)', () => {
        throw new Error(`spamd is required but absent: ${spamd.absent}`);
      });
    } else {
      it.skip(`skipped: ${spamd.absent} (set MAILSCORE_TEST_SPAMD=host:port to use a running one)`, () =>
        undefined);
    }
  });
}

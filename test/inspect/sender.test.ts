/**
 * Sender tricks (src/inspect/sender.ts): display names naming an address or a brand, look-alike From
 * domains (Cyrillic letters, rn for m, one letter off the recipient's own domain, a brand hyphened into a
 * name), punycode, Reply-To and Return-Path elsewhere, and the domain age we do not guess. Messages are
 * built here and go through the real parser, content decoder and report pipeline.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Finding } from '../../src/checks/types.js';
import { DnsResolver } from '../../src/dns/resolver.js';
import { checkText } from '../../src/i18n/index.js';
import { editDistance, imitationOf, skeletonOf } from '../../src/inspect/confusables.js';
import { inspectSender } from '../../src/inspect/sender.js';
import { INSPECTION_RULES } from '../../src/scoring/inspection.js';
import { startFixtureDns, type FixtureDnsServer } from '../support/dns-server.js';
import { buildTestMessage, inspectContextOf, type TestMessage } from './tricks-support.js';

let dns: FixtureDnsServer;
let resolver: DnsResolver;
beforeAll(async () => {
  dns = await startFixtureDns({ zone: {} });
  resolver = new DnsResolver({ servers: [dns.server], timeoutMs: 300, retries: 0 });
});
afterAll(() => dns.stop());

const senderOf = async (m: TestMessage) =>
  inspectSender(await inspectContextOf(buildTestMessage(m), resolver));
const ids = (findings: Finding[]) =>
  findings.map((f) => f.id).filter((id) => id !== 'inspect.domain-age-unknown');
const findingOf = (findings: Finding[], id: string) => findings.find((f) => f.id === id);
const encoded = (text: string) => `=?UTF-8?B?${Buffer.from(text).toString('base64')}?=`;

describe('inspectSender: each trick, and genuine senders', () => {
  const cases: Array<{
    name: string;
    message: TestMessage;
    ids: string[];
    params?: Record<string, unknown>;
  }> = [
    {
      name: 'display-name spoof: PayPal over another domain',
      message: { from: 'PayPal <x@evil.example>' },
      ids: ['inspect.display-name-brand'],
      params: { brand: ['PayPal'], domain: 'evil.example' },
    },
    {
      name: 'a Japanese brand in an encoded display name',
      message: { from: `${encoded('ヤマト運輸 お届け通知')} <notice@delivery-info.example>` },
      ids: ['inspect.display-name-brand'],
      params: { brand: ['ヤマト運輸'] },
    },
    {
      name: 'an address written in the display name',
      message: { from: '"service@paypal.com" <x@evil.example>' },
      ids: ['inspect.display-name-address', 'inspect.display-name-brand'],
      params: { shown: 'service@paypal.com', address: 'x@evil.example' },
    },
    {
      name: 'a Cyrillic look-alike of paypal.com (раураl.com)',
      message: { from: 'Service <service@раураl.com>' },
      ids: ['inspect.punycode-domain', 'inspect.lookalike-domain'],
      params: { imitates: 'paypal.com', how: 'confusable', domain: 'раураl.com' },
    },
    {
      name: 'rn for m: rnicrosoft.com',
      message: { from: 'Account team <no-reply@rnicrosoft.com>' },
      ids: ['inspect.lookalike-domain'],
      params: { imitates: 'microsoft.com', how: 'confusable' },
    },
    {
      // IDNA maps full-width letters as NFKC does: the name resolves to paypal.com itself, so no trick.
      name: 'full-width letters are the same name to DNS (ｐａｙｐａｌ.com is paypal.com)',
      message: { from: 'PayPal <service@ｐａｙｐａｌ.com>' },
      ids: [],
    },
    {
      name: "the recipient's own domain with one letter added",
      message: { from: 'Keiri <keiri@tanaka-shouji.co.jp>', to: 'yamada@tanaka-shoji.co.jp' },
      ids: ['inspect.lookalike-domain'],
      params: { imitates: 'tanaka-shoji.co.jp', how: 'one-letter' },
    },
    {
      name: "the recipient's own domain with two letters swapped",
      message: { from: 'Boss <boss@nakamura-sohji.co.jp>', to: 'sato@nakamura-shoji.co.jp' },
      ids: ['inspect.lookalike-domain'],
      params: { how: 'one-letter' },
    },
    {
      name: 'a brand with one letter dropped (amazn.co.jp) and named in the display name',
      message: { from: 'Amazon.co.jp <account@amazn.co.jp>' },
      ids: ['inspect.display-name-brand', 'inspect.lookalike-domain'],
      params: { imitates: 'amazon.co.jp', how: 'one-letter' },
    },
    {
      name: 'a bank name hyphened into a domain',
      message: { from: `${encoded('三井住友銀行')} <info@smbc-security.example>` },
      ids: ['inspect.display-name-brand', 'inspect.lookalike-domain'],
      params: { imitates: 'smbc.co.jp', how: 'brand-in-name' },
    },
    {
      name: 'a punycode From domain, shown decoded (no look-alike)',
      message: { from: 'Info <info@xn--wgv71a119e.jp>' },
      ids: ['inspect.punycode-domain'],
      params: { domain: 'xn--wgv71a119e.jp', shown: '日本語.jp' },
    },
    {
      name: 'Reply-To to free mail on a company From (business email compromise)',
      message: { from: 'Suzuki <suzuki@acme-corp.co.jp>', replyTo: 'suzuki.acme@gmail.com' },
      ids: ['inspect.reply-to-freemail'],
      params: { replyTo: ['gmail.com'], domain: 'acme-corp.co.jp' },
    },
    {
      name: 'Reply-To to another organization',
      message: { from: 'Shop <info@shop.example>', replyTo: 'desk@helpdesk-vendor.example' },
      ids: ['inspect.reply-to-other-org'],
      params: { replyTo: ['helpdesk-vendor.example'] },
    },
    {
      name: 'Return-Path at an email service',
      message: { from: 'Shop <info@shop.example>', returnPath: '<bounce-123@mail.esp.example>' },
      ids: ['inspect.return-path-other-org'],
      params: { returnPath: 'mail.esp.example', domain: 'shop.example' },
    },
    {
      name: 'genuine: Amazon from amazon.co.jp, replies within the organization',
      message: {
        from: 'Amazon.co.jp <shipment-tracking@amazon.co.jp>',
        replyTo: 'support@www.amazon.co.jp',
        returnPath: '<bounce@bounces.amazon.co.jp>',
      },
      ids: [],
    },
    {
      name: 'genuine: PayPal from paypal.com with its address as the name',
      message: { from: '"service@paypal.com" <service@paypal.com>' },
      ids: [],
    },
    {
      name: 'genuine: a Japanese bank from its own domain',
      message: { from: `${encoded('三菱UFJ銀行')} <info@bk.mufg.jp>` },
      ids: [],
    },
    {
      name: 'genuine: a colleague at the same organization as the recipient',
      message: { from: 'Sato <sato@mail.tanaka-shoji.co.jp>', to: 'yamada@tanaka-shoji.co.jp' },
      ids: [],
    },
    {
      name: 'genuine: a free-mail sender is no look-alike of another free-mail domain',
      message: { from: 'Ken <ken@mail.com>', to: 'aya@gmail.com' },
      ids: [],
    },
    {
      name: 'genuine: "pineapple" does not name Apple',
      message: { from: 'Pineapple Cafe <news@pineapple-cafe.example>' },
      ids: [],
    },
  ];

  it.each(cases)('$name', async ({ message, ids: expected, params }) => {
    const { findings, data } = await senderOf(message);
    expect(ids(findings).sort()).toEqual([...expected].sort());
    // The age of a domain is never guessed: always said, for every From domain.
    expect(findings.some((f) => f.id === 'inspect.domain-age-unknown')).toBe(true);
    const merged = Object.assign({}, ...findings.filter((f) => ids([f]).length).map((f) => f.params ?? {}));
    if (params) expect(merged).toMatchObject(params);
    if (expected.includes('inspect.lookalike-domain')) expect(data.lookalikes.length).toBeGreaterThan(0);
    // Every finding has a verdict row and words in both languages, with every placeholder filled.
    for (const finding of findings) {
      expect(INSPECTION_RULES[finding.id]).toBeDefined();
      for (const lang of ['en', 'ja'] as const) {
        const text = checkText(finding, lang);
        expect(`${text.title} ${text.detail} ${text.fix ?? ''}`).not.toMatch(/[{}]|\(none\)|（なし）/);
      }
    }
  });

  it('says which domains it read', async () => {
    const { data } = await senderOf({
      from: 'Suzuki <suzuki@acme-corp.co.jp>',
      replyTo: 'a@gmail.com, b@gmail.com, c@partner.example',
      returnPath: '<bounce@acme-corp.co.jp>',
    });
    expect(data).toMatchObject({
      fromDomain: 'acme-corp.co.jp',
      displayName: 'Suzuki',
      replyToDomains: ['gmail.com', 'partner.example'],
      returnPathDomain: 'acme-corp.co.jp',
      lookalikes: [],
    });
  });

  it('says the lookalikes it found in the data as a reader sees them', async () => {
    const { data } = await senderOf({ from: 'Service <service@раураl.com>' });
    expect(data.lookalikes[0]).toEqual({ domain: 'раураl.com', imitates: 'paypal.com', how: 'confusable' });
  });
});

describe('look-alike building blocks', () => {
  it.each([
    ['раураl', 'paypal'],
    ['rnicrosoft', 'microsoft'],
    ['ｇｏｏｇｌｅ', 'google'],
    ['g00gle', 'google'],
    ['paypa1', 'paypal'],
    ['αpple', 'apple'],
  ])('skeleton of %s is %s', (label, skeleton) => expect(skeletonOf(label)).toBe(skeleton));

  it.each([
    ['paypal', 'paypal', 0],
    ['paypal', 'paypall', 1],
    ['paypal', 'payal', 1],
    ['paypal', 'pyapal', 1],
    ['paypal', 'paypak', 1],
    ['paypal', 'pyapla', 2],
    ['a'.repeat(63), 'b'.repeat(63), 2],
  ])('distance %s / %s is %i (capped at 2)', (a, b, distance) => expect(editDistance(a, b)).toBe(distance));

  it.each([
    ['mail.example.com', 'example.com', null],
    ['paypal.co.jp', 'paypal.com', null],
    ['examp1e.com', 'example.com', 'confusable'],
    ['exarnple.com', 'example.com', 'confusable'],
    ['exmaple.com', 'example.com', 'one-letter'],
    ['jbc.co.jp', 'jcb.co.jp', null],
    ['paypal-login.example', 'paypal.com', 'brand-in-name'],
  ])('%s imitates %s: %s', (candidate, genuine, how) => expect(imitationOf(candidate, genuine)).toBe(how));
});

describe('hostile input is bounded', () => {
  it('10 000 Reply-To addresses', async () => {
    const replyTo = Array.from({ length: 10_000 }, (_, i) => `r${i}@d${i}.example`).join(', ');
    const started = Date.now();
    const { findings, data } = await senderOf({ from: 'Shop <info@shop.example>', replyTo });
    const part = Date.now() - started;
    expect(data.replyToDomains.length).toBeLessThanOrEqual(20);
    const other = findingOf(findings, 'inspect.reply-to-other-org');
    expect((other?.params?.replyTo as string[] | undefined)?.length ?? 0).toBeLessThanOrEqual(5);
    expect(part).toBeLessThan(20_000);
  }, 30_000);

  it('a 1 MB display name', async () => {
    const name = `PayPal ${'x'.repeat(1024 * 1024)}`;
    const ctx = await inspectContextOf(buildTestMessage({ from: `"${name}" <x@evil.example>` }), resolver);
    const started = Date.now();
    const { findings, data } = inspectSender(ctx);
    expect(Date.now() - started).toBeLessThan(2_000);
    expect((data.displayName ?? '').length).toBeLessThanOrEqual(1_000);
    for (const finding of findings)
      for (const value of Object.values(finding.params ?? {}))
        expect(String(value).length).toBeLessThanOrEqual(1_000);
  }, 30_000);

  it('never throws, whatever the context holds', () => {
    const broken = { message: { from: [{ address: 'a@b', name: 'x', domain: 'b' }] } };
    expect(() => inspectSender(broken as never)).not.toThrow();
  });
});

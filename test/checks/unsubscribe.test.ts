import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkDkim } from '../../src/checks/dkim.js';
import {
  checkUnsubscribe,
  parseListUnsubscribe,
  signedFieldNames,
  unsubscribeWordIn,
  visibleUnsubscribe,
} from '../../src/checks/unsubscribe.js';
import { emptyContent } from '../../src/content/extract.js';
import type { ContentLink, ContentModel } from '../../src/content/types.js';
import { LIMITS } from '../../src/limits.js';
import type { DkimSignatureAuth } from '../../src/report/types.js';
import { contextFor } from '../support/context.js';
import { startFixtureDns, type FixtureDnsServer } from '../support/dns-server.js';
import {
  buildMessage,
  dkimKeyName,
  dkimKeyRecord,
  generateDkimKey,
  signMessage,
  type DkimKey,
} from '../support/sign.js';

const NOW = new Date('2025-01-07T10:00:00Z');
let dns: FixtureDnsServer;
let key: DkimKey;

beforeAll(async () => {
  key = generateDkimKey('rsa-2048');
  dns = await startFixtureDns({
    zone: {
      [dkimKeyName('s1', 'example.com')]: { TXT: [dkimKeyRecord(key)] },
      [dkimKeyName('esp', 'esp.example.net')]: { TXT: [dkimKeyRecord(key)] },
    },
  });
});
afterAll(() => dns.stop());

const link = (href: string, text = href, source: ContentLink['source'] = 'html'): ContentLink => {
  const url = new URL(href);
  return { href, text, source, host: url.hostname, domain: url.hostname, scheme: url.protocol.slice(0, -1) };
};

const UNSUB_LINK = link('https://example.com/u?t=1', 'Unsubscribe');
const withLinks = (...links: ContentLink[]) => emptyContent({ links, html: '<p></p>', htmlText: '' });

describe('parseListUnsubscribe (RFC 2369)', () => {
  it.each([
    [
      'https and mailto',
      '<https://example.com/u?id=1>, <mailto:unsub@example.com?subject=unsubscribe>',
      {
        https: ['https://example.com/u?id=1'],
        mailto: ['mailto:unsub@example.com?subject=unsubscribe'],
        other: [],
      },
    ],
    [
      'mailto only',
      '<mailto:leave@lists.example.org>',
      { https: [], mailto: ['mailto:leave@lists.example.org'], other: [] },
    ],
    [
      'http is legal but not one-click',
      '<http://example.com/u>',
      { https: [], mailto: [], other: ['http://example.com/u'] },
    ],
    [
      'a comment after the URI',
      '<https://example.com/u> (Use this to leave)',
      { https: ['https://example.com/u'], mailto: [], other: [] },
    ],
    [
      'a folded long URI',
      '<https://example.com/unsubscribe?\r\n token=abc>',
      { https: ['https://example.com/unsubscribe?token=abc'], mailto: [], other: [] },
    ],
    ['a bare URL without brackets', 'https://example.com/u', { https: [], mailto: [], other: [] }],
    ['not a URI', '<unsubscribe me>', { https: [], mailto: [], other: [] }],
    ['mailto without an address', '<mailto:>', { https: [], mailto: [], other: [] }],
    ['https without a host', '<https:///u>', { https: [], mailto: [], other: [] }],
    ['empty', '', { https: [], mailto: [], other: [] }],
  ])('%s', (_name, value, expected) => {
    expect(parseListUnsubscribe(value)).toEqual(expected);
  });

  it('takes at most LIMITS.maxListUnsubscribeUris and reads a bounded value', () => {
    const many = Array.from({ length: 5000 }, (_, i) => `<https://example.com/${i}>`).join(', ');
    const started = performance.now();
    const uris = parseListUnsubscribe(many);
    expect(uris.https).toHaveLength(LIMITS.maxListUnsubscribeUris);
    expect(performance.now() - started).toBeLessThan(100);
    expect(parseListUnsubscribe(`${'<'.repeat(1_000_000)}https://example.com/u>`).https).toEqual([]);
  });
});

describe('signedFieldNames (h= of a DKIM-Signature)', () => {
  it.each([
    [
      'v=1; a=rsa-sha256; d=example.com; s=s1; h=From:To:List-Unsubscribe:List-Unsubscribe-Post; bh=x; b=y',
      ['from', 'to', 'list-unsubscribe', 'list-unsubscribe-post'],
    ],
    [
      'v=1; h = From : List-Unsubscribe\r\n\t: List-Unsubscribe ; b=y',
      ['from', 'list-unsubscribe', 'list-unsubscribe'],
    ],
    ['v=1; d=example.com; b=y', []],
    ['v=1; H=From:Subject; b=y', ['from', 'subject']],
    ['', []],
  ])('%j', (value, expected) => {
    expect(signedFieldNames(value)).toEqual(expected);
  });
});

describe('unsubscribe words', () => {
  it.each([
    ['Click here to unsubscribe.', 'unsubscribe'],
    ['UNSUBSCRIBE', 'unsubscribe'],
    ['ＵＮＳＵＢＳＣＲＩＢＥ', 'unsubscribe'],
    ['Opt  out of these emails', 'opt out'],
    ['Manage your subscription', 'manage your subscription'],
    ['配信停止はこちら', '配信停止'],
    ['メールマガジンの配信解除', '配信解除'],
    ['会員登録解除', '登録解除'],
    ['メール配信の停止をご希望の方は', 'メール配信の停止'],
    ['ﾒﾙﾏｶﾞ解除', 'メルマガ解除'],
    ['Newsletter abbestellen', 'abbestellen'],
    ['Vom Newsletter abmelden', 'abmelden'],
    ['Se désabonner', 'désabonner'],
    ['se desabonner', 'désabonner'],
    ['Pour vous désinscrire', 'désinscrire'],
    ['Haga clic para darse de baja', 'darse de baja'],
    ['Cancelar suscripción', 'cancelar suscripción'],
    ['Clique para descadastrar', 'descadastrar'],
    ['Cancelar inscrição', 'cancelar inscrição'],
    ['Disiscriviti', 'disiscriviti'],
    ['Afmelden voor de nieuwsbrief', 'afmelden'],
    ['点击退订', '退订'],
    ['取消訂閱', '取消訂閱'],
    ['수신거부', '수신거부'],
    ['구독 취소', '구독 취소'],
    ['Отписаться от рассылки', 'отписаться'],
    ['Hello, see you at the meeting tomorrow.', null],
    ['お問い合わせはこちら', null],
    ['Darse de alta', null],
    ['', null],
  ])('%j → %j', (text, word) => {
    expect(unsubscribeWordIn(text)).toBe(word);
  });
});

describe('visibleUnsubscribe', () => {
  it.each<[string, ContentModel, ReturnType<typeof visibleUnsubscribe>]>([
    [
      'an HTML link saying Unsubscribe',
      withLinks(link('https://example.com/x'), UNSUB_LINK),
      { how: 'link', evidence: 'Unsubscribe' },
    ],
    [
      'a Japanese link text',
      withLinks(link('https://example.jp/stop', '配信停止はこちら')),
      { how: 'link', evidence: '配信停止はこちら' },
    ],
    [
      'an unsubscribe path behind "click here"',
      withLinks(link('https://example.com/list/unsub?id=1', 'click here')),
      { how: 'link', evidence: 'click here' },
    ],
    [
      'an opt-out parameter',
      withLinks(link('https://example.com/p?action=opt-out', 'here')),
      { how: 'link', evidence: 'here' },
    ],
    [
      'a mailto link with the word',
      withLinks(link('mailto:leave@example.com', 'Unsubscribe by email')),
      { how: 'link', evidence: 'Unsubscribe by email' },
    ],
    [
      'words in the text next to a plain URL',
      emptyContent({
        text: '配信停止をご希望の方は下記URLから手続きしてください。\nhttps://example.jp/m?id=9',
        links: [link('https://example.jp/m?id=9', 'https://example.jp/m?id=9', 'text')],
      }),
      { how: 'text', evidence: '配信停止' },
    ],
    [
      'words in the HTML text, link text elsewhere',
      emptyContent({
        html: '<p>To unsubscribe, <a href="https://example.com/p">click here</a></p>',
        htmlText: 'To unsubscribe, click here',
        links: [link('https://example.com/p', 'click here')],
      }),
      { how: 'text', evidence: 'unsubscribe' },
    ],
    ['words without any link', emptyContent({ text: 'Reply "unsubscribe" to stop.' }), null],
    ['links without words', withLinks(link('https://example.com/shop', 'Shop now')), null],
    ['no body', emptyContent(), null],
  ])('%s', (_name, content, expected) => {
    expect(visibleUnsubscribe(content)).toEqual(expected);
  });

  it('finds a footer at the end of a long body, in bounded time', () => {
    const filler = 'Our products are great. '.repeat(100_000);
    const content = emptyContent({
      text: `${filler}\nUnsubscribe: https://example.com/u`,
      links: [link('https://example.com/u', 'https://example.com/u', 'text')],
    });
    const started = performance.now();
    expect(visibleUnsubscribe(content)).toEqual({ how: 'text', evidence: 'unsubscribe' });
    expect(performance.now() - started).toBeLessThan(500);
  });
});

// ---------------------------------------------------------------------------------------------
// The check on whole messages

const ONE_CLICK = [
  'List-Unsubscribe: <https://example.com/u?t=abc>, <mailto:unsub@example.com>',
  'List-Unsubscribe-Post: List-Unsubscribe=One-Click',
];

async function run(
  headers: string[],
  content: ContentModel = emptyContent(),
  dkim: DkimSignatureAuth[] = [],
) {
  const ctx = await contextFor(buildMessage({ from: 'news@example.com', headers }), dns, { now: NOW });
  try {
    return checkUnsubscribe(ctx, content, dkim);
  } finally {
    ctx.dns.close();
  }
}

describe('bulk detection', () => {
  it.each<[string, string[], ContentModel, { bulk: boolean; marketing: boolean; signals: string[] }]>([
    [
      'a personal message',
      [],
      emptyContent({ text: 'See you tomorrow.' }),
      { bulk: false, marketing: false, signals: [] },
    ],
    [
      'List-Id',
      ['List-Id: News <news.example.com>'],
      emptyContent(),
      { bulk: true, marketing: true, signals: ['List-Id'] },
    ],
    [
      'List-Unsubscribe',
      [ONE_CLICK[0]!],
      emptyContent(),
      { bulk: true, marketing: true, signals: ['List-Unsubscribe'] },
    ],
    [
      'Precedence: bulk',
      ['Precedence: bulk'],
      emptyContent(),
      { bulk: true, marketing: true, signals: ['Precedence: bulk'] },
    ],
    [
      'Precedence: list',
      ['Precedence: List'],
      emptyContent(),
      { bulk: true, marketing: true, signals: ['Precedence: list'] },
    ],
    [
      'Precedence: first-class is not bulk',
      ['Precedence: first-class'],
      emptyContent(),
      { bulk: false, marketing: false, signals: [] },
    ],
    [
      'Mailchimp',
      ['X-MC-User: 0123456789abcdef'],
      emptyContent(),
      { bulk: true, marketing: true, signals: ['Mailchimp'] },
    ],
    [
      'a campaign header',
      ['X-Campaign-Id: spring-sale'],
      emptyContent(),
      { bulk: true, marketing: true, signals: ['X-Campaign'] },
    ],
    [
      'a newsletter X-Mailer',
      ['X-Mailer: acmailer3.9'],
      emptyContent(),
      { bulk: true, marketing: true, signals: ['X-Mailer: acmailer3.9'] },
    ],
    [
      'an ordinary X-Mailer',
      ['X-Mailer: Microsoft Outlook 16.0'],
      emptyContent(),
      { bulk: false, marketing: false, signals: [] },
    ],
    // Transactional mail goes through these services too: a bulk sender, not marketing.
    [
      'Amazon SES',
      ['X-SES-Outgoing: 2025.01.07-54.240.0.1'],
      emptyContent(),
      { bulk: true, marketing: false, signals: ['Amazon SES'] },
    ],
    ['SendGrid', ['X-SG-EID: abc'], emptyContent(), { bulk: true, marketing: false, signals: ['SendGrid'] }],
    [
      'Mailgun',
      ['X-Mailgun-Sid: abc'],
      emptyContent(),
      { bulk: true, marketing: false, signals: ['Mailgun'] },
    ],
    ['Brevo', ['X-Sib-Id: abc'], emptyContent(), { bulk: true, marketing: false, signals: ['Brevo'] }],
    [
      'Feedback-ID',
      ['Feedback-ID: 1:campaign:user:esp'],
      emptyContent(),
      { bulk: true, marketing: false, signals: ['Feedback-ID'] },
    ],
    [
      'an unsubscribe link in the body',
      [],
      withLinks(UNSUB_LINK),
      { bulk: true, marketing: true, signals: ['“Unsubscribe”'] },
    ],
    [
      'several signs, named once each',
      ['List-Id: <a.example.com>', 'X-Mailgun-Tag: x', 'X-Mailgun-Sid: y', 'List-Id: <b.example.com>'],
      emptyContent(),
      { bulk: true, marketing: true, signals: ['List-Id', 'Mailgun'] },
    ],
  ])('%s', async (_name, headers, content, expected) => {
    const { result } = await run(headers, content);
    expect({ bulk: result.bulk, marketing: result.marketing, signals: result.signals }).toEqual(expected);
  });
});

describe('findings (unsigned messages: DKIM results given by hand)', () => {
  const passing: DkimSignatureAuth = {
    result: 'pass',
    domain: 'example.com',
    selector: 's1',
    algorithm: 'rsa-sha256',
    keyBits: 2048,
    aligned: true,
    reason: null,
    bodyLength: null,
    testing: false,
    expired: false,
    skipped: false,
  };
  it.each<[string, string[], ContentModel, string[], Record<string, unknown>?]>([
    ['not bulk: information only', [], emptyContent(), ['unsubscribe.not-bulk']],
    [
      'a transactional message from SES: information only',
      ['X-SES-Outgoing: x'],
      emptyContent(),
      ['unsubscribe.not-bulk'],
      { services: ['Amazon SES'] },
    ],
    [
      'a list message without List-Unsubscribe',
      ['List-Id: <l.example.com>'],
      withLinks(UNSUB_LINK),
      ['unsubscribe.bulk', 'unsubscribe.missing', 'unsubscribe.visible'],
    ],
    [
      'a body link only',
      [],
      withLinks(UNSUB_LINK),
      ['unsubscribe.bulk', 'unsubscribe.missing', 'unsubscribe.visible'],
    ],
    [
      'List-Unsubscribe without brackets',
      ['List-Unsubscribe: https://example.com/u'],
      emptyContent(),
      ['unsubscribe.bulk', 'unsubscribe.malformed', 'unsubscribe.no-visible'],
      { value: 'https://example.com/u' },
    ],
    [
      'no List-Unsubscribe-Post',
      [ONE_CLICK[0]!],
      withLinks(UNSUB_LINK),
      ['unsubscribe.bulk', 'unsubscribe.no-one-click', 'unsubscribe.visible'],
    ],
    [
      'a wrong Post value',
      [ONE_CLICK[0]!, 'List-Unsubscribe-Post: One-Click'],
      withLinks(UNSUB_LINK),
      ['unsubscribe.bulk', 'unsubscribe.one-click-invalid', 'unsubscribe.visible'],
      { reason: 'bad-value', value: 'One-Click' },
    ],
    [
      'one-click with mailto only',
      ['List-Unsubscribe: <mailto:u@example.com>', ONE_CLICK[1]!],
      withLinks(UNSUB_LINK),
      ['unsubscribe.bulk', 'unsubscribe.one-click-invalid', 'unsubscribe.visible'],
      { reason: 'no-https' },
    ],
    [
      'one-click over http',
      ['List-Unsubscribe: <http://example.com/u>', ONE_CLICK[1]!],
      withLinks(UNSUB_LINK),
      ['unsubscribe.bulk', 'unsubscribe.one-click-invalid', 'unsubscribe.visible'],
      { reason: 'no-https' },
    ],
    [
      'one-click, not signed',
      ONE_CLICK,
      withLinks(UNSUB_LINK),
      ['unsubscribe.bulk', 'unsubscribe.not-signed', 'unsubscribe.visible'],
    ],
    [
      'one-click, no visible link',
      ONE_CLICK,
      withLinks(link('https://example.com/shop', 'Shop')),
      ['unsubscribe.bulk', 'unsubscribe.not-signed', 'unsubscribe.no-visible'],
    ],
  ])('%s', async (_name, headers, content, ids, params) => {
    const { findings } = await run(headers, content, [passing]);
    expect(findings.map((f) => f.id)).toEqual(ids);
    // The finding that says what is wrong: the first after unsubscribe.bulk.
    if (params) expect(findings[ids.length === 1 ? 0 : 1]?.params).toMatchObject(params);
  });
});

// ---------------------------------------------------------------------------------------------
// DKIM coverage with real signatures (mailauth's signer, our verifier, the fixture DNS)

const LIST_FIELDS = [
  'From',
  'To',
  'Subject',
  'Date',
  'Message-ID',
  'List-Unsubscribe',
  'List-Unsubscribe-Post',
];

async function signedRun(
  raw: Buffer,
  prepend: string[] = [],
): Promise<{ oneClick: string; signedBy: string[]; ids: string[]; dkim: DkimSignatureAuth[] }> {
  const message = Buffer.concat([Buffer.from(prepend.map((h) => `${h}\r\n`).join('')), raw]);
  const ctx = await contextFor(message, dns, { now: NOW });
  try {
    const dkim = (await checkDkim(ctx)).result;
    const { result, findings } = checkUnsubscribe(ctx, withLinks(UNSUB_LINK), dkim);
    return { oneClick: result.oneClick, signedBy: result.signedBy, ids: findings.map((f) => f.id), dkim };
  } finally {
    ctx.dns.close();
  }
}

const listMessage = (extra: string[] = []) =>
  buildMessage({
    from: 'news@example.com',
    messageId: '<n1@example.com>',
    headers: [...ONE_CLICK, ...extra],
  });
const sign = (raw: Buffer, headers: string[] | undefined, domain = 'example.com', selector = 's1') =>
  signMessage(raw, { domain, selector, key, headers, signTime: NOW });

describe('one-click needs a passing DKIM signature over both fields (RFC 8058)', () => {
  it.each<[string, () => Promise<Buffer>, string[], { oneClick: string; signedBy: string[] }]>([
    [
      'h= lists both fields',
      () => sign(listMessage(), LIST_FIELDS),
      [],
      { oneClick: 'valid', signedBy: ['example.com'] },
    ],
    [
      'h= leaves out List-Unsubscribe-Post (mailauth’s default list does)',
      () => sign(listMessage(), undefined),
      [],
      { oneClick: 'not-signed', signedBy: [] },
    ],
    [
      'h= leaves out List-Unsubscribe',
      () =>
        sign(
          listMessage(),
          LIST_FIELDS.filter((h) => h !== 'List-Unsubscribe'),
        ),
      [],
      { oneClick: 'not-signed', signedBy: [] },
    ],
    [
      'a second List-Unsubscribe added above the signed one on the way',
      () => sign(listMessage(), LIST_FIELDS),
      ['List-Unsubscribe: <https://attacker.example/u>'],
      { oneClick: 'not-signed', signedBy: [] },
    ],
    [
      'h= over-signs the fields (lists them twice): still covers the one instance',
      () => sign(listMessage(), [...LIST_FIELDS, 'List-Unsubscribe', 'List-Unsubscribe-Post']),
      [],
      { oneClick: 'valid', signedBy: ['example.com'] },
    ],
    [
      'the fields were changed after signing: the signature fails',
      async () => {
        const signed = await sign(listMessage(), LIST_FIELDS);
        return Buffer.from(signed.toString('latin1').replace('u?t=abc', 'u?t=xyz'), 'latin1');
      },
      [],
      { oneClick: 'not-signed', signedBy: [] },
    ],
    [
      'the ESP’s signature covers them, the author’s does not',
      async () => sign(await sign(listMessage(), undefined), LIST_FIELDS, 'esp.example.net', 'esp'),
      [],
      { oneClick: 'valid', signedBy: ['esp.example.net'] },
    ],
    [
      'the covering signature has no key; another passes without covering',
      async () => sign(await sign(listMessage(), LIST_FIELDS, 'example.com', 'nokey'), undefined),
      [],
      { oneClick: 'not-signed', signedBy: [] },
    ],
  ])('%s', async (name, build, prepend, expected) => {
    const outcome = await signedRun(await build(), prepend);
    expect({ oneClick: outcome.oneClick, signedBy: outcome.signedBy }).toEqual(expected);
    // Only the tampered message lacks a passing signature: elsewhere coverage, not DKIM itself, decides.
    expect(outcome.dkim.some((s) => s.result === 'pass')).toBe(!name.includes('changed after signing'));
    expect(outcome.ids).toContain(
      expected.oneClick === 'valid' ? 'unsubscribe.one-click' : 'unsubscribe.not-signed',
    );
  });
});

import { domainToASCII } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { ContentLink } from '../../src/content/types.js';
import { checkDeceptive, shownTargetOf } from '../../src/checks/links/deceptive.js';
import { latinSkeleton, lookalikeOf } from '../../src/checks/links/idn.js';
import { ipv4Form, parseLinkTarget, rawHostOf } from '../../src/checks/links/url.js';
import { checkText } from '../../src/i18n/index.js';

/** A link as the extractor gives it (host and domain are recomputed by the rules from href). */
const html = (href: string, text: string): ContentLink => ({
  href,
  text,
  source: 'html',
  host: '',
  domain: '',
  scheme: '',
});
const plain = (href: string): ContentLink => ({
  href,
  text: href,
  source: 'text',
  host: '',
  domain: '',
  scheme: '',
});

const ids = (links: ContentLink[]) => checkDeceptive(links).findings.map((f) => f.id);

describe('link targets', () => {
  // prettier-ignore
  it.each([
    ['http://192.0.2.1/x', '192.0.2.1', 'dotted'],
    ['http://3221225985/', '192.0.2.1', 'decimal'],
    ['http://0xC0.0x0.2.1/', '192.0.2.1', 'hex'],
    ['http://0xc0000201/', '192.0.2.1', 'hex'],
    ['http://0300.0.02.01/', '192.0.2.1', 'octal'],
    ['http://192.0.513/', '192.0.2.1', 'decimal'],
    ['http://[2001:db8::1]:8080/', '2001:db8::1', 'ipv6'],
    ['http://user@[2001:db8::1]/', '2001:db8::1', 'ipv6'],
  ])('%s is the IP %s written %s', (href, ip, form) => {
    const target = parseLinkTarget(href)!;
    expect(target.ip?.text).toBe(ip);
    expect(target.ipForm).toBe(form);
  });

  it.each([
    ['http://paypal.com@evil.example/', 'paypal.com', 'evil.example'],
    ['https://a:b@evil.example/', 'a:…', 'evil.example'],
    ['https://www.example.co.jp/path', '', 'example.co.jp'],
    ['https://日本語.jp/', '', 'xn--wgv71a119e.jp'],
    ['www.example.com/offer', '', 'example.com'],
  ])('%s: user-info %j, registered domain %s', (href, userinfo, domain) => {
    const target = parseLinkTarget(href)!;
    expect(target.userinfo).toBe(userinfo);
    expect(target.domain).toBe(domain);
  });

  it.each(['', 'not a url', 'http://', `http://example.com/${'a'.repeat(3000)}`, 'http://999.1.1.1/'])(
    'no target for %j',
    (href) => expect(parseLinkTarget(href)).toBeNull(),
  );

  it.each([
    ['http://0x7f.1/', '0x7f.1', 'hex'],
    ['http://x@017700000001:80/', '017700000001', 'octal'],
    ['http://2130706433\\x', '2130706433', 'decimal'],
  ])('raw host of %s is %s (%s)', (href, raw, form) => {
    expect(rawHostOf(href)).toBe(raw);
    expect(ipv4Form(raw)).toBe(form);
  });
});

describe('what a link text shows', () => {
  // prettier-ignore
  it.each([
    ['www.paypal.com', 'paypal.com'],
    ['https://www.PayPal.com/signin', 'paypal.com'],
    ['paypal.com', 'paypal.com'],
    ['<https://example.co.jp/>', 'example.co.jp'],
    ['「www.example.jp」', 'example.jp'],
    ['example.com.', 'example.com'],
    ['shop.example.com/sale?x=1', 'example.com'],
    ['www.report.zip', 'report.zip'],
    ['https://report.zip/', 'report.zip'],
  ])('%j shows %s', (text, domain) => expect(shownTargetOf(text)?.domain).toBe(domain));

  it.each([
    'Click here',
    'Sign in to your account',
    'ここをクリック',
    '',
    'info@example.com',
    'report.zip',
    'readme.md',
    'Visit www.example.com today',
    'example.invalidtld',
    'mailto:info@example.com',
    'v1.2',
    '3.14',
  ])('%j shows no site', (text) => expect(shownTargetOf(text)).toBeNull());

  it('shows an IP as an IP', () => expect(shownTargetOf('http://192.0.2.1/')?.ip?.text).toBe('192.0.2.1'));
});

describe('international names', () => {
  // prettier-ignore
  it.each([
    ['pаypal.com', 'imitates-name', 'paypal'], // Cyrillic а
    ['páypal.com', 'imitates-name', 'paypal'],
    ['gооgle.com', 'imitates-name', 'google'], // two Cyrillic о
    ['аррӏе.com', 'imitates-name', 'apple'], // all Cyrillic
    ['ѕоѕ.com', 'whole-script', null], // all Cyrillic look-alikes, not a brand
    ['ѕоѕ.net', 'whole-script', null],
    ['paypаl-login.com', 'mixed-script', null],
    ['shopπ.com', 'mixed-script', null], // Latin + Greek
    ['日本語ѕ.jp', 'mixed-script', null], // Japanese + Cyrillic
    ['rakutеn.co.jp', 'imitates-name', 'rakuten'],
  ])('%s is a look-alike (%s)', (name, reason, imitates) => {
    const found = lookalikeOf(domainToASCII(name));
    expect(found?.reason).toBe(reason);
    expect(found?.imitates ?? null).toBe(imitates);
  });

  it.each([
    '日本語.jp',
    'お名前.com',
    'amazonジャパン.jp',
    'テスト.テスト',
    '例え.jp',
    'bücher.de',
    'münchen.de',
    'ελληνικά.gr',
    'сосо.ru',
    'пример.рф',
    'ѕоѕ.ru',
    '中文.cn',
    '한국.kr',
    'example.com',
    'xn--wgv71a119e.jp',
  ])('%s is legitimate', (name) => expect(lookalikeOf(domainToASCII(name) || name)).toBeNull());

  it('an xn-- label that does not decode is flagged', () => {
    expect(lookalikeOf('xn--zz.com')?.reason).toBe('invalid-punycode');
  });

  it.each([
    ['pаypal', 'paypal'],
    ['ＰａｙＰａｌ', 'paypal'],
    ['paypa1', 'paypal'],
    ['ģōōğlē', 'google'],
  ])('skeleton of %s is %s', (label, skeleton) => expect(latinSkeleton(label)).toBe(skeleton));
});

describe('deceptive link rules', () => {
  // prettier-ignore
  const cases: Array<{ name: string; links: ContentLink[]; ids: string[] }> = [
    { name: 'an honest newsletter', ids: ['links.clean'], links: [
      html('https://www.example.com/sale', 'www.example.com'),
      html('https://example.com/a', 'Shop now'),
      plain('https://example.com/terms'),
    ] },
    { name: 'text shows another site', ids: ['links.text-mismatch'], links: [html('https://evil.example/login', 'www.paypal.com')] },
    { name: 'text shows a full URL of another site', ids: ['links.text-mismatch'], links: [html('https://evil.example/', 'https://www.mybank.co.jp/login')] },
    { name: 'look-alike domain in the target', ids: ['links.text-mismatch'], links: [html('https://mybank-secure.com/', 'mybank.com')] },
    { name: 'same registered domain', ids: ['links.clean'], links: [html('https://click.example.com/t/1', 'example.com')] },
    { name: 'same organization, other suffix', ids: ['links.clean'], links: [html('https://www.amazon.co.jp/', 'amazon.com')] },
    { name: 'ESP click tracking', ids: ['links.clean'], links: [
      html('https://example.us1.list-manage.com/track/click?u=1', 'www.example.com'),
      html('https://u123.ct.sendgrid.net/ls/click?upn=x', 'example.com'),
      html('https://abc.r.us-east-1.awstrack.me/L0/x', 'https://example.org/'),
    ] },
    { name: 'IP text, same IP target', ids: ['links.ip-host'], links: [html('http://192.0.2.1/', 'http://192.0.2.1/')] },
    { name: 'IP text, other IP target', ids: ['links.text-mismatch', 'links.ip-host'], links: [html('http://192.0.2.2/', '192.0.2.1')] },
    { name: 'plain-text links are never mismatched', ids: ['links.clean'], links: [plain('https://evil.example/www.paypal.com')] },
    { name: 'a file name is not a site', ids: ['links.clean'], links: [html('https://example.com/files/report.zip', 'report.zip')] },
    { name: 'shortener', ids: ['links.shortener'], links: [html('https://bit.ly/3abc', 'Read more'), plain('https://t.co/x')] },
    { name: 'shortener subdomain', ids: ['links.shortener'], links: [html('https://www.tinyurl.com/x', 'here')] },
    { name: 'a brand short domain is not a public shortener', ids: ['links.clean'], links: [html('https://youtu.be/x', 'video')] },
    { name: 'user-info trick', ids: ['links.text-mismatch', 'links.userinfo'], links: [html('http://paypal.com@evil.example/', 'paypal.com')] },
    { name: 'user-info in plain text', ids: ['links.userinfo', 'links.ip-host'], links: [plain('http://www.paypal.com@192.0.2.1/')] },
    { name: 'decimal IP', ids: ['links.ip-host'], links: [html('http://3221225985/', 'Open')] },
    { name: 'IPv6 literal', ids: ['links.ip-host'], links: [html('http://[2001:db8::1]/', 'Open')] },
    { name: 'punycode look-alike', ids: ['links.lookalike'], links: [html(`https://${domainToASCII('pаypal.com')}/`, 'Sign in')] },
    { name: 'Japanese IDN is fine', ids: ['links.clean'], links: [html(`https://${domainToASCII('日本語.jp')}/`, '日本語.jp')] },
    { name: 'Unicode text of the same IDN', ids: ['links.clean'], links: [html('https://xn--wgv71a119e.jp/', 'https://日本語.jp/')] },
    { name: 'mailto and tel are not web links', ids: [], links: [html('mailto:info@example.com', 'info@example.com'), html('tel:+81312345678', '03-1234-5678')] },
    { name: 'no links', ids: [], links: [] },
    { name: 'garbage href', ids: [], links: [html('http://exa mple.com/', 'example.com'), html('javascript:alert(1)', 'x')] },
  ];

  it.each(cases)('$name → $ids', ({ links, ids: expected }) => {
    expect(ids(links).sort()).toEqual([...expected].sort());
  });

  it('counts every case and shows a bounded number of examples', () => {
    const links = Array.from({ length: 30 }, (_, i) => html(`https://evil${i}.example/`, 'www.paypal.com'));
    const { findings, summary } = checkDeceptive(links);
    const mismatch = findings.find((f) => f.id === 'links.text-mismatch')!;
    expect(mismatch.params?.count).toBe(30);
    expect(mismatch.params?.examples).toHaveLength(5);
    expect(summary.textMismatch).toBe(30);
  });

  it('looks at no more than LIMITS.linkMaxInspected links', () => {
    const links = Array.from({ length: 1500 }, () => html('https://bit.ly/x', 'x'));
    const { summary, findings } = checkDeceptive(links);
    expect(summary.inspected).toBe(1000);
    expect(findings.find((f) => f.id === 'links.shortener')?.params?.count).toBe(1000);
  });

  it('gives the IP form and the look-alike reason as words', () => {
    const { findings } = checkDeceptive([
      html('http://0x7f000001/', 'x'),
      html(`https://${domainToASCII('gооgle.com')}/`, 'x'),
    ]);
    const words = (id: string, lang: 'en' | 'ja') => {
      const text = checkText(
        findings.find((f) => f.id === id)!,
        lang,
      );
      return text.title + text.detail;
    };
    expect(words('links.ip-host', 'en')).toContain('hexadecimal');
    expect(words('links.ip-host', 'ja')).toContain('16 進数');
    expect(words('links.lookalike', 'en')).toContain('xn--ggle-55da.com (gооgle.com)');
    expect(words('links.lookalike', 'en')).toContain('reads as a well-known name');
  });

  it('stays fast on hostile links', () => {
    const links = Array.from({ length: 1000 }, (_, i) =>
      html(`https://${'a.'.repeat(120)}example/${'x'.repeat(1800)}`, `${'.'.repeat(2040)}${i}`),
    ).concat(Array.from({ length: 200 }, () => html('http://x', `http://${'(('.repeat(5000)}`)));
    const started = Date.now();
    checkDeceptive(links);
    expect(Date.now() - started).toBeLessThan(1_500);
  });

  it('strips control and bidi characters from what it shows', () => {
    const { findings } = checkDeceptive([html('https://evil.example/', 'www.pay\u202epal.com')]);
    // The bidi override makes the text unreadable as a name: it shows no site.
    expect(findings.map((f) => f.id)).toEqual(['links.clean']);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditBimi, dmarcProblem, parseBimiRecord } from '../../src/audit/bimi.js';
import { svgTinyPsProblems } from '../../src/audit/bimi-svg.js';
import type { AuditFetchOptions, AuditSection, DmarcAuditData } from '../../src/audit/types.js';
import { checkText } from '../../src/i18n/index.js';
import { startFixtureDns, type FixtureDnsServer, type FixtureZone } from '../support/dns-server.js';
import { startHttpsFixture, type HttpsFixture } from '../support/https-fixture.js';
import { transportContext } from '../support/audit-transport.js';

const svg = (root: string, body = '<title>Brand</title><circle cx="50" cy="50" r="40" fill="#c00"/>') =>
  `<?xml version="1.0" encoding="UTF-8"?>\n<svg xmlns="http://www.w3.org/2000/svg" ${root}>${body}</svg>`;
const ROOT = 'version="1.2" baseProfile="tiny-ps" viewBox="0 0 100 100"';
const GOOD_SVG = svg(ROOT);

describe('SVG Tiny PS basics', () => {
  // prettier-ignore
  it.each([
    ['a good logo', GOOD_SVG, []],
    ['xlink and a local reference', svg(`xmlns:xlink="http://www.w3.org/1999/xlink" ${ROOT}`,
      '<title>B</title><defs><linearGradient id="g"/></defs><rect fill="url(#g)" width="1" height="1"/><use xlink:href="#g"/>'), []],
    ['a script', svg(ROOT, '<title>B</title><script>alert(1)</script>'), ['script']],
    ['an event handler', svg(ROOT, '<title>B</title><rect onclick="x()" width="1" height="1"/>'), ['script']],
    ['a raster image', svg(ROOT, '<title>B</title><image href="data:image/png;base64,AAAA" width="1" height="1"/>'),
      ['external-reference', 'raster-image']],
    ['a raster image by local reference', svg(ROOT, '<title>B</title><image href="#x"/>'), ['raster-image']],
    ['the wrong profile', svg('version="1.2" baseProfile="tiny" viewBox="0 0 100 100"'), ['base-profile']],
    ['no version', svg('baseProfile="tiny-ps" viewBox="0 0 100 100"'), ['version']],
    ['no title', svg(ROOT, '<circle r="1"/>'), ['no-title']],
    ['an empty title', svg(ROOT, '<title>  </title>'), ['no-title']],
    ['a title deeper down only', svg(ROOT, '<g><title>B</title></g>'), ['no-title']],
    ['an external link', svg(`xmlns:xlink="http://www.w3.org/1999/xlink" ${ROOT}`,
      '<title>B</title><use xlink:href="https://evil.example/x.svg#a"/>'), ['external-reference']],
    ['an external url() in an attribute', svg(ROOT, '<title>B</title><rect fill="url(https://evil.example/p)"/>'),
      ['external-reference']],
    ['an external url() in a style', svg(ROOT, '<title>B</title><style>rect{fill:url("http://x.example/a")}</style>'),
      ['external-reference']],
    ['an @import', svg(ROOT, '<title>B</title><style>@import "https://x.example/a.css";</style>'), ['external-reference']],
    ['animation', svg(ROOT, '<title>B</title><rect><animate attributeName="x" to="5"/></rect>'), ['animation']],
    ['animateTransform', svg(ROOT, '<title>B</title><animateTransform attributeName="transform"/>'), ['animation']],
    ['a foreignObject', svg(ROOT, '<title>B</title><foreignObject><p>x</p></foreignObject>'), ['foreign-object']],
    ['x and y on the root', svg(`${ROOT} x="0" y="0"`), ['root-position']],
    ['no viewBox', svg('version="1.2" baseProfile="tiny-ps" width="100" height="100"'), ['no-viewbox']],
    ['a wide viewBox', svg('version="1.2" baseProfile="tiny-ps" viewBox="0 0 200 100"'), ['not-square']],
    ['a viewBox with commas', svg('version="1.2" baseProfile="tiny-ps" viewBox="0,0,64,64"'), []],
    ['an HTML page', '<!doctype html><html><body>Not found</body></html>', ['not-svg']],
    ['plain text', 'hello', ['not-svg']],
    ['everything wrong at once', svg('baseProfile="tiny" x="1" viewBox="0 0 2 1"', '<script/><image/><set/>'),
      ['version', 'base-profile', 'no-title', 'script', 'animation', 'raster-image', 'root-position', 'not-square']],
  ])('%s', (_, document, problems) => expect(svgTinyPsProblems(document)).toEqual(problems));

  it('does not expand entities (no billion laughs, no external entities)', () => {
    const document = `<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY x SYSTEM "file:///etc/passwd">]>${svg(ROOT, '<title>&b;&x;</title>')}`;
    const started = Date.now();
    expect(svgTinyPsProblems(document)).toEqual([]);
    expect(Date.now() - started).toBeLessThan(200);
  });

  it('stops reading deep or huge documents', () => {
    const deep = svg(ROOT, `<title>B</title>${'<g>'.repeat(5_000)}${'</g>'.repeat(5_000)}`);
    const started = Date.now();
    expect(svgTinyPsProblems(deep)).toContain('too-complex');
    expect(svgTinyPsProblems(svg(ROOT, `<title>B</title>${'<a/>'.repeat(12_000)}`))).toContain('too-complex');
    expect(Date.now() - started).toBeLessThan(1_000);
  });
});

describe('the BIMI record', () => {
  it.each([
    [
      'v=BIMI1; l=https://example.com/logo.svg; a=https://example.com/vmc.pem',
      {
        declined: false,
        logoUrl: 'https://example.com/logo.svg',
        authorityUrl: 'https://example.com/vmc.pem',
      },
    ],
    [
      'v=BIMI1; l=https://example.com/logo.svg',
      { declined: false, logoUrl: 'https://example.com/logo.svg', authorityUrl: null },
    ],
    [
      'v=BIMI1; l=https://example.com/logo.svg; a=;',
      { declined: false, logoUrl: 'https://example.com/logo.svg', authorityUrl: null },
    ],
    ['v=BIMI1; l=; a=;', { declined: true }],
    ['v=BIMI1;', { declined: true }],
    ['v=BIMI1; l=http://example.com/logo.svg', { error: 'logo-url' }],
    ['v=BIMI1; l=https://example.com:8443/logo.svg', { error: 'logo-url' }],
    ['v=BIMI1; l=https://user:pw@example.com/logo.svg', { error: 'logo-url' }],
    ['v=BIMI1; l=https://example.com/a.svg,https://example.com/b.svg', { error: 'logo-url' }],
    ['v=BIMI1; l=https://example.com/logo.svg; a=ftp://example.com/vmc.pem', { error: 'authority-url' }],
    ['l=https://example.com/logo.svg; v=BIMI1', { error: 'syntax' }],
    ['v=BIMI2; l=https://example.com/logo.svg', { error: 'syntax' }],
    ['v=BIMI1; l', { error: 'syntax' }],
  ])('%j', (record, expected) => expect(parseBimiRecord(record)).toEqual(expected));
});

// ---- DMARC strong enough ----

const tagsOf = (record: string): Record<string, string> =>
  Object.fromEntries(
    record
      .split(';')
      .map((part) => part.trim())
      .filter(Boolean)
      .map((part) => [part.split('=')[0]!.trim(), part.slice(part.indexOf('=') + 1).trim()]),
  );

const dmarcData = (record: string | null, foundAt: string | null, withTags = true): DmarcAuditData => ({
  record,
  foundAt,
  policy: null,
  tags: record && withTags ? tagsOf(record) : {},
  subdomainPolicy: null,
  nonexistentPolicy: null,
  reporting: [],
  plan: [],
});

const section = (data: DmarcAuditData): Promise<AuditSection<DmarcAuditData>> =>
  Promise.resolve({ data, findings: [] });

let dns: FixtureDnsServer;
let https: HttpsFixture;
let fetchOptions: AuditFetchOptions;

const REJECT = 'v=DMARC1; p=reject; rua=mailto:d@example.test';
const logoUrl = (domain: string, file = 'logo.svg') => `https://logo.${domain}/${file}`;
const bimiRecord = (domain: string, file = 'logo.svg', authority = true) =>
  `v=BIMI1; l=${logoUrl(domain, file)}${authority ? `; a=https://logo.${domain}/vmc.pem` : ''}`;

interface Case {
  domain: string;
  /** The BIMI record at default._bimi.<domain>; null: none. */
  record: string | null;
  /** What the logo URL answers. */
  logo?: { status?: number; body?: string };
  dmarc: DmarcAuditData;
  ids: string[];
  eligible: boolean;
  svgOk: boolean | null;
}

// prettier-ignore
const CASES: Case[] = [
  { domain: 'brand.test', record: bimiRecord('brand.test'), logo: { body: GOOD_SVG }, dmarc: dmarcData(REJECT, 'brand.test'),
    ids: ['bimi.pass'], eligible: true, svgOk: true },
  { domain: 'noauth.test', record: bimiRecord('noauth.test', 'logo.svg', false), logo: { body: GOOD_SVG },
    dmarc: dmarcData('v=DMARC1; p=quarantine; pct=100', 'noauth.test'), ids: ['bimi.no-authority'], eligible: true, svgOk: true },
  { domain: 'script.test', record: bimiRecord('script.test'), logo: { body: svg(ROOT, '<title>B</title><script>x()</script>') },
    dmarc: dmarcData(REJECT, 'script.test'), ids: ['bimi.svg-invalid'], eligible: true, svgOk: false },
  { domain: 'raster.test', record: bimiRecord('raster.test'), logo: { body: svg(ROOT, '<title>B</title><image href="#i"/>') },
    dmarc: dmarcData(REJECT, 'raster.test'), ids: ['bimi.svg-invalid'], eligible: true, svgOk: false },
  { domain: 'profile.test', record: bimiRecord('profile.test'), logo: { body: svg('version="1.2" baseProfile="tiny" viewBox="0 0 1 1"') },
    dmarc: dmarcData(REJECT, 'profile.test'), ids: ['bimi.svg-invalid'], eligible: true, svgOk: false },
  { domain: 'biglogo.test', record: bimiRecord('biglogo.test'), logo: { body: svg(ROOT, `<title>B</title>${'<!-- pad -->'.repeat(3_000)}`) },
    dmarc: dmarcData(REJECT, 'biglogo.test'), ids: ['bimi.svg-invalid'], eligible: true, svgOk: false },
  { domain: 'missing.test', record: bimiRecord('missing.test'), logo: { status: 404 }, dmarc: dmarcData(REJECT, 'missing.test'),
    ids: ['bimi.svg-unreachable'], eligible: true, svgOk: false },
  { domain: 'weak.test', record: bimiRecord('weak.test'), logo: { body: GOOD_SVG }, dmarc: dmarcData('v=DMARC1; p=none', 'weak.test'),
    ids: ['bimi.dmarc-weak'], eligible: false, svgOk: true },
  { domain: 'none.test', record: null, dmarc: dmarcData(null, null), ids: ['bimi.none'], eligible: false, svgOk: null },
  { domain: 'declined.test', record: 'v=BIMI1; l=; a=;', dmarc: dmarcData(REJECT, 'declined.test'), ids: ['bimi.declined'],
    eligible: true, svgOk: null },
  { domain: 'multiple.test', record: 'v=BIMI1; l=https://a.example/1.svg', dmarc: dmarcData(REJECT, 'multiple.test'),
    ids: ['bimi.record-multiple'], eligible: true, svgOk: null },
  { domain: 'http.test', record: 'v=BIMI1; l=http://logo.http.test/logo.svg', dmarc: dmarcData(REJECT, 'http.test'),
    ids: ['bimi.record-syntax'], eligible: true, svgOk: null },
];

beforeAll(async () => {
  const logos = new Map(CASES.filter((c) => c.logo).map((c) => [`logo.${c.domain}`, c.logo!]));
  https = await startHttpsFixture({
    certificates: Object.fromEntries([...logos.keys()].map((host) => [host, 'valid'])),
    handler: (request, response, host) => {
      const logo = request.url === '/logo.svg' ? logos.get(host) : undefined;
      response.writeHead(logo?.status ?? (logo ? 200 : 404), { 'content-type': 'image/svg+xml' });
      response.end(logo?.body ?? '');
    },
  });
  const zone: FixtureZone = {
    // A subdomain without its own record falls back to the organizational domain's.
    'sub.brand.test': { A: ['192.0.2.1'] },
    // DMARC records the eligibility check asks for at organizational domains.
    '_dmarc.orgnone.test': { TXT: ['v=DMARC1; p=none'] },
    '_dmarc.orgok.test': { TXT: ['v=DMARC1; p=quarantine'] },
    '_dmarc.orgspnone.test': { TXT: ['v=DMARC1; p=reject; sp=none'] },
    'default._bimi.dnsfail.test': { TIMEOUT: true },
  };
  for (const c of CASES) {
    if (c.record) zone[`default._bimi.${c.domain}`] = { TXT: [c.record] };
    if (c.logo) zone[`logo.${c.domain}`] = { A: ['127.0.0.1'] };
  }
  zone['default._bimi.multiple.test'] = {
    TXT: ['v=BIMI1; l=https://a.example/1.svg', 'v=BIMI1; l=https://a.example/2.svg'],
  };
  dns = await startFixtureDns({ zone });
  fetchOptions = { ca: https.ca, allowLoopback: true, port: https.port };
});

afterAll(async () => {
  await https?.stop();
  await dns?.stop();
});

describe('whether DMARC is strong enough for a logo', () => {
  // prettier-ignore
  it.each([
    ['reject at the domain', 'brand.test', dmarcData(REJECT, 'brand.test'), null],
    ['quarantine, pct=100', 'brand.test', dmarcData('v=DMARC1; p=quarantine; pct=100', 'brand.test'), null],
    ['tags left empty by the DMARC section: read from the record', 'brand.test', dmarcData(REJECT, 'brand.test', false), null],
    ['no record', 'brand.test', dmarcData(null, null), 'no-dmarc'],
    ['p=none', 'brand.test', dmarcData('v=DMARC1; p=none', 'brand.test'), 'policy-none'],
    ['pct below 100', 'brand.test', dmarcData('v=DMARC1; p=quarantine; pct=50', 'brand.test'), 'pct'],
    ['t=y', 'brand.test', dmarcData('v=DMARC1; p=reject; t=y', 'brand.test'), 'testing'],
    ['sp=none at the organizational domain', 'brand.test', dmarcData('v=DMARC1; p=reject; sp=none', 'brand.test'), 'org-sp-none'],
    ['a subdomain inheriting sp=none', 'mail.brand.test', dmarcData('v=DMARC1; p=reject; sp=none', 'brand.test'), 'policy-none'],
    ['a subdomain inheriting sp=quarantine', 'mail.brand.test', dmarcData('v=DMARC1; p=reject; sp=quarantine', 'brand.test'), null],
    ['a subdomain whose organization has p=none', 'mail.orgnone.test', dmarcData(REJECT, 'mail.orgnone.test'), 'org-policy-none'],
    ['a subdomain whose organization enforces', 'mail.orgok.test', dmarcData(REJECT, 'mail.orgok.test'), null],
    ['a subdomain whose organization has sp=none', 'mail.orgspnone.test', dmarcData(REJECT, 'mail.orgspnone.test'), 'org-sp-none'],
    ['a subdomain whose organization has no record', 'mail.orphan.test', dmarcData(REJECT, 'mail.orphan.test'), 'org-no-dmarc'],
  ])('%s', async (_, domain, data, problem) => {
    expect(await dmarcProblem(transportContext(dns, domain), data)).toBe(problem);
  });

  it('is unknown when the DMARC section failed', async () => {
    expect(await dmarcProblem(transportContext(dns, 'brand.test'), null)).toBe('dmarc-unknown');
  });
});

describe('auditBimi', () => {
  it.each(CASES.map((c) => [c.domain, c] as const))('%s', async (_, c) => {
    const ctx = transportContext(dns, c.domain, { fetch: fetchOptions });
    const { data, findings } = await auditBimi(ctx, section(c.dmarc));
    expect(findings.map((f) => f.id)).toEqual(c.ids);
    expect(data.dmarcEligible).toBe(c.eligible);
    expect(data.svgOk).toBe(c.svgOk);
    for (const finding of findings) {
      for (const lang of ['en', 'ja'] as const) {
        const words = checkText(finding, lang);
        expect(words.title + words.detail + (words.fix ?? '')).not.toMatch(/\{[a-zA-Z]+\}/);
      }
    }
  });

  it('keeps the record, the URLs and what is wrong with the logo', async () => {
    const ctx = transportContext(dns, 'raster.test', { fetch: fetchOptions });
    const { data, findings } = await auditBimi(ctx, section(dmarcData(REJECT, 'raster.test')));
    expect(data).toMatchObject({
      record: bimiRecord('raster.test'),
      foundAt: 'raster.test',
      logoUrl: logoUrl('raster.test'),
      authorityUrl: 'https://logo.raster.test/vmc.pem',
      svgProblems: ['raster-image'],
      svgError: null,
    });
    expect(checkText(findings[0]!, 'en').detail).toContain('<image>');
  });

  it('refuses a logo larger than 32 KB', async () => {
    const { data } = await auditBimi(
      transportContext(dns, 'biglogo.test', { fetch: fetchOptions }),
      section(dmarcData(REJECT, 'biglogo.test')),
    );
    expect(data.svgProblems).toEqual(['too-large']);
  });

  it("falls back to the organizational domain's record", async () => {
    const ctx = transportContext(dns, 'sub.brand.test', { fetch: fetchOptions });
    const { data, findings } = await auditBimi(ctx, section(dmarcData(REJECT, 'brand.test')));
    expect(data.foundAt).toBe('brand.test');
    expect(findings.map((f) => f.id)).toEqual(['bimi.pass']);
  });

  it('says why DMARC is too weak, and how to fix it at the organizational domain', async () => {
    const ctx = transportContext(dns, 'weak.test', { fetch: fetchOptions });
    const { findings } = await auditBimi(ctx, section(dmarcData('v=DMARC1; p=none', 'weak.test')));
    expect(findings[0]!.params).toMatchObject({
      reason: 'policy-none',
      org: 'weak.test',
      record: 'v=DMARC1; p=none',
    });
    expect(checkText(findings[0]!, 'en').fix).toContain('_dmarc.weak.test');
  });

  it('says that Gmail and Apple Mail need a mark certificate', async () => {
    const ctx = transportContext(dns, 'noauth.test', { fetch: fetchOptions });
    const { findings } = await auditBimi(ctx, section(dmarcData(REJECT, 'noauth.test')));
    const words = checkText(findings[0]!, 'en');
    expect(words.detail).toMatch(/Gmail and Apple Mail/);
    expect(words.detail).toMatch(/Yahoo/);
  });

  it('gives the record to publish when there is none', async () => {
    const ctx = transportContext(dns, 'none.test', { fetch: fetchOptions });
    const { findings } = await auditBimi(ctx, section(dmarcData(null, null)));
    expect(findings[0]!.params).toMatchObject({
      suggested:
        'default._bimi.none.test. TXT "v=BIMI1; l=https://none.test/bimi/logo.svg; a=https://none.test/bimi/vmc.pem"',
      dmarcReason: 'no-dmarc',
    });
    expect(checkText(findings[0]!, 'ja').detail).toContain('DMARC レコードがありません');
  });

  it('survives a DMARC section that failed, and fetches nothing when fetching is off', async () => {
    const before = https.seen.length;
    const failed = Promise.reject(new Error('boom'));
    const ctx = transportContext(dns, 'brand.test', { fetch: { enabled: false } });
    const { data, findings } = await auditBimi(ctx, failed);
    expect(findings.map((f) => f.id)).toEqual(['bimi.svg-not-checked', 'bimi.dmarc-weak']);
    expect(data.dmarcProblem).toBe('dmarc-unknown');
    expect(https.seen.length).toBe(before);
  });

  it('turns a failed record lookup into an error finding', async () => {
    const ctx = transportContext(dns, 'dnsfail.test', { fetch: fetchOptions });
    const { findings } = await auditBimi(ctx, section(dmarcData(REJECT, 'dnsfail.test')));
    expect(findings).toEqual([{ id: 'bimi.error', params: { domain: 'dnsfail.test', code: 'ETIMEOUT' } }]);
  });
});

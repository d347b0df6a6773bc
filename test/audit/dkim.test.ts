import { generateKeyPairSync } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditDkim, COMMON_DKIM_SELECTORS } from '../../src/audit/dkim.js';
import type { AuditContext, AuditOptions } from '../../src/audit/types.js';
import type { Finding } from '../../src/checks/types.js';
import { DnsResolver } from '../../src/dns/resolver.js';
import { DnsSession } from '../../src/dns/session.js';
import { checkText } from '../../src/i18n/index.js';
import { CHECK_RULES } from '../../src/scoring/deductions.js';
import { startFixtureDns, type FixtureDnsServer, type FixtureZone } from '../support/dns-server.js';
import { dkimKeyRecord, generateDkimKey, type DkimKey } from '../support/sign.js';

const rsa2048 = generateDkimKey('rsa-2048');
const rsa1024 = generateDkimKey('rsa-1024');
const rsa512 = generateDkimKey('rsa-512');
const ed = generateDkimKey('ed25519');
/** Over RFC 8301's 4096 bits; made directly (the signing helper makes only the usual sizes). */
const rsaLarge: DkimKey = (() => {
  const { publicKey } = generateKeyPairSync('rsa', { modulusLength: 4160 });
  const spki = publicKey.export({ type: 'spki', format: 'der' }).toString('base64');
  return { ...rsa2048, kind: 'rsa-2048', bits: 4160, publicKey: spki };
})();

const good = dkimKeyRecord(rsa2048);
const key = (selector: string, domain: string) => `${selector}._domainkey.${domain}`;

/** Each case: a domain of its own, its records, the options, what the audit must find. */
interface Case {
  name: string;
  domain: string;
  zone: FixtureZone;
  options?: AuditOptions;
  ids: string[];
  absent?: string[];
  data?: Array<Record<string, unknown>>;
  params?: Record<string, Record<string, unknown>>;
}

const cases: Case[] = [
  {
    name: 'a 2048-bit RSA key at a common selector',
    domain: 'good.test',
    zone: { [key('google', 'good.test')]: { TXT: [good] } },
    ids: ['dkim.audit-keys-found'],
    absent: ['dkim.audit-none-found', 'dkim.key-1024'],
    data: [
      {
        selector: 'google',
        type: 'rsa',
        keyBits: 2048,
        revoked: false,
        source: 'common',
        provider: 'Google Workspace',
      },
    ],
    params: { 'dkim.audit-keys-found': { keys: ['google (rsa-2048)'], count: 1 } },
  },
  {
    name: 'a selector the user names, found, and the common ones still tried',
    domain: 'named.test',
    zone: {
      [key('mail2024', 'named.test')]: { TXT: [good] },
      [key('s1', 'named.test')]: { TXT: [dkimKeyRecord(ed)] },
    },
    options: { selectors: ['Mail2024'] },
    ids: ['dkim.audit-keys-found'],
    absent: ['dkim.audit-selector-missing', 'dkim.audit-ed25519-only'],
    data: [
      { selector: 'mail2024', type: 'rsa', keyBits: 2048, source: 'given' },
      { selector: 's1', type: 'ed25519', keyBits: 256, source: 'common' },
    ],
  },
  {
    name: 'a 1024-bit key: weak',
    domain: 'weak.test',
    zone: { [key('k1', 'weak.test')]: { TXT: [dkimKeyRecord(rsa1024)] } },
    ids: ['dkim.audit-keys-found', 'dkim.key-1024'],
    data: [{ selector: 'k1', keyBits: 1024 }],
    params: { 'dkim.key-1024': { keyName: 'k1._domainkey.weak.test', keyBits: 1024 } },
  },
  {
    name: 'a 512-bit key: receivers ignore it',
    domain: 'small.test',
    zone: { [key('default', 'small.test')]: { TXT: [dkimKeyRecord(rsa512)] } },
    ids: ['dkim.key-too-small'],
    absent: ['dkim.audit-keys-found', 'dkim.audit-none-found'],
    data: [{ selector: 'default', keyBits: 512, problem: null }],
  },
  {
    name: 'a key over 4096 bits',
    domain: 'large.test',
    zone: { [key('dkim', 'large.test')]: { TXT: [dkimKeyRecord(rsaLarge)] } },
    ids: ['dkim.audit-keys-found', 'dkim.audit-key-too-large'],
    data: [{ selector: 'dkim', keyBits: 4160 }],
  },
  {
    name: 'a revoked key (empty p=)',
    domain: 'revoked.test',
    zone: { [key('selector2', 'revoked.test')]: { TXT: [dkimKeyRecord(rsa2048, { revoked: true })] } },
    ids: ['dkim.audit-key-revoked'],
    absent: ['dkim.audit-keys-found', 'dkim.audit-key-invalid'],
    data: [{ selector: 'selector2', revoked: true, keyBits: null, problem: 'revoked' }],
  },
  {
    name: 't=y: testing',
    domain: 'testing.test',
    zone: { [key('mail', 'testing.test')]: { TXT: [dkimKeyRecord(rsa2048, { testing: true })] } },
    ids: ['dkim.audit-keys-found', 'dkim.testing'],
    data: [{ selector: 'mail', testing: true }],
  },
  {
    name: 't=s: strict subdomains',
    domain: 'strict.test',
    zone: { [key('mail', 'strict.test')]: { TXT: [dkimKeyRecord(rsa2048, { extra: 't=s' })] } },
    ids: ['dkim.audit-keys-found', 'dkim.audit-key-strict'],
    absent: ['dkim.testing'],
    data: [{ strictSubdomains: true, testing: false }],
  },
  {
    name: 'h=sha1 only',
    domain: 'sha1.test',
    zone: { [key('mail', 'sha1.test')]: { TXT: [dkimKeyRecord(rsa2048, { extra: 'h=sha1' })] } },
    ids: ['dkim.audit-keys-found', 'dkim.audit-key-sha1-only'],
    data: [{ sha1Only: true }],
  },
  {
    name: 'h=sha1:sha256 is fine',
    domain: 'sha256.test',
    zone: { [key('mail', 'sha256.test')]: { TXT: [dkimKeyRecord(rsa2048, { extra: 'h=sha1:sha256' })] } },
    ids: ['dkim.audit-keys-found'],
    absent: ['dkim.audit-key-sha1-only'],
    data: [{ sha1Only: false }],
  },
  {
    name: 'syntax the lenient parser forgives: a stray word',
    domain: 'stray.test',
    zone: { [key('mail', 'stray.test')]: { TXT: [`v=DKIM1; k=rsa; oops; p=${rsa2048.publicKey}`] } },
    ids: ['dkim.audit-keys-found', 'dkim.audit-key-syntax'],
    params: { 'dkim.audit-key-syntax': { problem: 'no-equals' } },
  },
  {
    name: 'syntax: v= not first',
    domain: 'order.test',
    zone: { [key('mail', 'order.test')]: { TXT: [`k=rsa; v=DKIM1; p=${rsa2048.publicKey}`] } },
    ids: ['dkim.audit-key-syntax'],
    params: { 'dkim.audit-key-syntax': { problem: 'v-not-first' } },
  },
  {
    name: 'syntax: an Ed25519 key without k=ed25519',
    domain: 'nok.test',
    zone: { [key('mail', 'nok.test')]: { TXT: [`v=DKIM1; p=${ed.publicKey}`] } },
    ids: ['dkim.audit-key-syntax', 'dkim.audit-ed25519-only'],
    params: { 'dkim.audit-key-syntax': { problem: 'k-missing' } },
    data: [{ type: 'ed25519', keyBits: 256 }],
  },
  {
    name: 'Ed25519 only',
    domain: 'ed.test',
    zone: { [key('mail', 'ed.test')]: { TXT: [dkimKeyRecord(ed)] } },
    ids: ['dkim.audit-keys-found', 'dkim.audit-ed25519-only'],
    data: [{ type: 'ed25519', keyBits: 256 }],
  },
  {
    name: 'bad base64',
    domain: 'b64.test',
    zone: { [key('mail', 'b64.test')]: { TXT: [`v=DKIM1; k=rsa; p=${rsa2048.publicKey.slice(0, 100)}!!`] } },
    ids: ['dkim.audit-key-invalid'],
    params: { 'dkim.audit-key-invalid': { reason: 'bad-base64' } },
    data: [{ problem: 'bad-base64', keyBits: null }],
  },
  {
    name: 'cut at 255 characters by a web form',
    domain: 'cut.test',
    zone: { [key('mail', 'cut.test')]: { TXT: [[good.slice(0, 255)]] } },
    ids: ['dkim.audit-key-invalid'],
    params: { 'dkim.audit-key-invalid': { reason: 'truncated' } },
  },
  {
    name: 'unknown version',
    domain: 'ver.test',
    zone: { [key('mail', 'ver.test')]: { TXT: [`v=DKIM2; k=rsa; p=${rsa2048.publicKey}`] } },
    ids: ['dkim.audit-key-invalid'],
    params: { 'dkim.audit-key-invalid': { reason: 'unknown-version' } },
  },
  {
    name: 'not for email (s=)',
    domain: 'svc.test',
    zone: { [key('mail', 'svc.test')]: { TXT: [`v=DKIM1; k=rsa; s=other; p=${rsa2048.publicKey}`] } },
    ids: ['dkim.audit-key-invalid'],
    params: { 'dkim.audit-key-invalid': { reason: 'not-email' } },
  },
  {
    name: 'no p= at all',
    domain: 'nop.test',
    zone: { [key('mail', 'nop.test')]: { TXT: ['v=DKIM1; k=rsa'] } },
    ids: ['dkim.audit-key-invalid'],
    params: { 'dkim.audit-key-invalid': { reason: 'no-key' } },
  },
  {
    name: 'a key split into two TXT records: rebuilt in the fix',
    domain: 'split.test',
    zone: { [key('mail', 'split.test')]: { TXT: [good.slice(0, 200), good.slice(200)] } },
    ids: ['dkim.audit-key-split'],
    absent: ['dkim.audit-key-invalid', 'dkim.audit-keys-found'],
    params: {
      'dkim.audit-key-split': {
        fixedRecord: `mail._domainkey.split.test. IN TXT ( "${good.slice(0, 255)}" "${good.slice(255)}" )`,
      },
    },
    data: [{ problem: 'split' }],
  },
  {
    name: 'zone-file quotes pasted into the value: unquoted in the fix',
    domain: 'quoted.test',
    zone: { [key('mail', 'quoted.test')]: { TXT: [`"${good.slice(0, 150)}" "${good.slice(150)}"`] } },
    ids: ['dkim.audit-key-quoted'],
    params: {
      'dkim.audit-key-quoted': {
        fixedRecord: `mail._domainkey.quoted.test. IN TXT ( "${good.slice(0, 255)}" "${good.slice(255)}" )`,
      },
    },
  },
  {
    name: 'two key records at one name',
    domain: 'multi.test',
    zone: { [key('mail', 'multi.test')]: { TXT: [good, dkimKeyRecord(rsa1024)] } },
    ids: ['dkim.audit-key-multiple'],
    absent: ['dkim.audit-keys-found'],
  },
  {
    name: 'a selector CNAME to the provider, key there',
    domain: 'm365.test',
    zone: {
      [key('selector1', 'm365.test')]: { CNAME: 'selector1-m365-test._domainkey.m365.onmicrosoft.test' },
      'selector1-m365-test._domainkey.m365.onmicrosoft.test': { TXT: [good] },
    },
    ids: ['dkim.audit-keys-found'],
    absent: ['dkim.audit-cname-dangling'],
    data: [
      {
        selector: 'selector1',
        provider: 'Microsoft 365',
        cname: 'selector1-m365-test._domainkey.m365.onmicrosoft.test',
        keyBits: 2048,
      },
    ],
  },
  {
    name: 'a selector CNAME to nothing: DKIM not enabled at the provider',
    domain: 'dangling.test',
    zone: {
      [key('selector1', 'dangling.test')]: { CNAME: 'selector1-dangling-test._domainkey.x.onmicrosoft.test' },
      [key('selector2', 'dangling.test')]: { CNAME: 'selector2-dangling-test._domainkey.x.onmicrosoft.test' },
    },
    ids: ['dkim.audit-cname-dangling'],
    absent: ['dkim.audit-none-found'],
    data: [],
    params: {
      'dkim.audit-cname-dangling': {
        selector: 'selector1',
        target: 'selector1-dangling-test._domainkey.x.onmicrosoft.test',
      },
    },
  },
  {
    name: 'a selector the user names is a CNAME to nothing',
    domain: 'dangling2.test',
    zone: { [key('esp1', 'dangling2.test')]: { CNAME: 'esp1.dkim.esp.test' } },
    options: { selectors: ['esp1'] },
    ids: ['dkim.audit-cname-dangling'],
    absent: ['dkim.audit-selector-missing', 'dkim.audit-none-found'],
    params: {
      'dkim.audit-cname-dangling': { selector: 'esp1', target: 'esp1.dkim.esp.test', provider: null },
    },
  },
  {
    name: 'no key at any common selector: we cannot list selectors',
    domain: 'nokeys.test',
    zone: { 'nokeys.test': { TXT: ['v=spf1 -all'] } },
    ids: ['dkim.audit-none-found'],
    data: [],
    params: { 'dkim.audit-none-found': { count: COMMON_DKIM_SELECTORS.length } },
  },
  {
    name: 'the selector the user names has no key',
    domain: 'missing.test',
    zone: { 'missing.test': { TXT: ['v=spf1 -all'] } },
    options: { selectors: ['s2024'] },
    ids: ['dkim.audit-selector-missing'],
    absent: ['dkim.audit-none-found'],
    params: { 'dkim.audit-selector-missing': { keyName: 's2024._domainkey.missing.test' } },
  },
  {
    name: 'a TXT that is no key: at a named selector it is reported, at a common one ignored',
    domain: 'notkey.test',
    zone: {
      [key('named', 'notkey.test')]: { TXT: ['hello world'] },
      [key('google', 'notkey.test')]: { TXT: ['google-site-verification=abc'] },
    },
    options: { selectors: ['named'] },
    ids: ['dkim.audit-key-invalid'],
    params: { 'dkim.audit-key-invalid': { reason: 'not-a-key', selector: 'named' } },
    data: [{ selector: 'named', problem: 'not-a-key' }],
  },
  {
    name: 'a selector that is no DNS name is not asked',
    domain: 'badsel.test',
    zone: { [key('google', 'badsel.test')]: { TXT: [good] } },
    options: { selectors: ['bad selector!', 'a'.repeat(70)] },
    ids: ['dkim.audit-selector-invalid', 'dkim.audit-keys-found'],
  },
  {
    name: 'a key lookup that times out',
    domain: 'slow.test',
    zone: {
      [key('google', 'slow.test')]: { TXT: [good] },
      [key('selector1', 'slow.test')]: { TIMEOUT: true },
    },
    ids: ['dkim.audit-keys-found', 'dkim.audit-temperror'],
    params: { 'dkim.audit-temperror': { selectors: ['selector1._domainkey.slow.test'], error: 'ETIMEOUT' } },
  },
];

let dns: FixtureDnsServer;
let resolver: DnsResolver;
beforeAll(async () => {
  dns = await startFixtureDns({ zone: Object.assign({}, ...cases.map((c) => c.zone)) });
  resolver = new DnsResolver({ servers: [dns.server], timeoutMs: 300, retries: 0 });
});
afterAll(() => dns.stop());

const contextFor = (domain: string, options: AuditOptions = {}): AuditContext => ({
  domain,
  dns: new DnsSession(resolver),
  now: new Date('2026-01-10T00:00:00Z'),
  options,
});

const byId = (findings: Finding[], id: string) => findings.find((f) => f.id === id);

describe('auditDkim', () => {
  it.each(cases)('$name', async (c) => {
    const { data, findings } = await auditDkim(contextFor(c.domain, c.options));
    const ids = findings.map((f) => f.id);
    for (const id of c.ids) expect(ids).toContain(id);
    for (const id of c.absent ?? []) expect(ids).not.toContain(id);
    if (c.data) {
      expect(data).toHaveLength(c.data.length);
      c.data.forEach((expected, i) => expect(data[i]).toMatchObject(expected));
    }
    for (const [id, params] of Object.entries(c.params ?? {})) {
      expect(byId(findings, id)?.params).toMatchObject(params);
    }
    // Every finding is worded in both languages without raw placeholders, and is a known id.
    for (const finding of findings) {
      expect(CHECK_RULES[finding.id]).toBeDefined();
      for (const lang of ['en', 'ja'] as const) {
        const text = checkText(finding, lang);
        expect(text.title + text.detail + (text.fix ?? '')).not.toMatch(/\{[a-zA-Z]+\}/);
      }
    }
  });

  it('words a coded reason, and gives the exact record in a fix', async () => {
    const { findings } = await auditDkim(contextFor('b64.test'));
    const text = checkText(byId(findings, 'dkim.audit-key-invalid')!, 'en');
    expect(text.detail).toContain('not valid base64');
    const ja = checkText(byId(findings, 'dkim.audit-key-invalid')!, 'ja');
    expect(ja.detail).toContain('Base64');
    const split = await auditDkim(contextFor('split.test'));
    expect(checkText(byId(split.findings, 'dkim.audit-key-split')!, 'en').fix).toContain(
      `mail._domainkey.split.test. IN TXT ( "v=DKIM1; k=rsa; p=`,
    );
  });

  it('asks every selector at once: one round trip, not one per selector', async () => {
    const slow = await startFixtureDns({
      zone: { [key('google', 'wave.test')]: { TXT: [good] } },
      delayMs: 150,
    });
    try {
      const ctx: AuditContext = {
        ...contextFor('wave.test', { selectors: ['a', 'b', 'c'] }),
        dns: new DnsSession(new DnsResolver({ servers: [slow.server], timeoutMs: 2000, retries: 0 })),
      };
      const started = Date.now();
      const { data } = await auditDkim(ctx);
      const elapsed = Date.now() - started;
      expect(data.map((k) => k.selector)).toEqual(['google']);
      // Two selectors asked in turn would already take 300 ms.
      expect(elapsed).toBeLessThan(290);
      // TXT for every selector, CNAME for the user's and the delegated ones.
      const delegated = COMMON_DKIM_SELECTORS.filter((c) => c.delegated).length;
      expect(slow.queries).toHaveLength(COMMON_DKIM_SELECTORS.length + delegated + 2 * 3);
    } finally {
      await slow.stop();
    }
  });

  it('takes at most the bounded number of user selectors', async () => {
    const selectors = Array.from({ length: 30 }, (_, i) => `user${i}`);
    const before = dns.queries.length;
    await auditDkim(contextFor('many.test', { selectors }));
    const asked = new Set(dns.queries.slice(before).map((q) => q.name.split('._domainkey.')[0]));
    expect([...asked].filter((s) => s?.startsWith('user'))).toHaveLength(10);
  });

  it('a passed deadline ends every lookup as a finding, never a throw', async () => {
    const dead: AuditContext = { ...contextFor('good.test'), dns: new DnsSession(resolver, 0) };
    await new Promise((resolve) => setTimeout(resolve, 5));
    const { data, findings } = await auditDkim(dead);
    expect(data).toEqual([]);
    expect(byId(findings, 'dkim.audit-temperror')?.params).toMatchObject({ error: 'ETIMEOUT' });
  });

  it('exports a list of common selectors, each once', () => {
    const names = COMMON_DKIM_SELECTORS.map((c) => c.selector);
    expect(new Set(names).size).toBe(names.length);
    expect(names).toEqual(expect.arrayContaining(['google', 'selector1', 'selector2', 'k1', 's1', 's2']));
  });
});

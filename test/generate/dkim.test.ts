/**
 * The DKIM key generator: each record it makes, published in a fixture zone, is found by the domain audit
 * with the right type and size, and a message signed with its private key (by mailauth's signer) passes
 * DKIM through the real pipeline.
 */
import { createPrivateKey } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditDkim } from '../../src/audit/dkim.js';
import { DnsResolver } from '../../src/dns/resolver.js';
import { DnsSession } from '../../src/dns/session.js';
import {
  DkimKeyRequestError,
  generateDkimKey,
  txtStringsOf,
  zoneLineOf,
  type DkimKeyRequest,
  type GeneratedDkimKey,
} from '../../src/generate/dkim.js';
import { checkText } from '../../src/i18n/index.js';
import { analyzeMessage } from '../../src/pipeline/analyze.js';
import { startFixtureDns, type FixtureDnsServer } from '../support/dns-server.js';
import { buildMessage, signMessage, type DkimKey } from '../support/sign.js';

const DOMAIN = 'gen.example';
const NOW = new Date('2026-01-10T10:00:00Z');

let dns: FixtureDnsServer;
let resolver: DnsResolver;
const generated: Record<'rsa-2048' | 'ed25519', GeneratedDkimKey> = {} as never;

beforeAll(async () => {
  [generated['rsa-2048'], generated.ed25519] = await Promise.all([
    generateDkimKey({ type: 'rsa-2048', selector: 'Rsa2026', domain: 'GEN.example.' }),
    generateDkimKey({ type: 'ed25519', selector: 'ed2026', domain: DOMAIN }),
  ]);
  dns = await startFixtureDns({
    zone: {
      // Published exactly as generated: one TXT record made of the generated strings.
      [generated['rsa-2048'].name]: { TXT: [generated['rsa-2048'].txtStrings] },
      [generated.ed25519.name]: { TXT: [generated.ed25519.txtStrings] },
      [DOMAIN]: { TXT: ['v=spf1 ip4:192.0.2.0/24 -all'] },
      '_dmarc.gen.example': { TXT: ['v=DMARC1; p=reject'] },
    },
  });
  resolver = new DnsResolver({ servers: [dns.server], timeoutMs: 500, retries: 0 });
});
afterAll(() => dns.stop());

/** The quoted strings of a zone-file TXT line, unescaped. */
const zoneStrings = (line: string) =>
  [...line.matchAll(/"((?:[^"\\]|\\.)*)"/g)].map((m) => m[1]!.replace(/\\(.)/g, '$1'));

describe.each([
  { type: 'rsa-2048' as const, selector: 'rsa2026', keyType: 'rsa', keyBits: 2048, algorithm: 'rsa-sha256' },
  {
    type: 'ed25519' as const,
    selector: 'ed2026',
    keyType: 'ed25519',
    keyBits: 256,
    algorithm: 'ed25519-sha256',
  },
])('$type', ({ type, selector, keyType, keyBits, algorithm }) => {
  it('names the record and gives a PKCS#8 private key of the right type', () => {
    const key = generated[type];
    expect(key).toMatchObject({ type, selector, domain: DOMAIN, name: `${selector}._domainkey.${DOMAIN}` });
    expect(key.privateKeyPem).toMatch(/^-----BEGIN PRIVATE KEY-----\n/);
    const privateKey = createPrivateKey(key.privateKeyPem);
    expect(privateKey.asymmetricKeyType).toBe(keyType);
    if (keyType === 'rsa') expect(privateKey.asymmetricKeyDetails?.modulusLength).toBe(2048);
    expect(key.publicRecord).toMatch(new RegExp(`^v=DKIM1; k=${keyType}; p=[A-Za-z0-9+/]+=*$`));
  });

  it('splits the record into strings of at most 255 bytes, as a zone line too', () => {
    const key = generated[type];
    expect(key.txtStrings.join('')).toBe(key.publicRecord);
    for (const s of key.txtStrings) expect(Buffer.byteLength(s)).toBeLessThanOrEqual(255);
    expect(key.txtStrings.length).toBe(Math.ceil(key.publicRecord.length / 255));
    expect(key.zoneLine.startsWith(`${key.name}. IN TXT `)).toBe(true);
    expect(zoneStrings(key.zoneLine)).toEqual(key.txtStrings);
  });

  it('is found by the domain audit with its type and size', async () => {
    const ctx = {
      domain: DOMAIN,
      dns: new DnsSession(resolver),
      now: NOW,
      options: { selectors: [selector] },
    };
    const { data, findings } = await auditDkim(ctx);
    expect(data.find((k) => k.selector === selector)).toMatchObject({
      type: keyType,
      keyBits,
      revoked: false,
      problem: null,
      syntax: [],
      source: 'given',
    });
    expect(findings.map((f) => f.id)).toContain('dkim.audit-keys-found');
    expect(findings.map((f) => f.id)).not.toContain('dkim.audit-selector-missing');
  });

  it('signs mail that passes DKIM through the real pipeline', async () => {
    const key = generated[type];
    const signingKey: DkimKey = {
      kind: type,
      type: keyType as DkimKey['type'],
      bits: keyBits,
      privateKey: key.privateKeyPem,
      publicKey: '',
    };
    const raw = await signMessage(buildMessage({ from: `news@${DOMAIN}` }), {
      domain: DOMAIN,
      selector,
      key: signingKey,
      signTime: NOW,
    });
    const report = await analyzeMessage(
      raw,
      {
        clientIp: '192.0.2.10',
        helo: `mail.${DOMAIN}`,
        mailFrom: `bounce@${DOMAIN}`,
        rcptTo: ['t@mailscore.test'],
      },
      { resolver, lang: 'en', now: NOW, blocklists: [] },
    );
    expect(report.auth.dkim).toEqual([
      expect.objectContaining({
        result: 'pass',
        domain: DOMAIN,
        selector,
        algorithm,
        keyBits,
        aligned: true,
      }),
    ]);
    expect(report.auth.dmarc).toMatchObject({ result: 'pass', dkimAligned: true });
  });
});

describe('notes', () => {
  it('tells how to publish, with the exact zone line, in both languages', () => {
    const key = generated['rsa-2048'];
    expect(key.notes.map((n) => n.id)).toEqual(['dkim.generated-key']);
    for (const lang of ['en', 'ja'] as const) {
      const text = checkText(key.notes[0]!, lang);
      expect(text.fix).toContain(key.zoneLine);
      expect(text.title + text.detail).toContain(key.name);
    }
  });

  it('asks for an RSA key beside an Ed25519 key (RFC 8463)', () => {
    expect(generated.ed25519.notes.map((n) => n.id)).toEqual([
      'dkim.generated-key',
      'dkim.generated-ed25519',
    ]);
    expect(checkText(generated.ed25519.notes[1]!, 'en').fix).toContain('rsa._domainkey.gen.example');
  });

  it('makes a new key each time', async () => {
    const again = await generateDkimKey({ type: 'ed25519', selector: 'ed2026', domain: DOMAIN });
    expect(again.publicRecord).not.toBe(generated.ed25519.publicRecord);
  });
});

describe('requests refused before any work', () => {
  it.each([
    [{ type: 'rsa-1024', selector: 's1', domain: DOMAIN }, 'bad-type'],
    [{ type: 'ed25519', selector: '', domain: DOMAIN }, 'bad-selector'],
    [{ type: 'ed25519', selector: 'a b', domain: DOMAIN }, 'bad-selector'],
    [{ type: 'ed25519', selector: 's1,s2', domain: DOMAIN }, 'bad-selector'],
    [{ type: 'ed25519', selector: 'sel"ector', domain: DOMAIN }, 'bad-selector'],
    [{ type: 'ed25519', selector: 'x'.repeat(64), domain: DOMAIN }, 'bad-selector'],
    [{ type: 'ed25519', selector: 's1', domain: 'localhost' }, 'bad-domain'],
    [{ type: 'ed25519', selector: 's1', domain: 'https://gen.example/' }, 'bad-domain'],
    [{ type: 'ed25519', selector: 's1', domain: '192.0.2.1' }, 'bad-domain'],
    [{ type: 'ed25519', selector: 's1', domain: 'a'.repeat(2000) }, 'bad-domain'],
    [{ type: 'ed25519', selector: 's1', domain: 42 }, 'bad-domain'],
  ])('%j → %s', async (request, code) => {
    await expect(generateDkimKey(request as unknown as DkimKeyRequest)).rejects.toMatchObject({
      name: 'DkimKeyRequestError',
      code,
    });
    await expect(generateDkimKey(request as unknown as DkimKeyRequest)).rejects.toBeInstanceOf(
      DkimKeyRequestError,
    );
  });

  it('takes a selector with dots and underscores, and an IDN domain as A-labels', async () => {
    const key = await generateDkimKey({ type: 'ed25519', selector: 'eu.mail_2026', domain: '例え.jp' });
    expect(key.name).toBe('eu.mail_2026._domainkey.xn--r8jz45g.jp');
  });
});

describe('txtStringsOf / zoneLineOf', () => {
  it.each([
    ['', ['']],
    ['a'.repeat(255), ['a'.repeat(255)]],
    ['a'.repeat(256), ['a'.repeat(255), 'a']],
    ['a'.repeat(600), ['a'.repeat(255), 'a'.repeat(255), 'a'.repeat(90)]],
    // A multi-byte character is never cut: 254 bytes, then a 3-byte character starts the next string.
    [`${'a'.repeat(254)}あb`, ['a'.repeat(254), 'あb']],
  ])('%#', (value, expected) => {
    expect(txtStringsOf(value)).toEqual(expected);
  });

  it('escapes quotes and backslashes, and writes one string without parentheses', () => {
    expect(zoneLineOf('x._domainkey.example.com', ['a"b\\c'])).toBe(
      'x._domainkey.example.com. IN TXT "a\\"b\\\\c"',
    );
    expect(zoneLineOf('x.example.com.', ['a', 'b'])).toBe('x.example.com. IN TXT ( "a" "b" )');
  });
});

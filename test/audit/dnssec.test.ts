import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditDnssec, probeNameOf } from '../../src/audit/dnssec.js';
import { DnsResolver } from '../../src/dns/resolver.js';
import { checkText } from '../../src/i18n/index.js';
import { startFixtureDns, type FixtureDnsServer } from '../support/dns-server.js';
import { transportContext } from '../support/audit-transport.js';

let dns: FixtureDnsServer;

beforeAll(async () => {
  dns = await startFixtureDns({
    zone: {
      // A validating resolver's view: the TLD "test" is signed (AD), "example" is not (or the resolver does not validate).
      test: { NS: ['ns.test'], AD: true },
      example: { NS: ['ns.example'] },
      'signed.test': { TXT: ['v=spf1 -all'], MX: [[10, 'mx.signed.test']], NS: ['ns.signed.test'], AD: true },
      'unsigned.test': { TXT: ['v=spf1 -all'], MX: [[10, 'mx.unsigned.test']], NS: ['ns.unsigned.test'] },
      'plain.example': { MX: [[10, 'mx.plain.example']], NS: ['ns.plain.example'] },
      'slow.test': { TIMEOUT: true },
      'bogus.test': { SERVFAIL: true },
      'empty.test': { A: ['192.0.2.1'] },
    },
  });
});

afterAll(async () => {
  await dns?.stop();
});

describe('auditDnssec: the AD bit of a validating resolver', () => {
  // prettier-ignore
  it.each([
    ['signed.test', 'dnssec.signed', { validated: true, resolverValidates: true, probe: 'test', error: null }],
    ['unsigned.test', 'dnssec.unsigned', { validated: false, resolverValidates: true, probe: 'test', error: null }],
    ['plain.example', 'dnssec.not-validated', { validated: false, resolverValidates: null, probe: 'example', error: null }],
    ['slow.test', 'dnssec.unknown', { validated: null, resolverValidates: true, probe: 'test', error: 'ETIMEOUT' }],
    ['bogus.test', 'dnssec.unknown', { validated: null, resolverValidates: true, probe: 'test', error: 'ESERVFAIL' }],
    ['empty.test', 'dnssec.unknown', { validated: null, resolverValidates: true, probe: 'test', error: 'no-records' }],
    ['nowhere.test', 'dnssec.unknown', { validated: null, resolverValidates: true, probe: 'test', error: 'no-records' }],
  ])('%s → %s', async (domain, id, data) => {
    const section = await auditDnssec(transportContext(dns, domain));
    expect(section.data).toEqual(data);
    expect(section.findings.map((f) => f.id)).toEqual([id]);
    for (const lang of ['en', 'ja'] as const) {
      const words = checkText(section.findings[0]!, lang);
      expect(words.title + words.detail + (words.fix ?? '')).not.toMatch(/\{[a-zA-Z]+\}/);
    }
  });

  it('states what the AD bit means, and what it cannot tell', async () => {
    const signed = await auditDnssec(transportContext(dns, 'signed.test'));
    expect(checkText(signed.findings[0]!, 'en').detail).toMatch(/AD bit/);
    const unknown = await auditDnssec(transportContext(dns, 'plain.example'));
    const en = checkText(unknown.findings[0]!, 'en');
    expect(en.detail).toMatch(/cannot tell/);
    expect(en.fix).toContain('dig @1.1.1.1 +dnssec plain.example SOA');
    expect(checkText(unknown.findings[0]!, 'ja').detail).toContain('判断できません');
  });

  it('words SERVFAIL as a possible sign of broken signatures', async () => {
    const section = await auditDnssec(transportContext(dns, 'bogus.test'));
    expect(checkText(section.findings[0]!, 'en').detail).toMatch(/SERVFAIL.*broken/);
  });

  it('has no probe for a single-label name', () => {
    expect(probeNameOf('localhost')).toBeNull();
    expect(probeNameOf('mail.example.co.jp')).toBe('jp');
  });
});

describe('the AD bit through the shared resolver', () => {
  it('is cached with the answer', async () => {
    const resolver = new DnsResolver({ servers: [dns.server], timeoutMs: 300, retries: 0 });
    const first = await resolver.lookup('signed.test', 'MX');
    const second = await resolver.lookup('signed.test', 'MX');
    expect(first.source).toBe('network');
    expect(second.source).toBe('cache');
    for (const result of [first, second]) {
      expect(result.outcome.ok && result.outcome.answer.authenticated).toBe(true);
    }
    const plain = await resolver.lookup('unsigned.test', 'MX');
    expect(plain.outcome.ok && plain.outcome.answer.authenticated).toBe(false);
  });

  it('is set by the fixture server only when every name of a CNAME chain is signed', async () => {
    dns.addZone({
      'alias.test': { CNAME: 'unsigned.test', AD: true },
      'signed-alias.test': { CNAME: 'signed.test', AD: true },
    });
    const resolver = new DnsResolver({ servers: [dns.server], timeoutMs: 300, retries: 0 });
    const alias = await resolver.lookup('alias.test', 'MX');
    const signedAlias = await resolver.lookup('signed-alias.test', 'MX');
    expect(alias.outcome.ok && alias.outcome.answer.authenticated).toBe(false);
    expect(signedAlias.outcome.ok && signedAlias.outcome.answer.authenticated).toBe(true);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkHelo, parseAddressLiteral } from '../../src/checks/helo.js';
import { checkIprev } from '../../src/checks/iprev.js';
import type { CheckContext } from '../../src/checks/types.js';
import { DnsResolver } from '../../src/dns/resolver.js';
import { DnsSession } from '../../src/dns/session.js';
import { checkText } from '../../src/i18n/index.js';
import { parseMessage } from '../../src/message/parse.js';
import type { IprevAuth } from '../../src/report/types.js';
import { startFixtureDns, type FixtureDnsServer } from '../support/dns-server.js';

let dns: FixtureDnsServer;
beforeAll(async () => {
  dns = await startFixtureDns({
    zone: {
      'mail.example.com': { A: ['192.0.2.1'] },
      'mx6.example.com': { AAAA: ['2001:db8::1'] },
      'alias.example.com': { CNAME: 'mail.example.com' },
      'noaddr.example.com': { TXT: ['no address here'] },
      'slow-helo.example.com': { TIMEOUT: true },
      'half-slow.example.com': { A: ['192.0.2.1'], TIMEOUT: ['AAAA'] },
      'broken-helo.example.com': { SERVFAIL: true },
    },
  });
});
afterAll(() => dns.stop());

const message = await parseMessage(
  Buffer.from('From: Sender <news@example.com>\r\nSubject: hi\r\nMessage-ID: <1@x>\r\n\r\nbody\r\n'),
);

function contextFor(helo: string | null, clientIp = '192.0.2.1', server = dns): CheckContext {
  const resolver = new DnsResolver({ servers: [server.server], timeoutMs: 250, retries: 0 });
  return {
    message,
    envelope: { clientIp, helo, mailFrom: 'news@example.com', rcptTo: [], tls: null },
    dns: new DnsSession(resolver, 5_000),
    now: new Date('2025-01-01T00:00:00Z'),
  };
}

const iprevWith = (ptr: string[], confirmed: string[] = ptr): IprevAuth => ({
  result: ptr.length ? (confirmed.length ? 'pass' : 'fail') : 'permerror',
  ptr,
  fcrdns: confirmed.length > 0,
  confirmed,
  generic: false,
});

const MAIL_PTR = iprevWith(['mail.example.com']);
const NO_PTR = iprevWith([]);

describe('checkHelo', () => {
  // prettier-ignore
  const cases: Array<[label: string, helo: string | null, ip: string, iprev: IprevAuth, ids: string[], reason?: string]> = [
    ['absent', null, '192.0.2.1', MAIL_PTR, ['helo.missing']],
    ['blank', '   ', '192.0.2.1', MAIL_PTR, ['helo.missing']],
    ['FQDN matching the PTR', 'mail.example.com', '192.0.2.1', MAIL_PTR, ['helo.pass']],
    ['case and trailing dot do not matter', 'MAIL.Example.COM.', '192.0.2.1', MAIL_PTR, ['helo.pass']],
    ['matches one of several PTR names', 'mail.example.com', '192.0.2.1', iprevWith(['a.example.net', 'mail.example.com'], ['a.example.net']), ['helo.pass']],
    ['differs from a PTR that does not confirm (iprev says so)', 'mail.example.com', '192.0.2.1', iprevWith(['other.example.net'], []), ['helo.pass']],
    ['differs from a generic PTR (iprev says so)', 'mail.example.com', '192.0.2.1', { ...iprevWith(['1-2-0-192.isp.example']), generic: true }, ['helo.pass']],
    ['differs from every PTR name', 'mail.example.com', '192.0.2.1', iprevWith(['other.example.net', 'x.example.org']), ['helo.pass', 'helo.ptr-mismatch']],
    ['no PTR to compare with', 'mail.example.com', '192.0.2.1', NO_PTR, ['helo.pass']],
    ['AAAA only', 'mx6.example.com', '2001:db8::1', iprevWith(['mx6.example.com']), ['helo.pass']],
    ['resolves through a CNAME', 'alias.example.com', '192.0.2.1', iprevWith(['alias.example.com']), ['helo.pass']],
    ['A answers, AAAA times out', 'half-slow.example.com', '192.0.2.1', NO_PTR, ['helo.pass']],
    ['IPv4 literal of the client', '[192.0.2.1]', '192.0.2.1', MAIL_PTR, ['helo.literal']],
    ['IPv6 literal of the client', '[IPv6:2001:db8::1]', '2001:db8::1', NO_PTR, ['helo.literal']],
    ['IPv6 literal written long, tag in lower case', '[ipv6:2001:DB8:0:0:0:0:0:1]', '2001:db8::1', NO_PTR, ['helo.literal']],
    ['IPv4-mapped literal of an IPv4 client', '[IPv6:::ffff:192.0.2.1]', '192.0.2.1', NO_PTR, ['helo.literal']],
    ['literal of another IP', '[192.0.2.9]', '192.0.2.1', MAIL_PTR, ['helo.bad'], 'literal-mismatch'],
    ['IPv6 literal of an IPv4 client', '[IPv6:2001:db8::1]', '192.0.2.1', MAIL_PTR, ['helo.bad'], 'literal-mismatch'],
    ['IPv6 literal without its tag', '[2001:db8::1]', '2001:db8::1', NO_PTR, ['helo.bad'], 'invalid-literal'],
    ['literal out of range', '[300.1.1.1]', '192.0.2.1', MAIL_PTR, ['helo.bad'], 'invalid-literal'],
    ['name in brackets', '[mail.example.com]', '192.0.2.1', MAIL_PTR, ['helo.bad'], 'invalid-literal'],
    ['unclosed bracket', '[192.0.2.1', '192.0.2.1', MAIL_PTR, ['helo.bad'], 'invalid-literal'],
    ['bare IPv4', '192.0.2.1', '192.0.2.1', MAIL_PTR, ['helo.bad'], 'bare-ip'],
    ['bare IPv6', '2001:db8::1', '2001:db8::1', NO_PTR, ['helo.bad'], 'bare-ip'],
    ['name without a dot', 'mailserver', '192.0.2.1', MAIL_PTR, ['helo.bad'], 'not-fqdn'],
    ['localhost', 'localhost', '192.0.2.1', MAIL_PTR, ['helo.bad'], 'localhost'],
    ['localhost.localdomain', 'localhost.localdomain', '192.0.2.1', MAIL_PTR, ['helo.bad'], 'localhost'],
    ['underscore', 'mail_1.example.com', '192.0.2.1', MAIL_PTR, ['helo.bad'], 'invalid-characters'],
    ['space', 'mail example.com', '192.0.2.1', MAIL_PTR, ['helo.bad'], 'invalid-characters'],
    ['empty label', 'mail..example.com', '192.0.2.1', MAIL_PTR, ['helo.bad'], 'invalid-characters'],
    ['too long', `${'abcdefgh.'.repeat(40)}com`, '192.0.2.1', MAIL_PTR, ['helo.bad'], 'too-long'],
    ['does not exist', 'nx-helo.example.com', '192.0.2.1', MAIL_PTR, ['helo.bad'], 'no-address'],
    ['exists without addresses', 'noaddr.example.com', '192.0.2.1', MAIL_PTR, ['helo.bad'], 'no-address'],
    ['lookup times out', 'slow-helo.example.com', '192.0.2.1', MAIL_PTR, ['helo.temperror']],
    ['lookup SERVFAIL', 'broken-helo.example.com', '192.0.2.1', MAIL_PTR, ['helo.temperror']],
  ];

  it.each(cases)('%s: %j', async (_label, helo, ip, iprev, ids, reason) => {
    const ctx = contextFor(helo, ip);
    const output = await checkHelo(ctx, iprev);
    expect(output.findings.map((f) => f.id)).toEqual(ids);
    if (reason) expect(output.findings[0]!.params).toMatchObject({ reason });
    ctx.dns.close();
  });

  it.each([
    ['192.0.2.1', '[192.0.2.9]'],
    ['192.0.2.1', 'mailserver'],
    ['192.0.2.1', 'localhost'],
    ['192.0.2.1', 'mail_1.example.com'],
  ])('sends no query for a name it can judge without DNS (%s, %s)', async (ip, helo) => {
    const before = dns.queries.length;
    await checkHelo(contextFor(helo, ip), MAIL_PTR);
    expect(dns.queries.length).toBe(before);
  });

  it('reports the time-out code', async () => {
    const output = await checkHelo(contextFor('slow-helo.example.com'), MAIL_PTR);
    expect(output.findings[0]!.params).toMatchObject({ helo: 'slow-helo.example.com', error: 'ETIMEOUT' });
  });

  it('suggests the confirmed PTR name as HELO, else mail.<sender domain>', async () => {
    const withPtr = await checkHelo(contextFor('mailserver'), iprevWith(['mx.example.net']));
    expect(withPtr.findings[0]!.params).toMatchObject({
      host: 'mx.example.net',
      ip: '192.0.2.1',
      addressType: 'A',
    });
    expect(checkText(withPtr.findings[0]!, 'en').fix).toContain('smtp_helo_name = mx.example.net');

    const generic = await checkHelo(contextFor('mailserver'), {
      ...iprevWith(['1-2-0-192.isp.example']),
      generic: true,
    });
    expect(generic.findings[0]!.params).toMatchObject({ host: 'mail.example.com' });

    const noPtr = await checkHelo(contextFor('mailserver', '2001:db8::1'), NO_PTR);
    expect(noPtr.findings[0]!.params).toMatchObject({ host: 'mail.example.com', addressType: 'AAAA' });
    expect(checkText(noPtr.findings[0]!, 'ja').fix).toContain('「mail.example.com. AAAA 2001:db8::1」');
  });

  it('names the PTR to align with on a mismatch', async () => {
    const output = await checkHelo(
      contextFor('mail.example.com'),
      iprevWith(['a.example.net', 'b.example.net'], ['b.example.net']),
    );
    expect(output.findings[1]).toEqual({
      id: 'helo.ptr-mismatch',
      params: expect.objectContaining({
        name: 'b.example.net',
        ptr: ['a.example.net', 'b.example.net'],
      }) as unknown,
    });
  });

  it('treats a rejected iprev promise as no PTR, never throws', async () => {
    const output = await checkHelo(contextFor('mail.example.com'), Promise.reject(new Error('boom')));
    expect(output.findings.map((f) => f.id)).toEqual(['helo.pass']);
  });
});

describe('address literals', () => {
  it.each([
    ['[192.0.2.1]', '192.0.2.1'],
    ['[IPv6:2001:db8::1]', '2001:db8::1'],
    ['[IPv6:::ffff:192.0.2.1]', '192.0.2.1'],
    ['[192.0.2.1 ]', null],
    ['[IPv6:192.0.2.1]', null],
    ['[2001:db8::1]', null],
    ['[x-tag:whatever]', null],
    ['[]', null],
  ])('%s → %s', (literal, ip) => {
    expect(parseAddressLiteral(literal)?.text ?? null).toBe(ip);
  });
});

describe('HELO does not wait for iprev', () => {
  let slow: FixtureDnsServer;
  beforeAll(async () => {
    slow = await startFixtureDns({
      delayMs: 150,
      zone: {
        '1.2.0.192.in-addr.arpa': { PTR: ['ptr.example.com'] },
        'ptr.example.com': { A: ['192.0.2.1'] },
        'helo.example.com': { A: ['192.0.2.1'] },
      },
    });
  });
  afterAll(() => slow.stop());

  it('sends the HELO lookups with the PTR lookup, before the PTR answer', async () => {
    const ctx = contextFor('helo.example.com', '192.0.2.1', slow);
    const output = await checkHelo(
      ctx,
      checkIprev(ctx).then((iprev) => iprev.result),
    );
    expect(output.findings.map((f) => f.id)).toEqual(['helo.pass', 'helo.ptr-mismatch']);
    const at = (name: string, type: string) =>
      slow.queries.find((q) => q.name === name && q.type === type)!.at;
    const ptrSent = at('1.2.0.192.in-addr.arpa', 'PTR');
    expect(at('helo.example.com', 'A') - ptrSent).toBeLessThan(100);
    expect(at('helo.example.com', 'AAAA') - ptrSent).toBeLessThan(100);
    // Sent before the PTR answer could have come back (each answer takes 150 ms). Timed by the server's
    // clock, not the wall clock: a loaded CI machine stretches the whole run, not the order of queries.
    expect(at('helo.example.com', 'A') - ptrSent).toBeLessThan(150);
  });
});

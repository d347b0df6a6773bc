import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  checkIprev,
  genericSigns,
  hostnameProblem,
  nonPublicBlock,
  parseIp,
  reverseName,
} from '../../src/checks/iprev.js';
import type { CheckContext } from '../../src/checks/types.js';
import { DnsResolver } from '../../src/dns/resolver.js';
import { DnsSession } from '../../src/dns/session.js';
import { checkText } from '../../src/i18n/index.js';
import { parseMessage } from '../../src/message/parse.js';
import { startFixtureDns, type FixtureDnsServer, type FixtureZone } from '../support/dns-server.js';

const V6_25 = '5.2.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.8.b.d.0.1.0.0.2.ip6.arpa';
const V6_26 = V6_25.replace(/^5\.2/, '6.2');

/** Fifteen PTR names: only the twelfth leads back, past LIMITS.maxPtrNames (10). */
const manyPtrs = Array.from({ length: 15 }, (_, i) => `host${i + 1}.many.example`);

const zone: FixtureZone = {
  // pass
  '1.2.0.192.in-addr.arpa': { PTR: ['mail.example.com'] },
  'mail.example.com': { A: ['192.0.2.1'] },
  // several PTRs, one confirms
  '2.2.0.192.in-addr.arpa': { PTR: ['other.example.com', 'good.example.com'] },
  'other.example.com': { A: ['192.0.2.99'] },
  'good.example.com': { A: ['192.0.2.77', '192.0.2.2'] },
  // forward mismatch → fail
  '3.2.0.192.in-addr.arpa': { PTR: ['mismatch.example.com'] },
  'mismatch.example.com': { A: ['192.0.2.30'] },
  // 192.0.2.4: nothing at all (NXDOMAIN) → permerror
  // NODATA: the reverse name exists, without PTR → permerror
  '5.2.0.192.in-addr.arpa': { TXT: ['not a ptr'] },
  '6.2.0.192.in-addr.arpa': { TIMEOUT: true },
  '7.2.0.192.in-addr.arpa': { SERVFAIL: true },
  // RFC 2317 classless delegation: the PTR sits behind a CNAME
  '8.2.0.192.in-addr.arpa': { CNAME: '8.0-63.2.0.192.in-addr.arpa' },
  '8.0-63.2.0.192.in-addr.arpa': { PTR: ['mx.example.net.'] },
  'mx.example.net': { A: ['192.0.2.8'] },
  // the PTR name's address behind a CNAME
  '9.2.0.192.in-addr.arpa': { PTR: ['alias.example.org'] },
  'alias.example.org': { CNAME: 'real.example.org' },
  'real.example.org': { A: ['192.0.2.9'] },
  // forward lookup times out → temperror
  '10.2.0.192.in-addr.arpa': { PTR: ['slowfwd.example.com'] },
  'slowfwd.example.com': { TIMEOUT: ['A'] },
  // PTR name that does not exist → fail
  '11.2.0.192.in-addr.arpa': { PTR: ['gone.example.com'] },
  // one name times out, the other does not match → temperror (unknown, not fail)
  '12.2.0.192.in-addr.arpa': { PTR: ['slowfwd.example.com', 'mismatch.example.com'] },
  // one name times out, the other confirms → pass
  '13.2.0.192.in-addr.arpa': { PTR: ['slowfwd.example.com', 'thirteen.example.com'] },
  'thirteen.example.com': { A: ['192.0.2.13'] },
  // more PTRs than we check
  '14.2.0.192.in-addr.arpa': { PTR: manyPtrs },
  'host12.many.example': { A: ['192.0.2.14'] },
  // an IPv6 address in the PTR name's A records does not confirm an IPv4 client
  '15.2.0.192.in-addr.arpa': { PTR: ['v6only.example.com'] },
  'v6only.example.com': { AAAA: ['2001:db8::15'] },
  // a PTR pointing at the root: no usable name
  '16.2.0.192.in-addr.arpa': { PTR: ['.'] },
  // generic names that do confirm
  '7.100.51.198.in-addr.arpa': { PTR: ['198-51-100-7.dynamic.isp.example.net'] },
  '198-51-100-7.dynamic.isp.example.net': { A: ['198.51.100.7'] },
  '8.100.51.198.in-addr.arpa': { PTR: ['pool-8.dsl.isp.example.net'] },
  'pool-8.dsl.isp.example.net': { A: ['198.51.100.8'] },
  // IPv6
  [V6_25]: { PTR: ['mail6.example.com'] },
  'mail6.example.com': { AAAA: ['2001:0db8:0000:0000:0000:0000:0000:0025'] },
  [V6_26]: { PTR: ['mail6b.example.com'] },
  'mail6b.example.com': { A: ['192.0.2.26'], AAAA: ['2001:db8::99'] },
};

let dns: FixtureDnsServer;
beforeAll(async () => {
  dns = await startFixtureDns({ zone });
});
afterAll(() => dns.stop());

const message = await parseMessage(
  Buffer.from('From: Sender <news@shop.example.co.jp>\r\nSubject: hi\r\nMessage-ID: <1@x>\r\n\r\nbody\r\n'),
);

function contextFor(clientIp: string, server = dns, helo: string | null = null): CheckContext {
  const resolver = new DnsResolver({ servers: [server.server], timeoutMs: 250, retries: 0 });
  return {
    message,
    envelope: { clientIp, helo, mailFrom: 'bounce@mailer.example.net', rcptTo: [], tls: null },
    dns: new DnsSession(resolver, 5_000),
    now: new Date('2025-01-01T00:00:00Z'),
  };
}

describe('checkIprev against the fixture DNS server', () => {
  // prettier-ignore
  const cases: Array<{
    name: string;
    ip: string;
    result: string;
    ids: string[];
    ptr?: string[];
    confirmed?: string[];
    generic?: boolean;
  }> = [
    { name: 'one PTR that leads back', ip: '192.0.2.1', result: 'pass', ids: ['iprev.pass'], ptr: ['mail.example.com'], confirmed: ['mail.example.com'] },
    { name: 'two PTRs, the second confirms', ip: '192.0.2.2', result: 'pass', ids: ['iprev.pass'], ptr: ['other.example.com', 'good.example.com'], confirmed: ['good.example.com'] },
    { name: 'forward mismatch', ip: '192.0.2.3', result: 'fail', ids: ['iprev.not-confirmed'], ptr: ['mismatch.example.com'], confirmed: [] },
    { name: 'no PTR (NXDOMAIN)', ip: '192.0.2.4', result: 'permerror', ids: ['iprev.no-ptr'], ptr: [] },
    { name: 'no PTR (NODATA)', ip: '192.0.2.5', result: 'permerror', ids: ['iprev.no-ptr'], ptr: [] },
    { name: 'PTR lookup times out', ip: '192.0.2.6', result: 'temperror', ids: ['iprev.temperror'], ptr: [] },
    { name: 'PTR lookup SERVFAIL', ip: '192.0.2.7', result: 'temperror', ids: ['iprev.temperror'], ptr: [] },
    { name: 'PTR behind a CNAME (RFC 2317)', ip: '192.0.2.8', result: 'pass', ids: ['iprev.pass'], ptr: ['mx.example.net'] },
    { name: 'PTR name whose A is behind a CNAME', ip: '192.0.2.9', result: 'pass', ids: ['iprev.pass'], ptr: ['alias.example.org'] },
    { name: 'forward lookup times out', ip: '192.0.2.10', result: 'temperror', ids: ['iprev.temperror'], confirmed: [] },
    { name: 'PTR name does not exist', ip: '192.0.2.11', result: 'fail', ids: ['iprev.not-confirmed'] },
    { name: 'one timeout, one mismatch', ip: '192.0.2.12', result: 'temperror', ids: ['iprev.temperror'] },
    { name: 'one timeout, one confirms', ip: '192.0.2.13', result: 'pass', ids: ['iprev.pass'], confirmed: ['thirteen.example.com'] },
    { name: 'only the first 10 of 15 PTRs are checked', ip: '192.0.2.14', result: 'fail', ids: ['iprev.not-confirmed'], ptr: manyPtrs.slice(0, 10) },
    { name: 'AAAA does not confirm an IPv4 client', ip: '192.0.2.15', result: 'fail', ids: ['iprev.not-confirmed'] },
    { name: 'PTR to the root name', ip: '192.0.2.16', result: 'permerror', ids: ['iprev.no-ptr'], ptr: [] },
    { name: 'generic name with the IP in it', ip: '198.51.100.7', result: 'pass', ids: ['iprev.pass', 'iprev.generic'], generic: true },
    { name: 'generic words', ip: '198.51.100.8', result: 'pass', ids: ['iprev.pass', 'iprev.generic'], generic: true },
    { name: 'IPv6 pass', ip: '2001:db8::25', result: 'pass', ids: ['iprev.pass'], ptr: ['mail6.example.com'], confirmed: ['mail6.example.com'] },
    { name: 'IPv6 written long', ip: '2001:0DB8:0:0:0:0:0:25', result: 'pass', ids: ['iprev.pass'] },
    { name: 'IPv6 mismatch (A of the same IPv4 does not count)', ip: '2001:db8::26', result: 'fail', ids: ['iprev.not-confirmed'] },
    { name: 'IPv4-mapped IPv6 is IPv4', ip: '::ffff:192.0.2.1', result: 'pass', ids: ['iprev.pass'], ptr: ['mail.example.com'] },
  ];

  it.each(cases)('$name: $ip → $result', async ({ ip, result, ids, ptr, confirmed, generic }) => {
    const ctx = contextFor(ip);
    const output = await checkIprev(ctx);
    expect(output.result.result).toBe(result);
    expect(output.findings.map((f) => f.id)).toEqual(ids);
    expect(output.result.fcrdns).toBe(result === 'pass');
    expect(output.result.generic).toBe(generic ?? false);
    if (ptr) expect(output.result.ptr).toEqual(ptr);
    if (confirmed) expect(output.result.confirmed).toEqual(confirmed);
    ctx.dns.close();
  });

  it('looks an IPv4-mapped client up in in-addr.arpa, never ip6.arpa', async () => {
    const before = dns.queries.length;
    await checkIprev(contextFor('::ffff:c000:201'));
    const names = dns.queries.slice(before).map((q) => q.name.toLowerCase());
    expect(names).toContain('1.2.0.192.in-addr.arpa');
    expect(names.some((n) => n.endsWith('ip6.arpa'))).toBe(false);
  });

  it('fills the fix with the exact records and the sender\u2019s domain', async () => {
    const output = await checkIprev(contextFor('192.0.2.4'));
    expect(output.findings[0]!.params).toMatchObject({
      ip: '192.0.2.4',
      reverseName: '4.2.0.192.in-addr.arpa',
      host: 'mail.example.co.jp',
      addressType: 'A',
    });
    const en = checkText(output.findings[0]!, 'en');
    expect(en.fix).toContain('"4.2.0.192.in-addr.arpa. PTR mail.example.co.jp."');
    expect(en.fix).toContain('"mail.example.co.jp. A 192.0.2.4"');
    const ja = checkText(output.findings[0]!, 'ja');
    expect(ja.fix).toContain('「4.2.0.192.in-addr.arpa. PTR mail.example.co.jp.」');
  });

  it('suggests the HELO name when it is in the sender\u2019s domain', async () => {
    const output = await checkIprev(contextFor('192.0.2.4', dns, 'smtp.shop.example.co.jp'));
    expect(output.findings[0]!.params).toMatchObject({ host: 'smtp.shop.example.co.jp' });
    const other = await checkIprev(contextFor('192.0.2.4', dns, 'relay.example.org'));
    expect(other.findings[0]!.params).toMatchObject({ host: 'mail.example.co.jp' });
  });

  it('reports where the names of a failing PTR lead', async () => {
    const output = await checkIprev(contextFor('192.0.2.3'));
    expect(output.findings[0]!.params).toMatchObject({
      name: 'mismatch.example.com',
      addresses: ['192.0.2.30'],
    });
    expect(checkText(output.findings[0]!, 'en').fix).toContain('"mismatch.example.com. A 192.0.2.3"');
  });

  it('uses AAAA in the IPv6 fix', async () => {
    const output = await checkIprev(contextFor('2001:db8::26'));
    expect(checkText(output.findings[0]!, 'en').fix).toContain('"mail6b.example.com. AAAA 2001:db8::26"');
  });
});

describe('non-public client IPs: result none, no lookups', () => {
  it.each([
    ['10.1.2.3', '10.0.0.0/8'],
    ['172.16.5.4', '172.16.0.0/12'],
    ['172.31.255.255', '172.16.0.0/12'],
    ['192.168.1.10', '192.168.0.0/16'],
    ['127.0.0.1', '127.0.0.0/8'],
    ['169.254.10.20', '169.254.0.0/16'],
    ['100.64.0.1', '100.64.0.0/10'],
    ['100.127.255.254', '100.64.0.0/10'],
    ['0.0.0.0', '0.0.0.0/8'],
    ['224.0.0.1', '224.0.0.0/4'],
    ['255.255.255.255', '240.0.0.0/4'],
    ['::', '::/128'],
    ['::1', '::1/128'],
    ['fe80::1%eth0', 'fe80::/10'],
    ['fd12:3456::1', 'fc00::/7'],
    ['::ffff:10.0.0.1', '10.0.0.0/8'],
  ])('%s is in %s', async (ip, block) => {
    const before = dns.queries.length;
    const output = await checkIprev(contextFor(ip));
    expect(output.result).toEqual({ result: 'none', ptr: [], fcrdns: false, confirmed: [], generic: false });
    expect(output.findings).toEqual([
      { id: 'iprev.not-public', params: expect.objectContaining({ block }) as unknown },
    ]);
    expect(dns.queries.length).toBe(before);
  });

  it.each([
    '192.0.2.1',
    '198.51.100.1',
    '203.0.113.255',
    '2001:db8::1',
    '8.8.8.8',
    '100.63.255.255',
    '100.128.0.0',
    '172.15.255.255',
    '172.32.0.0',
    '192.169.0.1',
    '2a00:1450::1',
  ])('%s is public', (ip) => {
    expect(nonPublicBlock(parseIp(ip)!)).toBeNull();
  });
});

describe('forward lookups run concurrently', () => {
  let slow: FixtureDnsServer;
  const names = ['a', 'b', 'c', 'd', 'e'].map((n) => `${n}.concurrent.example`);
  beforeAll(async () => {
    slow = await startFixtureDns({
      delayMs: 150,
      zone: {
        '20.2.0.192.in-addr.arpa': { PTR: names },
        ...Object.fromEntries(names.map((n, i) => [n, { A: [`192.0.2.${i === 4 ? 20 : 100 + i}`] }])),
      },
    });
  });
  afterAll(() => slow.stop());

  it('asks for every PTR name at once: two round trips, not six', async () => {
    const ctx = contextFor('192.0.2.20', slow);
    const started = Date.now();
    const output = await checkIprev(ctx);
    const elapsed = Date.now() - started;
    expect(output.result.result).toBe('pass');
    const sent = slow.queries.filter((q) => q.type === 'A').map((q) => q.at);
    expect(sent).toHaveLength(5);
    // Sequential lookups would be at least 150 ms apart.
    expect(Math.max(...sent) - Math.min(...sent)).toBeLessThan(100);
    expect(elapsed).toBeLessThan(6 * 150);
  });
});

describe('IP helpers', () => {
  it.each([
    ['192.0.2.1', 4, '192.0.2.1'],
    [' 203.0.113.9 ', 4, '203.0.113.9'],
    ['::ffff:192.0.2.1', 4, '192.0.2.1'],
    ['::FFFF:c000:0201', 4, '192.0.2.1'],
    ['2001:DB8:0:0:0:0:0:1', 6, '2001:db8::1'],
    ['2001:db8:0:0:1:0:0:1', 6, '2001:db8::1:0:0:1'],
    ['2001:db8::', 6, '2001:db8::'],
    ['::', 6, '::'],
    ['::1', 6, '::1'],
    ['1:2:3:4:5:6:7:8', 6, '1:2:3:4:5:6:7:8'],
    ['1:0:3:4:5:6:7:8', 6, '1:0:3:4:5:6:7:8'],
    ['fe80::1%eth0', 6, 'fe80::1'],
    ['64:ff9b::192.0.2.1', 6, '64:ff9b::c000:201'],
  ])('parses %s', (text, family, canonical) => {
    expect(parseIp(text)).toMatchObject({ family, text: canonical });
  });

  it.each([
    '',
    'abc',
    '192.0.2',
    '192.0.2.256',
    '192.0.2.1.5',
    '01.2.3.4',
    '1::2::3',
    ':::',
    '1:2:3:4:5:6:7:8:9',
    '1:2:3:4:5:6:7:8::',
    '12345::1',
    'ffff:192.0.2.1',
    'g::1',
    '[192.0.2.1]',
  ])('rejects %j', (text) => {
    expect(parseIp(text)).toBeNull();
  });

  it.each([
    ['192.0.2.1', '1.2.0.192.in-addr.arpa'],
    ['::ffff:203.0.113.7', '7.113.0.203.in-addr.arpa'],
    ['2001:db8::25', V6_25],
  ])('reverse name of %s', (ip, name) => {
    expect(reverseName(parseIp(ip)!)).toBe(name);
  });
});

describe('generic-looking PTR names', () => {
  it.each([
    ['192-0-2-1.example.net', '192.0.2.1', ['192-0-2-1']],
    ['1.2.0.192.static.isp.example', '192.0.2.1', ['1.2.0.192']],
    ['host-192-000-002-001.isp.example', '192.0.2.1', ['192-000-002-001']],
    ['h192000002001.isp.example', '192.0.2.1', ['192000002001']],
    ['c0000201.pool.isp.example', '192.0.2.1', ['c0000201', 'pool']],
    ['3221225985.example.net', '192.0.2.1', ['3221225985']],
    ['p5b0c1234.dip0.t-ipconnect.de', '91.12.18.52', ['5b0c1234', 'dip0']],
    ['ec2-203-0-113-25.compute-1.amazonaws.com', '203.0.113.25', ['203-0-113-25']],
    ['static.25.113.0.203.clients.your-server.de', '203.0.113.25', ['25.113.0.203', 'clients']],
    ['host-0-113-25.isp.example.net', '203.0.113.25', ['0-113-25']],
    ['adsl-dynamic.isp.example.net', '203.0.113.25', ['adsl', 'dynamic']],
    ['dsl12.isp.example.net', '203.0.113.25', ['dsl12']],
    ['pool-7.isp.example.net', '203.0.113.25', ['pool']],
    ['cust-25.isp.example.net', '203.0.113.26', ['cust']],
    ['dhcp-9.isp.example.net', '203.0.113.26', ['dhcp']],
    ['ppp.isp.example.net', '203.0.113.26', ['ppp']],
    ['cable-modem.isp.example.net', '203.0.113.26', ['cable', 'modem']],
    ['client.isp.example.net', '203.0.113.26', ['client']],
    ['broadband.isp.example.net', '203.0.113.26', ['broadband']],
    ['dialup.isp.example.net', '203.0.113.26', ['dialup']],
    ['dyn.isp.example.net', '203.0.113.26', ['dyn']],
    ['2001-db8--25.isp.example.net', '2001:db8::25', ['2001-db8--25']],
    [
      '20010db8000000000000000000000025.ip6.isp.example.net',
      '2001:db8::25',
      ['20010db8000000000000000000000025'],
    ],
  ])('%s (%s) → %j', (name, ip, signs) => {
    expect(genericSigns(name, parseIp(ip)!)).toEqual(signs);
  });

  it.each([
    ['mail.example.com', '192.0.2.1'],
    ['smtp1.example.jp', '192.0.2.1'],
    ['mx-01.example.net', '192.0.2.1'],
    ['o1.email.example.com', '192.0.2.1'],
    ['mail2.example.com', '192.0.2.2'],
    ['mta-192.example.com', '192.0.2.1'],
    ['mail-yw1-f170.google.com', '209.85.128.170'],
    ['a27-123.smtp-out.amazonses.com', '54.240.27.123'],
    ['smtp.dynamics-crm.example.com', '192.0.2.1'],
    ['mail.dsl.net', '192.0.2.1'],
    ['mx.cable.co.jp', '192.0.2.1'],
    ['mail6.example.com', '2001:db8::25'],
  ])('%s (%s) looks like a named server', (name, ip) => {
    expect(genericSigns(name, parseIp(ip)!)).toEqual([]);
  });
});

describe('host names', () => {
  it.each([
    ['mail.example.com', null],
    ['MAIL.Example.COM.', null],
    ['a.b', null],
    ['mailserver', 'not-fqdn'],
    ['192.0.2.1', 'not-fqdn'],
    ['localhost', 'localhost'],
    ['localhost.localdomain', 'localhost'],
    ['foo.localhost', 'localhost'],
    ['mail_1.example.com', 'invalid-characters'],
    ['mail..example.com', 'invalid-characters'],
    ['-mail.example.com', 'invalid-characters'],
    ['mail-.example.com', 'invalid-characters'],
    ['mail example.com', 'invalid-characters'],
    ['メール.example.jp', 'invalid-characters'],
    [`${'a'.repeat(64)}.example.com`, 'invalid-characters'],
    [`${'abcdefgh.'.repeat(30)}com`, 'too-long'],
  ])('%j → %s', (name, problem) => {
    expect(hostnameProblem(name)).toBe(problem);
  });
});

import dgram from 'node:dgram';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DnsResolver } from '../../src/dns/resolver.js';
import { DnsSession } from '../../src/dns/session.js';
import { DnsError } from '../../src/dns/types.js';
import { parseResolvConf, parseServerList } from '../../src/dns/servers.js';
import { startFixtureDns, type FixtureDnsServer } from '../support/dns-server.js';

let dns: FixtureDnsServer;
const longTxt = 'v=spf1 ' + Array.from({ length: 60 }, (_, i) => `ip4:192.0.2.${i}`).join(' ') + ' -all';

beforeAll(async () => {
  dns = await startFixtureDns({
    zone: {
      'example.com': {
        A: ['192.0.2.1'],
        TXT: ['v=spf1 -all', ['part one ', 'part two']],
        MX: [[10, 'mx.example.com']],
      },
      'alias.example.com': { CNAME: 'example.com' },
      'big.example.com': { TXT: Array.from({ length: 8 }, () => longTxt) },
      'slow.example.com': { TIMEOUT: true },
      'broken.example.com': { SERVFAIL: true },
      'a:b/c d.example.com': { TXT: ['odd'] },
      '1.2.0.192.in-addr.arpa': { PTR: ['host.example.com'] },
    },
  });
});
afterAll(() => dns.stop());

const newResolver = (timeoutMs = 300) => new DnsResolver({ servers: [dns.server], timeoutMs, retries: 1 });

describe('DnsResolver over the wire', () => {
  const cases: Array<[string, 'A' | 'TXT' | 'MX' | 'PTR', unknown]> = [
    ['example.com', 'A', ['192.0.2.1']],
    ['example.com', 'TXT', [['v=spf1 -all'], ['part one ', 'part two']]],
    ['example.com', 'MX', [{ exchange: 'mx.example.com', priority: 10 }]],
    ['alias.example.com', 'A', ['192.0.2.1']],
    ['1.2.0.192.in-addr.arpa', 'PTR', ['host.example.com']],
    ['a:b/c d.example.com', 'TXT', [['odd']]],
    ['EXAMPLE.COM', 'A', ['192.0.2.1']],
  ];
  it.each(cases)('%s %s', async (name, type, expected) => {
    const session = new DnsSession(newResolver());
    expect(await session.records(name, type)).toEqual(expected);
  });

  const errors: Array<[string, 'A' | 'TXT', string]> = [
    ['missing.example.com', 'A', 'ENOTFOUND'],
    ['example.com', 'PTR' as 'A', 'ENODATA'],
    ['slow.example.com', 'A', 'ETIMEOUT'],
    ['broken.example.com', 'A', 'ESERVFAIL'],
    [`${'x'.repeat(64)}.example.com`, 'A', 'EBADNAME'],
  ];
  it.each(errors)('%s %s → %s', async (name, type, code) => {
    const session = new DnsSession(newResolver());
    await expect(session.records(name, type)).rejects.toMatchObject({ code });
  });

  it('follows a CNAME for TXT', async () => {
    const session = new DnsSession(newResolver());
    expect(await session.records('alias.example.com', 'TXT')).toHaveLength(2);
  });

  it('retries over TCP when the UDP answer is truncated', async () => {
    const session = new DnsSession(newResolver());
    const records = await session.records('big.example.com', 'TXT');
    expect(records).toHaveLength(8);
    expect(records[0]!.join('')).toBe(longTxt);
    expect(dns.queriesFor('big.example.com').map((q) => q.transport)).toEqual(['udp', 'tcp']);
  });

  it('asks again without EDNS when an old server answers the OPT record with a bare FORMERR', async () => {
    const old = await startFixtureDns({ zone: { 'old.example': { A: ['192.0.2.7'] } }, noEdns: true });
    try {
      const session = new DnsSession(new DnsResolver({ servers: [old.server], timeoutMs: 300, retries: 0 }));
      expect(await session.records('old.example', 'A')).toEqual(['192.0.2.7']);
      expect(old.queries).toHaveLength(2);
    } finally {
      await old.stop();
    }
  });

  it('answers repeated and concurrent questions once (cache and in-flight)', async () => {
    const resolver = newResolver();
    const before = dns.queriesFor('example.com').filter((q) => q.type === 'MX').length;
    const session = new DnsSession(resolver);
    await Promise.all(Array.from({ length: 5 }, () => session.records('example.com', 'MX')));
    await new DnsSession(resolver).records('example.com', 'MX');
    expect(dns.queriesFor('example.com').filter((q) => q.type === 'MX').length - before).toBe(1);
    expect(session.stats()).toMatchObject({ queries: 5, cached: 4 });
  });

  it('fails at once, not after the timeout, when nothing listens on the server port', async () => {
    const probe = dgram.createSocket('udp4');
    await new Promise<void>((resolve) => probe.bind(0, '127.0.0.1', resolve));
    const port = probe.address().port;
    await new Promise<void>((resolve) => probe.close(() => resolve()));
    const session = new DnsSession(
      new DnsResolver({ servers: [{ host: '127.0.0.1', port }], timeoutMs: 5_000, retries: 1 }),
    );
    const started = Date.now();
    await expect(session.records('example.com', 'A')).rejects.toMatchObject({ code: 'ETIMEOUT' });
    expect(Date.now() - started).toBeLessThan(1_000);
  });

  it('ends pending lookups at the report deadline', async () => {
    const session = new DnsSession(
      new DnsResolver({ servers: [dns.server], timeoutMs: 5_000, retries: 1 }),
      200,
    );
    const started = Date.now();
    const error = await session.records('slow.example.com', 'TXT').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DnsError);
    expect((error as DnsError).code).toBe('ETIMEOUT');
    expect(Date.now() - started).toBeLessThan(1_000);
    await expect(session.records('example.com', 'A')).rejects.toMatchObject({ code: 'ETIMEOUT' });
    expect(session.stats().deadlineReached).toBe(true);
    session.close();
  });
});

describe('server lists', () => {
  it.each([
    ['127.0.0.1:5353', [{ host: '127.0.0.1', port: 5353 }]],
    ['127.0.0.1', [{ host: '127.0.0.1', port: 53 }]],
    [
      '[::1]:53,10.0.0.1:54',
      [
        { host: '::1', port: 53 },
        { host: '10.0.0.1', port: 54 },
      ],
    ],
    ['::1', [{ host: '::1', port: 53 }]],
  ])('%s', (text, expected) => expect(parseServerList(text)).toEqual(expected));
  it.each(['dns.google:53', '127.0.0.1:0', '127.0.0.1:99999', ',', 'x'])('rejects %s', (text) =>
    expect(() => parseServerList(text)).toThrow(),
  );
  it('reads resolv.conf', () => {
    expect(parseResolvConf('# c\nnameserver 10.0.0.2\nnameserver fe80::1%eth0\nsearch x\n')).toEqual([
      { host: '10.0.0.2', port: 53 },
      { host: 'fe80::1', port: 53 },
    ]);
    expect(parseResolvConf('')).toEqual([{ host: '127.0.0.1', port: 53 }]);
  });
});

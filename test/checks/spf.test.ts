import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  checkSpf,
  describeMechanism,
  evaluateSpf,
  heloIdentity,
  ipTerm,
  recordWithIp,
  spfTreeLookups,
  txtValue,
} from '../../src/checks/spf.js';
import type { CheckContext } from '../../src/checks/types.js';
import { DnsResolver } from '../../src/dns/resolver.js';
import { DnsSession } from '../../src/dns/session.js';
import { checkText } from '../../src/i18n/index.js';
import { parseMessage } from '../../src/message/parse.js';
import type { Envelope } from '../../src/report/types.js';
import { startFixtureDns, type FixtureDnsServer, type FixtureZone } from '../support/dns-server.js';

const range = (n: number) => Array.from({ length: n }, (_, i) => i + 1);

const ZONE: FixtureZone = {
  'example.com': {
    TXT: ['v=spf1 ip4:192.0.2.0/24 include:_spf.example.net -all', 'google-site-verification=abc'],
    MX: [[10, 'mx.example.com']],
  },
  'mx.example.com': { A: ['203.0.113.25'] },
  '_spf.example.net': { TXT: ['v=spf1 ip4:198.51.100.0/24 ip6:2001:db8:5::/48 ~all'] },
  'redirected.example.org': { TXT: ['v=spf1 redirect=example.com'] },
  'soft.example.com': { TXT: ['v=spf1 a mx:example.com ~all'], A: ['203.0.113.9'] },
  'neutral.example.com': { TXT: ['v=spf1 ip4:192.0.2.1 ?all'] },
  'open-end.example.com': { TXT: ['v=spf1 ip4:192.0.2.1'] },
  'exp.example.com': { TXT: ['v=spf1 ip4:192.0.2.1 -all exp=why.example.com'] },
  'why.example.com': { TXT: ['%{i} may not send mail for %{d}'] },
  'many.example.com': {
    TXT: [
      `v=spf1 ${range(11)
        .map((i) => `include:i${i}.example.com`)
        .join(' ')} -all`,
    ],
  },
  ...Object.fromEntries(
    range(11).map((i) => [`i${i}.example.com`, { TXT: [`v=spf1 ip4:10.0.0.${i} ?all`] }]),
  ),
  'near.example.com': {
    TXT: [
      `v=spf1 ip4:192.0.2.0/24 ${range(8)
        .map((i) => `include:i${i}.example.com`)
        .join(' ')} -all`,
    ],
  },
  'void.example.com': { TXT: ['v=spf1 a:nx1.example.com a:nx2.example.com a:nx3.example.com -all'] },
  'double.example.com': { TXT: ['v=spf1 -all', 'v=spf1 +all'] },
  'slow.example.com': { TIMEOUT: true },
  'includes-slow.example.com': { TXT: ['v=spf1 include:slow.example.com -all'] },
  'mail.example.com': { A: ['192.0.2.10'], TXT: ['v=spf1 a -all'] },
  'bare-helo.example.com': { A: ['192.0.2.10'] },
  'nospf.example.com': { TXT: ['not an spf record'] },
  'long.example.com': {
    TXT: [
      `v=spf1 ${range(20)
        .map((i) => `ip4:198.18.${i}.0/24`)
        .join(' ')} ~all`,
    ],
  },
};

let dns: FixtureDnsServer;
beforeAll(async () => {
  dns = await startFixtureDns({ zone: ZONE });
});
afterAll(() => dns.stop());

const session = (timeoutMs = 200) =>
  new DnsSession(new DnsResolver({ servers: [dns.server], timeoutMs, retries: 0 }), 5_000);

describe('evaluateSpf against the fixture DNS server', () => {
  const cases: Array<
    [
      label: string,
      ip: string,
      mailFrom: string,
      helo: string | null,
      result: string,
      domain: string | null,
      mechanism: string | null,
    ]
  > = [
    [
      'ip4 range',
      '192.0.2.55',
      'alice@example.com',
      'mail.example.com',
      'pass',
      'example.com',
      'ip4:192.0.2.0/24',
    ],
    [
      'through an include',
      '198.51.100.7',
      'alice@example.com',
      null,
      'pass',
      'example.com',
      'include:_spf.example.net',
    ],
    [
      'IPv6 through an include',
      '2001:db8:5::25',
      'alice@example.com',
      null,
      'pass',
      'example.com',
      'include:_spf.example.net',
    ],
    [
      'IPv4-mapped IPv6 is IPv4',
      '::ffff:192.0.2.55',
      'alice@example.com',
      null,
      'pass',
      'example.com',
      'ip4:192.0.2.0/24',
    ],
    ['-all', '203.0.113.5', 'alice@example.com', null, 'fail', 'example.com', '-all'],
    ['IPv6 not listed', '2001:db8:6::1', 'alice@example.com', null, 'fail', 'example.com', '-all'],
    [
      'redirect= to a record',
      '192.0.2.55',
      'bob@redirected.example.org',
      null,
      'pass',
      'redirected.example.org',
      'ip4:192.0.2.0/24',
    ],
    [
      'redirect= to a failing record',
      '203.0.113.5',
      'bob@redirected.example.org',
      null,
      'fail',
      'redirected.example.org',
      '-all',
    ],
    ['a', '203.0.113.9', 'x@soft.example.com', null, 'pass', 'soft.example.com', 'a'],
    ['mx', '203.0.113.25', 'x@soft.example.com', null, 'pass', 'soft.example.com', 'mx:example.com'],
    ['~all', '203.0.113.5', 'x@soft.example.com', null, 'softfail', 'soft.example.com', '~all'],
    ['?all', '203.0.113.5', 'x@neutral.example.com', null, 'neutral', 'neutral.example.com', '?all'],
    [
      'no all: default neutral, no mechanism',
      '203.0.113.5',
      'x@open-end.example.com',
      null,
      'neutral',
      'open-end.example.com',
      null,
    ],
    ['no record', '192.0.2.1', 'x@nospf.example.com', null, 'none', 'nospf.example.com', null],
    ['NXDOMAIN', '192.0.2.1', 'x@missing.example.com', null, 'none', 'missing.example.com', null],
    [
      '11 includes: too many lookups',
      '203.0.113.5',
      'x@many.example.com',
      null,
      'permerror',
      'many.example.com',
      null,
    ],
    ['3 void lookups', '203.0.113.5', 'x@void.example.com', null, 'permerror', 'void.example.com', null],
    ['two records', '192.0.2.1', 'x@double.example.com', null, 'permerror', 'double.example.com', null],
    ['timing-out server', '192.0.2.1', 'x@slow.example.com', null, 'temperror', 'slow.example.com', null],
    [
      'include of a timing-out server',
      '192.0.2.1',
      'x@includes-slow.example.com',
      null,
      'temperror',
      'includes-slow.example.com',
      null,
    ],
    ['null sender: postmaster@HELO', '192.0.2.10', '', 'mail.example.com', 'pass', 'mail.example.com', 'a'],
    [
      'null sender, HELO not allowed',
      '192.0.2.99',
      '',
      'mail.example.com',
      'fail',
      'mail.example.com',
      '-all',
    ],
    ['null sender, HELO literal', '192.0.2.10', '', '[192.0.2.10]', 'none', null, null],
    ['null sender, no HELO', '192.0.2.10', '', null, 'none', null, null],
    ['no local part', '192.0.2.55', '@example.com', null, 'pass', 'example.com', 'ip4:192.0.2.0/24'],
    [
      'angle brackets as in SMTP',
      '192.0.2.55',
      '<alice@example.com>',
      null,
      'pass',
      'example.com',
      'ip4:192.0.2.0/24',
    ],
    ['<> is the null sender', '192.0.2.10', '<>', 'mail.example.com', 'pass', 'mail.example.com', 'a'],
    [
      'an over-long reverse-path is not checked',
      '192.0.2.55',
      `${'a'.repeat(300)}@example.com`,
      null,
      'none',
      null,
      null,
    ],
  ];
  it.each(cases)('%s', async (_label, ip, mailFrom, helo, result, domain, mechanism) => {
    const dnsSession = session();
    const out = await evaluateSpf({ ip, mailFrom, helo }, dnsSession);
    dnsSession.close();
    expect(out).toMatchObject({ result, mechanism });
    if (domain) expect(out.domain).toBe(domain);
    else expect(out.domain).toBeNull();
  });

  it('gives the exp= explanation for fail, with macros expanded', async () => {
    const out = await evaluateSpf(
      { ip: '203.0.113.5', mailFrom: 'x@exp.example.com', helo: null },
      session(),
    );
    expect(out).toMatchObject({
      result: 'fail',
      mechanism: '-all',
      explanation: '203.0.113.5 may not send mail for exp.example.com',
    });
  });

  it.each([
    ['many.example.com', /Too many DNS/i],
    ['void.example.com', /void/i],
    ['double.example.com', /multiple SPF records/i],
  ])('permerror for %s says why', async (domain, reason) => {
    const out = await evaluateSpf({ ip: '203.0.113.5', mailFrom: `x@${domain}`, helo: null }, session());
    expect(out.result).toBe('permerror');
    expect(out.reason).toMatch(reason);
  });

  it('counts lookups and void lookups', async () => {
    const out = await evaluateSpf(
      { ip: '203.0.113.5', mailFrom: 'x@void.example.com', helo: null },
      session(),
    );
    expect(out).toMatchObject({ lookups: 3, voidLookups: 3 });
  });

  it('captures each concurrent evaluation its own mechanism (the spfVerify wrapper and AsyncLocalStorage)', async () => {
    const dnsSession = session();
    const queries: Array<[string, string, string]> = [
      ['192.0.2.55', 'alice@example.com', 'ip4:192.0.2.0/24'],
      ['198.51.100.7', 'alice@example.com', 'include:_spf.example.net'],
      ['203.0.113.5', 'alice@example.com', '-all'],
      ['203.0.113.9', 'x@soft.example.com', 'a'],
      ['203.0.113.25', 'x@soft.example.com', 'mx:example.com'],
      ['203.0.113.5', 'x@neutral.example.com', '?all'],
    ];
    const results = await Promise.all(
      [...queries, ...queries].map(([ip, mailFrom]) => evaluateSpf({ ip, mailFrom, helo: null }, dnsSession)),
    );
    expect(results.map((r) => r.mechanism)).toEqual(
      [...queries, ...queries].map(([, , mechanism]) => mechanism),
    );
  });
  it('captures the mechanism even when mailauth/lib/spf was loaded (unwrapped) before our module', async () => {
    const require = createRequire(import.meta.url);
    const verifyPath = require.resolve('mailauth/lib/spf/spf-verify.js');
    const indexPath = require.resolve('mailauth/lib/spf/index.js');
    delete require.cache[verifyPath];
    delete require.cache[indexPath];
    const early = require(indexPath) as { spf: unknown };
    expect(require.cache[indexPath]).toBeDefined();
    vi.resetModules();
    const fresh = (await import('../../src/checks/spf.js')) as typeof import('../../src/checks/spf.js');
    const out = await fresh.evaluateSpf(
      { ip: '198.51.100.7', mailFrom: 'alice@example.com', helo: null },
      session(),
    );
    expect(out.mechanism).toBe('include:_spf.example.net');
    expect(typeof early.spf).toBe('function');
  });
});

describe('mechanism, record and TXT helpers', () => {
  it.each([
    [
      { type: 'ip4', val: '192.0.2.0/24', qualifier: '+' },
      'v=spf1 IP4:192.0.2.0/24 -all',
      'IP4:192.0.2.0/24',
    ],
    [{ type: 'all', qualifier: '-' }, 'v=spf1 ip4:192.0.2.1 -all', '-all'],
    [{ type: 'all', qualifier: '~' }, null, '~all'],
    [{ type: 'include', val: '_spf.example.net', qualifier: '+' }, null, 'include:_spf.example.net'],
    // mailauth reports the evaluated domain as the val of "a": the record says which term it was.
    [
      { type: 'a', val: 'example.com', qualifier: '+' },
      'v=spf1 a:mail.example.com -all',
      'a:mail.example.com',
    ],
    [{ type: 'a', val: 'example.com', qualifier: '+' }, 'v=spf1 a a:other.example.com -all', 'a'],
    [{ type: 'exists', val: '1.2.3.4.rbl.example', qualifier: '-' }, null, '-exists:1.2.3.4.rbl.example'],
  ] as const)('%j in %s → %s', (match, record, expected) => {
    expect(describeMechanism({ ...match }, record)).toBe(expected);
  });
  it('has no mechanism without a match', () => expect(describeMechanism(false, 'v=spf1 -all')).toBeNull());

  it.each([
    [
      'v=spf1 include:_spf.example.net ~all',
      '192.0.2.1',
      'v=spf1 include:_spf.example.net ip4:192.0.2.1 ~all',
    ],
    [
      'v=spf1 ip4:198.51.100.0/24 -all exp=why.example.com',
      '2001:DB8::1',
      'v=spf1 ip4:198.51.100.0/24 ip6:2001:db8::1 -all exp=why.example.com',
    ],
    [
      'v=spf1 -include:deny.example.com a -all',
      '192.0.2.1',
      'v=spf1 ip4:192.0.2.1 -include:deny.example.com a -all',
    ],
    ['v=spf1 a redirect=_spf.example.com', '192.0.2.1', 'v=spf1 a ip4:192.0.2.1 redirect=_spf.example.com'],
    ['v=spf1 a  mx', '::ffff:192.0.2.1', 'v=spf1 a mx ip4:192.0.2.1'],
    ['spf2.0/pra a ?all', '192.0.2.1', 'spf2.0/pra a ip4:192.0.2.1 ?all'],
  ])('%s + %s', (record, ip, expected) => expect(recordWithIp(record, ip)).toBe(expected));

  it.each([
    ['192.0.2.1', 'ip4:192.0.2.1'],
    ['2001:DB8::1', 'ip6:2001:db8::1'],
    ['::FFFF:192.0.2.7', 'ip4:192.0.2.7'],
  ])('ipTerm(%s)', (ip, term) => expect(ipTerm(ip)).toBe(term));

  it('splits a TXT value over 255 bytes into quoted strings', () => {
    const long = `v=spf1 ${range(30)
      .map((i) => `ip4:198.18.${i}.0/24`)
      .join(' ')} -all`;
    expect(txtValue('v=spf1 -all')).toBe('v=spf1 -all');
    const split = txtValue(long);
    const parts = [...split.matchAll(/"([^"]*)"/g)].map((m) => m[1]!);
    expect(parts.length).toBeGreaterThan(1);
    expect(parts.every((p) => p.length <= 255)).toBe(true);
    expect(parts.join('')).toBe(long);
  });

  it.each([
    ['mail.example.com', 'mail.example.com'],
    ['mail.example.com.', 'mail.example.com'],
    ['[192.0.2.1]', null],
    ['192.0.2.1', null],
    ['localhost', null],
    ['', null],
    [null, null],
  ])('heloIdentity(%s)', (helo, expected) => expect(heloIdentity(helo)).toBe(expected));

  it('counts the lookups of the whole record tree, not only those one evaluation used', async () => {
    expect(await spfTreeLookups('near.example.com', session())).toBe(8);
    expect(await spfTreeLookups('example.com', session())).toBe(1);
    expect(await spfTreeLookups('redirected.example.org', session())).toBe(2);
  });
});

const message = await parseMessage(
  Buffer.from(
    'From: Alice <alice@example.com>\r\nSubject: hi\r\nMessage-ID: <1@example.com>\r\n\r\nbody\r\n',
  ),
);

function context(envelope: Partial<Envelope>, timeoutMs = 200): CheckContext {
  return {
    message,
    envelope: {
      clientIp: '192.0.2.55',
      helo: null,
      mailFrom: 'alice@example.com',
      rcptTo: [],
      tls: null,
      ...envelope,
    },
    dns: session(timeoutMs),
    now: new Date('2025-01-01T00:00:00Z'),
  };
}

describe('checkSpf', () => {
  const cases: Array<
    [label: string, envelope: Partial<Envelope>, ids: string[], result: string, identity: string]
  > = [
    ['pass', {}, ['spf.pass'], 'pass', 'mailfrom'],
    [
      'pass, with the HELO identity as information',
      { helo: 'mail.example.com' },
      ['spf.pass', 'spf.helo'],
      'pass',
      'mailfrom',
    ],
    ['HELO literal: no HELO identity', { helo: '[192.0.2.55]' }, ['spf.pass'], 'pass', 'mailfrom'],
    ['fail', { clientIp: '203.0.113.5' }, ['spf.fail'], 'fail', 'mailfrom'],
    [
      'softfail',
      { clientIp: '203.0.113.5', mailFrom: 'x@soft.example.com' },
      ['spf.softfail'],
      'softfail',
      'mailfrom',
    ],
    [
      'neutral',
      { clientIp: '203.0.113.5', mailFrom: 'x@neutral.example.com' },
      ['spf.neutral'],
      'neutral',
      'mailfrom',
    ],
    ['none', { mailFrom: 'x@nospf.example.com' }, ['spf.none'], 'none', 'mailfrom'],
    ['permerror', { mailFrom: 'x@many.example.com' }, ['spf.permerror'], 'permerror', 'mailfrom'],
    ['temperror', { mailFrom: 'x@slow.example.com' }, ['spf.temperror'], 'temperror', 'mailfrom'],
    [
      '8 lookups in the tree',
      { mailFrom: 'x@near.example.com' },
      ['spf.pass', 'spf.lookups-near-limit'],
      'pass',
      'mailfrom',
    ],
    [
      'null sender: the HELO identity',
      { mailFrom: '', clientIp: '192.0.2.10', helo: 'mail.example.com' },
      ['spf.pass'],
      'pass',
      'helo',
    ],
    [
      'null sender, HELO with no SPF',
      { mailFrom: '', clientIp: '192.0.2.10', helo: 'bare-helo.example.com' },
      ['spf.none'],
      'none',
      'helo',
    ],
    [
      'MAIL FROM unknown: HELO checked',
      { mailFrom: null, clientIp: '192.0.2.10', helo: 'mail.example.com' },
      ['spf.pass', 'spf.no-envelope'],
      'pass',
      'helo',
    ],
    [
      'MAIL FROM and HELO unknown: nothing scored',
      { mailFrom: null, helo: null },
      ['spf.no-envelope'],
      'none',
      'helo',
    ],
  ];
  it.each(cases)('%s', async (_label, envelope, ids, result, identity) => {
    const ctx = context(envelope);
    const out = await checkSpf(ctx);
    ctx.dns.close();
    expect(out.findings.map((f) => f.id)).toEqual(ids);
    expect(out.result).toMatchObject({ result, identity });
  });

  it('reports record, mechanism, lookups and the HELO result', async () => {
    const out = await checkSpf(context({ clientIp: '198.51.100.7', helo: 'mail.example.com' }));
    expect(out.result).toEqual({
      result: 'pass',
      domain: 'example.com',
      mechanism: 'include:_spf.example.net',
      record: 'v=spf1 ip4:192.0.2.0/24 include:_spf.example.net -all',
      identity: 'mailfrom',
      explanation: null,
      lookups: 1,
      helo: { result: 'fail', domain: 'mail.example.com' },
    });
  });

  it.each([
    [{ mailFrom: 'x@nospf.example.com', clientIp: '192.0.2.55' }, 'spf.none', 'v=spf1 ip4:192.0.2.55 -all'],
    [
      { mailFrom: 'x@nospf.example.com', clientIp: '2001:db8::25' },
      'spf.none',
      'v=spf1 ip6:2001:db8::25 -all',
    ],
    [
      { clientIp: '203.0.113.5' },
      'spf.fail',
      'v=spf1 ip4:192.0.2.0/24 include:_spf.example.net ip4:203.0.113.5 -all',
    ],
    [
      { clientIp: '203.0.113.5', mailFrom: 'x@soft.example.com' },
      'spf.softfail',
      'v=spf1 a mx:example.com ip4:203.0.113.5 ~all',
    ],
  ] as const)('the fix for %j is the exact record to publish', async (envelope, id, record) => {
    const out = await checkSpf(context(envelope));
    const finding = out.findings.find((f) => f.id === id)!;
    expect(finding.params?.suggested).toBe(record);
    const words = checkText(finding, 'en');
    expect(words.fix).toContain(record);
    expect(checkText(finding, 'ja').fix).toContain(record);
  });

  it('a suggested record over 255 bytes is shown as quoted strings', async () => {
    const out = await checkSpf(context({ clientIp: '203.0.113.5', mailFrom: 'x@long.example.com' }));
    const suggested = String(out.findings[0]!.params?.suggested);
    expect(suggested).toMatch(/^"v=spf1 .*" ".*~all"$/);
  });

  it('permerror says why, in the words', async () => {
    const out = await checkSpf(context({ mailFrom: 'x@void.example.com', clientIp: '203.0.113.5' }));
    const finding = out.findings[0]!;
    expect(finding.id).toBe('spf.permerror');
    expect(checkText(finding, 'en').detail).toMatch(/void DNS results/);
  });

  it('fail words carry the explanation and the matched term', async () => {
    const out = await checkSpf(context({ mailFrom: 'x@exp.example.com', clientIp: '203.0.113.5' }));
    expect(out.result.explanation).toBe('203.0.113.5 may not send mail for exp.example.com');
    const text = checkText(out.findings[0]!, 'en');
    expect(text.detail).toContain('203.0.113.5 may not send mail for exp.example.com');
    expect(text.detail).toContain('-all');
  });

  it('a server that never answers ends in temperror within the query timeouts', async () => {
    const dead = await startFixtureDns({ silent: true });
    try {
      const ctx: CheckContext = {
        ...context({ helo: 'mail.example.com' }),
        dns: new DnsSession(new DnsResolver({ servers: [dead.server], timeoutMs: 100, retries: 1 }), 5_000),
      };
      const started = Date.now();
      const out = await checkSpf(ctx);
      expect(Date.now() - started).toBeLessThan(2_000);
      expect(out.result.result).toBe('temperror');
      expect(out.result.helo).toEqual({ result: 'temperror', domain: 'mail.example.com' });
      expect(out.findings.map((f) => f.id)).toEqual(['spf.temperror', 'spf.helo']);
    } finally {
      await dead.stop();
    }
  });

  it('hostile envelope values never throw', async () => {
    for (const mailFrom of [
      'x@' + 'a'.repeat(300) + '.com',
      'x@exa\r\nmple.com',
      '@',
      'x@[1.2.3.4]',
      'no-at-sign',
      '\u0000',
    ]) {
      const out = await checkSpf(context({ mailFrom, helo: '\u0001bad' }));
      expect(['none', 'permerror', 'temperror', 'neutral', 'fail']).toContain(out.result.result);
    }
  });
});

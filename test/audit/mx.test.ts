import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditMx } from '../../src/audit/mx.js';
import type { AuditContext } from '../../src/audit/types.js';
import type { Finding } from '../../src/checks/types.js';
import { DnsResolver } from '../../src/dns/resolver.js';
import { DnsSession } from '../../src/dns/session.js';
import { checkText } from '../../src/i18n/index.js';
import { LIMITS } from '../../src/limits.js';
import { CHECK_RULES } from '../../src/scoring/deductions.js';
import { startFixtureDns, type FixtureDnsServer, type FixtureZone } from '../support/dns-server.js';

const V6_MX = '1.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.8.b.d.0.1.0.0.2.ip6.arpa';

/** Twelve hosts, more than LIMITS.auditMxHosts. */
const manyHosts: FixtureZone = Object.fromEntries(
  Array.from({ length: 12 }, (_, i) => [`mx${i}.many.test`, { A: [`198.51.100.${100 + i}`] }]),
);

interface Case {
  name: string;
  domain: string;
  ids: string[];
  absent?: string[];
  nullMx?: boolean;
  implicit?: boolean;
  hosts?: Array<Record<string, unknown>>;
  params?: Record<string, Record<string, unknown>>;
}

const zone: FixtureZone = {
  // Two hosts, each forward-confirmed
  'good.test': {
    MX: [
      [20, 'mx2.good.test'],
      [10, 'mx1.good.test'],
    ],
  },
  'mx1.good.test': { A: ['192.0.2.1'] },
  'mx2.good.test': { A: ['192.0.2.2'], AAAA: ['2001:db8::1'] },
  '1.2.0.192.in-addr.arpa': { PTR: ['mx1.good.test'] },
  '2.2.0.192.in-addr.arpa': { PTR: ['mx2.good.test'] },
  [V6_MX]: { PTR: ['mx2.good.test'] },
  // No MX, no address; and a name that does not exist at all
  'none.test': { TXT: ['v=spf1 -all'] },
  // No MX, an A record: the implicit MX
  'implicit.test': { A: ['192.0.2.50'] },
  // RFC 7505 null MX, alone and mixed
  'nullmx.test': { MX: [[0, '.']] },
  'mixed.test': {
    MX: [
      [0, '.'],
      [10, 'mx.mixed.test'],
    ],
  },
  'mx.mixed.test': { A: ['192.0.2.60'] },
  '60.2.0.192.in-addr.arpa': { PTR: ['mx.mixed.test'] },
  // A host without an address (the only one), and beside a working one
  'noaddr.test': { MX: [[10, 'gone.noaddr.test']] },
  'partial.test': {
    MX: [
      [10, 'mx.partial.test'],
      [20, 'gone.partial.test'],
    ],
  },
  'mx.partial.test': { A: ['192.0.2.70'] },
  '70.2.0.192.in-addr.arpa': { PTR: ['mx.partial.test'] },
  // Private address
  'private.test': { MX: [[10, 'mx.private.test']] },
  'mx.private.test': { A: ['10.1.2.3'] },
  // An IP literal as exchange; an invalid name
  'literal.test': { MX: [[10, '192.0.2.80']] },
  'badname.test': { MX: [[10, 'localhost']] },
  // The exchange is an alias
  'alias.test': { MX: [[10, 'mail.alias.test']] },
  'mail.alias.test': { CNAME: 'real.alias.test' },
  'real.alias.test': { A: ['192.0.2.90'] },
  '90.2.0.192.in-addr.arpa': { PTR: ['real.alias.test'] },
  // Reverse DNS that does not lead back
  'noptr.test': { MX: [[10, 'mx.noptr.test']] },
  'mx.noptr.test': { A: ['192.0.2.100', '192.0.2.101'] },
  '100.2.0.192.in-addr.arpa': { PTR: ['mx.noptr.test'] },
  '101.2.0.192.in-addr.arpa': { PTR: ['elsewhere.isp.test'] },
  'elsewhere.isp.test': { A: ['192.0.2.250'] },
  // Too many hosts
  'many.test': { MX: Array.from({ length: 12 }, (_, i): [number, string] => [i, `mx${i}.many.test`]) },
  ...manyHosts,
  // Lookups that time out
  'slowmx.test': { TIMEOUT: ['MX'] },
  'slowhost.test': { MX: [[10, 'mx.slowhost.test']] },
  'mx.slowhost.test': { TIMEOUT: true },
};

const cases: Case[] = [
  {
    name: 'two hosts with forward-confirmed reverse DNS',
    domain: 'good.test',
    ids: ['mx.pass'],
    absent: ['mx.no-fcrdns'],
    nullMx: false,
    hosts: [
      {
        exchange: 'mx1.good.test',
        priority: 10,
        addresses: ['192.0.2.1'],
        fcrdns: true,
        ptr: { '192.0.2.1': ['mx1.good.test'] },
      },
      { exchange: 'mx2.good.test', priority: 20, addresses: ['192.0.2.2', '2001:db8::1'], fcrdns: true },
    ],
    params: { 'mx.pass': { count: 2, hosts: ['10 mx1.good.test', '20 mx2.good.test'] } },
  },
  {
    name: 'no MX and no address',
    domain: 'none.test',
    ids: ['mx.none'],
    hosts: [],
  },
  { name: 'a domain that does not exist', domain: 'nxdomain.test', ids: ['mx.none'], hosts: [] },
  {
    name: 'no MX but an A record: the implicit MX',
    domain: 'implicit.test',
    ids: ['mx.implicit'],
    implicit: true,
    hosts: [],
    params: { 'mx.implicit': { addresses: ['192.0.2.50'] } },
  },
  { name: 'a null MX alone', domain: 'nullmx.test', ids: ['mx.null'], nullMx: true, hosts: [] },
  {
    name: 'a null MX mixed with a real one',
    domain: 'mixed.test',
    ids: ['mx.null-mixed', 'mx.pass'],
    nullMx: false,
    hosts: [{ exchange: 'mx.mixed.test' }],
  },
  {
    name: 'the only host has no address',
    domain: 'noaddr.test',
    ids: ['mx.host-no-address', 'mx.no-usable-host'],
    absent: ['mx.pass'],
    hosts: [{ exchange: 'gone.noaddr.test', addresses: [], fcrdns: false, problems: ['no-address'] }],
  },
  {
    name: 'a second host has no address',
    domain: 'partial.test',
    ids: ['mx.host-no-address'],
    absent: ['mx.no-usable-host', 'mx.pass'],
    params: { 'mx.host-no-address': { host: 'gone.partial.test' } },
  },
  {
    name: 'a private address',
    domain: 'private.test',
    ids: ['mx.private-address', 'mx.no-usable-host'],
    hosts: [{ addresses: ['10.1.2.3'], problems: ['private-address'], ptr: {} }],
    params: { 'mx.private-address': { addresses: ['10.1.2.3'] } },
  },
  {
    name: 'an IP literal as exchange',
    domain: 'literal.test',
    ids: ['mx.ip-literal', 'mx.no-usable-host'],
    hosts: [{ exchange: '192.0.2.80', addresses: [], problems: ['ip-literal'] }],
  },
  {
    name: 'an invalid host name',
    domain: 'badname.test',
    ids: ['mx.invalid-name', 'mx.no-usable-host'],
    hosts: [{ exchange: 'localhost', problems: ['invalid-name'] }],
  },
  {
    name: 'the exchange is a CNAME',
    domain: 'alias.test',
    ids: ['mx.cname'],
    absent: ['mx.pass', 'mx.no-usable-host'],
    hosts: [{ exchange: 'mail.alias.test', cname: 'real.alias.test', addresses: ['192.0.2.90'] }],
    params: { 'mx.cname': { target: 'real.alias.test' } },
  },
  {
    name: 'one address whose reverse DNS does not lead back',
    domain: 'noptr.test',
    ids: ['mx.pass', 'mx.no-fcrdns'],
    hosts: [{ fcrdns: false, confirmed: ['192.0.2.100'] }],
    params: {
      'mx.no-fcrdns': { ip: '192.0.2.101', ptr: ['elsewhere.isp.test'], addresses: ['192.0.2.101'] },
    },
  },
  {
    name: 'more hosts than we check',
    domain: 'many.test',
    ids: ['mx.too-many'],
    params: {
      'mx.too-many': {
        count: 12,
        checked: LIMITS.auditMxHosts,
        skipped: ['mx10.many.test', 'mx11.many.test'],
      },
    },
  },
  { name: 'the MX lookup times out', domain: 'slowmx.test', ids: ['mx.temperror'], absent: ['mx.none'] },
  {
    name: 'the host lookups time out',
    domain: 'slowhost.test',
    ids: ['mx.temperror'],
    absent: ['mx.no-usable-host', 'mx.host-no-address'],
    hosts: [{ problems: ['temperror'] }],
    params: { 'mx.temperror': { names: ['mx.slowhost.test'], error: 'ETIMEOUT' } },
  },
];

let dns: FixtureDnsServer;
let resolver: DnsResolver;
beforeAll(async () => {
  dns = await startFixtureDns({ zone });
  resolver = new DnsResolver({ servers: [dns.server], timeoutMs: 300, retries: 0 });
});
afterAll(() => dns.stop());

const contextFor = (domain: string): AuditContext => ({
  domain,
  dns: new DnsSession(resolver),
  now: new Date('2026-01-10T00:00:00Z'),
  options: {},
});

const byId = (findings: Finding[], id: string) => findings.find((f) => f.id === id);

describe('auditMx', () => {
  it.each(cases)('$name', async (c) => {
    const { data, findings } = await auditMx(contextFor(c.domain));
    const ids = findings.map((f) => f.id);
    for (const id of c.ids) expect(ids).toContain(id);
    for (const id of c.absent ?? []) expect(ids).not.toContain(id);
    if (c.nullMx !== undefined) expect(data.nullMx).toBe(c.nullMx);
    if (c.implicit !== undefined) expect(data.implicit).toBe(c.implicit);
    if (c.hosts) {
      expect(data.hosts).toHaveLength(c.hosts.length);
      c.hosts.forEach((expected, i) => expect(data.hosts[i]).toMatchObject(expected));
    }
    for (const [id, params] of Object.entries(c.params ?? {})) {
      expect(byId(findings, id)?.params).toMatchObject(params);
    }
    for (const finding of findings) {
      expect(CHECK_RULES[finding.id]).toBeDefined();
      for (const lang of ['en', 'ja'] as const) {
        const text = checkText(finding, lang);
        expect(text.title + text.detail + (text.fix ?? '')).not.toMatch(/\{[a-zA-Z]+\}/);
      }
    }
  });

  it('checks at most the bounded number of hosts', async () => {
    const { data } = await auditMx(contextFor('many.test'));
    expect(data.hosts.map((h) => h.exchange)).toEqual(
      Array.from({ length: LIMITS.auditMxHosts }, (_, i) => `mx${i}.many.test`),
    );
    expect(data.records).toBe(12);
  });

  it('puts the domain into the fix', async () => {
    const { findings } = await auditMx(contextFor('none.test'));
    expect(checkText(byId(findings, 'mx.none')!, 'en').fix).toContain('"none.test. IN MX 0 ."');
    expect(checkText(byId(findings, 'mx.none')!, 'ja').fix).toContain('「none.test. IN MX 0 .」');
  });

  it('takes as long as its longest chain, not the sum of its lookups', async () => {
    const slow = await startFixtureDns({ zone, delayMs: 100 });
    try {
      const ctx: AuditContext = {
        ...contextFor('good.test'),
        dns: new DnsSession(new DnsResolver({ servers: [slow.server], timeoutMs: 2000, retries: 0 })),
      };
      const started = Date.now();
      const { data } = await auditMx(ctx);
      // MX → A/AAAA/CNAME → PTR → A: four round trips, whatever the number of hosts and addresses.
      expect(Date.now() - started).toBeLessThan(490);
      expect(data.hosts.every((h) => h.fcrdns)).toBe(true);
    } finally {
      await slow.stop();
    }
  });
});

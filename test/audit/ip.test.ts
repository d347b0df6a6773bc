import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditIp } from '../../src/audit/ip.js';
import type { AuditContext, AuditOptions } from '../../src/audit/types.js';
import type { Finding } from '../../src/checks/types.js';
import { DnsResolver } from '../../src/dns/resolver.js';
import { DnsSession } from '../../src/dns/session.js';
import { checkText } from '../../src/i18n/index.js';
import { CHECK_RULES } from '../../src/scoring/deductions.js';
import { blocklistFixture, CLEAN_IP, LISTED_IP, TEST_ZONES, ZONES } from '../support/blocklist-zones.js';
import { startFixtureDns, type FixtureDnsServer, type FixtureZone } from '../support/dns-server.js';

/** The answering lists only: the silent one would only add its timeout to every case. */
const zones = TEST_ZONES.filter(
  (z) => z.zone === ZONES.major || z.zone === ZONES.minor || z.zone === ZONES.allow,
);
const reversed = (ip: string) => `${ip.split('.').reverse().join('.')}.in-addr.arpa`;

const zone: FixtureZone = {
  ...blocklistFixture(),
  [reversed(CLEAN_IP)]: { PTR: ['mail.sender.test'] },
  'mail.sender.test': { A: [CLEAN_IP] },
  [reversed(LISTED_IP)]: { PTR: ['198-51-100-25.pool.isp.test'] },
  '198-51-100-25.pool.isp.test': { A: [LISTED_IP] },
  // 198.51.100.27: no PTR at all
};

interface Case {
  name: string;
  options: AuditOptions;
  /** null: no section data at all. */
  data: Record<string, unknown> | null;
  ids: string[];
  absent?: string[];
  params?: Record<string, Record<string, unknown>>;
  /** Whether any DNS question may be asked. */
  asks: boolean;
}

const cases: Case[] = [
  { name: 'no IP given: no section', options: {}, data: null, ids: [], asks: false },
  {
    name: 'not an IP',
    options: { ip: 'mail.example.com' },
    data: null,
    ids: ['iprev.sending-ip-invalid'],
    asks: false,
  },
  {
    name: 'a private address: a finding and no lookups',
    options: { ip: '10.0.0.5' },
    data: { ip: '10.0.0.5', notPublic: '10.0.0.0/8 (RFC 1918)', blocklists: [], ptr: [] },
    ids: ['iprev.sending-ip-not-public'],
    absent: ['blocklists.ip-not-checked'],
    params: { 'iprev.sending-ip-not-public': { block: '10.0.0.0/8', rfc: 'RFC 1918' } },
    asks: false,
  },
  {
    name: 'loopback, even the blocklists test point',
    options: { ip: '127.0.0.2' },
    data: { notPublic: '127.0.0.0/8 (RFC 1122)' },
    ids: ['iprev.sending-ip-not-public'],
    asks: false,
  },
  {
    name: 'a clean IP with confirmed reverse DNS',
    options: { ip: CLEAN_IP, blocklists: zones },
    data: { ip: CLEAN_IP, ptr: ['mail.sender.test'], fcrdns: true, iprev: 'pass', spf: null },
    ids: ['iprev.pass', 'blocklists.clean', 'blocklists.allowlisted'],
    absent: ['blocklists.ip-listed'],
    asks: true,
  },
  {
    name: 'a listed IP with a generic PTR',
    options: { ip: LISTED_IP, blocklists: zones },
    data: { fcrdns: true, iprev: 'pass' },
    ids: ['iprev.pass', 'iprev.generic', 'blocklists.ip-listed', 'blocklists.ip-minor'],
    params: { 'blocklists.ip-listed': { ip: LISTED_IP } },
    asks: true,
  },
  {
    name: 'no PTR: the fix names a host in the audited domain',
    options: { ip: '198.51.100.27', blocklists: zones },
    data: { ptr: [], fcrdns: false, iprev: 'permerror' },
    ids: ['iprev.no-ptr'],
    params: { 'iprev.no-ptr': { host: 'mail.sender.test', domain: 'sender.test' } },
    asks: true,
  },
  {
    name: 'an IPv4-mapped IPv6 address is its IPv4 address',
    options: { ip: `::ffff:${CLEAN_IP}`, blocklists: zones },
    data: { ip: CLEAN_IP, fcrdns: true },
    ids: ['iprev.pass'],
    asks: true,
  },
];

let dns: FixtureDnsServer;
let resolver: DnsResolver;
beforeAll(async () => {
  dns = await startFixtureDns({ zone });
  resolver = new DnsResolver({ servers: [dns.server], timeoutMs: 300, retries: 0 });
});
afterAll(() => dns.stop());

const byId = (findings: Finding[], id: string) => findings.find((f) => f.id === id);

describe('auditIp', () => {
  it.each(cases)('$name', async (c) => {
    const before = dns.queries.length;
    const ctx: AuditContext = {
      domain: 'sender.test',
      // A resolver of its own: no answer cached by an earlier case hides a lookup.
      dns: new DnsSession(new DnsResolver({ servers: [dns.server], timeoutMs: 300, retries: 0 })),
      now: new Date('2026-01-10T00:00:00Z'),
      options: c.options,
    };
    const { data, findings } = await auditIp(ctx);
    if (c.data === null) expect(data).toBeNull();
    else expect(data).toMatchObject(c.data);
    const ids = findings.map((f) => f.id);
    expect(ids).toEqual(expect.arrayContaining(c.ids));
    if (c.ids.length === 0) expect(ids).toEqual([]);
    for (const id of c.absent ?? []) expect(ids).not.toContain(id);
    for (const [id, params] of Object.entries(c.params ?? {})) {
      expect(byId(findings, id)?.params).toMatchObject(params);
    }
    expect(dns.queries.length > before).toBe(c.asks);
    for (const finding of findings) {
      expect(CHECK_RULES[finding.id]).toBeDefined();
      for (const lang of ['en', 'ja'] as const) {
        const text = checkText(finding, lang);
        expect(text.title + text.detail + (text.fix ?? '')).not.toMatch(/\{[a-zA-Z]+\}/);
      }
    }
  });

  it('reports each list it asked', async () => {
    const ctx: AuditContext = {
      domain: 'sender.test',
      dns: new DnsSession(resolver),
      now: new Date(),
      options: { ip: LISTED_IP, blocklists: zones },
    };
    const { data } = await auditIp(ctx);
    expect(data?.blocklists.map((r) => [r.zone, r.status])).toEqual([
      [ZONES.major, 'listed'],
      [ZONES.minor, 'listed'],
      [ZONES.allow, 'clean'],
    ]);
  });
});

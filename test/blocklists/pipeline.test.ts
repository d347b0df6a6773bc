/**
 * Blocklists through the one pipeline: weights reaching the score (default and reweighed lists), the
 * report's `blocklists` block, the link check using the same lists, queries sent from the start of the
 * report (no added round trip), and a list that never answers cut by the report's deadline.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyBlocklistConfig } from '../../src/blocklists/config.js';
import type { BlocklistZone } from '../../src/blocklists/types.js';
import { DnsResolver } from '../../src/dns/resolver.js';
import { analyzeMessage, type EnvelopeInput } from '../../src/pipeline/analyze.js';
import type { Report } from '../../src/report/types.js';
import { startFixtureDns, type FixtureDnsServer, type FixtureZone } from '../support/dns-server.js';
import { buildMessage, dkimKeyName, dkimKeyRecord, generateDkimKey, signMessage } from '../support/sign.js';

const NOW = new Date('2025-01-07T10:05:00Z');
const key = generateDkimKey('rsa-2048');
const rev = (ip: string) => ip.split('.').reverse().join('.');

/** A sender set up right (SPF, DKIM, DMARC, FCrDNS) on several IPs, each with its own listings. */
// prettier-ignore
const zone: FixtureZone = {
  'example.com': { TXT: ['v=spf1 ip4:192.0.2.0/24 -all'] },
  [dkimKeyName('s1', 'example.com')]: { TXT: [dkimKeyRecord(key)] },
  '_dmarc.example.com': { TXT: ['v=DMARC1; p=reject'] },
  'mail.example.com': { A: ['192.0.2.10', '192.0.2.11', '192.0.2.12', '192.0.2.13', '192.0.2.14'] },
  ...Object.fromEntries(
    ['192.0.2.10', '192.0.2.11', '192.0.2.12', '192.0.2.13', '192.0.2.14'].map((ip) => [`${rev(ip)}.in-addr.arpa`, { PTR: ['mail.example.com'] }]),
  ),
  // .10 clean; .11 SBL + PBL on ZEN and SpamCop; .12 PBL only; .13 ZEN refuses; .14 ZEN never answers.
  [`${rev('192.0.2.11')}.zen.spamhaus.org`]: { A: ['127.0.0.2', '127.0.0.10'] },
  [`${rev('192.0.2.11')}.bl.spamcop.net`]: { A: ['127.0.0.2'] },
  [`${rev('192.0.2.12')}.zen.spamhaus.org`]: { A: ['127.0.0.10'] },
  [`${rev('192.0.2.13')}.zen.spamhaus.org`]: { A: ['127.255.255.254'] },
  [`${rev('192.0.2.14')}.zen.spamhaus.org`]: { TIMEOUT: true },
};

let dns: FixtureDnsServer;
let message: Buffer;
beforeAll(async () => {
  dns = await startFixtureDns({ zone });
  message = await signMessage(
    buildMessage({
      from: 'news@example.com',
      body: 'Hello,\nsee https://www.example.com/offer for details.\n',
    }),
    { domain: 'example.com', selector: 's1', key, signTime: new Date('2025-01-07T10:00:00Z') },
  );
});
afterAll(() => dns.stop());

const envelope = (clientIp: string): EnvelopeInput => ({
  clientIp,
  helo: 'mail.example.com',
  mailFrom: 'bounce@example.com',
  rcptTo: ['test@mailscore.test'],
  tls: { protocol: 'TLSv1.3', cipher: 'TLS_AES_256_GCM_SHA384' },
});

function analyze(
  clientIp: string,
  options: { blocklists?: readonly BlocklistZone[]; resolver?: DnsResolver; deadlineMs?: number } = {},
): Promise<Report> {
  const resolver = options.resolver ?? new DnsResolver({ servers: [dns.server], timeoutMs: 500, retries: 0 });
  return analyzeMessage(message, envelope(clientIp), {
    resolver,
    lang: 'en',
    now: NOW,
    blocklists: options.blocklists,
    deadlineMs: options.deadlineMs,
  });
}

/** The blocklist deductions (the message's own content costs a little in the built-in filter, in every report alike). */
const deductions = (report: Report) =>
  Object.fromEntries(
    report.checks
      .filter((c) => c.deduction > 0 && c.id.startsWith('blocklists.'))
      .map((c) => [c.id, c.deduction]),
  );
let baseline: Report;
const blocklistChecks = (report: Report) =>
  Object.fromEntries(
    report.checks.filter((c) => c.id.startsWith('blocklists.')).map((c) => [c.id, c.status]),
  );

describe('weights reaching the score', () => {
  it('deducts nothing for a clean sender, with the lists in the report', async () => {
    const report = await analyze('192.0.2.10');
    baseline = report;
    expect(report.checks.filter((c) => c.deduction > 0).map((c) => c.id)).toEqual(['spamFilter.score']);
    expect(blocklistChecks(report)).toEqual({ 'blocklists.clean': 'pass' });
    expect(report.blocklists.filter((r) => r.kind === 'ip')).toHaveLength(11);
    expect(report.blocklists.filter((r) => r.kind === 'domain').map((r) => `${r.zone} ${r.target}`)).toEqual([
      'dbl.spamhaus.org example.com',
      'multi.surbl.org example.com',
      'multi.uribl.com example.com',
      'dwl.dnswl.org example.com',
    ]);
    for (const result of report.blocklists)
      expect(Object.keys(result)).toEqual(expect.arrayContaining(['zone', 'listed', 'status', 'codes']));
  });

  it('deducts once per weight class: major 3.0, minor 1.0, policy 0', async () => {
    const report = await analyze('192.0.2.11');
    expect(deductions(report)).toEqual({ 'blocklists.ip-listed': 3, 'blocklists.ip-minor': 1 });
    expect(report.score).toBe(Math.round((baseline.score - 4) * 10) / 10);
    expect(blocklistChecks(report)).toEqual({
      'blocklists.ip-listed': 'fail',
      'blocklists.ip-minor': 'warn',
      'blocklists.ip-info': 'info',
    });
    const check = report.checks.find((c) => c.id === 'blocklists.ip-listed')!;
    expect(check).toMatchObject({
      category: 'blocklists',
      title: 'The sending IP 192.0.2.11 is on a major blocklist: Spamhaus ZEN',
    });
    expect(check.fix).toContain('https://check.spamhaus.org/');
    expect(report.blocklists[0]).toMatchObject({
      zone: 'zen.spamhaus.org',
      listed: true,
      status: 'listed',
      codes: ['127.0.0.2', '127.0.0.10'],
    });
  });

  it('costs nothing for a PBL listing alone, and says why', async () => {
    const report = await analyze('192.0.2.12');
    expect(report.score).toBe(baseline.score);
    expect(blocklistChecks(report)).toEqual({ 'blocklists.ip-info': 'info' });
    expect(report.checks.find((c) => c.id === 'blocklists.ip-info')!.detail).toContain('policy list');
  });

  it('follows the operator’s weights', async () => {
    const blocklists = applyBlocklistConfig({
      weights: { 'zen.spamhaus.org': 'minor', 'bl.spamcop.net': 'info' },
    });
    const report = await analyze('192.0.2.11', { blocklists });
    expect(deductions(report)).toEqual({ 'blocklists.ip-minor': 1 });
    const removed = applyBlocklistConfig({ remove: ['zen.spamhaus.org', 'bl.spamcop.net'] });
    expect((await analyze('192.0.2.11', { blocklists: removed })).score).toBe(baseline.score);
  });

  it('deducts nothing for a refusal and tells the operator what to do', async () => {
    const report = await analyze('192.0.2.13');
    expect(report.score).toBe(baseline.score);
    expect(blocklistChecks(report)).toEqual({ 'blocklists.refused': 'error', 'blocklists.clean': 'pass' });
    expect(report.checks.find((c) => c.id === 'blocklists.refused')!.fix).toContain('own recursive resolver');
    expect(report.blocklists[0]).toMatchObject({
      zone: 'zen.spamhaus.org',
      listed: false,
      status: 'error',
      codes: ['127.255.255.254'],
    });
  });

  it('asks the link domains of the operator’s domain lists too', async () => {
    const blocklists = applyBlocklistConfig({
      replace: true,
      add: [{ zone: 'rhsbl.example.org', kind: 'domain', weight: 'major' }],
    });
    const before = dns.queries.length;
    const report = await analyze('192.0.2.10', { blocklists });
    const asked = dns.queries.slice(before).map((q) => q.name);
    expect(asked.filter((name) => name.endsWith('.rhsbl.example.org'))).toEqual([
      'example.com.rhsbl.example.org',
    ]);
    expect(asked.some((name) => name.endsWith('.spamhaus.org'))).toBe(false);
    expect(report.checks.find((c) => c.id === 'links.uribl-clean')!.detail).toContain('rhsbl.example.org');
  });
});

describe('speed and faults', () => {
  it('sends every list query from the start of the report, beside the other checks', async () => {
    const slow = await startFixtureDns({ zone, delayMs: 50 });
    try {
      const resolver = new DnsResolver({ servers: [slow.server], timeoutMs: 1_000, retries: 0 });
      const report = await analyze('192.0.2.10', { resolver });
      expect(report.auth.spf.result).toBe('pass');
      const first = Math.min(...slow.queries.map((q) => q.at));
      const lists = slow.queries.filter((q) =>
        /\.(spamhaus\.org|spamcop\.net|uceprotect\.net|dnswl\.org|mailspike\.net|surriel\.com|manitu\.net|barracudacentral\.org|surbl\.org|uribl\.com)$/.test(
          q.name,
        ),
      );
      expect(lists.length).toBeGreaterThanOrEqual(15);
      // Asked within the first round trip: none waited for another answer.
      for (const query of lists) expect(query.at - first, query.name).toBeLessThan(45);
    } finally {
      await slow.stop();
    }
  });

  it('cuts a list that never answers at the report deadline, and the report still comes', async () => {
    const resolver = new DnsResolver({ servers: [dns.server], timeoutMs: 5_000, retries: 0 });
    const started = Date.now();
    const report = await analyze('192.0.2.14', { resolver, deadlineMs: 600 });
    const elapsed = Date.now() - started;
    expect(elapsed).toBeLessThan(1_500);
    expect(report.blocklists[0]).toMatchObject({
      zone: 'zen.spamhaus.org',
      status: 'error',
      error: 'timeout',
    });
    expect(blocklistChecks(report)).toEqual({ 'blocklists.error': 'error', 'blocklists.clean': 'pass' });
    expect(report.score).toBe(baseline.score);
  });
});

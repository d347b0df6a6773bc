/**
 * One target on the default lists, against a real DNS server serving fixture zones: listed, clean,
 * refused (by code and by REFUSED), never answering, IPv6 nibble queries, allowlists, domains.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lookUpTarget } from '../../src/blocklists/lookup.js';
import { parseBlocklistTarget } from '../../src/blocklists/query.js';
import { DEFAULT_BLOCKLIST_ZONES } from '../../src/blocklists/zones.js';
import type { Finding } from '../../src/checks/types.js';
import { DnsResolver } from '../../src/dns/resolver.js';
import { DnsSession } from '../../src/dns/session.js';
import { checkText } from '../../src/i18n/index.js';
import { startFixtureDns, type FixtureDnsServer, type FixtureZone } from '../support/dns-server.js';

const rev = (ip: string) => ip.split('.').reverse().join('.');
const V6 = '2001:db8::25';
const V6_NIBBLES = '5.2.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.8.b.d.0.1.0.0.2';

// prettier-ignore
const zone: FixtureZone = {
  // 198.51.100.7: SBL and PBL on ZEN, SpamCop, UCEPROTECT 2, and DNSWL with low trust.
  [`${rev('198.51.100.7')}.zen.spamhaus.org`]: { A: ['127.0.0.2', '127.0.0.10'] },
  [`${rev('198.51.100.7')}.bl.spamcop.net`]: { A: ['127.0.0.2'] },
  [`${rev('198.51.100.7')}.dnsbl-2.uceprotect.net`]: { A: ['127.0.0.2'] },
  [`${rev('198.51.100.7')}.list.dnswl.org`]: { A: ['127.0.5.1'] },
  // 198.51.100.8: on no blocklist, on DNSWL with high trust.
  [`${rev('198.51.100.8')}.list.dnswl.org`]: { A: ['127.0.9.3'], ttl: 600 },
  // 198.51.100.9: ZEN refuses (public resolver code), Barracuda refuses the resolver (REFUSED).
  [`${rev('198.51.100.9')}.zen.spamhaus.org`]: { A: ['127.255.255.254'] },
  [`${rev('198.51.100.9')}.b.barracudacentral.org`]: { REFUSED: true },
  // 198.51.100.10: PSBL never answers; Mailspike's answer is rewritten by a hijacking resolver.
  [`${rev('198.51.100.10')}.psbl.surriel.com`]: { TIMEOUT: true },
  [`${rev('198.51.100.10')}.bl.mailspike.net`]: { A: ['198.18.0.1'] },
  // 198.51.100.11: only Barracuda refuses.
  [`${rev('198.51.100.11')}.b.barracudacentral.org`]: { REFUSED: true },
  // IPv6: XBL on ZEN.
  [`${V6_NIBBLES}.zen.spamhaus.org`]: { A: ['127.0.0.4'] },
  // RFC 5782 test point.
  [`2.0.0.127.zen.spamhaus.org`]: { A: ['127.0.0.2', '127.0.0.10'] },
  // Domains.
  'spammer.example.dbl.spamhaus.org': { A: ['127.0.1.2'] },
  'spammer.example.multi.surbl.org': { A: ['127.0.0.64'] },
  'hacked.example.dbl.spamhaus.org': { A: ['127.0.1.102'] },
  'trusted.example.dwl.dnswl.org': { A: ['127.0.2.2'] },
};

let dns: FixtureDnsServer;
beforeAll(async () => {
  dns = await startFixtureDns({ zone });
});
afterAll(() => dns.stop());

function session(options: { timeoutMs?: number; deadlineMs?: number; resolver?: DnsResolver } = {}) {
  const resolver =
    options.resolver ??
    new DnsResolver({ servers: [dns.server], timeoutMs: options.timeoutMs ?? 300, retries: 0 });
  return new DnsSession(resolver, options.deadlineMs ?? 5_000);
}

async function lookUp(input: string, options: Parameters<typeof session>[0] = {}) {
  const dnsSession = session(options);
  try {
    return await lookUpTarget(dnsSession, parseBlocklistTarget(input)!, DEFAULT_BLOCKLIST_ZONES);
  } finally {
    dnsSession.close();
  }
}

const ids = (findings: Finding[]) => findings.map((f) => f.id);
const byZone = (results: Awaited<ReturnType<typeof lookUp>>['results']) =>
  Object.fromEntries(results.map((r) => [r.zone, r]));

describe('an IP address on the default lists', () => {
  it('decodes every listing and gives one finding per weight class', async () => {
    const lookup = await lookUp('198.51.100.7');
    expect(lookup).toMatchObject({ kind: 'ip', target: '198.51.100.7', notPublic: null });
    expect(lookup.results).toHaveLength(11);
    const results = byZone(lookup.results);
    expect(results['zen.spamhaus.org']).toMatchObject({
      zone: 'zen.spamhaus.org',
      listed: true,
      status: 'listed',
      codes: ['127.0.0.2', '127.0.0.10'],
      name: 'Spamhaus ZEN',
      target: '198.51.100.7',
      kind: 'ip',
      role: 'block',
      weight: 'major',
      error: null,
      removal: 'https://check.spamhaus.org/',
    });
    expect(results['zen.spamhaus.org']!.listings.map((l) => l.tag)).toEqual(['SBL', 'PBL']);
    expect(results['bl.spamcop.net']).toMatchObject({ status: 'listed', weight: 'minor' });
    expect(results['psbl.surriel.com']).toMatchObject({
      listed: false,
      status: 'clean',
      codes: [],
      weight: null,
    });
    expect(results['list.dnswl.org']).toMatchObject({ role: 'allow', status: 'listed', weight: 'info' });

    expect(ids(lookup.findings)).toEqual([
      'blocklists.ip-listed',
      'blocklists.ip-minor',
      'blocklists.ip-info',
      'blocklists.allowlisted',
    ]);
    const [major, minor, info] = lookup.findings;
    expect(major!.params).toMatchObject({
      ip: '198.51.100.7',
      lists: ['Spamhaus ZEN'],
      count: 1,
      listings: ['Spamhaus ZEN: SBL (127.0.0.2, 127.0.0.10)'],
      meaning: 'spam-source',
      advice: 'stop-spam',
      removal: ['https://check.spamhaus.org/'],
    });
    expect(minor!.params).toMatchObject({ lists: ['SpamCop'], meaning: 'spam-reports' });
    // PBL and UCEPROTECT 2 are information: the same ZEN answer shows in both classes, each with its own tags.
    expect(info!.params).toMatchObject({
      lists: ['Spamhaus ZEN', 'UCEPROTECT level 2'],
      listings: ['Spamhaus ZEN: PBL (127.0.0.2, 127.0.0.10)', 'UCEPROTECT level 2: UCEPROTECT-2 (127.0.0.2)'],
      meaning: 'policy-isp',
      advice: 'policy',
    });
  });

  it('words the findings in both languages, with the meaning, the advice and the removal page', async () => {
    const lookup = await lookUp('198.51.100.7');
    const major = lookup.findings[0]!;
    const en = checkText(major, 'en');
    expect(en.title).toBe('The sending IP 198.51.100.7 is on a major blocklist: Spamhaus ZEN');
    expect(en.detail).toContain('a known source of spam or a spam operation (Spamhaus SBL)');
    expect(en.fix).toContain('Find what sent the spam and stop it first');
    expect(en.fix).toContain('https://check.spamhaus.org/');
    const ja = checkText(major, 'ja');
    expect(ja.title).toBe('送信元 IP 198.51.100.7 が主要なブロックリストに登録されています: Spamhaus ZEN');
    expect(ja.detail).toContain('既知のスパム送信元');
    expect(ja.fix).toContain('https://check.spamhaus.org/');
    const pbl = checkText(lookup.findings[2]!, 'en');
    expect(pbl.fix).toContain('ask your ISP to take it off the PBL');
  });

  it('is clean where nothing lists it, and shows the allowlist', async () => {
    const lookup = await lookUp('198.51.100.8');
    expect(ids(lookup.findings)).toEqual(['blocklists.allowlisted', 'blocklists.clean']);
    expect(lookup.findings[0]!.params).toMatchObject({ listings: ['198.51.100.8: DNSWL: HI (127.0.9.3)'] });
    expect(lookup.findings[1]!.params).toMatchObject({ targets: ['198.51.100.8'], count: 9 });
    expect(checkText(lookup.findings[0]!, 'en').detail).toContain('it does not change the score');
  });

  it('reads refusals (the refusal code, and REFUSED from a list that wants registered resolvers) as errors', async () => {
    const lookup = await lookUp('198.51.100.9');
    const results = byZone(lookup.results);
    expect(results['zen.spamhaus.org']).toMatchObject({
      listed: false,
      status: 'error',
      error: 'refused',
      codes: ['127.255.255.254'],
      listings: [],
    });
    expect(results['b.barracudacentral.org']).toMatchObject({ status: 'error', error: 'refused' });
    expect(ids(lookup.findings)).toEqual(['blocklists.refused', 'blocklists.clean']);
    const refused = lookup.findings[0]!;
    expect(refused.params).toMatchObject({ lists: ['Spamhaus ZEN', 'Barracuda'], count: 2, advice: 'both' });
    expect(checkText(refused, 'en').fix).toContain('run your own recursive resolver');
    expect(checkText(refused, 'en').fix).toContain('https://www.barracudacentral.org/account/register');
    expect(checkText(refused, 'ja').fix).toContain('自前の再帰リゾルバー');
  });

  it('tells the operator to register the resolver when only Barracuda refuses', async () => {
    const lookup = await lookUp('198.51.100.11');
    const refused = lookup.findings.find((f) => f.id === 'blocklists.refused')!;
    expect(refused.params).toMatchObject({ lists: ['Barracuda'], advice: 'register' });
    expect(checkText(refused, 'en').fix).toContain('register the public IP address of your DNS resolver');
  });

  it('ends a list that never answers as a timeout at the DNS timeout, and a rewritten answer as unexpected', async () => {
    const started = Date.now();
    const lookup = await lookUp('198.51.100.10', { timeoutMs: 200 });
    expect(Date.now() - started).toBeLessThan(1_000);
    const results = byZone(lookup.results);
    expect(results['psbl.surriel.com']).toMatchObject({ status: 'error', error: 'timeout' });
    expect(results['bl.mailspike.net']).toMatchObject({
      status: 'error',
      error: 'unexpected',
      codes: ['198.18.0.1'],
    });
    const error = lookup.findings.find((f) => f.id === 'blocklists.error')!;
    expect(error.params).toMatchObject({ lists: ['PSBL', 'Mailspike'], count: 2, reason: 'timeout' });
    expect(checkText(error, 'en').detail).toBe(
      'PSBL, Mailspike: no answer came in time. Whether the sender is listed there is unknown; nothing was deducted.',
    );
  });

  it('never waits past the deadline for a list whose server never answers', async () => {
    const silent = await startFixtureDns({ silent: true });
    try {
      const resolver = new DnsResolver({ servers: [silent.server], timeoutMs: 5_000, retries: 1 });
      const started = Date.now();
      const lookup = await lookUp('198.51.100.8', { resolver, deadlineMs: 400 });
      const elapsed = Date.now() - started;
      expect(elapsed).toBeGreaterThanOrEqual(350);
      expect(elapsed).toBeLessThan(1_000);
      expect(lookup.results.every((r) => r.status === 'error' && r.error === 'timeout')).toBe(true);
      expect(ids(lookup.findings)).toEqual(['blocklists.error']);
    } finally {
      await silent.stop();
    }
  });

  it('asks IPv6 addresses in nibble form, of the lists that hold IPv6 only', async () => {
    const before = dns.queries.length;
    const lookup = await lookUp(V6);
    const asked = dns.queries.slice(before).map((q) => q.name.toLowerCase());
    expect(asked.sort()).toEqual([`${V6_NIBBLES}.list.dnswl.org`, `${V6_NIBBLES}.zen.spamhaus.org`]);
    expect(lookup.results.map((r) => r.zone)).toEqual(['zen.spamhaus.org', 'list.dnswl.org']);
    expect(lookup.findings[0]).toMatchObject({
      id: 'blocklists.ip-listed',
      params: { ip: V6, meaning: 'exploited', advice: 'clean-host' },
    });
  });

  it('does not ask about private or reserved addresses', async () => {
    const before = dns.queries.length;
    const lookup = await lookUp('10.1.2.3');
    expect(dns.queries.length).toBe(before);
    expect(lookup).toMatchObject({ results: [], notPublic: '10.0.0.0/8 (RFC 1918)' });
    expect(lookup.findings).toEqual([
      {
        id: 'blocklists.ip-not-checked',
        params: { ip: '10.1.2.3', reason: 'not-public', block: '10.0.0.0/8 (RFC 1918)' },
      },
    ]);
    expect(checkText(lookup.findings[0]!, 'en').detail).toContain('is a private or reserved address');
  });

  it('asks about the RFC 5782 test point 127.0.0.2, which every list holds', async () => {
    const lookup = await lookUp('127.0.0.2');
    expect(lookup.notPublic).toBeNull();
    expect(byZone(lookup.results)['zen.spamhaus.org']!.status).toBe('listed');
  });

  it('asks every list at once, and answers the second time from the cache', async () => {
    const slow = await startFixtureDns({ zone, delayMs: 100 });
    try {
      const resolver = new DnsResolver({ servers: [slow.server], timeoutMs: 1_000, retries: 0 });
      const started = Date.now();
      await lookUp('198.51.100.8', { resolver });
      expect(Date.now() - started).toBeLessThan(400);
      expect(slow.queries).toHaveLength(11);
      const again = await lookUp('198.51.100.8', { resolver });
      expect(slow.queries).toHaveLength(11);
      expect(ids(again.findings)).toEqual(['blocklists.allowlisted', 'blocklists.clean']);
    } finally {
      await slow.stop();
    }
  });
});

describe('a domain on the default lists', () => {
  it('asks the domain lists the name as given', async () => {
    const before = dns.queries.length;
    const lookup = await lookUp('Spammer.Example');
    expect(
      dns.queries
        .slice(before)
        .map((q) => q.name.toLowerCase())
        .sort(),
    ).toEqual([
      'spammer.example.dbl.spamhaus.org',
      'spammer.example.dwl.dnswl.org',
      'spammer.example.multi.surbl.org',
      'spammer.example.multi.uribl.com',
    ]);
    expect(ids(lookup.findings)).toEqual(['blocklists.domain-listed']);
    expect(lookup.findings[0]!.params).toMatchObject({
      domain: 'spammer.example',
      domains: ['spammer.example'],
      lists: ['Spamhaus DBL', 'SURBL multi'],
      count: 2,
      listings: [
        'spammer.example: Spamhaus DBL: 127.0.1.2',
        'spammer.example: SURBL multi: ABUSE (127.0.0.64)',
      ],
      meaning: 'spam',
      removal: ['https://check.spamhaus.org/', 'https://surbl.org/surbl-analysis'],
    });
  });

  it('asks lists that hold only registered domains for the registered domain of a host name', async () => {
    const before = dns.queries.length;
    const lookup = await lookUp('www.spammer.example');
    expect(
      dns.queries
        .slice(before)
        .map((q) => q.name.toLowerCase())
        .sort(),
    ).toEqual([
      'spammer.example.multi.surbl.org',
      'spammer.example.multi.uribl.com',
      'www.spammer.example.dbl.spamhaus.org',
      'www.spammer.example.dwl.dnswl.org',
    ]);
    expect(lookup.target).toBe('www.spammer.example');
    expect(lookup.results.map((r) => `${r.zone} ${r.target} ${r.status}`)).toEqual([
      'dbl.spamhaus.org www.spammer.example clean',
      'multi.surbl.org spammer.example listed',
      'multi.uribl.com spammer.example clean',
      'dwl.dnswl.org www.spammer.example clean',
    ]);
  });

  it('gives minor listings and allowlists their own findings', async () => {
    expect(ids((await lookUp('hacked.example')).findings)).toEqual(['blocklists.domain-minor']);
    expect(ids((await lookUp('trusted.example')).findings)).toEqual([
      'blocklists.allowlisted',
      'blocklists.clean',
    ]);
  });
});

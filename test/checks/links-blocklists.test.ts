import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkLinks, linkDomains } from '../../src/checks/links.js';
import type { CheckContext } from '../../src/checks/types.js';
import {
  decodeAnswers,
  lookUpDomains,
  URI_ZONES,
  uriBlocklistFindings,
  type UriZone,
} from '../../src/checks/links/uri-blocklists.js';
import type { ContentLink, ContentModel } from '../../src/content/types.js';
import { DnsResolver } from '../../src/dns/resolver.js';
import { DnsSession } from '../../src/dns/session.js';
import { checkText } from '../../src/i18n/index.js';
import { parseMessage } from '../../src/message/parse.js';
import { startFixtureDns, type FixtureDnsServer, type FixtureZone } from '../support/dns-server.js';

const [DBL, SURBL, URIBL] = URI_ZONES as [UriZone, UriZone, UriZone];

describe('return codes', () => {
  // prettier-ignore
  const cases: Array<[UriZone, string[], string, string[], string | null]> = [
    // zone, answers, status, meanings, error
    [DBL, ['127.0.1.2'], 'listed', ['spam'], null],
    [DBL, ['127.0.1.4'], 'listed', ['phish'], null],
    [DBL, ['127.0.1.5'], 'listed', ['malware'], null],
    [DBL, ['127.0.1.6'], 'listed', ['botnet'], null],
    [DBL, ['127.0.1.102'], 'listed', ['abused-spam'], null],
    [DBL, ['127.0.1.103'], 'listed', ['abused-redirector'], null],
    [DBL, ['127.0.1.104'], 'listed', ['abused-phish'], null],
    [DBL, ['127.0.1.105'], 'listed', ['abused-malware'], null],
    [DBL, ['127.0.1.106'], 'listed', ['abused-botnet'], null],
    [DBL, ['127.0.1.2', '127.0.1.4'], 'listed', ['spam', 'phish'], null],
    [DBL, ['127.0.1.7'], 'listed', ['unknown'], null],
    [DBL, ['127.255.255.254'], 'error', [], 'refused'],
    [DBL, ['127.255.255.255'], 'error', [], 'refused'],
    [DBL, ['127.255.255.252'], 'error', [], 'bad-query'],
    [DBL, ['127.0.1.255'], 'error', [], 'bad-query'],
    [DBL, ['127.0.1.2', '127.255.255.254'], 'error', [], 'refused'],
    [DBL, ['192.0.2.99'], 'error', [], 'unexpected'],
    [DBL, ['127.0.0.2'], 'error', [], 'unexpected'],
    [SURBL, ['127.0.0.8'], 'listed', ['phish'], null],
    [SURBL, ['127.0.0.16'], 'listed', ['malware'], null],
    [SURBL, ['127.0.0.64'], 'listed', ['abuse'], null],
    [SURBL, ['127.0.0.128'], 'listed', ['cracked'], null],
    [SURBL, ['127.0.0.88'], 'listed', ['phish', 'malware', 'abuse'], null],
    [SURBL, ['127.0.0.2'], 'listed', ['unknown'], null],
    [SURBL, ['127.0.0.1'], 'error', [], 'refused'],
    [SURBL, ['127.0.0.0'], 'error', [], 'unexpected'],
    [SURBL, ['10.0.0.1'], 'error', [], 'unexpected'],
    [URIBL, ['127.0.0.2'], 'listed', ['black'], null],
    [URIBL, ['127.0.0.4'], 'listed', ['grey'], null],
    [URIBL, ['127.0.0.8'], 'listed', ['red'], null],
    [URIBL, ['127.0.0.14'], 'listed', ['black', 'grey', 'red'], null],
    [URIBL, ['127.0.0.1'], 'error', [], 'refused'],
    [URIBL, ['127.0.0.255'], 'listed', ['black', 'grey', 'red', 'unknown'], null],
    [URIBL, ['::1'], 'error', [], 'unexpected'],
    [URIBL, [], 'clean', [], null],
  ];
  it.each(cases)('%s %j → %s %j %s', (zone, answers, status, meanings, error) => {
    const decoded = decodeAnswers(zone, answers);
    expect(decoded.status).toBe(status);
    expect(decoded.listings.map((l) => l.meaning)).toEqual(meanings);
    expect(decoded.error).toBe(error);
  });

  it('weighs listings major or minor', () => {
    const weight = (zone: UriZone, code: string) => decodeAnswers(zone, [code]).listings.map((l) => l.weight);
    expect(weight(DBL, '127.0.1.2')).toEqual(['major']);
    expect(weight(DBL, '127.0.1.104')).toEqual(['minor']);
    expect(weight(SURBL, '127.0.0.8')).toEqual(['major']);
    expect(weight(SURBL, '127.0.0.128')).toEqual(['minor']);
    expect(weight(URIBL, '127.0.0.2')).toEqual(['major']);
    expect(weight(URIBL, '127.0.0.12')).toEqual(['minor', 'minor']);
  });
});

// prettier-ignore
const zone: FixtureZone = {
  'phish.example.dbl.spamhaus.org': { A: ['127.0.1.4'] },
  'phish.example.multi.surbl.org': { A: ['127.0.0.24'] },
  'phish.example.multi.uribl.com': { A: ['127.0.0.2'] },
  'hacked.example.dbl.spamhaus.org': { A: ['127.0.1.104'] },
  'hacked.example.multi.surbl.org': { A: ['127.0.0.128'] },
  'grey.example.multi.uribl.com': { A: ['127.0.0.4'] },
  'refused.example.dbl.spamhaus.org': { A: ['127.255.255.254'] },
  'refused.example.multi.uribl.com': { A: ['127.0.0.1'] },
  'refused.example.multi.surbl.org': { A: ['127.0.0.1'] },
  'slow.example.dbl.spamhaus.org': { TIMEOUT: true },
  'broken.example.multi.surbl.org': { SERVFAIL: true },
  'hijacked.example.dbl.spamhaus.org': { A: ['198.51.100.80'] },
  'nodata.example.dbl.spamhaus.org': { TXT: ['only text'] },
};

let dns: FixtureDnsServer;
beforeAll(async () => {
  dns = await startFixtureDns({ zone });
});
afterAll(() => dns.stop());

const message = await parseMessage(Buffer.from('From: a@example.com\r\nSubject: s\r\n\r\nbody\r\n'));

function contextFor(): CheckContext {
  const resolver = new DnsResolver({ servers: [dns.server], timeoutMs: 250, retries: 0 });
  return {
    message,
    envelope: { clientIp: '192.0.2.1', helo: null, mailFrom: null, rcptTo: [], tls: null },
    dns: new DnsSession(resolver, 5_000),
    now: new Date('2025-01-01T00:00:00Z'),
  };
}

const web = (href: string, text = 'link'): ContentLink => ({
  href,
  text,
  source: 'html',
  host: '',
  domain: '',
  scheme: '',
});

const contentWith = (links: ContentLink[]): ContentModel =>
  ({
    text: null,
    html: null,
    htmlText: null,
    links,
    images: [],
    attachments: [],
    htmlFacts: null,
    charsets: [],
    truncated: false,
    error: null,
  }) as ContentModel;

describe('URI blocklists on the fixture DNS server', () => {
  // prettier-ignore
  const cases: Array<{ name: string; domains: string[]; ids: string[]; params?: Record<string, unknown> }> = [
    { name: 'clean domains', domains: ['clean.example', 'other.example'], ids: ['links.uribl-clean'], params: { count: 2 } },
    { name: 'listed on all three', domains: ['clean.example', 'phish.example'], ids: ['links.uribl-listed'],
      params: { domain: 'phish.example', zone: 'dbl.spamhaus.org', meaning: 'phish', count: 3,
        listings: ['phish.example: dbl.spamhaus.org 127.0.1.4', 'phish.example: multi.surbl.org PH+MW', 'phish.example: multi.uribl.com black'] } },
    { name: 'minor listings only', domains: ['hacked.example', 'grey.example'], ids: ['links.uribl-minor'],
      params: { domain: 'hacked.example', meaning: 'abused-phish', count: 3 } },
    { name: 'major and minor', domains: ['phish.example', 'hacked.example'], ids: ['links.uribl-listed', 'links.uribl-minor'] },
    { name: 'query refused is an error, not a listing', domains: ['refused.example'], ids: ['links.uribl-error'],
      params: { reason: 'refused', advice: 'refused', count: 3, zones: ['dbl.spamhaus.org', 'multi.surbl.org', 'multi.uribl.com'] } },
    { name: 'timeout', domains: ['slow.example'], ids: ['links.uribl-error'], params: { reason: 'timeout', zones: ['dbl.spamhaus.org'] } },
    { name: 'SERVFAIL', domains: ['broken.example'], ids: ['links.uribl-error'], params: { reason: 'dns-error' } },
    { name: 'NXDOMAIN rewritten to an address', domains: ['hijacked.example'], ids: ['links.uribl-error'], params: { reason: 'unexpected' } },
    { name: 'NODATA is clean', domains: ['nodata.example'], ids: ['links.uribl-clean'] },
    { name: 'listing and error both shown', domains: ['phish.example', 'slow.example'], ids: ['links.uribl-listed', 'links.uribl-error'] },
    { name: 'nothing to look up', domains: [], ids: [] },
  ];

  it.each(cases)('$name', async ({ domains, ids, params }) => {
    const ctx = contextFor();
    const results = await lookUpDomains(ctx.dns, domains);
    expect(results).toHaveLength(domains.length * 3);
    const findings = uriBlocklistFindings(results, domains.length);
    expect(findings.map((f) => f.id)).toEqual(ids);
    if (params) expect(findings[0]!.params).toMatchObject(params);
    ctx.dns.close();
  });

  it('asks every zone for every domain at once', async () => {
    const ctx = contextFor();
    const before = dns.queries.length;
    const started = Date.now();
    // slow.example times out (250 ms); run alongside, the others do not wait for it one by one.
    await lookUpDomains(ctx.dns, ['a1.example', 'a2.example', 'a3.example', 'slow.example']);
    expect(Date.now() - started).toBeLessThan(1_000);
    const asked = dns.queries.slice(before).map((q) => q.name);
    expect(asked).toHaveLength(12);
    expect(asked).toContain('a3.example.multi.uribl.com');
    ctx.dns.close();
  });

  it('takes the registered domains of web links, each once, at most 20', () => {
    const links = [
      web('https://www.shop.example.co.jp/a'),
      web('https://click.shop.example.co.jp/b'),
      web('mailto:x@mail.example'),
      web('http://192.0.2.1/'),
      web('http://localhost/'),
      ...Array.from({ length: 30 }, (_, i) => web(`https://host.d${i}.com/`)),
    ];
    const domains = linkDomains(contentWith(links));
    expect(domains[0]).toBe('example.co.jp');
    expect(domains).toHaveLength(20);
    expect(domains).not.toContain('192.0.2.1');
    expect(domains).not.toContain('localhost');
  });

  it('runs inside checkLinks and words the findings in both languages', async () => {
    const ctx = contextFor();
    const output = await checkLinks(ctx, contentWith([web('https://www.phish.example/login', 'Sign in')]), {
      reachability: false,
    });
    const listed = output.findings.find((f) => f.id === 'links.uribl-listed')!;
    expect(checkText(listed, 'en').detail).toContain('a phishing domain');
    expect(checkText(listed, 'ja').detail).toContain('フィッシングのドメイン');
    expect(output.result.uriBlocklists).toHaveLength(3);
    expect(output.result.reachability).toBeNull();
    ctx.dns.close();
  });

  it('tells the operator to run their own resolver when the lists refuse', async () => {
    const ctx = contextFor();
    const output = await checkLinks(ctx, contentWith([web('https://refused.example/')]), {
      reachability: false,
    });
    const error = output.findings.find((f) => f.id === 'links.uribl-error')!;
    expect(checkText(error, 'en').fix).toContain('run your own recursive resolver');
    expect(checkText(error, 'ja').fix).toContain('自前の再帰リゾルバー');
    ctx.dns.close();
  });

  it('never throws: a failure becomes links.error', async () => {
    const ctx = contextFor();
    const hostile = {
      get href(): string {
        throw new Error('boom');
      },
      text: 'x',
      source: 'html',
    } as unknown as ContentLink;
    const output = await checkLinks(ctx, contentWith([hostile]), { reachability: true });
    expect(output.findings.map((f) => f.id)).toEqual(['links.error']);
    expect(output.findings[0]!.params?.error).toBe('Error: boom');
    ctx.dns.close();
  });
});

/**
 * The blocklist check: the connecting IP on the IP lists, the From, MAIL FROM and DKIM d= domains on the
 * domain lists (registered domains everywhere, exact names where the list holds host names), bounded,
 * never throwing; against the fixture DNS server.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkBlocklists, senderDomains } from '../../src/checks/blocklists.js';
import type { BlocklistZone } from '../../src/blocklists/types.js';
import { DEFAULT_BLOCKLIST_ZONES } from '../../src/blocklists/zones.js';
import type { Envelope } from '../../src/report/types.js';
import { checkText } from '../../src/i18n/index.js';
import { contextFor } from '../support/context.js';
import { startFixtureDns, type FixtureDnsServer } from '../support/dns-server.js';
import { buildMessage } from '../support/sign.js';

// prettier-ignore
const zone = {
  '5.113.0.203.zen.spamhaus.org': { A: ['127.0.0.4'] },
  'listed-shop.com.dbl.spamhaus.org': { A: ['127.0.1.2'] },
  'mail.listed-shop.com.dbl.spamhaus.org': { A: ['127.0.1.102'] },
  'esp.net.dwl.dnswl.org': { A: ['127.0.3.2'] },
};

let dns: FixtureDnsServer;
beforeAll(async () => {
  dns = await startFixtureDns({ zone });
});
afterAll(() => dns.stop());

const dkim = (d: string) => `DKIM-Signature: v=1; a=rsa-sha256; d=${d}; s=s1; h=from; bh=AAAA; b=AAAA`;

async function run(
  options: {
    from?: string;
    headers?: string[];
    envelope?: Partial<Envelope>;
    zones?: readonly BlocklistZone[];
  } = {},
) {
  const raw = buildMessage({ from: options.from ?? 'news@mail.listed-shop.com', headers: options.headers });
  const ctx = await contextFor(raw, dns, {
    envelope: { clientIp: '203.0.113.5', mailFrom: 'bounce@bounce.esp.net', ...options.envelope },
  });
  const before = dns.queries.length;
  const output = await checkBlocklists(ctx, options.zones ?? DEFAULT_BLOCKLIST_ZONES);
  const asked = dns.queries.slice(before).map((q) => q.name.toLowerCase());
  return { ...output, asked, ctx };
}

describe('sender domains', () => {
  it('takes From, MAIL FROM and DKIM d=, each once, with where it appears, at most 4', async () => {
    const headers = [
      dkim('listed-shop.com'),
      dkim('ESP.net'),
      ...Array.from({ length: 8 }, (_, i) => dkim(`d${i}.org`)),
    ];
    const { ctx } = await run({ headers });
    expect([...senderDomains(ctx)]).toEqual([
      ['mail.listed-shop.com', ['From']],
      ['bounce.esp.net', ['MAIL FROM']],
      ['listed-shop.com', ['DKIM d=']],
      ['esp.net', ['DKIM d=']],
    ]);
  });

  it('skips what is no domain: the null sender, an address without domain, a bad d=', async () => {
    const raw = buildMessage({ from: 'news@example.com', headers: [dkim('not a domain'), dkim('')] });
    const ctx = await contextFor(raw, dns, { envelope: { mailFrom: '' } });
    expect([...senderDomains(ctx)]).toEqual([['example.com', ['From']]]);
  });
});

describe('checkBlocklists', () => {
  it('asks the IP lists the IP, and each domain list the names it holds', async () => {
    const { asked } = await run({ headers: [dkim('listed-shop.com')] });
    const on = (zone: string) =>
      asked
        .filter((name) => name.endsWith(`.${zone}`))
        .map((name) => name.slice(0, -zone.length - 1))
        .sort();
    expect(on('zen.spamhaus.org')).toEqual(['5.113.0.203']);
    expect(on('list.dnswl.org')).toEqual(['5.113.0.203']);
    // DBL and DNSWL's domain list hold host names: the exact names as well as the registered domains.
    expect(on('dbl.spamhaus.org')).toEqual([
      'bounce.esp.net',
      'esp.net',
      'listed-shop.com',
      'mail.listed-shop.com',
    ]);
    expect(on('dwl.dnswl.org')).toEqual([
      'bounce.esp.net',
      'esp.net',
      'listed-shop.com',
      'mail.listed-shop.com',
    ]);
    // SURBL and URIBL hold registered domains only.
    expect(on('multi.surbl.org')).toEqual(['esp.net', 'listed-shop.com']);
    expect(on('multi.uribl.com')).toEqual(['esp.net', 'listed-shop.com']);
    expect(asked).toHaveLength(11 + 4 + 4 + 2 + 2);
  });

  it('reports the IP and domain listings, with where each domain appears', async () => {
    const { result, findings } = await run({ headers: [dkim('listed-shop.com')] });
    expect(findings.map((f) => f.id)).toEqual([
      'blocklists.ip-listed',
      'blocklists.domain-listed',
      'blocklists.domain-minor',
      'blocklists.allowlisted',
    ]);
    expect(findings[0]!.params).toMatchObject({
      ip: '203.0.113.5',
      meaning: 'exploited',
      advice: 'clean-host',
    });
    expect(findings[1]!.params).toMatchObject({
      domain: 'listed-shop.com',
      listings: ['listed-shop.com (From, DKIM d=): Spamhaus DBL: 127.0.1.2'],
      meaning: 'spam',
    });
    expect(findings[2]!.params).toMatchObject({
      domain: 'mail.listed-shop.com',
      listings: ['mail.listed-shop.com (From): Spamhaus DBL: 127.0.1.102'],
      meaning: 'abused-spam',
      advice: 'clean-site',
    });
    expect(findings[3]!.params).toMatchObject({
      listings: ['esp.net (MAIL FROM): DNSWL domains: MED (127.0.3.2)'],
    });
    expect(result.filter((r) => r.kind === 'ip')).toHaveLength(11);
    expect(result[0]).toMatchObject({
      zone: 'zen.spamhaus.org',
      target: '203.0.113.5',
      listed: true,
      status: 'listed',
      codes: ['127.0.0.4'],
    });
    expect(checkText(findings[1]!, 'en').title).toBe(
      'listed-shop.com is on a major domain blocklist: Spamhaus DBL',
    );
    expect(checkText(findings[1]!, 'ja').detail).toContain(
      'listed-shop.com (From, DKIM d=): Spamhaus DBL: 127.0.1.2',
    );
  });

  it('is clean when nothing lists the sender', async () => {
    const { findings } = await run({
      from: 'news@clean.example.com',
      envelope: { clientIp: '203.0.113.6', mailFrom: '' },
    });
    expect(findings).toEqual([
      {
        id: 'blocklists.clean',
        params: {
          targets: ['203.0.113.6', 'example.com', 'clean.example.com'],
          lists: expect.any(Array),
          count: 12,
        },
      },
    ]);
  });

  it.each([
    ['10.0.0.5', 'not-public', '10.0.0.0/8 (RFC 1918)'],
    ['::1', 'not-public', '::1/128 (RFC 4291)'],
    ['', 'not-an-ip', null],
    ['unknown', 'not-an-ip', null],
  ])('does not ask about %j (%s), and still checks the domains', async (clientIp, reason, block) => {
    const { findings, asked } = await run({ envelope: { clientIp } });
    expect(findings[0]).toEqual({ id: 'blocklists.ip-not-checked', params: { ip: clientIp, reason, block } });
    expect(asked.some((name) => name.endsWith('.zen.spamhaus.org'))).toBe(false);
    expect(findings.map((f) => f.id)).toContain('blocklists.domain-listed');
  });

  it('takes the IP the caller chose (the Received hop of an uploaded message)', async () => {
    const raw = buildMessage({ from: 'news@example.com' });
    const ctx = await contextFor(raw, dns, { envelope: { clientIp: '10.0.0.1' } });
    const output = await checkBlocklists(ctx, DEFAULT_BLOCKLIST_ZONES, '203.0.113.5');
    expect(output.findings[0]!.id).toBe('blocklists.ip-listed');
  });

  it('does nothing without lists', async () => {
    expect(await run({ zones: [] })).toMatchObject({ result: [], findings: [], asked: [] });
  });

  it('never throws', async () => {
    const hostile = [
      {
        get kind(): string {
          throw new Error('boom');
        },
      },
    ] as unknown as BlocklistZone[];
    const { result, findings } = await run({ zones: hostile });
    expect(result).toEqual([]);
    expect(findings).toMatchObject([{ id: 'blocklists.error', params: { reason: 'internal' } }]);
    expect(checkText(findings[0]!, 'en').detail).toContain('the blocklist check itself failed');
  });
});

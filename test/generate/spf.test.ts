/** The SPF builder against the fixture DNS server, and its records read back by the SPF audit. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditSpf } from '../../src/audit/spf.js';
import type { Finding } from '../../src/checks/types.js';
import { DnsResolver } from '../../src/dns/resolver.js';
import { DnsSession } from '../../src/dns/session.js';
import {
  SPF_PROVIDERS,
  buildSpfRecord,
  normalizeSpfBuildInput,
  type SpfBuildInput,
} from '../../src/generate/spf.js';
import { catalogs, checkText } from '../../src/i18n/index.js';
import { toCheckResults } from '../../src/scoring/score.js';
import { startFixtureDns, type FixtureDnsServer, type FixtureZone } from '../support/dns-server.js';

const range = (n: number) => Array.from({ length: n }, (_, i) => i + 1);
const netblock = (block: number) => ({
  TXT: [
    `v=spf1 ${range(5)
      .map((i) => `ip4:198.18.${block * 10 + i}.0/24`)
      .join(' ')} ip6:2001:db8:${block}::/48 ~all`,
  ],
});

// The providers' includes as fixtures (documentation and benchmark address ranges, not their real ones).
const ZONE: FixtureZone = {
  '_spf.google.com': {
    TXT: [
      'v=spf1 include:_netblocks.google.com include:_netblocks2.google.com include:_netblocks3.google.com ~all',
    ],
  },
  '_netblocks.google.com': netblock(1),
  '_netblocks2.google.com': netblock(2),
  '_netblocks3.google.com': netblock(3),
  'spf.protection.outlook.com': { TXT: ['v=spf1 ip4:198.18.100.0/24 ip6:2001:db8:100::/48 -all'] },
  'sendgrid.net': { TXT: ['v=spf1 ip4:198.18.101.0/24 ~all'] },
  'mailgun.org': { TXT: ['v=spf1 include:_spf.mailgun.org include:_spf.eu.mailgun.org ~all'] },
  '_spf.mailgun.org': { TXT: ['v=spf1 ip4:198.18.102.0/24 ~all'] },
  '_spf.eu.mailgun.org': { TXT: ['v=spf1 ip4:198.18.103.0/24 ~all'] },
  // Macros: cannot be flattened.
  'sparkpostmail.com': { TXT: ['v=spf1 exists:%{i}._spf.sparkpostmail.com ~all'] },
  'amazonses.com': { TXT: ['v=spf1 ip4:198.18.104.0/24 -all'] },
  // 5 lookups each, with a: terms (cannot be flattened).
  ...Object.fromEntries(
    range(3).map((n) => [
      `heavy${n}.example`,
      {
        TXT: [
          `v=spf1 ${range(4)
            .map((i) => `a:h${i}.example`)
            .join(' ')} ~all`,
        ],
      },
    ]),
  ),
  ...Object.fromEntries(range(4).map((i) => [`h${i}.example`, { A: [`192.0.2.${i}`] }])),
  'not-spf.example': { TXT: ['hello'] },
  'broken.example': { TXT: ['v=spf1 ip4:300.1.1.1 -all'] },
  'dead.example': { TIMEOUT: true },
};

let server: FixtureDnsServer;
beforeAll(async () => {
  server = await startFixtureDns({ zone: ZONE });
});
afterAll(() => server.stop());

function session(timeoutMs = 300): DnsSession {
  return new DnsSession(new DnsResolver({ servers: [server.server], timeoutMs, retries: 0 }), 5_000);
}

async function build(input: SpfBuildInput) {
  const dns = session();
  try {
    return await buildSpfRecord(input, dns);
  } finally {
    dns.close();
  }
}

const noteIds = (notes: Finding[]) => notes.map((n) => n.id);

/** Publishes a record at a fresh name (as the strings the builder gave) and audits it. */
async function auditPublished(name: string, strings: string[]) {
  server.addZone({ [name]: { TXT: [strings] } });
  const dns = session();
  try {
    return await auditSpf({ domain: name, dns, now: new Date(), options: {} });
  } finally {
    dns.close();
  }
}

describe('buildSpfRecord', () => {
  it('under the limit: includes as they are, no flattening', async () => {
    const result = await build({
      services: ['google-workspace', 'microsoft-365'],
      addresses: ['192.0.2.10'],
    });
    expect(result.record).toBe(
      'v=spf1 ip4:192.0.2.10 include:_spf.google.com include:spf.protection.outlook.com ~all',
    );
    expect(result).toMatchObject({ lookups: 5, complete: true, flattened: [], txtStrings: [result.record] });
    expect(result.includes.map((i) => [i.domain, i.lookups, i.status])).toEqual([
      ['_spf.google.com', 4, 'included'],
      ['spf.protection.outlook.com', 1, 'included'],
    ]);
    expect(noteIds(result.notes)).toEqual(['spf.build-softfail']);
  });

  it('over the limit: the heaviest flattenable include is flattened, and the notes say so', async () => {
    const result = await build({
      services: ['google-workspace', 'microsoft-365', 'sendgrid', 'mailgun', 'sparkpost'],
      domain: 'example.com',
    });
    // 4 + 1 + 1 + 3 + 2 = 11: Google's (4) goes, sparkpost (macros) cannot.
    expect(result.lookups).toBe(7);
    expect(result.flattened.map((f) => [f.include, f.lookupsSaved, f.terms.length])).toEqual([
      ['_spf.google.com', 4, 18],
    ]);
    expect(result.record).toMatch(
      /^v=spf1 ip4:198\.18\.11\.0\/24 .* ip6:2001:db8:3::\/48 include:spf\.protection\.outlook\.com include:sendgrid\.net include:mailgun\.org include:sparkpostmail\.com ~all$/,
    );
    expect(result.record).not.toContain('_spf.google.com');
    expect(noteIds(result.notes)).toEqual(['spf.build-flattened', 'spf.build-split', 'spf.build-softfail']);
    expect(result.txtStrings.length).toBe(2);
    expect(result.txtStrings.join('')).toBe(result.record);
    expect(result.zoneValue).toBe(result.txtStrings.map((s) => `"${s}"`).join(' '));
  });

  it('still over the limit when nothing more can be flattened: says which includes remain', async () => {
    const result = await build({
      services: ['google-workspace'],
      includes: ['heavy1.example', 'heavy2.example', 'heavy3.example'],
    });
    expect(result.lookups).toBe(15);
    expect(result.flattened.map((f) => f.include)).toEqual(['_spf.google.com']);
    const over = result.notes.find((n) => n.id === 'spf.build-over-limit');
    expect(over?.params).toEqual({
      lookups: 15,
      includes: ['include:heavy1.example', 'include:heavy2.example', 'include:heavy3.example'],
    });
  });

  it.each<[string, SpfBuildInput, string, string[]]>([
    ['nothing given: a domain that sends no mail', {}, 'v=spf1 -all', ['spf.build-no-senders']],
    ['-all on request', { addresses: ['2001:DB8::/32'], all: '-' }, 'v=spf1 ip6:2001:db8::/32 -all', []],
    ['a and mx', { a: true, mx: true }, 'v=spf1 a mx ~all', ['spf.build-softfail']],
    [
      'includes without a usable record are dropped',
      { includes: ['nx.example', 'not-spf.example', 'broken.example', 'amazonses.com'] },
      'v=spf1 include:amazonses.com ~all',
      ['spf.build-include-dropped', 'spf.build-softfail'],
    ],
    [
      'an include that does not answer stays, with a note',
      { includes: ['dead.example'], addresses: ['ip4:192.0.2.0/24'] },
      'v=spf1 ip4:192.0.2.0/24 include:dead.example ~all',
      ['spf.build-include-temperror', 'spf.build-softfail'],
    ],
    [
      'bad inputs are left out and named',
      {
        services: ['no-such-service', 'amazon-ses'],
        addresses: ['192.0.2.300', '10.0.0.1/33', '::ffff:192.0.2.5'],
        includes: ['not a domain', '%{i}.x.example'],
      },
      'v=spf1 ip4:192.0.2.5 include:amazonses.com ~all',
      ['spf.build-bad-input', 'spf.build-bad-input', 'spf.build-bad-input', 'spf.build-softfail'],
    ],
    [
      'duplicates once',
      {
        services: ['sendgrid'],
        includes: ['SendGrid.net.', 'include:sendgrid.net'],
        addresses: ['192.0.2.1', 'ip4:192.0.2.1'],
      },
      'v=spf1 ip4:192.0.2.1 include:sendgrid.net ~all',
      ['spf.build-softfail'],
    ],
  ])('%s', async (_, input, record, notes) => {
    const result = await build(input);
    expect(result.record).toBe(record);
    expect(noteIds(result.notes)).toEqual(notes);
    // Every placeholder of the words is filled (values may hold SPF macros such as %{i}).
    for (const note of result.notes) {
      const { title, detail, fix } = catalogs.ja.checks[note.id];
      for (const [, name] of `${title}${detail}${fix}`.matchAll(/\{([a-zA-Z0-9_]+)\}/g))
        expect(note.params ?? {}).toHaveProperty(name!);
      expect(checkText(note, 'ja').title.length).toBeGreaterThan(3);
    }
  });

  it('names each bad input with its reason', () => {
    const { problems } = normalizeSpfBuildInput({
      services: ['nope'],
      addresses: ['192.0.2.300'],
      includes: ['bad domain'],
    });
    expect(problems.map((p) => p.params)).toEqual([
      { values: ['nope'], reason: 'unknown-service' },
      { values: ['192.0.2.300'], reason: 'bad-address' },
      { values: ['bad domain'], reason: 'bad-domain' },
    ]);
  });

  it('the provider table: unique ids, valid include domains, a source for each', () => {
    expect(new Set(SPF_PROVIDERS.map((p) => p.id)).size).toBe(SPF_PROVIDERS.length);
    for (const provider of SPF_PROVIDERS) {
      expect(normalizeSpfBuildInput({ includes: [provider.include] }).includes).toEqual([provider.include]);
      expect(provider.source.length).toBeGreaterThan(5);
    }
  });
});

describe('the built records read back by the SPF audit', () => {
  it.each<[string, SpfBuildInput]>([
    ['under.example', { services: ['google-workspace', 'microsoft-365'], addresses: ['192.0.2.10'] }],
    [
      'flattened.example',
      { services: ['google-workspace', 'microsoft-365', 'sendgrid', 'mailgun', 'sparkpost'] },
    ],
    ['strict.example', { services: ['amazon-ses'], addresses: ['2001:db8::/32', '192.0.2.0/24'], all: '-' }],
  ])('%s: published and audited, no problem', async (name, input) => {
    const built = await build({ ...input, domain: name });
    const { data, findings } = await auditPublished(name, built.txtStrings);
    expect(data.record).toBe(built.record);
    expect(data.lookups).toBe(built.lookups);
    const checks = toCheckResults(findings, 'en');
    expect(checks.map((c) => [c.id, c.status])).toEqual([['spf.record-valid', 'pass']]);
  });
});

/** The SPF record audit against the fixture DNS server: each finding, the tree and its counts, the IP. */
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditSpf } from '../../src/audit/spf.js';
import { mergeRecords, txtAnswerBytes, txtStrings, zoneValue } from '../../src/audit/spf/record.js';
import { lookupTerms, parseSpfRecord } from '../../src/audit/spf/syntax.js';
import type { AuditContext, SpfTreeNode } from '../../src/audit/types.js';
import type { Finding } from '../../src/checks/types.js';
import { DnsResolver } from '../../src/dns/resolver.js';
import { DnsSession } from '../../src/dns/session.js';
import { catalogs, checkText } from '../../src/i18n/index.js';
import { toCheckResults } from '../../src/scoring/score.js';
import { startFixtureDns, type FixtureDnsServer, type FixtureZone } from '../support/dns-server.js';

const range = (n: number) => Array.from({ length: n }, (_, i) => i + 1);
const leaf = (i: number) => ({ TXT: [`v=spf1 ip4:198.18.${i}.0/24 -all`] });

const ZONE: FixtureZone = {
  'good.example': {
    TXT: ['v=spf1 ip4:192.0.2.0/24 include:_spf.provider.example ~all', 'site-verification=abc'],
    MX: [[10, 'mx.good.example']],
  },
  '_spf.provider.example': { TXT: ['v=spf1 ip4:198.51.100.0/24 ip6:2001:db8:1::/48 -all'] },
  'none.example': { TXT: ['just some text'] },
  'none-mx.example': { MX: [[10, 'mx.good.example']] },
  'multiple.example': { TXT: ['v=spf1 include:_spf.provider.example -all', 'v=spf1 ip4:192.0.2.1 ~all'] },
  'syntax.example': { TXT: ['v=spf1 ip4:192.0.2.300 foo:bar include:%{z}.x.example ~all'] },
  'glued.example': { TXT: [['v=spf1 include:_spf.provider.example', 'ip4:192.0.2.1 ~all']] },
  'split-ok.example': {
    TXT: [
      [
        `v=spf1 ${range(12)
          .map((i) => `ip4:198.18.${i}.0/24`)
          .join(' ')} `,
        `${range(12)
          .map((i) => `ip4:198.19.${i}.0/24`)
          .join(' ')} -all`,
      ],
    ],
  },
  // A deep tree: root → l1 → l2 → l3, and a wide branch.
  'deep.example': {
    TXT: ['v=spf1 include:l1.example include:wide.example mx -all'],
    MX: [[10, 'mx.good.example']],
  },
  'l1.example': { TXT: ['v=spf1 include:l2.example a -all'], A: ['192.0.2.20'] },
  'l2.example': { TXT: ['v=spf1 include:l3.example -all'] },
  'l3.example': { TXT: ['v=spf1 ip4:192.0.2.30 -all'] },
  'wide.example': {
    TXT: [
      `v=spf1 ${range(3)
        .map((i) => `include:leaf${i}.example`)
        .join(' ')} -all`,
    ],
  },
  ...Object.fromEntries(range(12).map((i) => [`leaf${i}.example`, leaf(i)])),
  // 12 lookups: big1 (5, flattenable), big2 (5, has `a`), small (1), mx (1).
  'heavy.example': {
    TXT: ['v=spf1 include:big1.example include:big2.example include:small.example mx -all'],
    MX: [[10, 'mx.good.example']],
  },
  'big1.example': {
    TXT: [
      `v=spf1 ${range(4)
        .map((i) => `include:leaf${i}.example`)
        .join(' ')} ~all`,
    ],
  },
  'big2.example': {
    TXT: [
      `v=spf1 ${range(3)
        .map((i) => `include:leaf${i + 4}.example`)
        .join(' ')} a -all`,
    ],
    A: ['192.0.2.40'],
  },
  'small.example': { TXT: ['v=spf1 ip4:203.0.113.0/24 -all'] },
  'near.example': {
    TXT: [
      `v=spf1 ${range(8)
        .map((i) => `include:leaf${i}.example`)
        .join(' ')} -all`,
    ],
  },
  // One branch never answers, one answers SERVFAIL: both temperror there only.
  'partial.example': {
    TXT: [
      'v=spf1 include:dead.example include:_spf.provider.example include:l2.example include:sick.example -all',
    ],
  },
  'dead.example': { TIMEOUT: true },
  'sick.example': { SERVFAIL: true },
  'loop.example': { TXT: ['v=spf1 include:loop2.example -all'] },
  'loop2.example': { TXT: ['v=spf1 ip4:192.0.2.2 include:loop.example -all'] },
  'self-redirect.example': { TXT: ['v=spf1 ip4:192.0.2.3 redirect=self-redirect.example'] },
  'missing-include.example': {
    TXT: ['v=spf1 include:nx.example include:not-spf.example ip4:192.0.2.1 -all'],
  },
  'not-spf.example': { TXT: ['hello'] },
  'voids.example': { TXT: ['v=spf1 a:nx1.example mx:nx2.example exists:nx3.example ip4:192.0.2.1 -all'] },
  'open.example': { TXT: ['v=spf1 +all'] },
  'include-open.example': { TXT: ['v=spf1 ip4:192.0.2.1 include:open.example -all'] },
  'neutral.example': { TXT: ['v=spf1 ip4:192.0.2.1 ?all'] },
  'no-all.example': { TXT: ['v=spf1 ip4:192.0.2.1'] },
  'redirected.example': { TXT: ['v=spf1 redirect=good.example'] },
  'ptr.example': { TXT: ['v=spf1 ptr ip4:192.0.2.1 -all'] },
  'include-broken.example': { TXT: ['v=spf1 include:multiple.example ip4:192.0.2.1 -all'] },
  'big-answer.example': {
    TXT: [
      'v=spf1 include:_spf.provider.example -all',
      ...range(8).map((i) => `site-verification-${i}=${'x'.repeat(60)}`),
    ],
  },
  'macro.example': { TXT: ['v=spf1 exists:%{i}._spf.provider.example include:%{d}.x.example -all'] },
  'ipv6.example': { TXT: ['v=spf1 ip6:2001:db8:5::/48 -all'] },
  // Hostile: 300 a: terms and 300 includes in one record (answered over TCP).
  'hostile.example': {
    TXT: [
      `v=spf1 ${range(300)
        .map((i) => `a:h${i}.example include:i${i}.example`)
        .join(' ')} -all`,
    ],
  },
};

let server: FixtureDnsServer;
beforeAll(async () => {
  server = await startFixtureDns({ zone: ZONE });
});
afterAll(() => server.stop());

const contextFor = (
  domain: string,
  options: { ip?: string; deadlineMs?: number; timeoutMs?: number } = {},
) => {
  const resolver = new DnsResolver({
    servers: [server.server],
    timeoutMs: options.timeoutMs ?? 300,
    retries: 0,
  });
  const dns = new DnsSession(resolver, options.deadlineMs ?? 5_000);
  const ctx: AuditContext = { domain, dns, now: new Date(), options: { ip: options.ip ?? null } };
  return ctx;
};

async function audit(domain: string, options: Parameters<typeof contextFor>[1] = {}) {
  const ctx = contextFor(domain, options);
  try {
    return await auditSpf(ctx);
  } finally {
    ctx.dns.close();
  }
}

const ids = (findings: Finding[]) => findings.map((f) => f.id);
const find = (findings: Finding[], id: string) => findings.find((f) => f.id === id);

/** A tree as "domain:own/total[error]" lines, indented by depth: the shape and every count at once. */
function shape(node: SpfTreeNode, depth = 0): string[] {
  const line = `${'  '.repeat(depth)}${node.domain}:${node.lookups}/${node.totalLookups}${node.error ? `[${node.error}]` : ''}`;
  return [line, ...node.children.flatMap((child) => shape(child, depth + 1))];
}

describe('auditSpf: findings per fixture domain', () => {
  it.each<[domain: string, expected: string[], absent?: string[]]>([
    ['good.example', ['spf.record-valid'], ['spf.all-missing', 'spf.lookups-near-limit']],
    ['none.example', ['spf.record-none']],
    ['unknown-name.example', ['spf.record-none']],
    ['multiple.example', ['spf.record-multiple']],
    ['syntax.example', ['spf.record-syntax'], ['spf.record-valid']],
    ['glued.example', ['spf.record-syntax']],
    ['split-ok.example', ['spf.record-valid'], ['spf.record-syntax']],
    ['deep.example', ['spf.record-valid']],
    ['heavy.example', ['spf.lookups-over-limit'], ['spf.record-valid']],
    ['near.example', ['spf.record-valid', 'spf.lookups-near-limit']],
    ['partial.example', ['spf.record-temperror'], ['spf.record-valid']],
    ['loop.example', ['spf.loop']],
    ['self-redirect.example', ['spf.loop']],
    ['missing-include.example', ['spf.include-missing', 'spf.void-lookups'], ['spf.record-valid']],
    ['voids.example', ['spf.void-lookups-over-limit']],
    ['open.example', ['spf.all-pass']],
    ['include-open.example', ['spf.all-pass']],
    ['neutral.example', ['spf.all-neutral']],
    ['no-all.example', ['spf.all-missing']],
    ['redirected.example', ['spf.record-valid'], ['spf.all-missing']],
    ['ptr.example', ['spf.ptr']],
    ['include-broken.example', ['spf.include-broken']],
    ['big-answer.example', ['spf.answer-large', 'spf.record-valid']],
    ['macro.example', ['spf.record-valid']],
  ])('%s → %j', async (domain, expected, absent = []) => {
    const { findings } = await audit(domain);
    for (const id of expected) expect(ids(findings)).toContain(id);
    for (const id of absent) expect(ids(findings)).not.toContain(id);
    // Every finding reads in both languages with every placeholder filled (records may hold %{i} macros).
    for (const finding of findings) {
      for (const lang of ['en', 'ja'] as const) {
        const template = catalogs[lang].checks[finding.id];
        const names = [
          ...`${template.title}${template.detail}${template.fix}`.matchAll(/\{([a-zA-Z0-9_]+)\}/g),
        ];
        for (const [, name] of names) expect(finding.params ?? {}).toHaveProperty(name!);
        expect(checkText(finding, lang).title).not.toMatch(/\{(domain|lookups|count|bytes)\}/);
      }
    }
  });
});

describe('auditSpf: the records it suggests', () => {
  it.each<[domain: string, id: string, suggested: string]>([
    ['none.example', 'spf.record-none', 'v=spf1 -all'],
    ['none-mx.example', 'spf.record-none', 'v=spf1 mx ~all'],
    ['multiple.example', 'spf.record-multiple', 'v=spf1 include:_spf.provider.example ip4:192.0.2.1 ~all'],
    ['syntax.example', 'spf.record-syntax', 'v=spf1 ~all'],
    ['glued.example', 'spf.record-syntax', 'v=spf1 include:_spf.provider.example ip4:192.0.2.1 ~all'],
    ['missing-include.example', 'spf.include-missing', 'v=spf1 ip4:192.0.2.1 -all'],
    ['include-broken.example', 'spf.include-broken', 'v=spf1 ip4:192.0.2.1 -all'],
    ['loop.example', 'spf.loop', 'v=spf1 -all'],
    ['self-redirect.example', 'spf.loop', 'v=spf1 ip4:192.0.2.3 ~all'],
    ['open.example', 'spf.all-pass', 'v=spf1 ~all'],
    ['include-open.example', 'spf.all-pass', 'v=spf1 ip4:192.0.2.1 -all'],
    ['neutral.example', 'spf.all-neutral', 'v=spf1 ip4:192.0.2.1 ~all'],
    ['no-all.example', 'spf.all-missing', 'v=spf1 ip4:192.0.2.1 ~all'],
    ['ptr.example', 'spf.ptr', 'v=spf1 ip4:192.0.2.1 -all'],
  ])('%s: %s suggests %s', async (domain, id, suggested) => {
    const { findings } = await audit(domain);
    expect(find(findings, id)?.params?.suggested).toBe(suggested);
  });

  it('names the syntax problem and the bad terms', async () => {
    const { findings } = await audit('syntax.example');
    expect(find(findings, 'spf.record-syntax')?.params).toMatchObject({
      terms: ['ip4:192.0.2.300', 'foo:bar', 'include:%{z}.x.example'],
      reason: 'bad-ip4',
    });
    const glued = await audit('glued.example');
    expect(find(glued.findings, 'spf.record-syntax')?.params?.reason).toBe('split-without-space');
    expect(checkText(find(glued.findings, 'spf.record-syntax')!, 'en').detail).toContain(
      'end each string with a space',
    );
  });

  it('too many lookups: names the heaviest branches, flattens the heaviest flattenable one, counts once', async () => {
    const { data, findings } = await audit('heavy.example');
    expect(data.lookups).toBe(12);
    const over = find(findings, 'spf.lookups-over-limit')!;
    expect(over.params).toMatchObject({
      lookups: 12,
      heaviest: ['include:big1.example (5)', 'include:big2.example (5)', 'include:small.example (1)'],
      flattened: ['include:big1.example'],
      removed: [],
      cost: 1,
    });
    const suggested = String(over.params!.suggested);
    expect(suggested).toBe(
      'v=spf1 ip4:198.18.1.0/24 ip4:198.18.2.0/24 ip4:198.18.3.0/24 ip4:198.18.4.0/24 include:big2.example include:small.example mx -all',
    );
    // The scaled row: the first permerror cause costs 1.0.
    const [check] = toCheckResults([over], 'en');
    expect(check!.deduction).toBe(1);
  });

  it('several permerror causes cost once', async () => {
    const { findings } = await audit('missing-include.example');
    const checks = toCheckResults(findings, 'en');
    expect(checks.filter((c) => c.deduction > 0).map((c) => [c.id, c.deduction])).toEqual([
      ['spf.include-missing', 1],
    ]);
    const both = await audit('voids.example');
    expect(ids(both.findings)).toContain('spf.void-lookups-over-limit');
  });

  it('merges several records into one', () => {
    expect(mergeRecords(['v=spf1 a mx -all', 'v=spf1 mx include:x.example -all'])).toBe(
      'v=spf1 a mx include:x.example -all',
    );
    expect(mergeRecords(['v=spf1 a -all', 'v=spf1 ip4:192.0.2.1 ~all exp=why.example'])).toBe(
      'v=spf1 a ip4:192.0.2.1 ~all exp=why.example',
    );
  });
});

describe('auditSpf: the include tree and its counts', () => {
  it('a deep tree: each node with its own count and the total below it, voids attributed where they are', async () => {
    const { data } = await audit('deep.example');
    expect(shape(data.tree!)).toEqual([
      'deep.example:3/9',
      '  l1.example:2/3',
      '    l2.example:1/1',
      '      l3.example:0/0',
      '  wide.example:3/3',
      '    leaf1.example:0/0',
      '    leaf2.example:0/0',
      '    leaf3.example:0/0',
    ]);
    expect(data).toMatchObject({ lookups: 9, voidLookups: 0, all: '-', complete: true });
  });

  it('a branch that never answers and one that fails end as temperror there only; the rest is counted', async () => {
    const started = Date.now();
    const { data, findings } = await audit('partial.example', { timeoutMs: 300 });
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(shape(data.tree!)).toEqual([
      'partial.example:4/5',
      '  dead.example:0/0[temperror]',
      '  _spf.provider.example:0/0',
      '  l2.example:1/1',
      '    l3.example:0/0',
      '  sick.example:0/0[temperror]',
    ]);
    expect(data.complete).toBe(false);
    expect(find(findings, 'spf.record-temperror')?.params?.names).toEqual(['dead.example', 'sick.example']);
  });

  it('the session deadline cuts a dead branch short; the audit still ends with the rest counted', async () => {
    const started = Date.now();
    const { data } = await audit('partial.example', { timeoutMs: 5_000, deadlineMs: 400 });
    expect(Date.now() - started).toBeLessThan(1_500);
    expect(data.lookups).toBe(5);
    expect(data.tree!.children[0]!.error).toBe('temperror');
  });

  it('a loop ends at the repeated node', async () => {
    const { data, findings } = await audit('loop.example');
    expect(shape(data.tree!)).toEqual([
      'loop.example:1/2',
      '  loop2.example:1/1',
      '    loop.example:0/0[loop]',
    ]);
    expect(find(findings, 'spf.loop')?.params?.chain).toEqual([
      'loop.example › loop2.example › loop.example',
    ]);
  });

  it('missing includes: NXDOMAIN is a void lookup, a name with other TXT records is not', async () => {
    const { data, findings } = await audit('missing-include.example');
    expect(shape(data.tree!)).toEqual([
      'missing-include.example:2/2',
      '  nx.example:0/0[not-found]',
      '  not-spf.example:0/0[no-record]',
    ]);
    expect(data.tree!.voidNames).toEqual(['nx.example']);
    expect(data.voidLookups).toBe(1);
    expect(find(findings, 'spf.include-missing')?.params?.includes).toEqual([
      'nx.example',
      'not-spf.example',
    ]);
  });

  it('void lookups of a, mx and exists', async () => {
    const { data, findings } = await audit('voids.example');
    expect(data.voidLookups).toBe(3);
    expect(find(findings, 'spf.void-lookups-over-limit')?.params?.names).toEqual([
      'nx1.example',
      'nx2.example',
      'nx3.example',
    ]);
  });

  it('targets with macros count once and are not followed', async () => {
    const { data } = await audit('macro.example');
    expect(shape(data.tree!)).toEqual(['macro.example:2/2', '  %{d}.x.example:0/0[macro]']);
  });

  it('a redirect: the all of its target ends the evaluation', async () => {
    const { data } = await audit('redirected.example');
    expect(shape(data.tree!)).toEqual([
      'redirected.example:1/2',
      '  good.example:1/1',
      '    _spf.provider.example:0/0',
    ]);
    expect(data.tree!.children[0]!.via).toBe('redirect');
    expect(data.all).toBe('~');
  });

  it('walks the children of a node at once', async () => {
    const slow = await startFixtureDns({ zone: ZONE, delayMs: 80 });
    try {
      const resolver = new DnsResolver({ servers: [slow.server], timeoutMs: 1_000, retries: 0 });
      const dns = new DnsSession(resolver, 5_000);
      const started = Date.now();
      const { data } = await auditSpf({ domain: 'deep.example', dns, now: new Date(), options: {} });
      dns.close();
      // Depth 4 (root, l1, l2, l3): about 4 round trips, where one query after another would take 10.
      expect(data.lookups).toBe(9);
      expect(Date.now() - started).toBeLessThan(80 * 8);
    } finally {
      await slow.stop();
    }
  });
});

describe('auditSpf: bounded on hostile records', () => {
  it('a record with 600 lookup terms: counted, but only the first 11 followed', async () => {
    const before = server.queries.length;
    const { data, findings } = await audit('hostile.example');
    const asked = server.queries.length - before;
    expect(data.lookups).toBe(600);
    expect(data.complete).toBe(false);
    expect(data.tree!.children.length).toBe(5);
    expect(asked).toBeLessThan(40);
    const over = find(findings, 'spf.lookups-over-limit')!;
    expect(over.params?.heaviest).toHaveLength(5);
    // The suggested record drops the includes it followed (they do not exist), then the last terms.
    const suggested = String(over.params?.suggested).replace(/" "/g, '').replace(/^"|"$/g, '');
    expect(lookupTerms(parseSpfRecord(suggested)).length).toBe(10);
    expect(suggested).toMatch(/^v=spf1 a:h1.example a:h2.example .* -all$/);
    expect(
      (find(findings, 'spf.void-lookups-over-limit')?.params?.names as string[]).length,
    ).toBeLessThanOrEqual(10);
  });
});

describe('auditSpf: the sending IP', () => {
  it.each<[domain: string, ip: string, id: string, result: string, params: Record<string, unknown>]>([
    ['good.example', '192.0.2.7', 'spf.ip-authorized', 'pass', { mechanism: 'ip4:192.0.2.0/24' }],
    [
      'good.example',
      '198.51.100.9',
      'spf.ip-authorized',
      'pass',
      { mechanism: 'include:_spf.provider.example' },
    ],
    [
      'good.example',
      '203.0.113.5',
      'spf.ip-not-authorized',
      'softfail',
      {
        cost: 0.5,
        mechanism: '~all',
        suggested: 'v=spf1 ip4:192.0.2.0/24 include:_spf.provider.example ip4:203.0.113.5 ~all',
      },
    ],
    [
      'ipv6.example',
      '2001:db8:9::1',
      'spf.ip-not-authorized',
      'fail',
      { cost: 2, suggested: 'v=spf1 ip6:2001:db8:5::/48 ip6:2001:db8:9::1 -all' },
    ],
    [
      'none.example',
      '192.0.2.7',
      'spf.ip-not-authorized',
      'none',
      { cost: 0, suggested: 'v=spf1 ip4:192.0.2.7 ~all' },
    ],
    [
      'neutral.example',
      '192.0.2.9',
      'spf.ip-not-authorized',
      'neutral',
      { cost: 0.5, suggested: 'v=spf1 ip4:192.0.2.1 ip4:192.0.2.9 ~all' },
    ],
  ])('%s, %s → %s (%s)', async (domain, ip, id, result, params) => {
    const { data, findings } = await audit(domain, { ip });
    expect(data.ipResult).toBe(result);
    expect(find(findings, id)?.params).toMatchObject(params);
  });

  it('the record-none suggestion uses the IP when one is given', async () => {
    const { findings } = await audit('none.example', { ip: '192.0.2.7' });
    expect(find(findings, 'spf.record-none')?.params?.suggested).toBe('v=spf1 ip4:192.0.2.7 ~all');
  });
});

describe('record sizes', () => {
  it('the answer size counts every TXT record at the name', async () => {
    const { data, findings } = await audit('big-answer.example');
    expect(data.answerBytes).toBeGreaterThan(512);
    expect(find(findings, 'spf.answer-large')?.params?.records).toBe(9);
    // header 12 + question (example.com: 13 + 4) + one RR (12 + 1 + 6)
    expect(txtAnswerBytes('example.com', [['v=spf1']])).toBe(12 + 17 + 19);
  });

  it('splits long records after a space, into strings of at most 255 bytes that join back exactly', () => {
    const record = `v=spf1 ${range(30)
      .map((i) => `ip4:198.18.${i}.0/24`)
      .join(' ')} -all`;
    const strings = txtStrings(record);
    expect(strings.length).toBe(3);
    expect(strings.every((s) => Buffer.byteLength(s) <= 255)).toBe(true);
    expect(strings.slice(0, -1).every((s) => s.endsWith(' '))).toBe(true);
    expect(strings.join('')).toBe(record);
    expect(zoneValue(record)).toBe(strings.map((s) => `"${s}"`).join(' '));
    expect(zoneValue('v=spf1 -all')).toBe('v=spf1 -all');
  });
});

describe('parseSpfRecord agrees with mailauth on what is valid', () => {
  const require = createRequire(import.meta.url);
  const { validateTerms } = require('mailauth/lib/spf/syntax.js') as {
    validateTerms: (terms: string[]) => string | false;
  };
  it.each([
    'v=spf1 -all',
    'v=spf1 ip4:192.0.2.0/24 ip6:2001:db8::/32 include:_spf.example.com ~all',
    'v=spf1 a mx a:mail.example.com/24 mx:example.com//64 a/24//64 ?all',
    'v=spf1 exists:%{i}._spf.example.com include:%{d2}.example.net -all',
    'v=spf1 redirect=_spf.example.com',
    'v=spf1 ptr ptr:example.com -all exp=explain.%{d}',
    'v=spf1 foo=bar unknown-mod=%{h} -all',
    'v=spf1 ip4:192.0.2.300 -all',
    'v=spf1 ip4:192.0.2.01 -all',
    'v=spf1 ip4:192.0.2.0/33 -all',
    'v=spf1 ip6:2001:db8::/129 -all',
    'v=spf1 ip6:192.0.2.1 -all',
    'v=spf1 include: -all',
    'v=spf1 include:example -all',
    'v=spf1 include:example.123 -all',
    'v=spf1 foo:bar -all',
    'v=spf1 all:x',
    'v=spf1 exists:%{x}.example.com -all',
    'v=spf1 exists:%{c}.example.com -all',
    'v=spf1 exists:%{i0}.example.com -all',
    'v=spf1 a:% -all',
    'v=spf1 redirect=a.example redirect=b.example',
    'v=spf1 exp=a.example exp=b.example -all',
    'v=spf1 =x -all',
    'v=spf1 1mod=x -all',
    'v=spf1 a//0 -all',
    'v=spf1 a/024 -all',
  ])('%s', (record) => {
    const ours = parseSpfRecord(record).problems.length === 0;
    const theirs = validateTerms(record.split(' ').filter(Boolean).slice(1)) === false;
    expect(ours).toBe(theirs);
  });
});

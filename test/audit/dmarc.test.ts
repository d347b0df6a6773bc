/** The DMARC section of the domain audit, against a real DNS server serving fixture zones. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  auditDmarc,
  parseReportUri,
  stagedPlan,
  type DmarcRecordTags,
  type PlanStage,
} from '../../src/audit/dmarc.js';
import type { Policy, PolicyTag } from '../../src/checks/dmarc.js';
import type { AuditSection, DmarcAuditData } from '../../src/audit/types.js';
import type { Finding } from '../../src/checks/types.js';
import { DnsResolver } from '../../src/dns/resolver.js';
import { DnsSession } from '../../src/dns/session.js';
import { checkText } from '../../src/i18n/index.js';
import { CHECK_RULES, type CheckId } from '../../src/scoring/deductions.js';
import { scoreOf, toCheckResults } from '../../src/scoring/score.js';
import { startFixtureDns, type FixtureDnsServer, type FixtureZone } from '../support/dns-server.js';

const zone: FixtureZone = {
  // p= for the domain itself, sp= for its existing subdomains, np= for names that do not exist
  '_dmarc.parent.example': {
    TXT: ['v=DMARC1; p=none; sp=quarantine; np=reject; rua=mailto:d@parent.example'],
  },
  'sub.parent.example': { A: ['192.0.2.20'] },
  '_dmarc.twice.example': { TXT: ['v=DMARC1; p=none', 'v=DMARC1; p=reject'] },
  // the subdomain's own set is discarded; the organizational domain's record applies
  '_dmarc.sub.shadow.example': { TXT: ['v=DMARC1; p=reject', 'v=DMARC1; p=quarantine'] },
  'sub.shadow.example': { A: ['192.0.2.21'] },
  '_dmarc.shadow.example': { TXT: ['v=DMARC1; p=none; rua=mailto:d@shadow.example'] },
  '_dmarc.bogus.example': { TXT: ['v=DMARC1; p=bogus'] },
  '_dmarc.bogus-rua.example': { TXT: ['v=DMARC1; p=bogus; rua=mailto:d@bogus-rua.example'] },
  '_dmarc.version.example': { TXT: ['v=dmarc1; p=reject', 'google-site-verification=abc'] },
  '_dmarc.tags.example': {
    TXT: ['v=DMARC1; p=reject; aspf=x; foo=bar; P=none; p=reject; rua=mailto:d@tags.example'],
  },
  '_dmarc.monitor.example': { TXT: ['v=DMARC1; p=none; rua=mailto:d@monitor.example'] },
  '_dmarc.blind.example': { TXT: ['v=DMARC1; p=none'] },
  '_dmarc.quarantine.example': { TXT: ['v=DMARC1; p=quarantine; rua=mailto:d@quarantine.example'] },
  '_dmarc.reject.example': {
    TXT: ['v=DMARC1; p=reject; rua=mailto:d@reject.example; ruf=mailto:f@reject.example'],
  },
  '_dmarc.pct.example': { TXT: ['v=DMARC1; p=quarantine; pct=50; rua=mailto:d@pct.example'] },
  '_dmarc.rfri.example': {
    TXT: ['v=DMARC1; p=reject; rf=afrf; ri=86400; pct=100; rua=mailto:d@rfri.example'],
  },
  '_dmarc.testing.example': { TXT: ['v=DMARC1; p=reject; t=y; rua=mailto:d@testing.example'] },
  '_dmarc.strict.example': {
    TXT: ['v=DMARC1; p=reject; adkim=s; aspf=s; rua=mailto:d@strict.example; ruf=mailto:f@strict.example'],
  },
  '_dmarc.norua.example': { TXT: ['v=DMARC1; p=reject'] },
  '_dmarc.weak-sub.example': { TXT: ['v=DMARC1; p=reject; sp=none; rua=mailto:d@weak-sub.example'] },
  // reports to another organization: one authorized, one not, one whose DNS fails
  '_dmarc.outside.example': {
    TXT: [
      'v=DMARC1; p=reject; rua=mailto:a@reports.example,mailto:b@noauth.example; ruf=mailto:f@outside.example,mailto:g@slowauth.example',
    ],
  },
  'outside.example._report._dmarc.reports.example': { TXT: ['v=DMARC1'] },
  'outside.example._report._dmarc.slowauth.example': { SERVFAIL: true },
  '_dmarc.uris.example': {
    TXT: [
      'v=DMARC1; p=reject; rua=dmarc@uris.example,https://uris.example/r,mailto:noat,mailto:ok@uris.example!10m',
    ],
  },
  '_dmarc.slow.example': { TIMEOUT: true },
  // hostile answers: thousands of tags and URIs in one record, a hundred records at one name, prototype names
  '_dmarc.huge.example': {
    TXT: [
      [
        'v=DMARC1; p=reject; ',
        Array.from({ length: 3_000 }, (_, i) => `x${i}=1`).join('; '),
        '; rua=',
        Array.from({ length: 30 }, (_, i) => `mailto:d@r${i}.example`).join(','),
        '; ruf=',
        Array.from({ length: 30 }, (_, i) => `mailto:f@f${i}.example`).join(','),
      ]
        .join('')
        .match(/.{1,255}/g)!,
    ],
  },
  '_dmarc.crowd.example': {
    TXT: Array.from({ length: 100 }, (_, i) => `v=DMARC1; p=none; rua=mailto:d${i}@crowd.example`),
  },
  '_dmarc.proto.example': {
    TXT: ['v=DMARC1; p=reject; __proto__=x; constructor=y; rua=mailto:d@proto.example'],
  },
  // a public suffix's record (RFC 9989 psd=y) for the domains under it without one of their own
  '_dmarc.psdtld': { TXT: ['v=DMARC1; p=reject; psd=y; rua=mailto:psd@registry.psdtld'] },
};

let dns: FixtureDnsServer;
beforeAll(async () => {
  dns = await startFixtureDns({ zone });
});
afterAll(() => dns.stop());

async function audit(domain: string): Promise<AuditSection<DmarcAuditData>> {
  const resolver = new DnsResolver({ servers: [dns.server], timeoutMs: 250, retries: 0 });
  const session = new DnsSession(resolver, 3_000);
  try {
    return await auditDmarc({ domain, dns: session, now: new Date('2026-01-01T00:00:00Z'), options: {} });
  } finally {
    session.close();
  }
}

const ids = (findings: Finding[]) => findings.map((f) => f.id).sort();
const find = (findings: Finding[], id: CheckId) => findings.find((f) => f.id === id);

interface Case {
  domain: string;
  foundAt: string | null;
  policy: DmarcAuditData['policy'];
  findings: CheckId[];
  plan: Array<DmarcAuditData['plan'][number]['stage']>;
}

const cases: Case[] = [
  {
    domain: 'nothing.example',
    foundAt: null,
    policy: null,
    findings: ['dmarc.none', 'dmarc.plan'],
    plan: ['monitor', 'quarantine', 'reject'],
  },
  {
    domain: 'sub.parent.example',
    foundAt: 'parent.example',
    policy: 'quarantine',
    findings: ['dmarc.plan', 'dmarc.record-found'],
    plan: ['reject'],
  },
  {
    // does not exist: np= applies
    domain: 'ghost.parent.example',
    foundAt: 'parent.example',
    policy: 'reject',
    findings: ['dmarc.record-found'],
    plan: [],
  },
  {
    domain: 'parent.example',
    foundAt: 'parent.example',
    policy: 'none',
    findings: ['dmarc.plan', 'dmarc.record-found'],
    plan: ['quarantine', 'reject'],
  },
  {
    domain: 'twice.example',
    foundAt: null,
    policy: null,
    findings: ['dmarc.plan', 'dmarc.record-multiple'],
    plan: ['monitor', 'quarantine', 'reject'],
  },
  {
    domain: 'sub.shadow.example',
    foundAt: 'shadow.example',
    policy: 'none',
    findings: ['dmarc.plan', 'dmarc.record-found', 'dmarc.record-ignored'],
    plan: ['quarantine', 'reject'],
  },
  {
    domain: 'bogus.example',
    foundAt: 'bogus.example',
    policy: null,
    findings: ['dmarc.invalid-record', 'dmarc.plan', 'dmarc.tag-invalid'],
    plan: ['monitor', 'quarantine', 'reject'],
  },
  {
    domain: 'bogus-rua.example',
    foundAt: 'bogus-rua.example',
    policy: 'none',
    findings: ['dmarc.plan', 'dmarc.policy-invalid', 'dmarc.record-found', 'dmarc.tag-invalid'],
    plan: ['quarantine', 'reject'],
  },
  {
    domain: 'version.example',
    foundAt: null,
    policy: null,
    findings: ['dmarc.invalid-record', 'dmarc.plan'],
    plan: ['monitor', 'quarantine', 'reject'],
  },
  {
    domain: 'tags.example',
    foundAt: 'tags.example',
    policy: 'reject',
    findings: ['dmarc.record-found', 'dmarc.tag-duplicate', 'dmarc.tag-invalid', 'dmarc.tag-unknown'],
    plan: [],
  },
  {
    domain: 'monitor.example',
    foundAt: 'monitor.example',
    policy: 'none',
    findings: ['dmarc.plan', 'dmarc.record-found'],
    plan: ['quarantine', 'reject'],
  },
  {
    domain: 'blind.example',
    foundAt: 'blind.example',
    policy: 'none',
    findings: ['dmarc.no-reports', 'dmarc.plan', 'dmarc.record-found'],
    plan: ['monitor', 'quarantine', 'reject'],
  },
  {
    domain: 'quarantine.example',
    foundAt: 'quarantine.example',
    policy: 'quarantine',
    findings: ['dmarc.plan', 'dmarc.record-found'],
    plan: ['reject'],
  },
  {
    domain: 'reject.example',
    foundAt: 'reject.example',
    policy: 'reject',
    findings: ['dmarc.record-found'],
    plan: [],
  },
  {
    domain: 'pct.example',
    foundAt: 'pct.example',
    policy: 'quarantine',
    findings: ['dmarc.pct-partial', 'dmarc.plan', 'dmarc.record-found', 'dmarc.tag-deprecated'],
    plan: ['quarantine', 'reject'],
  },
  {
    domain: 'rfri.example',
    foundAt: 'rfri.example',
    policy: 'reject',
    findings: ['dmarc.record-found', 'dmarc.tag-deprecated'],
    plan: [],
  },
  {
    domain: 'testing.example',
    foundAt: 'testing.example',
    policy: 'reject',
    findings: ['dmarc.plan', 'dmarc.record-found', 'dmarc.testing'],
    plan: ['reject'],
  },
  {
    domain: 'strict.example',
    foundAt: 'strict.example',
    policy: 'reject',
    findings: ['dmarc.alignment-strict', 'dmarc.record-found'],
    plan: [],
  },
  {
    domain: 'norua.example',
    foundAt: 'norua.example',
    policy: 'reject',
    findings: ['dmarc.no-reports', 'dmarc.record-found'],
    plan: [],
  },
  {
    domain: 'weak-sub.example',
    foundAt: 'weak-sub.example',
    policy: 'reject',
    findings: ['dmarc.record-found', 'dmarc.subdomain-weaker'],
    plan: [],
  },
  {
    // sp=none applies to an existing subdomain: the plan raises sp=
    domain: 'www.weak-sub.example',
    foundAt: 'weak-sub.example',
    policy: 'none',
    findings: ['dmarc.plan', 'dmarc.record-found', 'dmarc.subdomain-weaker'],
    plan: ['quarantine', 'reject'],
  },
  {
    domain: 'outside.example',
    foundAt: 'outside.example',
    policy: 'reject',
    findings: ['dmarc.record-found', 'dmarc.report-lookup-error', 'dmarc.report-unauthorized'],
    plan: [],
  },
  {
    domain: 'uris.example',
    foundAt: 'uris.example',
    policy: 'reject',
    findings: ['dmarc.record-found', 'dmarc.report-uri-invalid'],
    plan: [],
  },
  {
    domain: 'slow.example',
    foundAt: null,
    policy: null,
    findings: ['dmarc.lookup-error'],
    plan: [],
  },
  {
    domain: 'shop.psdtld',
    foundAt: 'psdtld',
    policy: 'reject',
    findings: ['dmarc.plan', 'dmarc.record-found'],
    plan: ['monitor', 'quarantine', 'reject'],
  },
];

describe('auditDmarc', () => {
  it.each(cases)('$domain', async (c) => {
    const { data, findings } = await audit(c.domain);
    expect(ids(findings)).toEqual([...c.findings].sort());
    expect(data.foundAt).toBe(c.foundAt);
    expect(data.policy).toBe(c.policy);
    expect(data.plan.map((step) => step.stage)).toEqual(c.plan);
    // Every step is a record the audit itself reads as the stage says, published where the words say.
    for (const step of data.plan) {
      expect(step.record).toMatch(/^v=DMARC1; p=/);
      expect(step.name).toMatch(/^_dmarc\./);
    }
    // The words render in both languages with nothing left unfilled.
    for (const lang of ['en', 'ja'] as const) {
      for (const finding of findings) {
        const text = checkText(finding, lang);
        expect(text.title + text.detail + (text.fix ?? '')).not.toMatch(
          /\{[a-zA-Z0-9_]+\}|\(none\)|（なし）/,
        );
      }
    }
  });

  it('inherited record: the subdomain gets sp=, the record and its tags are as published', async () => {
    const { data, findings } = await audit('sub.parent.example');
    expect(data.record).toBe('v=DMARC1; p=none; sp=quarantine; np=reject; rua=mailto:d@parent.example');
    expect(data.tags).toEqual({
      v: 'DMARC1',
      p: 'none',
      sp: 'quarantine',
      np: 'reject',
      rua: 'mailto:d@parent.example',
    });
    expect(data.subdomainPolicy).toBe('quarantine');
    expect(data.nonexistentPolicy).toBe('reject');
    expect(find(findings, 'dmarc.record-found')?.params).toMatchObject({
      foundAt: 'parent.example',
      applied: 'sp=quarantine',
      inheritance: 'inherited',
    });
    // The plan raises the tag that applies to this domain, and keeps the others.
    expect(data.plan).toEqual([
      {
        stage: 'reject',
        name: '_dmarc.parent.example',
        record: 'v=DMARC1; p=none; sp=reject; np=reject; rua=mailto:d@parent.example',
      },
    ]);
    expect(checkText(find(findings, 'dmarc.record-found')!, 'en').detail).toContain(
      'inherited from a parent domain',
    );
  });

  it('plans from p=none with reports: quarantine, then reject, keeping rua/ruf/aspf/adkim', async () => {
    const { data, findings } = await audit('monitor.example');
    expect(data.plan.map((s) => s.record)).toEqual([
      'v=DMARC1; p=quarantine; rua=mailto:d@monitor.example',
      'v=DMARC1; p=reject; rua=mailto:d@monitor.example',
    ]);
    const plan = find(findings, 'dmarc.plan')!;
    expect(plan.params).toMatchObject({
      stage: 'quarantine',
      current: 'p=none',
      recordDomain: 'monitor.example',
    });
    const en = checkText(plan, 'en');
    expect(en.fix).toContain('v=DMARC1; p=quarantine; rua=mailto:d@monitor.example');
    expect(en.fix).toContain('after 2–4 weeks of clean aggregate reports');
    expect(checkText(plan, 'ja').fix).toContain('2～4 週間');
  });

  it('plans from nothing: monitor with a report address at the organizational domain first', async () => {
    const { data, findings } = await audit('nothing.example');
    expect(data.plan[0]).toEqual({
      stage: 'monitor',
      name: '_dmarc.nothing.example',
      record: 'v=DMARC1; p=none; rua=mailto:dmarc-reports@nothing.example',
    });
    // The same record the message check's dmarc.none suggests.
    expect(find(findings, 'dmarc.none')?.params?.suggestedRecord).toBe(data.plan[0]!.record);
  });

  it('a subdomain without a record of its own is planned at its organizational domain', async () => {
    const { data } = await audit('mail.nothing.example');
    expect(data.plan[0]?.name).toBe('_dmarc.nothing.example');
  });

  it('plans from p=none without reports: add rua= first', async () => {
    const { data } = await audit('blind.example');
    expect(data.plan.map((s) => s.record)).toEqual([
      'v=DMARC1; p=none; rua=mailto:dmarc-reports@blind.example',
      'v=DMARC1; p=quarantine; rua=mailto:dmarc-reports@blind.example',
      'v=DMARC1; p=reject; rua=mailto:dmarc-reports@blind.example',
    ]);
  });

  it('pct<100: says what receivers do with it, and the plan drops it (DMARCbis has no pct)', async () => {
    const { data, findings } = await audit('pct.example');
    expect(data.tags.pct).toBe('50');
    expect(find(findings, 'dmarc.pct-partial')?.params).toMatchObject({
      pct: 50,
      policy: 'quarantine',
      weakerPolicy: 'none',
      suggestedRecord: 'v=DMARC1; p=quarantine; rua=mailto:d@pct.example',
      testingRecord: 'v=DMARC1; p=quarantine; t=y; rua=mailto:d@pct.example',
    });
    expect(data.plan.map((s) => s.record)).toEqual([
      'v=DMARC1; p=quarantine; rua=mailto:d@pct.example',
      'v=DMARC1; p=reject; rua=mailto:d@pct.example',
    ]);
  });

  it('rf / ri / pct=100: deprecated, listed as published', async () => {
    const { findings } = await audit('rfri.example');
    expect(find(findings, 'dmarc.tag-deprecated')?.params).toMatchObject({
      tags: ['rf=afrf', 'ri=86400', 'pct=100'],
      suggestedRecord: 'v=DMARC1; p=reject; rua=mailto:d@rfri.example',
    });
  });

  it('t=y: the policy one level lower applies; the plan removes t=y', async () => {
    const { data, findings } = await audit('testing.example');
    expect(find(findings, 'dmarc.testing')?.params).toMatchObject({
      applied: 'p=reject',
      effective: 'quarantine',
    });
    expect(data.plan).toEqual([
      {
        stage: 'reject',
        name: '_dmarc.testing.example',
        record: 'v=DMARC1; p=reject; rua=mailto:d@testing.example',
      },
    ]);
  });

  it('strict alignment: says what it breaks, suggests relaxed', async () => {
    const { findings } = await audit('strict.example');
    const strict = find(findings, 'dmarc.alignment-strict')!;
    expect(strict.params).toMatchObject({
      tags: ['aspf=s', 'adkim=s'],
      suggestedRecord: 'v=DMARC1; p=reject; rua=mailto:d@strict.example; ruf=mailto:f@strict.example',
    });
    expect(checkText(strict, 'en').detail).toContain('bounce.strict.example');
  });

  it('several records: none applies, each shown, one to publish', async () => {
    const { data, findings } = await audit('twice.example');
    expect(data.record).toBeNull();
    expect(find(findings, 'dmarc.record-multiple')?.params).toMatchObject({
      recordDomain: 'twice.example',
      count: 2,
      records: ['v=DMARC1; p=none', 'v=DMARC1; p=reject'],
      suggestedRecord: 'v=DMARC1; p=none; rua=mailto:dmarc-reports@twice.example',
    });
  });

  it('a record without a valid p= and no rua=: no DMARC processing; with rua=: p=none', async () => {
    const bogus = await audit('bogus.example');
    expect(bogus.data).toMatchObject({ record: 'v=DMARC1; p=bogus', foundAt: 'bogus.example', policy: null });
    expect(find(bogus.findings, 'dmarc.tag-invalid')?.params?.tags).toEqual(['p=bogus']);
    const withRua = await audit('bogus-rua.example');
    expect(find(withRua.findings, 'dmarc.policy-invalid')?.params).toMatchObject({
      tags: ['p=bogus'],
      suggestedRecord: 'v=DMARC1; p=none; rua=mailto:d@bogus-rua.example',
    });
  });

  it('syntax: bad values, tag-name case, duplicates and unknown tags, as published', async () => {
    const { findings } = await audit('tags.example');
    expect(find(findings, 'dmarc.tag-invalid')?.params?.tags).toEqual(['aspf=x', 'P=none']);
    expect(find(findings, 'dmarc.tag-duplicate')?.params?.tags).toEqual(['P=none', 'p=reject']);
    expect(find(findings, 'dmarc.tag-unknown')?.params?.tags).toEqual(['foo=bar']);
    expect(find(findings, 'dmarc.tag-invalid')?.params?.suggestedRecord).toBe(
      'v=DMARC1; p=reject; rua=mailto:d@tags.example',
    );
  });

  it('reports to another organization: the authorization record, looked up, authorized or not', async () => {
    const { data, findings } = await audit('outside.example');
    expect(data.reporting).toEqual([
      expect.objectContaining({
        kind: 'rua',
        uri: 'mailto:a@reports.example',
        domain: 'reports.example',
        authorized: true,
        authorizationName: 'outside.example._report._dmarc.reports.example',
      }),
      expect.objectContaining({ kind: 'rua', domain: 'noauth.example', authorized: false }),
      expect.objectContaining({
        kind: 'ruf',
        domain: 'outside.example',
        authorized: null,
        authorizationName: null,
      }),
      expect.objectContaining({
        kind: 'ruf',
        domain: 'slowauth.example',
        authorized: null,
        error: 'ESERVFAIL',
      }),
    ]);
    const unauthorized = find(findings, 'dmarc.report-unauthorized')!;
    expect(unauthorized.params).toMatchObject({
      destinations: ['noauth.example'],
      names: ['outside.example._report._dmarc.noauth.example'],
    });
    expect(checkText(unauthorized, 'en').fix).toContain(
      'TXT record with the value v=DMARC1 at: outside.example._report._dmarc.noauth.example',
    );
    expect(find(findings, 'dmarc.report-lookup-error')?.params?.names).toEqual([
      'outside.example._report._dmarc.slowauth.example',
    ]);
  });

  it('the authorization lookups run at once, overlapping the Tree Walk', async () => {
    dns.queries.length = 0;
    dns.delayMs = 60;
    try {
      const started = Date.now();
      await audit('outside.example');
      // Walk (one round) + authorizations (prefetched as the record arrives): about two delays, not five.
      expect(Date.now() - started).toBeLessThan(60 * 4);
    } finally {
      dns.delayMs = 0;
    }
    const walkAt = dns.queriesFor('_dmarc.outside.example')[0]!.at;
    const authAt = dns.queriesFor('outside.example._report._dmarc.noauth.example').map((q) => q.at);
    expect(authAt).toHaveLength(1);
    expect(authAt[0]! - walkAt).toBeLessThan(60 * 2);
  });

  it('reporting URIs: mailto: only, complete addresses, size suffix allowed', async () => {
    const { data, findings } = await audit('uris.example');
    expect(data.reporting.map((r) => [r.uri, r.problem, r.address])).toEqual([
      ['dmarc@uris.example', 'not-a-uri', null],
      ['https://uris.example/r', 'not-mailto', null],
      ['mailto:noat', 'bad-address', null],
      ['mailto:ok@uris.example!10m', null, 'ok@uris.example'],
    ]);
    expect(find(findings, 'dmarc.report-uri-invalid')?.params).toMatchObject({
      uris: ['rua=dmarc@uris.example', 'rua=https://uris.example/r', 'rua=mailto:noat'],
      suggestedRecord: 'v=DMARC1; p=reject; rua=mailto:ok@uris.example!10m',
    });
  });

  it('a public suffix record applies, but the plan starts a record of the domain', async () => {
    const { data, findings } = await audit('shop.psdtld');
    expect(find(findings, 'dmarc.record-found')?.params?.inheritance).toBe('psd');
    expect(data.plan[0]).toMatchObject({ name: '_dmarc.shop.psdtld', stage: 'monitor' });
    // The suffix operator's reporting and syntax are not the owner's to fix: only the record and the plan.
    expect(ids(findings)).toEqual(['dmarc.plan', 'dmarc.record-found']);
  });
});

describe('hostile answers', () => {
  it('a record of thousands of tags and URIs: read whole, kept bounded, authorizations capped', async () => {
    dns.queries.length = 0;
    const { data, findings } = await audit('huge.example');
    expect(data.policy).toBe('reject');
    expect(data.record!.length).toBeLessThanOrEqual(1_025);
    expect(Object.keys(data.tags).length).toBeLessThanOrEqual(4 + 20);
    expect(data.reporting).toHaveLength(20);
    expect(dns.queries.filter((q) => q.name.includes('._report._dmarc.')).length).toBeLessThanOrEqual(10);
    expect(find(findings, 'dmarc.tag-unknown')?.params?.tags).toHaveLength(5);
    expect(ids(findings)).not.toContain('dmarc.no-reports');
  });

  it('a hundred records at one name: counted, five shown', async () => {
    const { findings } = await audit('crowd.example');
    const multiple = find(findings, 'dmarc.record-multiple')!;
    expect(multiple.params?.count).toBe(100);
    expect(multiple.params?.records).toHaveLength(5);
  });

  it('tags named like prototype members stay data', async () => {
    const { data, findings } = await audit('proto.example');
    expect(Object.getPrototypeOf(data.tags)).toBe(Object.prototype);
    expect(Object.hasOwn(data.tags, '__proto__')).toBe(true);
    expect(data.tags.constructor).toBe('y');
    expect(find(findings, 'dmarc.tag-unknown')?.params?.tags).toEqual(['__proto__=x', 'constructor=y']);
  });

  it('never throws: a session whose deadline has passed gives a finding', async () => {
    const resolver = new DnsResolver({ servers: [dns.server], timeoutMs: 250, retries: 0 });
    const session = new DnsSession(resolver, 0);
    await new Promise((resolve) => setTimeout(resolve, 5));
    const { data, findings } = await auditDmarc({
      domain: 'reject.example',
      dns: session,
      now: new Date(),
      options: {},
    });
    expect(data.record).toBeNull();
    expect(ids(findings)).toEqual(['dmarc.lookup-error']);
  });
});

describe('scoring', () => {
  it('the plan costs what p=none costs a message', () => {
    expect(CHECK_RULES['dmarc.plan'].deduction).toBe(CHECK_RULES['dmarc.policy-none'].deduction);
    expect(CHECK_RULES['dmarc.plan'].status).toBe(CHECK_RULES['dmarc.policy-none'].status);
  });

  it.each([
    ['nothing.example', CHECK_RULES['dmarc.none'].deduction],
    ['twice.example', CHECK_RULES['dmarc.invalid-record'].deduction],
    ['monitor.example', CHECK_RULES['dmarc.policy-none'].deduction],
    ['reject.example', 0],
  ])('%s costs %s', async (domain, cost) => {
    const { findings } = await audit(domain);
    expect(10 - scoreOf(toCheckResults(findings, 'en'))).toBeCloseTo(cost, 5);
  });
});

describe('pure parts', () => {
  it.each([
    ['mailto:d@example.com', { ok: true, address: 'd@example.com', domain: 'example.com', size: null }],
    ['MAILTO:d@Example.COM!10m', { ok: true, address: 'd@example.com', domain: 'example.com', size: '10m' }],
    [
      'mailto:d@%E4%BE%8B%E3%81%88.jp',
      { ok: true, address: 'd@xn--r8jz45g.jp', domain: 'xn--r8jz45g.jp', size: null },
    ],
    ['mailto:a%2Cb@example.com', { ok: false, reason: 'bad-address' }],
    ['d@example.com', { ok: false, reason: 'not-a-uri' }],
    ['http://example.com/', { ok: false, reason: 'not-mailto' }],
    ['mailto:d@exa mple.com', { ok: false, reason: 'not-a-uri' }],
    ['mailto:d@', { ok: false, reason: 'bad-address' }],
    ['mailto:%ZZ@example.com', { ok: false, reason: 'not-a-uri' }],
    [`mailto:d@${'a'.repeat(64)}.com`, { ok: false, reason: 'bad-address' }],
  ])('parseReportUri(%j)', (uri, expected) => {
    expect(parseReportUri(uri)).toEqual(expected);
  });

  it.each<[DmarcRecordTags | null, PolicyTag, Policy | null, boolean, PlanStage[]]>([
    [null, 'p', null, false, ['monitor', 'quarantine', 'reject']],
    [{ p: 'none' }, 'p', 'none', false, ['monitor', 'quarantine', 'reject']],
    [{ p: 'none', rua: ['mailto:d@x.example'] }, 'p', 'none', false, ['quarantine', 'reject']],
    [{ p: 'quarantine', rua: ['mailto:d@x.example'] }, 'p', 'quarantine', false, ['reject']],
    [{ p: 'quarantine', rua: ['mailto:d@x.example'] }, 'p', 'quarantine', true, ['quarantine', 'reject']],
    [{ p: 'reject', t: 'y', rua: ['mailto:d@x.example'] }, 'p', 'reject', false, ['reject']],
    [{ p: 'reject', rua: ['mailto:d@x.example'] }, 'p', 'reject', false, []],
  ])('stagedPlan(%j, %s=%s, partial %s)', (tags, tag, level, partial, stages) => {
    const plan = stagedPlan({ tags, tag, level, partial, reportAddress: 'r@x.example' });
    expect(plan.map((s) => s.stage)).toEqual(stages);
    for (const step of plan) expect(step.record).not.toMatch(/t=y|pct=/);
  });
});

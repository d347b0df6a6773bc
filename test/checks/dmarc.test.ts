import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  checkDmarc,
  dmarcPrefetchQuestions,
  prefetchDmarc,
  raisedRecord,
  treeWalkNames,
  type DmarcInput,
} from '../../src/checks/dmarc.js';
import type { CheckContext } from '../../src/checks/types.js';
import { DnsResolver } from '../../src/dns/resolver.js';
import { DnsSession } from '../../src/dns/session.js';
import { checkText } from '../../src/i18n/index.js';
import { parseMessage } from '../../src/message/parse.js';
import { domainOf } from '../../src/names/org-domain.js';
import type { AuthResult, DmarcAuth } from '../../src/report/types.js';
import type { CheckId } from '../../src/scoring/deductions.js';
import { startFixtureDns, type FixtureDnsServer, type FixtureZone } from '../support/dns-server.js';
import { signatureAuth } from '../support/context.js';

const zone: FixtureZone = {
  '_dmarc.none.example': { TXT: ['v=DMARC1; p=none'] },
  '_dmarc.quarantine.example': { TXT: ['v=DMARC1; p=quarantine; rua=mailto:dmarc@quarantine.example'] },
  '_dmarc.reject.example': {
    TXT: ['v=DMARC1; p=reject; rua=mailto:agg@reject.example; ruf=mailto:forensic@reject.example'],
  },
  // p for the domain itself, sp for its existing subdomains, np for names that do not exist
  '_dmarc.parent.example': {
    TXT: ['v=DMARC1; p=none; sp=quarantine; np=reject; rua=mailto:d@parent.example'],
  },
  'news.parent.example': { A: ['192.0.2.20'] },
  '_dmarc.strict.example': { TXT: ['v=DMARC1; p=reject; aspf=s; adkim=s; rua=mailto:d@strict.example'] },
  '_dmarc.testing.example': { TXT: ['v=DMARC1; p=reject; t=y; rua=mailto:d@testing.example'] },
  '_dmarc.trial.example': { TXT: ['v=DMARC1; p=quarantine; t=y; rua=mailto:d@trial.example'] },
  '_dmarc.slow.example': { TIMEOUT: true },
  '_dmarc.broken.example': { TXT: ['v=DMARC1; p=bogus'] },
  '_dmarc.twice.example': { TXT: ['v=DMARC1; p=none', 'v=DMARC1; p=reject'] },
  // an unrelated TXT record is not a DMARC record
  '_dmarc.norecord.example': { TXT: ['google-site-verification=abc'] },
};

let dns: FixtureDnsServer;
beforeAll(async () => {
  dns = await startFixtureDns({ zone });
});
afterAll(() => dns.stop());

const CLIENT_IP = '192.0.2.10';
const HELO = 'mail.sender.example';

interface Scenario {
  /** Address(es) of one From field; a list of lists makes several From fields. */
  from: string | string[][];
  /** MAIL FROM; '' is the null sender (SPF then checks the HELO name). */
  mailFrom?: string;
  helo?: string;
  spf?: AuthResult;
  dkim?: Array<[domain: string, result: AuthResult]>;
}

async function contextFor(s: Scenario, resolver = newResolver()): Promise<CheckContext> {
  const fromFields = typeof s.from === 'string' ? [[s.from]] : s.from;
  const lines = [
    ...fromFields.map((addresses) => `From: ${addresses.join(', ')}`),
    ...(s.dkim ?? []).map(
      ([d]) =>
        `DKIM-Signature: v=1; a=rsa-sha256; c=relaxed/relaxed; d=${d}; s=sel; h=from:subject; bh=AAAA; b=BBBB`,
    ),
    'To: test@mailscore.example',
    'Subject: DMARC test',
    'Message-ID: <1@sender.example>',
    'Date: Mon, 1 Jan 2024 00:00:00 +0000',
    '',
    'Hello.',
    '',
  ];
  return {
    message: await parseMessage(Buffer.from(lines.join('\r\n'))),
    envelope: {
      clientIp: CLIENT_IP,
      helo: s.helo ?? HELO,
      mailFrom: s.mailFrom ?? null,
      rcptTo: [],
      tls: null,
    },
    dns: new DnsSession(resolver),
    now: new Date('2024-01-01T00:00:00Z'),
  };
}

const newResolver = () => new DnsResolver({ servers: [dns.server], timeoutMs: 250, retries: 0 });

const signature = (domain: string, result: AuthResult) => signatureAuth(domain, result);

/** What the SPF and DKIM checks would have handed over for this scenario. */
function inputFor(s: Scenario): DmarcInput {
  const viaHelo = !s.mailFrom;
  return {
    spf: {
      result: s.spf ?? 'none',
      domain: viaHelo ? (s.helo ?? HELO) : domainOf(s.mailFrom),
      mechanism: null,
      record: null,
      identity: viaHelo ? 'helo' : 'mailfrom',
      explanation: null,
      lookups: null,
      helo: null,
    },
    dkim: (s.dkim ?? []).map(([domain, result]) => signature(domain, result)),
    arc: { result: 'none', sets: 0, reason: null },
  };
}

interface Case {
  name: string;
  scenario: Scenario;
  auth: Partial<DmarcAuth>;
  findings: CheckId[];
  /** `aligned` of each DKIM signature, in order. */
  dkimAligned?: boolean[];
}

const cases: Case[] = [
  {
    name: 'p=none, SPF-only pass',
    scenario: { from: 'a@none.example', mailFrom: 'bounce@none.example', spf: 'pass' },
    auth: {
      result: 'pass',
      domain: 'none.example',
      policy: 'none',
      p: 'none',
      sp: null,
      np: null,
      spfAligned: true,
      dkimAligned: false,
      disposition: 'none',
      recordDomain: 'none.example',
      record: 'v=DMARC1; p=none',
      rua: false,
      ruf: false,
      aspf: 'r',
      adkim: 'r',
    },
    findings: ['dmarc.pass', 'dmarc.policy-none', 'dmarc.no-reports'],
  },
  {
    name: 'p=quarantine, nothing aligned',
    scenario: { from: 'a@quarantine.example', mailFrom: 'x@esp.example', spf: 'pass' },
    auth: { result: 'fail', policy: 'quarantine', spfAligned: false, disposition: 'quarantine', rua: true },
    findings: ['dmarc.fail'],
  },
  {
    name: 'p=reject, DKIM-only pass, rua and ruf',
    scenario: {
      from: 'a@reject.example',
      mailFrom: 'x@esp.example',
      spf: 'fail',
      dkim: [['reject.example', 'pass']],
    },
    auth: {
      result: 'pass',
      policy: 'reject',
      spfAligned: false,
      dkimAligned: true,
      disposition: 'none',
      rua: true,
      ruf: true,
    },
    findings: ['dmarc.pass'],
    dkimAligned: [true],
  },
  {
    name: 'p=reject, only a third-party DKIM signature passes',
    scenario: {
      from: 'a@reject.example',
      mailFrom: 'x@esp.example',
      spf: 'pass',
      dkim: [['esp.example', 'pass']],
    },
    auth: { result: 'fail', policy: 'reject', spfAligned: false, dkimAligned: false, disposition: 'reject' },
    findings: ['dmarc.fail'],
    dkimAligned: [false],
  },
  {
    name: 'an author signature that fails is aligned but does not pass DMARC',
    scenario: { from: 'a@reject.example', dkim: [['reject.example', 'fail']] },
    auth: { result: 'fail', dkimAligned: false, disposition: 'reject' },
    findings: ['dmarc.fail'],
    dkimAligned: [true],
  },
  {
    name: 'sp inherited by an existing subdomain',
    scenario: { from: 'a@news.parent.example', mailFrom: 'x@esp.example', spf: 'pass' },
    auth: {
      result: 'fail',
      domain: 'news.parent.example',
      policy: 'quarantine',
      recordDomain: 'parent.example',
      p: 'none',
      sp: 'quarantine',
      np: 'reject',
      disposition: 'quarantine',
    },
    findings: ['dmarc.fail'],
  },
  {
    name: 'np for a non-existent subdomain',
    scenario: { from: 'a@ghost.parent.example', mailFrom: 'x@esp.example', spf: 'pass' },
    auth: { result: 'fail', policy: 'reject', recordDomain: 'parent.example', disposition: 'reject' },
    findings: ['dmarc.fail'],
  },
  {
    name: 'the organizational domain itself gets p, not sp',
    scenario: { from: 'a@parent.example', mailFrom: 'x@esp.example', spf: 'pass' },
    auth: { result: 'fail', policy: 'none', disposition: 'none' },
    findings: ['dmarc.fail', 'dmarc.policy-none'],
  },
  {
    name: 'relaxed aspf: an envelope subdomain aligns',
    scenario: { from: 'a@quarantine.example', mailFrom: 'b@bounce.quarantine.example', spf: 'pass' },
    auth: { result: 'pass', spfAligned: true, aspf: 'r' },
    findings: ['dmarc.pass'],
  },
  {
    name: 'strict aspf: an envelope subdomain does not align',
    scenario: { from: 'a@strict.example', mailFrom: 'b@bounce.strict.example', spf: 'pass' },
    auth: { result: 'fail', spfAligned: false, aspf: 's', disposition: 'reject' },
    findings: ['dmarc.fail'],
  },
  {
    name: 'strict aspf: the From domain itself aligns',
    scenario: { from: 'a@strict.example', mailFrom: 'b@strict.example', spf: 'pass' },
    auth: { result: 'pass', spfAligned: true },
    findings: ['dmarc.pass'],
  },
  {
    name: 'relaxed adkim: a subdomain signature aligns',
    scenario: { from: 'a@quarantine.example', dkim: [['mail.quarantine.example', 'pass']] },
    auth: { result: 'pass', dkimAligned: true, adkim: 'r' },
    findings: ['dmarc.pass'],
    dkimAligned: [true],
  },
  {
    name: 'strict adkim: a subdomain signature does not align, a failing exact one does',
    scenario: {
      from: 'a@strict.example',
      dkim: [
        ['mail.strict.example', 'pass'],
        ['strict.example', 'fail'],
      ],
    },
    auth: { result: 'fail', dkimAligned: false, adkim: 's' },
    findings: ['dmarc.fail'],
    dkimAligned: [false, true],
  },
  {
    name: 't=y: p=reject is published, receivers only quarantine',
    scenario: { from: 'a@testing.example', mailFrom: 'x@esp.example', spf: 'pass' },
    auth: { result: 'fail', policy: 'reject', p: 'reject', disposition: 'quarantine' },
    findings: ['dmarc.fail'],
  },
  {
    name: 't=y with p=quarantine is monitoring only',
    scenario: { from: 'a@trial.example', mailFrom: 'x@esp.example', spf: 'pass' },
    auth: { result: 'fail', policy: 'quarantine', disposition: 'none' },
    findings: ['dmarc.fail', 'dmarc.policy-none'],
  },
  {
    name: 'no record (relaxed alignment still reported)',
    scenario: {
      from: 'a@norecord.example',
      mailFrom: 'b@norecord.example',
      spf: 'pass',
      dkim: [
        ['norecord.example', 'pass'],
        ['mail.norecord.example', 'fail'],
        ['esp.example', 'pass'],
      ],
    },
    auth: {
      result: 'none',
      domain: 'norecord.example',
      policy: null,
      record: null,
      recordDomain: null,
      p: null,
      aspf: null,
      spfAligned: true,
      dkimAligned: true,
      disposition: null,
    },
    findings: ['dmarc.none'],
    dkimAligned: [true, true, false],
  },
  {
    name: 'a record with an invalid p= and no rua= is no record',
    scenario: { from: 'a@broken.example', mailFrom: 'b@broken.example', spf: 'pass' },
    auth: { result: 'none', policy: null },
    findings: ['dmarc.invalid-record'],
  },
  {
    name: 'two DMARC records are no record',
    scenario: { from: 'a@twice.example' },
    auth: { result: 'none', policy: null },
    findings: ['dmarc.invalid-record'],
  },
  {
    name: 'null sender: the HELO identity of SPF aligns',
    scenario: { from: 'a@reject.example', mailFrom: '', helo: 'mail.reject.example', spf: 'pass' },
    auth: { result: 'pass', spfAligned: true, disposition: 'none' },
    findings: ['dmarc.pass'],
  },
  {
    name: 'several addresses of one domain are one author domain',
    scenario: { from: [['a@reject.example', 'b@reject.example']], dkim: [['reject.example', 'pass']] },
    auth: { result: 'pass', domain: 'reject.example' },
    findings: ['dmarc.pass'],
    dkimAligned: [true],
  },
  {
    name: 'multiple From domains',
    scenario: { from: [['a@reject.example', 'b@quarantine.example']], dkim: [['reject.example', 'pass']] },
    auth: { result: 'permerror', domain: null, policy: null, dkimAligned: false },
    findings: ['dmarc.no-author-domain'],
    dkimAligned: [false],
  },
  {
    name: 'two From fields',
    scenario: { from: [['a@reject.example'], ['a@reject.example']] },
    auth: { result: 'permerror', domain: null },
    findings: ['dmarc.no-author-domain'],
  },
  {
    name: 'no From field',
    scenario: { from: [] },
    auth: { result: 'permerror', domain: null },
    findings: ['dmarc.no-author-domain'],
  },
];

const temperrorCase: Case = {
  name: 'the record lookup times out',
  scenario: { from: 'a@slow.example', mailFrom: 'b@slow.example', spf: 'pass' },
  auth: { result: 'temperror', domain: 'slow.example', policy: null, disposition: null },
  findings: ['dmarc.temperror'],
};

describe('checkDmarc', () => {
  it.each([...cases, temperrorCase])('$name', async ({ scenario, auth, findings, dkimAligned }) => {
    const ctx = await contextFor(scenario);
    const output = await checkDmarc(ctx, inputFor(scenario));
    expect(output.result).toMatchObject(auth);
    expect(output.findings.map((f) => f.id)).toEqual(findings);
    if (dkimAligned) expect(output.dkim.map((sig) => sig.aligned)).toEqual(dkimAligned);
    ctx.dns.close();
  });

  it('names the failing identifiers and the exact fix', async () => {
    const scenario: Scenario = {
      from: 'a@reject.example',
      mailFrom: 'x@esp.example',
      spf: 'pass',
      dkim: [['esp.example', 'pass']],
    };
    const output = await checkDmarc(await contextFor(scenario), inputFor(scenario));
    const fail = output.findings[0]!;
    expect(fail.params).toMatchObject({
      domain: 'reject.example',
      spfDomain: 'esp.example',
      spfResult: 'pass',
      dkimDomains: ['esp.example'],
      spfMechanism: `ip4:${CLIENT_IP}`,
      disposition: 'reject',
    });
    const en = checkText(fail, 'en');
    expect(en.fix).toContain('d=reject.example');
    expect(en.fix).toContain(`add ip4:${CLIENT_IP} to the SPF record of reject.example`);
    expect(checkText(fail, 'ja').fix).toContain('d=reject.example');
  });

  it.each([
    [
      'no record',
      'a@norecord.example',
      'dmarc.none',
      '_dmarc.norecord.example',
      'v=DMARC1; p=none; rua=mailto:dmarc-reports@norecord.example',
    ],
    [
      'a subdomain without record',
      'a@mail.norecord.example',
      'dmarc.none',
      '_dmarc.norecord.example',
      'v=DMARC1; p=none; rua=mailto:dmarc-reports@norecord.example',
    ],
    ['p=none', 'a@none.example', 'dmarc.policy-none', '_dmarc.none.example', 'v=DMARC1; p=quarantine'],
    [
      'p=none without rua',
      'a@none.example',
      'dmarc.no-reports',
      '_dmarc.none.example',
      'v=DMARC1; p=none; rua=mailto:dmarc-reports@none.example',
    ],
    [
      't=y',
      'a@trial.example',
      'dmarc.policy-none',
      '_dmarc.trial.example',
      'v=DMARC1; p=quarantine; rua=mailto:d@trial.example',
    ],
    [
      'own p=none under sp/np',
      'a@parent.example',
      'dmarc.policy-none',
      '_dmarc.parent.example',
      'v=DMARC1; p=quarantine; sp=quarantine; np=reject; rua=mailto:d@parent.example',
    ],
    [
      'invalid p=',
      'a@broken.example',
      'dmarc.invalid-record',
      '_dmarc.broken.example',
      'v=DMARC1; p=none; rua=mailto:dmarc-reports@broken.example',
    ],
  ] as const)('%s: the fix gives the exact record to publish', async (_, from, id, name, record) => {
    const scenario: Scenario = { from };
    const output = await checkDmarc(await contextFor(scenario), inputFor(scenario));
    const finding = output.findings.find((f) => f.id === id);
    expect(finding?.params?.suggestedRecord).toBe(record);
    for (const lang of ['en', 'ja'] as const) {
      const fix = checkText(finding!, lang).fix!;
      expect(fix).toContain(name);
      expect(fix).toContain(record);
    }
  });

  it('reports the author domains when there is no single one', async () => {
    const scenario: Scenario = { from: [['a@reject.example', 'b@quarantine.example']] };
    const output = await checkDmarc(await contextFor(scenario), inputFor(scenario));
    expect(output.findings[0]!.params).toMatchObject({
      reason: 'multiple-author-domains',
      domains: ['reject.example', 'quarantine.example'],
      fromFields: 1,
      mailboxes: 2,
    });
  });

  it('the p=none finding says which tag applied, with t=y', async () => {
    const scenario: Scenario = { from: 'a@trial.example' };
    const output = await checkDmarc(await contextFor(scenario), inputFor(scenario));
    expect(output.findings.find((f) => f.id === 'dmarc.policy-none')?.params?.applied).toBe(
      'p=quarantine; t=y',
    );
  });
});

describe('prefetchDmarc', () => {
  // After the prefetch, the evaluation must add no round trip: every lookup it makes is answered
  // from the cache, and the DNS server sees no new question.
  it.each(cases)('$name: evaluation makes no new query', async ({ scenario }) => {
    const ctx = await contextFor(scenario, newResolver());
    await prefetchDmarc(ctx);
    const sent = dns.queries.length;
    const before = ctx.dns.stats();
    await checkDmarc(ctx, inputFor(scenario));
    const after = ctx.dns.stats();
    expect(dns.queries.slice(sent)).toEqual([]);
    expect(after.queries - before.queries).toBe(after.cached - before.cached);
    ctx.dns.close();
  });

  it('evaluation after the prefetch asks only what the prefetch asked', async () => {
    const scenario: Scenario = {
      from: 'a@ghost.parent.example',
      mailFrom: 'b@bounce.deep.parent.example',
      spf: 'pass',
      dkim: [['mail.parent.example', 'pass']],
    };
    const ctx = await contextFor(scenario, newResolver());
    const sent = dns.queries.length;
    await prefetchDmarc(ctx);
    const output = await checkDmarc(ctx, inputFor(scenario));
    expect(output.result).toMatchObject({
      result: 'pass',
      spfAligned: true,
      dkimAligned: true,
      policy: 'reject',
    });
    const asked = dns.queries.slice(sent).map((q) => `${q.type} ${q.name}`);
    expect(asked.sort()).toEqual(
      [
        'TXT _dmarc.ghost.parent.example',
        'TXT _dmarc.parent.example',
        'TXT _dmarc.example',
        'A ghost.parent.example',
        'CNAME ghost.parent.example',
        'TXT _dmarc.bounce.deep.parent.example',
        'TXT _dmarc.deep.parent.example',
        'TXT _dmarc.mail.parent.example',
      ].sort(),
    );
  });

  it('stays bounded for a hostile message', async () => {
    const deep = (i: number) => `a${i}.b${i}.c${i}.d${i}.e${i}.f${i}.g${i}.h${i}.reject.example`;
    const scenario: Scenario = {
      from: `x@${deep(99)}`,
      mailFrom: `y@${deep(98)}`,
      dkim: Array.from({ length: 50 }, (_, i) => [deep(i), 'pass'] as [string, AuthResult]),
    };
    const ctx = await contextFor(scenario);
    expect(dmarcPrefetchQuestions(ctx).length).toBeLessThanOrEqual(40);
    ctx.dns.close();
  });

  it('asks nothing when DMARC cannot apply', async () => {
    const ctx = await contextFor({ from: [['a@reject.example', 'b@quarantine.example']] });
    expect(dmarcPrefetchQuestions(ctx)).toEqual([]);
  });
});

describe('helpers', () => {
  it.each([
    ['example.com', ['_dmarc.example.com', '_dmarc.com']],
    [
      'a.b.example.com',
      ['_dmarc.a.b.example.com', '_dmarc.b.example.com', '_dmarc.example.com', '_dmarc.com'],
    ],
    // eight or more labels jump straight to seven (RFC 9989 4.10 step 4)
    [
      'a.b.c.d.e.f.g.h.example',
      [
        '_dmarc.a.b.c.d.e.f.g.h.example',
        '_dmarc.c.d.e.f.g.h.example',
        '_dmarc.d.e.f.g.h.example',
        '_dmarc.e.f.g.h.example',
        '_dmarc.f.g.h.example',
        '_dmarc.g.h.example',
        '_dmarc.h.example',
        '_dmarc.example',
      ],
    ],
    ['[192.0.2.1]', []],
    ['192.0.2.1', []],
  ])('tree walk of %s', (domain, names) => expect(treeWalkNames(domain)).toEqual(names));

  it.each([
    ['v=DMARC1; p=none; rua=mailto:a@x.example', 'p', 'v=DMARC1; p=quarantine; rua=mailto:a@x.example'],
    ['v=DMARC1; p=reject; sp=none', 'sp', 'v=DMARC1; p=reject; sp=quarantine'],
    ['v=DMARC1; p=quarantine; t=y', 'p', 'v=DMARC1; p=quarantine'],
    ['v=DMARC1; rua=mailto:a@x.example', 'p', 'v=DMARC1; p=quarantine; rua=mailto:a@x.example'],
  ] as const)('raises %s (%s)', (record, tag, raised) => expect(raisedRecord(record, tag)).toBe(raised));
});

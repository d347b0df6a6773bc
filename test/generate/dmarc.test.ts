/** The DMARC record builder: records, authorizations and notes; hostile input; records read back by the audit. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditDmarc } from '../../src/audit/dmarc.js';
import { DnsResolver } from '../../src/dns/resolver.js';
import { DnsSession } from '../../src/dns/session.js';
import {
  buildDmarcRecord,
  dmarcBuildProblemMessage,
  DmarcBuildError,
  MAX_REPORT_ADDRESSES,
  reportAddress,
  type DmarcBuildInput,
  type DmarcBuildProblem,
} from '../../src/generate/dmarc.js';
import { checkText } from '../../src/i18n/index.js';
import { CHECK_RULES, type CheckId } from '../../src/scoring/deductions.js';
import { startFixtureDns, type FixtureDnsServer } from '../support/dns-server.js';

interface Case {
  name: string;
  input: DmarcBuildInput;
  record: string;
  authorizations?: string[];
  notes: CheckId[];
}

const cases: Case[] = [
  {
    name: 'monitor with reports',
    input: { domain: 'monitor.example', policy: 'none', rua: ['dmarc@monitor.example'] },
    record: 'v=DMARC1; p=none; rua=mailto:dmarc@monitor.example',
    notes: ['dmarc.plan'],
  },
  {
    name: 'quarantine, strict alignment, failure reports',
    input: {
      domain: 'strict.example',
      policy: 'quarantine',
      aspf: 'strict',
      adkim: 's',
      rua: ['mailto:agg@strict.example'],
      ruf: ['forensic@strict.example'],
    },
    record:
      'v=DMARC1; p=quarantine; adkim=s; aspf=s; rua=mailto:agg@strict.example; ruf=mailto:forensic@strict.example',
    notes: ['dmarc.alignment-strict', 'dmarc.plan'],
  },
  {
    name: 'reject with sp / np and relaxed alignment left out',
    input: {
      domain: 'Reject.Example.',
      policy: 'reject',
      subdomainPolicy: 'reject',
      nonexistentPolicy: 'reject',
      aspf: 'relaxed',
      adkim: 'r',
      rua: ['d@reject.example', 'D@REJECT.example'],
    },
    record: 'v=DMARC1; p=reject; sp=reject; np=reject; rua=mailto:d@reject.example',
    notes: [],
  },
  {
    name: 'testing mode',
    input: { domain: 'trial.example', policy: 'reject', testing: true, rua: ['d@trial.example'] },
    record: 'v=DMARC1; p=reject; t=y; rua=mailto:d@trial.example',
    notes: ['dmarc.plan', 'dmarc.testing'],
  },
  {
    name: 'a weaker subdomain policy',
    input: { domain: 'weak.example', policy: 'reject', subdomainPolicy: 'none', rua: ['d@weak.example'] },
    record: 'v=DMARC1; p=reject; sp=none; rua=mailto:d@weak.example',
    notes: ['dmarc.subdomain-weaker'],
  },
  {
    name: 'no report address',
    input: { domain: 'quiet.example', policy: 'reject' },
    record: 'v=DMARC1; p=reject',
    notes: ['dmarc.no-reports'],
  },
  {
    name: 'reports to a service outside the organization, and to a subdomain inside it',
    input: {
      domain: 'brand.example',
      policy: 'quarantine',
      rua: ['abc@reports.example', 'dmarc@mail.brand.example'],
      ruf: ['abc@reports.example'],
    },
    record:
      'v=DMARC1; p=quarantine; rua=mailto:abc@reports.example,mailto:dmarc@mail.brand.example; ruf=mailto:abc@reports.example',
    authorizations: ['brand.example._report._dmarc.reports.example'],
    notes: ['dmarc.plan', 'dmarc.report-authorization'],
  },
  {
    name: 'an IDN domain and report address, as A-labels',
    input: { domain: '例え.jp', policy: 'none', rua: ['dmarc@例え.jp'] },
    record: 'v=DMARC1; p=none; rua=mailto:dmarc@xn--r8jz45g.jp',
    notes: ['dmarc.plan'],
  },
];

describe('buildDmarcRecord', () => {
  it.each(cases)('$name', ({ input, record, authorizations, notes }) => {
    const built = buildDmarcRecord(input);
    expect(built.record).toBe(record);
    expect(built.name).toBe(`_dmarc.${built.domain}`);
    expect(built.value).toBe(record);
    expect(built.authorizations.map((a) => a.name)).toEqual(authorizations ?? []);
    for (const a of built.authorizations) expect(a.record).toBe('v=DMARC1');
    expect(built.notes.map((n) => n.id).sort()).toEqual([...notes].sort());
    for (const note of built.notes) {
      expect(CHECK_RULES[note.id].deduction).toBe(0);
      for (const lang of ['en', 'ja'] as const) {
        const text = checkText(note, lang);
        expect(text.title + text.detail + (text.fix ?? '')).not.toMatch(
          /\{[a-zA-Z0-9_]+\}|\(none\)|（なし）/,
        );
      }
    }
  });

  it('the plan note shows the next record, keeping the chosen tags', () => {
    const built = buildDmarcRecord({
      domain: 'plan.example',
      policy: 'none',
      adkim: 's',
      rua: ['d@plan.example'],
    });
    expect(built.notes.find((n) => n.id === 'dmarc.plan')?.params).toMatchObject({
      stage: 'quarantine',
      record: 'v=DMARC1; p=quarantine; adkim=s; rua=mailto:d@plan.example',
      recordDomain: 'plan.example',
    });
  });

  it('the authorization note names every record to publish', () => {
    const built = buildDmarcRecord({
      domain: 'brand.example',
      policy: 'reject',
      rua: ['a@one.example', 'b@two.example'],
    });
    const note = built.notes.find((n) => n.id === 'dmarc.report-authorization')!;
    expect(checkText(note, 'en').fix).toContain(
      'brand.example._report._dmarc.one.example, brand.example._report._dmarc.two.example',
    );
  });

  it('a long record is given as 255-byte strings too', () => {
    const rua = Array.from({ length: MAX_REPORT_ADDRESSES }, (_, i) => `${'r'.repeat(40)}${i}@long.example`);
    const built = buildDmarcRecord({ domain: 'long.example', policy: 'reject', rua });
    expect(Buffer.byteLength(built.record)).toBeGreaterThan(255);
    expect(built.value).toMatch(/^"[^"]{255}" "/);
    expect(built.value.replace(/" "/g, '').replace(/^"|"$/g, '')).toBe(built.record);
  });
});

const problemsOf = (input: unknown): DmarcBuildProblem[] => {
  try {
    buildDmarcRecord(input as DmarcBuildInput);
  } catch (err) {
    expect(err).toBeInstanceOf(DmarcBuildError);
    return (err as DmarcBuildError).problems;
  }
  throw new Error('no problem found');
};

describe('buildDmarcRecord: hostile input', () => {
  const ok = { domain: 'ok.example', policy: 'reject' };
  it.each<[string, unknown, Array<Partial<DmarcBuildProblem>>]>([
    ['no input', undefined, [{ field: 'domain' }, { field: 'policy' }]],
    ['a domain that is a number', { ...ok, domain: 42 }, [{ field: 'domain', reason: 'bad-domain' }]],
    ['an address as domain', { ...ok, domain: 'me@ok.example' }, [{ field: 'domain', reason: 'bad-domain' }]],
    ['a URL as domain', { ...ok, domain: 'https://ok.example/' }, [{ field: 'domain' }]],
    ['a domain with a record injection', { ...ok, domain: 'ok.example; p=none' }, [{ field: 'domain' }]],
    ['a huge domain', { ...ok, domain: 'a'.repeat(100_000) }, [{ field: 'domain' }]],
    ['localhost', { ...ok, domain: 'localhost' }, [{ field: 'domain' }]],
    ['a bad policy', { ...ok, policy: 'deny' }, [{ field: 'policy', reason: 'bad-value', value: 'deny' }]],
    ['a policy that is an object', { ...ok, policy: { toString: 1 } }, [{ field: 'policy' }]],
    ['a bad sp', { ...ok, subdomainPolicy: 'strict' }, [{ field: 'subdomainPolicy' }]],
    ['a bad np', { ...ok, nonexistentPolicy: 'x' }, [{ field: 'nonexistentPolicy' }]],
    ['a bad aspf', { ...ok, aspf: 'loose' }, [{ field: 'aspf', reason: 'bad-value' }]],
    ['aspf "__proto__"', { ...ok, aspf: '__proto__' }, [{ field: 'aspf' }]],
    ['testing as a string', { ...ok, testing: 'yes' }, [{ field: 'testing' }]],
    ['rua not a list', { ...ok, rua: 'd@ok.example' }, [{ field: 'rua', reason: 'not-a-list' }]],
    [
      'rua with a tag injection',
      { ...ok, rua: ['d@ok.example; p=none'] },
      [{ field: 'rua', reason: 'bad-address' }],
    ],
    ['rua with a comma', { ...ok, rua: ['a,b@ok.example'] }, [{ field: 'rua', reason: 'bad-address' }]],
    [
      'rua with a size suffix',
      { ...ok, rua: ['d@ok.example!10m'] },
      [{ field: 'rua', reason: 'bad-address' }],
    ],
    ['rua without a domain', { ...ok, rua: ['dmarc'] }, [{ field: 'rua', reason: 'bad-address' }]],
    [
      'rua with an http URI',
      { ...ok, rua: ['https://ok.example/r'] },
      [{ field: 'rua', reason: 'bad-address' }],
    ],
    ['rua not a string', { ...ok, rua: [{}] }, [{ field: 'rua', reason: 'bad-address' }]],
    ['rua at an IP', { ...ok, rua: ['d@[192.0.2.1]'] }, [{ field: 'rua', reason: 'bad-address' }]],
    ['ruf with a long local part', { ...ok, ruf: [`${'a'.repeat(65)}@ok.example`] }, [{ field: 'ruf' }]],
    [
      'too many rua',
      { ...ok, rua: Array.from({ length: MAX_REPORT_ADDRESSES + 1 }, (_, i) => `d${i}@ok.example`) },
      [{ field: 'rua', reason: 'too-many', max: MAX_REPORT_ADDRESSES }],
    ],
    [
      'a million rua',
      { ...ok, rua: new Array(1_000_000).fill('d@ok.example') },
      [{ field: 'rua', reason: 'too-many' }],
    ],
    [
      'an authorization name too long for the DNS',
      {
        ...ok,
        domain: `${'a'.repeat(60)}.${'b'.repeat(60)}.example`,
        rua: [`d@${'c'.repeat(60)}.${'e'.repeat(60)}.example`],
      },
      [{ field: 'rua', reason: 'name-too-long' }],
    ],
  ])('%s', (_, input, expected) => {
    const problems = problemsOf(input);
    expect(problems).toHaveLength(expected.length);
    expected.forEach((problem, i) => expect(problems[i]).toMatchObject(problem));
    // Every problem has an English line, bounded, naming the field.
    for (const problem of problems) {
      const line = dmarcBuildProblemMessage(problem);
      expect(line.length).toBeLessThan(400);
      expect(line).toMatch(problem.field === 'domain' ? /^domain: / : new RegExp(problem.field));
    }
  });

  it.each([
    ['d@ok.example', 'd@ok.example'],
    ['  mailto:First.Last+dmarc@OK.example ', 'First.Last+dmarc@ok.example'],
    ['d@例え.jp', 'd@xn--r8jz45g.jp'],
    ['d@ＯＫ．example', 'd@ok.example'],
    ['ü@ok.example', null],
    ['d@@ok.example', null],
    ['.d@ok.example', null],
    ['d..e@ok.example', null],
    ['d@ok.example?subject=x', null],
    ['d%40x@ok.example', null],
  ])('reportAddress(%j) → %j', (input, expected) => {
    expect(reportAddress(input)).toBe(expected);
  });
});

describe('the built record, published and audited', () => {
  let dns: FixtureDnsServer;
  beforeAll(async () => {
    dns = await startFixtureDns({ zone: {} });
  });
  afterAll(() => dns.stop());

  it.each(cases)('$name: the audit finds nothing beyond the notes', async ({ input }) => {
    const built = buildDmarcRecord(input);
    dns.addZone({ [built.name]: { TXT: [built.record] } });
    for (const a of built.authorizations) dns.addZone({ [a.name]: { TXT: [a.record] } });
    const session = new DnsSession(
      new DnsResolver({ servers: [dns.server], timeoutMs: 500, retries: 0 }),
      3_000,
    );
    try {
      const { data, findings } = await auditDmarc({
        domain: built.domain,
        dns: session,
        now: new Date('2026-01-01T00:00:00Z'),
        options: {},
      });
      expect(data.record).toBe(built.record);
      expect(data.foundAt).toBe(built.domain);
      expect(data.policy).toBe(input.policy);
      expect(data.reporting.every((r) => r.problem === null && r.authorized !== false)).toBe(true);
      const expected = ['dmarc.record-found', ...built.notes.map((n) => n.id)].filter(
        (id) => id !== 'dmarc.report-authorization',
      );
      expect(findings.map((f) => f.id).sort()).toEqual(expected.sort());
      const problems = findings.filter((f) => ['warn', 'fail', 'error'].includes(CHECK_RULES[f.id].status));
      expect(problems).toEqual([]);
      // The same plan from both.
      expect(findings.find((f) => f.id === 'dmarc.plan')).toEqual(
        built.notes.find((n) => n.id === 'dmarc.plan'),
      );
    } finally {
      session.close();
    }
  });
});

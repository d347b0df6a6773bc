import { describe, expect, it } from 'vitest';
import type { Finding } from '../../src/checks/types.js';
import type { UnsubscribeResult } from '../../src/checks/unsubscribe.js';
import { NO_DMARC } from '../../src/checks/dmarc.js';
import { requirements as en } from '../../src/i18n/en/requirements.js';
import { requirements as ja } from '../../src/i18n/ja/requirements.js';
import {
  REQUIREMENT_REASONS,
  REQUIREMENT_RULES,
  RFC5322_FAULTS,
  senderRequirements,
  type RequirementsInput,
} from '../../src/report/requirements.js';
import type { Auth, RequirementId, SenderRequirement } from '../../src/report/types.js';
import { CHECK_RULES, type CheckId } from '../../src/scoring/deductions.js';
import { signatureAuth } from '../support/context.js';

/** A sender set up right: SPF, an aligned DKIM pass, DMARC p=reject, a confirmed PTR. */
const goodAuth = (): Auth => ({
  spf: {
    result: 'pass',
    domain: 'example.com',
    mechanism: 'ip4:192.0.2.0/24',
    record: 'v=spf1 ip4:192.0.2.0/24 -all',
    identity: 'mailfrom',
    explanation: null,
    lookups: 0,
    helo: null,
  },
  senderId: { result: 'pass', pra: 'news@example.com', domain: 'example.com', record: null, scope: 'spf1' },
  dkim: [signatureAuth('example.com', 'pass', { aligned: true })],
  dmarc: {
    ...NO_DMARC,
    result: 'pass',
    domain: 'example.com',
    policy: 'reject',
    p: 'reject',
    record: 'v=DMARC1; p=reject',
    recordDomain: 'example.com',
    spfAligned: true,
    dkimAligned: true,
  },
  arc: { result: 'none', sets: 0, reason: null },
  iprev: {
    result: 'pass',
    ptr: ['mail.example.com'],
    fcrdns: true,
    confirmed: ['mail.example.com'],
    generic: false,
  },
});

const goodFindings = (): Finding[] => [
  { id: 'spf.pass' },
  { id: 'dkim.pass' },
  { id: 'dmarc.pass' },
  { id: 'iprev.pass' },
  { id: 'tls.pass', params: { protocol: 'TLSv1.3' } },
  { id: 'format.pass' },
  { id: 'unsubscribe.bulk' },
  { id: 'unsubscribe.one-click' },
  { id: 'unsubscribe.visible' },
];

const marketing = (): UnsubscribeResult => ({
  bulk: true,
  marketing: true,
  signals: ['List-Unsubscribe'],
  listUnsubscribe: { https: ['https://example.com/u'], mailto: [], other: [] },
  oneClick: 'valid',
  signedBy: ['example.com'],
  visible: { how: 'link', evidence: 'Unsubscribe' },
});

type Change = (input: RequirementsInput) => void;

const judge = (change: Change = () => {}): Record<RequirementId, SenderRequirement> => {
  const input: RequirementsInput = { auth: goodAuth(), findings: goodFindings(), unsubscribe: marketing() };
  change(input);
  return Object.fromEntries(senderRequirements(input).rules.map((r) => [r.id, r])) as Record<
    RequirementId,
    SenderRequirement
  >;
};

const replaceFinding = (input: RequirementsInput, from: CheckId, ...to: Finding[]) => {
  input.findings = [...input.findings.filter((f) => f.id !== from), ...to];
};

describe('senderRequirements', () => {
  it('a sender set up right meets every rule; the spam rate cannot be judged from one message', () => {
    const rules = judge();
    for (const rule of Object.values(rules)) {
      expect([rule.id, rule.status]).toEqual([rule.id, rule.id === 'spam-rate' ? 'na' : 'pass']);
    }
    expect(rules['dmarc-record'].params).toEqual({ domain: 'example.com', policy: 'reject' });
    expect(rules['spf-and-dkim'].checks).toEqual(['spf.pass', 'dkim.pass']);
    expect(rules['one-click-unsubscribe'].checks).toEqual(['unsubscribe.one-click', 'unsubscribe.visible']);
  });

  it('lists every rule once, every sender first, with the providers that state it', () => {
    const rules = senderRequirements({ auth: goodAuth(), findings: [], unsubscribe: marketing() }).rules;
    expect(rules.map((r) => r.id)).toEqual(Object.keys(REQUIREMENT_REASONS));
    expect(rules.map((r) => r.scope)).toEqual([...rules.map((r) => r.scope)].sort());
    const scopes = Object.fromEntries(rules.map((r) => [r.id, [r.scope, r.providers.join(',')]]));
    expect(scopes).toMatchObject({
      'spf-or-dkim': ['all', 'gmail,yahoo'],
      ptr: ['all', 'gmail,yahoo'],
      tls: ['all', 'gmail'],
      'spf-and-dkim': ['bulk', 'gmail,yahoo,outlook'],
      'dmarc-record': ['bulk', 'gmail,yahoo,outlook'],
      'dmarc-aligned': ['bulk', 'gmail,yahoo,outlook'],
      'one-click-unsubscribe': ['bulk', 'gmail,yahoo'],
    });
  });

  const spf =
    (result: Auth['spf']['result']): Change =>
    (i) =>
      void (i.auth.spf.result = result);
  const dkim =
    (...results: Array<Auth['spf']['result']>): Change =>
    (i) =>
      void (i.auth.dkim = results.map((r) => signatureAuth('example.com', r, { aligned: true })));
  const both =
    (...changes: Change[]): Change =>
    (i) =>
      changes.forEach((c) => c(i));

  it.each<[string, Change, RequirementId, SenderRequirement['status'], string, Record<string, unknown>?]>([
    // SPF or DKIM (every sender), SPF and DKIM (bulk)
    ['SPF only: enough for every sender', dkim(), 'spf-or-dkim', 'pass', 'spf-only'],
    ['SPF only: not for bulk senders', dkim(), 'spf-and-dkim', 'fail', 'spf-only'],
    ['DKIM only', spf('softfail'), 'spf-or-dkim', 'pass', 'dkim-only'],
    ['DKIM only, bulk', spf('softfail'), 'spf-and-dkim', 'fail', 'dkim-only'],
    ['a failing DKIM signature is not DKIM', dkim('fail'), 'spf-and-dkim', 'fail', 'spf-only'],
    ['one of two signatures passes', dkim('fail', 'pass'), 'spf-and-dkim', 'pass', 'both'],
    ['neither', both(spf('fail'), dkim('fail')), 'spf-or-dkim', 'fail', 'neither'],
    ['neither, bulk', both(spf('none'), dkim()), 'spf-and-dkim', 'fail', 'neither'],
    ['SPF temperror, no DKIM: unknown', both(spf('temperror'), dkim()), 'spf-or-dkim', 'na', 'unknown'],
    [
      'SPF temperror, DKIM passes: enough for every sender',
      spf('temperror'),
      'spf-or-dkim',
      'pass',
      'dkim-only',
    ],
    ['SPF temperror, DKIM passes: unknown for bulk', spf('temperror'), 'spf-and-dkim', 'na', 'unknown'],
    [
      'SPF fails, DKIM temperror: bulk fails anyway',
      both(spf('fail'), dkim('temperror')),
      'spf-and-dkim',
      'fail',
      'neither',
    ],
    ['DKIM key lookup temperror, SPF passes', dkim('temperror'), 'spf-or-dkim', 'pass', 'spf-only'],
    [
      'a skipped signature never counts',
      (i) => void (i.auth.dkim = [signatureAuth('example.com', 'pass', { skipped: true })]),
      'spf-and-dkim',
      'fail',
      'spf-only',
    ],
    // PTR
    [
      'no PTR',
      both(
        (i) => void (i.auth.iprev = { ...i.auth.iprev, result: 'permerror', ptr: [], fcrdns: false }),
        (i) => replaceFinding(i, 'iprev.pass', { id: 'iprev.no-ptr' }),
      ),
      'ptr',
      'fail',
      'no-ptr',
    ],
    [
      'a PTR that does not resolve back',
      both(
        (i) => void (i.auth.iprev = { ...i.auth.iprev, result: 'fail', fcrdns: false }),
        (i) => replaceFinding(i, 'iprev.pass', { id: 'iprev.not-confirmed' }),
      ),
      'ptr',
      'fail',
      'not-confirmed',
      { ptr: ['mail.example.com'] },
    ],
    [
      'a private client address',
      both(
        (i) => void (i.auth.iprev = { ...i.auth.iprev, result: 'none', ptr: [], fcrdns: false }),
        (i) => replaceFinding(i, 'iprev.pass', { id: 'iprev.not-public' }),
      ),
      'ptr',
      'na',
      'private-ip',
    ],
    ['a PTR lookup that timed out', (i) => void (i.auth.iprev.result = 'temperror'), 'ptr', 'na', 'unknown'],
    // TLS
    ['no TLS', (i) => replaceFinding(i, 'tls.pass', { id: 'tls.none' }), 'tls', 'fail', 'none'],
    [
      'old TLS is still TLS',
      (i) => replaceFinding(i, 'tls.pass', { id: 'tls.old', params: { protocol: 'TLSv1' } }),
      'tls',
      'pass',
      'outdated',
      { protocol: 'TLSv1' },
    ],
    // RFC 5322
    [
      'no Message-ID and two From fields',
      (i) => replaceFinding(i, 'format.pass', { id: 'format.no-message-id' }, { id: 'format.from-repeated' }),
      'format',
      'fail',
      'faults',
      { faults: ['format.no-message-id', 'format.from-repeated'] },
    ],
    [
      'a large message is not a format fault',
      (i) => replaceFinding(i, 'format.pass', { id: 'format.large' }, { id: 'format.html-only' }),
      'format',
      'pass',
      'clean',
    ],
    // Free-mail From
    [
      'a gmail.com From that did not come through Gmail',
      (i) =>
        i.findings.push({
          id: 'format.freemail-from',
          params: { domain: 'gmail.com', provider: 'Gmail', policy: 'quarantine', dmarc: 'fail' },
        }),
      'freemail-from',
      'fail',
      'freemail',
      { domain: 'gmail.com', provider: 'Gmail' },
    ],
    // DMARC record
    [
      'no DMARC record',
      (i) => void (i.auth.dmarc = { ...NO_DMARC, domain: 'example.com', spfAligned: true }),
      'dmarc-record',
      'fail',
      'none',
    ],
    [
      'p=none is enough',
      (i) => void (i.auth.dmarc = { ...i.auth.dmarc, policy: 'none', p: 'none' }),
      'dmarc-record',
      'pass',
      'published',
      { policy: 'none' },
    ],
    [
      'an invalid record counts as none',
      both(
        (i) => void (i.auth.dmarc = { ...NO_DMARC, domain: 'example.com' }),
        (i) => i.findings.push({ id: 'dmarc.invalid-record' }),
      ),
      'dmarc-record',
      'fail',
      'invalid',
    ],
    [
      'a DMARC lookup that timed out',
      both(
        (i) => void (i.auth.dmarc = { ...NO_DMARC, result: 'temperror', domain: 'example.com' }),
        (i) => i.findings.push({ id: 'dmarc.temperror' }),
      ),
      'dmarc-record',
      'na',
      'unknown',
    ],
    // DMARC alignment
    [
      'aligned through DKIM only',
      (i) => void (i.auth.dmarc.spfAligned = false),
      'dmarc-aligned',
      'pass',
      'dkim',
    ],
    [
      'aligned through SPF only',
      (i) => void (i.auth.dmarc.dkimAligned = false),
      'dmarc-aligned',
      'pass',
      'spf',
    ],
    [
      'an ESP’s own domains only',
      both(
        (i) =>
          void (i.auth.dmarc = { ...i.auth.dmarc, result: 'fail', spfAligned: false, dkimAligned: false }),
        (i) => void (i.auth.spf.domain = 'bounce.esp.example.net'),
        (i) => void (i.auth.dkim = [signatureAuth('esp.example.net', 'pass')]),
      ),
      'dmarc-aligned',
      'fail',
      'not-aligned',
      { domain: 'example.com', spfDomain: 'bounce.esp.example.net', dkimDomains: ['esp.example.net'] },
    ],
    // One-click unsubscribe
    [
      'no List-Unsubscribe',
      (i) => void (i.unsubscribe.listUnsubscribe = null),
      'one-click-unsubscribe',
      'fail',
      'missing',
    ],
    [
      'no usable URI',
      (i) => void (i.unsubscribe.listUnsubscribe = { https: [], mailto: [], other: [] }),
      'one-click-unsubscribe',
      'fail',
      'malformed',
    ],
    [
      'no Post field',
      (i) => void (i.unsubscribe.oneClick = 'absent'),
      'one-click-unsubscribe',
      'fail',
      'absent',
    ],
    [
      'not signed',
      (i) => void (i.unsubscribe.oneClick = 'not-signed'),
      'one-click-unsubscribe',
      'fail',
      'not-signed',
    ],
    [
      'no https',
      (i) => void (i.unsubscribe.oneClick = 'no-https'),
      'one-click-unsubscribe',
      'fail',
      'no-https',
    ],
    [
      'transactional mail is exempt',
      (i) =>
        void (i.unsubscribe = {
          ...i.unsubscribe,
          marketing: false,
          listUnsubscribe: null,
          oneClick: 'absent',
        }),
      'one-click-unsubscribe',
      'na',
      'not-marketing',
    ],
    // Visible unsubscribe
    ['no visible link', (i) => void (i.unsubscribe.visible = null), 'visible-unsubscribe', 'fail', 'none'],
    [
      'words next to links',
      (i) => void (i.unsubscribe.visible = { how: 'text', evidence: '配信停止' }),
      'visible-unsubscribe',
      'pass',
      'text',
      { evidence: '配信停止' },
    ],
    [
      'transactional mail needs no visible link',
      (i) => void (i.unsubscribe = { ...i.unsubscribe, marketing: false, visible: null }),
      'visible-unsubscribe',
      'na',
      'not-marketing',
    ],
  ])('%s → %s %s', (_name, change, id, status, reason, params) => {
    const rule = judge(change)[id];
    expect({ status: rule.status, reason: rule.reason }).toEqual({ status, reason });
    if (params) expect(rule.params).toMatchObject(params);
  });

  it('carries the bulk verdict and its signs', () => {
    const requirements = senderRequirements({
      auth: goodAuth(),
      findings: [],
      unsubscribe: { ...marketing(), marketing: false, signals: ['Amazon SES'] },
    });
    expect(requirements).toMatchObject({ bulk: true, marketing: false, signals: ['Amazon SES'] });
  });
});

describe('RFC 5322 faults', () => {
  it('every format row that fails the message is either an RFC 5322 fault or the free-mail rule', () => {
    const failing = (Object.keys(CHECK_RULES) as CheckId[]).filter(
      (id) => id.startsWith('format.') && CHECK_RULES[id].status === 'fail',
    );
    for (const id of failing) expect([...RFC5322_FAULTS, 'format.freemail-from']).toContain(id);
    for (const id of RFC5322_FAULTS) expect(CHECK_RULES).toHaveProperty([id]);
  });
});

describe('the requirement catalogs', () => {
  const placeholders = (text: string) => [...text.matchAll(/\{([a-zA-Z0-9_]+)\}/g)].map((m) => m[1]).sort();

  it.each(REQUIREMENT_RULES.map((rule) => [rule.id, rule] as const))(
    '%s has words in en and ja for every reason and every provider named',
    (id, rule) => {
      for (const catalog of [en, ja]) {
        const text = catalog[id];
        expect(Object.keys(text.why).sort()).toEqual([...rule.providers].sort());
        expect(Object.keys(text.reasons).sort()).toEqual([...REQUIREMENT_REASONS[id]].sort());
        expect(text.title.length).toBeGreaterThan(3);
      }
      const reasons = en[id].reasons as Record<string, string>;
      const jaReasons = ja[id].reasons as Record<string, string>;
      for (const [code, words] of Object.entries(reasons)) {
        expect(placeholders(jaReasons[code]!)).toEqual(placeholders(words));
        expect(jaReasons[code]).toMatch(/[\u3040-\u30ff\u4e00-\u9fff]/);
      }
      expect(ja[id].title).toMatch(/[\u3040-\u30ff\u4e00-\u9fff]/);
      for (const provider of rule.providers) expect(ja[id].why[provider]).toMatch(/[\u3040-\u30ff]/);
    },
  );

  it('every placeholder is a parameter the rule can carry', () => {
    const carried: Record<string, string[]> = {};
    const variants: Change[] = [
      () => {},
      (i) =>
        void (i.findings = [
          ...i.findings,
          { id: 'format.no-date' },
          { id: 'tls.old', params: { protocol: 'TLSv1' } },
          { id: 'format.freemail-from', params: { domain: 'gmail.com', provider: 'Gmail' } },
        ]),
    ];
    for (const change of variants) {
      for (const rule of Object.values(judge(change))) {
        carried[rule.id] = [...new Set([...(carried[rule.id] ?? []), ...Object.keys(rule.params)])];
      }
    }
    for (const rule of REQUIREMENT_RULES) {
      const used = Object.values(en[rule.id].reasons as Record<string, string>).flatMap(placeholders);
      for (const name of used)
        expect([rule.id, carried[rule.id]]).toEqual([rule.id, expect.arrayContaining([name])]);
    }
  });
});

import { describe, expect, it } from 'vitest';
import { checkAlignment } from '../../src/checks/alignment.js';
import { NO_DMARC } from '../../src/checks/dmarc.js';
import type { CheckContext } from '../../src/checks/types.js';
import type { DnsSession } from '../../src/dns/session.js';
import { checkText } from '../../src/i18n/index.js';
import { parseMessage } from '../../src/message/parse.js';
import type { Auth, AuthResult, IprevAuth } from '../../src/report/types.js';
import { signatureAuth } from '../support/context.js';

const IP = '192.0.2.25';

interface Scenario {
  from?: string;
  /** undefined: a normal sender at bounce.example.com; '' the null sender; null not known. */
  mailFrom?: string | null;
  helo?: string;
  dkim?: Array<[domain: string, result: AuthResult]>;
  iprev?: Partial<IprevAuth>;
}

const signature = (domain: string, result: AuthResult) => signatureAuth(domain, result);

/** Aligned sending is a pure function of the results: it must not touch DNS (a null session would throw). */
async function run(s: Scenario) {
  const from = s.from ?? 'News <news@example.com>';
  const raw = `From: ${from}\r\nTo: t@mailscore.example\r\nSubject: hi\r\n\r\nHello.\r\n`;
  const mailFrom = s.mailFrom === undefined ? 'b@bounce.example.com' : s.mailFrom;
  const ctx: CheckContext = {
    message: await parseMessage(Buffer.from(raw)),
    envelope: { clientIp: IP, helo: s.helo ?? 'mail.example.com', mailFrom, rcptTo: [], tls: null },
    dns: null as unknown as DnsSession,
    now: new Date(),
  };
  const auth: Auth = {
    spf: {
      result: 'pass',
      domain: null,
      mechanism: null,
      record: null,
      identity: mailFrom ? 'mailfrom' : 'helo',
      explanation: null,
      lookups: null,
      helo: null,
    },
    senderId: { result: 'none', pra: null, domain: null, record: null, scope: null },
    dkim: (s.dkim ?? [['example.com', 'pass']]).map(([d, r]) => signature(d, r)),
    dmarc: NO_DMARC,
    arc: { result: 'none', sets: 0, reason: null },
    iprev: {
      result: 'pass',
      ptr: ['mail.example.com'],
      fcrdns: true,
      confirmed: ['mail.example.com'],
      generic: false,
      ...s.iprev,
    },
  };
  return checkAlignment(ctx, auth);
}

const cases: Array<{ name: string; scenario: Scenario; id: string; changes?: string[]; params?: object }> = [
  {
    name: 'everything in example.com',
    scenario: {},
    id: 'alignment.aligned',
    params: { orgDomain: 'example.com', aligned: ['MAIL FROM', 'DKIM d=', 'PTR'], misaligned: [] },
  },
  {
    name: "an ESP's bounce domain",
    scenario: { mailFrom: 'bounce-123@mail.esp.example.net' },
    id: 'alignment.partial',
    changes: ['MAIL FROM: mail.esp.example.net → example.com'],
    params: { envelopeDomain: 'mail.esp.example.net', misaligned: ['MAIL FROM'] },
  },
  {
    name: 'only a third-party DKIM signature passes',
    scenario: { dkim: [['esp.example.net', 'pass']] },
    id: 'alignment.partial',
    changes: ['DKIM d=: esp.example.net → example.com'],
    params: { thirdPartyDkim: ['esp.example.net'] },
  },
  {
    name: 'an author signature beside a third-party one is enough',
    scenario: {
      dkim: [
        ['esp.example.net', 'pass'],
        ['example.com', 'pass'],
      ],
    },
    id: 'alignment.aligned',
    params: { dkimDomains: ['esp.example.net', 'example.com'], thirdPartyDkim: ['esp.example.net'] },
  },
  {
    name: 'an author signature that fails does not count',
    scenario: { dkim: [['example.com', 'fail']] },
    id: 'alignment.partial',
    changes: ['DKIM d=: – → example.com'],
  },
  {
    name: 'no DKIM signature at all',
    scenario: { dkim: [] },
    id: 'alignment.partial',
    changes: ['DKIM d=: – → example.com'],
  },
  {
    name: "a cloud provider's PTR name",
    scenario: {
      iprev: { ptr: ['ec2-192-0-2-25.cloud.example.org'], confirmed: ['ec2-192-0-2-25.cloud.example.org'] },
    },
    id: 'alignment.partial',
    changes: ['PTR: ec2-192-0-2-25.cloud.example.org → mail.example.com'],
  },
  {
    name: 'the PTR target follows a HELO name in the sender domain',
    scenario: {
      helo: 'out.example.com',
      iprev: { ptr: ['host.cloud.example.org'], confirmed: ['host.cloud.example.org'] },
    },
    id: 'alignment.partial',
    changes: ['PTR: host.cloud.example.org → out.example.com'],
  },
  {
    name: 'the confirmed PTR name is the one that counts',
    scenario: { iprev: { ptr: ['other.example.org', 'mail.example.com'], confirmed: ['mail.example.com'] } },
    id: 'alignment.aligned',
  },
  {
    name: 'no PTR at all',
    scenario: { iprev: { result: 'permerror', ptr: [], confirmed: [], fcrdns: false } },
    id: 'alignment.partial',
    changes: ['PTR: – → mail.example.com'],
  },
  {
    name: 'reverse DNS not judged (private IP) is left out',
    scenario: { iprev: { result: 'none', ptr: [], confirmed: [], fcrdns: false } },
    id: 'alignment.aligned',
    params: { aligned: ['MAIL FROM', 'DKIM d='] },
  },
  {
    name: 'reverse DNS that timed out is left out',
    scenario: { iprev: { result: 'temperror', ptr: [], confirmed: [], fcrdns: false } },
    id: 'alignment.aligned',
  },
  {
    name: 'null sender: the HELO name is the envelope identity',
    scenario: { mailFrom: '', helo: 'mail.example.com' },
    id: 'alignment.aligned',
    params: { aligned: ['HELO', 'DKIM d=', 'PTR'], envelopeDomain: 'mail.example.com' },
  },
  {
    name: "null sender from a provider's relay",
    scenario: { mailFrom: '', helo: 'relay.esp.example.net' },
    id: 'alignment.partial',
    changes: ['HELO: relay.esp.example.net → mail.example.com'],
  },
  {
    name: 'unknown MAIL FROM: SPF checked HELO',
    scenario: { mailFrom: null, helo: 'mail.example.com' },
    id: 'alignment.aligned',
    params: { aligned: ['HELO', 'DKIM d=', 'PTR'] },
  },
  {
    name: 'organizational domains under a multi-label public suffix',
    scenario: {
      from: 'a@news.example.co.jp',
      mailFrom: 'b@example.co.jp',
      helo: 'mail.example.co.jp',
      dkim: [['other.co.jp', 'pass']],
      iprev: { ptr: ['mail.example.co.jp'], confirmed: ['mail.example.co.jp'] },
    },
    id: 'alignment.partial',
    changes: ['DKIM d=: other.co.jp → news.example.co.jp'],
    params: { orgDomain: 'example.co.jp', misaligned: ['DKIM d='] },
  },
  {
    name: 'everything off, listed in a fixed order',
    scenario: {
      mailFrom: 'b@esp.example.net',
      helo: 'relay.esp.example.net',
      dkim: [['esp.example.net', 'pass']],
      iprev: { ptr: ['relay.esp.example.net'], confirmed: ['relay.esp.example.net'] },
    },
    id: 'alignment.partial',
    changes: [
      'MAIL FROM: esp.example.net → example.com',
      'DKIM d=: esp.example.net → example.com',
      'PTR: relay.esp.example.net → mail.example.com',
    ],
  },
];

describe('checkAlignment', () => {
  it.each(cases)('$name', async ({ scenario, id, changes, params }) => {
    const { findings } = await run(scenario);
    expect(findings).toHaveLength(1);
    expect(findings[0]!.id).toBe(id);
    if (changes) expect(findings[0]!.params?.changes).toEqual(changes);
    if (params) expect(findings[0]!.params).toMatchObject(params);
  });

  it.each([['<>'], ['undisclosed-recipients:;']])('says nothing without a From domain (%s)', async (from) => {
    expect((await run({ from })).findings).toEqual([]);
  });

  it('puts the identities to change and the IP into the words', async () => {
    const { findings } = await run({ mailFrom: 'b@esp.example.net' });
    for (const lang of ['en', 'ja'] as const) {
      const text = checkText(findings[0]!, lang);
      expect(text.detail).toContain('MAIL FROM: esp.example.net → example.com');
      expect(text.fix).toContain(IP);
    }
  });
});

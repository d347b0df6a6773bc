import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkSpf } from '../../src/checks/spf.js';
import { DnsResolver } from '../../src/dns/resolver.js';
import { DnsSession } from '../../src/dns/session.js';
import { parseMessage } from '../../src/message/parse.js';
import { predictGmail, type GmailInput } from '../../src/report/gmail.js';
import type { AuthResult, GmailPrediction, TlsInfo } from '../../src/report/types.js';
import { startFixtureDns, type FixtureDnsServer } from '../support/dns-server.js';

const TLS: TlsInfo = { protocol: 'TLSv1.3', cipher: 'TLS_AES_256_GCM_SHA384' };

type Sig = [domain: string, result: AuthResult];

const input = (
  fromDomain: string,
  spf: [AuthResult, string | null],
  dkim: Sig[],
  tls: TlsInfo | null = TLS,
): GmailInput => ({
  fromDomain,
  spf: { result: spf[0], domain: spf[1] },
  dkim: dkim.map(([domain, result]) => ({ domain, result })),
  tls,
});

const shown = (p: Partial<GmailPrediction>): GmailPrediction => ({
  questionMark: false,
  via: null,
  redLock: false,
  mailedBy: null,
  signedBy: null,
  ...p,
});

// Each row: the contract's rule it exercises, the authentication results, what Gmail shows.
const cases: Array<[string, GmailInput, GmailPrediction]> = [
  // questionMark: neither SPF nor any DKIM signature passes
  [
    'questionMark: nothing passes',
    input('example.com', ['fail', 'example.com'], [['example.com', 'fail']]),
    shown({ questionMark: true }),
  ],
  ['questionMark: no SPF, no DKIM', input('example.com', ['none', null], []), shown({ questionMark: true })],
  [
    'questionMark: softfail and neutral are not passes',
    input('example.com', ['softfail', 'example.com'], [['example.com', 'neutral']]),
    shown({ questionMark: true }),
  ],
  [
    'questionMark: temperror is not a pass, and via stays null',
    input('example.com', ['temperror', 'esp.example.net'], [['esp.example.net', 'temperror']]),
    shown({ questionMark: true, via: null }),
  ],
  [
    'questionMark false: SPF alone passes',
    input('example.com', ['pass', 'example.com'], []),
    shown({ mailedBy: 'example.com' }),
  ],
  [
    'questionMark false: DKIM alone passes',
    input('example.com', ['fail', 'example.com'], [['example.com', 'pass']]),
    shown({ signedBy: 'example.com' }),
  ],

  // via: null when a passing DKIM signature is aligned (relaxed, organizational domain)
  [
    'via null: aligned DKIM, same domain',
    input('example.com', ['pass', 'esp.example.net'], [['example.com', 'pass']]),
    shown({ mailedBy: 'esp.example.net', signedBy: 'example.com' }),
  ],
  [
    'via null: aligned DKIM, relaxed (subdomains of one organizational domain)',
    input('news.example.com', ['none', null], [['mail.example.com', 'pass']]),
    shown({ signedBy: 'mail.example.com' }),
  ],
  [
    'via null: a later passing signature is aligned',
    input(
      'example.com',
      ['none', null],
      [
        ['esp.example.net', 'pass'],
        ['example.com', 'pass'],
      ],
    ),
    shown({ signedBy: 'esp.example.net' }),
  ],
  // via: null when no DKIM passes and SPF passes with an aligned envelope domain
  [
    'via null: no DKIM, SPF passes aligned',
    input('example.com', ['pass', 'bounce.example.com'], []),
    shown({ mailedBy: 'bounce.example.com' }),
  ],
  [
    'via null: DKIM fails, SPF passes aligned',
    input('example.com', ['pass', 'bounce.example.com'], [['example.com', 'fail']]),
    shown({ mailedBy: 'bounce.example.com' }),
  ],
  // via: otherwise the first passing DKIM domain, else the SPF-passing envelope domain
  [
    'via DKIM: DKIM passes but not aligned while SPF passes aligned',
    input('example.com', ['pass', 'bounce.example.com'], [['esp.example.net', 'pass']]),
    shown({ via: 'esp.example.net', mailedBy: 'bounce.example.com', signedBy: 'esp.example.net' }),
  ],
  [
    'via DKIM: third-party DKIM, SPF fails',
    input('example.com', ['fail', 'example.com'], [['esp.example.net', 'pass']]),
    shown({ via: 'esp.example.net', signedBy: 'esp.example.net' }),
  ],
  [
    'via DKIM: the first passing signature, skipping a failing one',
    input(
      'example.com',
      ['none', null],
      [
        ['example.com', 'fail'],
        ['esp.example.net', 'pass'],
        ['other.example.org', 'pass'],
      ],
    ),
    shown({ via: 'esp.example.net', signedBy: 'esp.example.net' }),
  ],
  [
    'via SPF: no DKIM, SPF passes for another domain',
    input('example.com', ['pass', 'esp.example.net'], []),
    shown({ via: 'esp.example.net', mailedBy: 'esp.example.net' }),
  ],
  [
    'via SPF: DKIM fails, SPF passes for another domain',
    input('example.com', ['pass', 'esp.example.net'], [['example.com', 'fail']]),
    shown({ via: 'esp.example.net', mailedBy: 'esp.example.net' }),
  ],
  [
    'via uses the Public Suffix List (example.co.jp and other.co.jp differ)',
    input('example.co.jp', ['none', null], [['other.co.jp', 'pass']]),
    shown({ via: 'other.co.jp', signedBy: 'other.co.jp' }),
  ],

  // redLock: the message reached us without TLS
  [
    'redLock: no TLS',
    input('example.com', ['pass', 'example.com'], [], null),
    shown({ redLock: true, mailedBy: 'example.com' }),
  ],
  [
    'redLock: even an old TLS is TLS',
    input('example.com', ['pass', 'example.com'], [], { protocol: 'TLSv1', cipher: null }),
    shown({ mailedBy: 'example.com' }),
  ],

  // mailedBy: the envelope domain when SPF passes, else null
  [
    'mailedBy null when SPF does not pass',
    input('example.com', ['softfail', 'example.com'], [['example.com', 'pass']]),
    shown({ signedBy: 'example.com' }),
  ],
  // signedBy: the first passing DKIM signature, else null
  [
    'signedBy null when no signature passes',
    input('example.com', ['pass', 'example.com'], [['example.com', 'fail']]),
    shown({ mailedBy: 'example.com' }),
  ],
];

describe('predictGmail', () => {
  it.each(cases)('%s', (_, given, expected) => {
    expect(predictGmail(given)).toEqual(expected);
  });
});

// mailedBy from the SPF check's real result: the MAIL FROM domain, and HELO for the null sender.
describe('mailedBy from the SPF check', () => {
  let dns: FixtureDnsServer;
  beforeAll(async () => {
    dns = await startFixtureDns({
      zone: {
        'bounce.example.com': { TXT: ['v=spf1 ip4:192.0.2.1 -all'] },
        'mail.example.com': { A: ['192.0.2.1'], TXT: ['v=spf1 a -all'] },
      },
    });
  });
  afterAll(() => dns.stop());

  it.each([
    ['MAIL FROM', 'b@bounce.example.com', 'bounce.example.com'],
    ['HELO for the null sender', '', 'mail.example.com'],
  ])('%s', async (_, mailFrom, mailedBy) => {
    const message = await parseMessage(Buffer.from('From: a@example.com\r\nSubject: x\r\n\r\nHi\r\n'));
    const session = new DnsSession(new DnsResolver({ servers: [dns.server], timeoutMs: 500, retries: 0 }));
    const spf = await checkSpf({
      message,
      envelope: { clientIp: '192.0.2.1', helo: 'mail.example.com', mailFrom, rcptTo: [], tls: null },
      dns: session,
      now: new Date(),
    });
    session.close();
    expect(spf.result.result).toBe('pass');
    const gmail = predictGmail({ fromDomain: 'example.com', spf: spf.result, dkim: [], tls: null });
    expect(gmail).toEqual(shown({ mailedBy, redLock: true }));
  });
});

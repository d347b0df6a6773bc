/**
 * Authenticity of a received message: which Authentication-Results field is trusted (by authserv-id and by
 * where it sits), what it says, and DKIM re-verified now against it. Messages are built and DKIM-signed here,
 * delivered as a receiver would (trace fields prepended), and run through the real pipeline for the report.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { extractContent } from '../../src/content/extract.js';
import { DnsResolver } from '../../src/dns/resolver.js';
import { DnsSession } from '../../src/dns/session.js';
import { inspectAuthenticity } from '../../src/inspect/authenticity.js';
import type { InspectContext } from '../../src/inspect/types.js';
import { parseMessage } from '../../src/message/parse.js';
import { analyzeMessage } from '../../src/pipeline/analyze.js';
import { startFixtureDns, type FixtureDnsServer } from '../support/dns-server.js';
import { buildMessage, dkimKeyName, dkimKeyRecord, generateDkimKey, signMessage } from '../support/sign.js';

const NOW = new Date('2025-01-07T10:05:00Z');
const key = generateDkimKey('rsa-2048');
let dns: FixtureDnsServer;
let resolver: DnsResolver;

beforeAll(async () => {
  dns = await startFixtureDns({
    zone: {
      'example.com': { TXT: ['v=spf1 ip4:192.0.2.0/24 -all'] },
      [dkimKeyName('s1', 'example.com')]: { TXT: [dkimKeyRecord(key)] },
      '_dmarc.example.com': { TXT: ['v=DMARC1; p=reject'] },
      '_dmarc.bank.example': { TXT: ['v=DMARC1; p=reject'] },
    },
  });
  resolver = new DnsResolver({ servers: [dns.server], timeoutMs: 300, retries: 0 });
});
afterAll(() => dns.stop());

/** A message from example.com, DKIM-signed (s1) by it; `body` changes the body after signing. */
async function signed(options: { from?: string; headers?: string[]; footer?: string } = {}): Promise<string> {
  const raw = await signMessage(
    buildMessage({ from: options.from ?? 'news@example.com', headers: options.headers }),
    {
      domain: 'example.com',
      selector: 's1',
      key,
    },
  );
  return raw.toString() + (options.footer ?? '');
}

const GMAIL_RECEIVED = [
  'Received: by 2002:a05:6838:1234:0:0:0:0 with SMTP id abc123; Tue, 7 Jan 2025 02:00:05 -0800 (PST)',
  'Return-Path: <news@example.com>',
  'Received: from mail.example.com (mail.example.com. [192.0.2.10]) by mx.google.com with ESMTPS id x1 for <me@gmail.com> (version=TLS1_3 cipher=TLS_AES_256_GCM_SHA384 bits=256/256); Tue, 7 Jan 2025 02:00:04 -0800 (PST)',
  'Received-SPF: pass (google.com: domain of news@example.com designates 192.0.2.10 as permitted sender) client-ip=192.0.2.10;',
];
const GMAIL_PASS =
  'Authentication-Results: mx.google.com;\r\n       dkim=pass header.i=@example.com header.s=s1 header.b=AbCd1234;\r\n       spf=pass (google.com: domain of news@example.com designates 192.0.2.10 as permitted sender) smtp.mailfrom=news@example.com;\r\n       dmarc=pass (p=REJECT sp=REJECT dis=NONE) header.from=example.com';

/** The message as delivered: the receiver's fields on top of what the sender sent. */
const delivered = (receiver: string[], sent: string): Buffer =>
  Buffer.from(`${receiver.join('\r\n')}\r\n${sent}`);

async function inspect(raw: Buffer, trust: string[] = []) {
  const report = await analyzeMessage(raw, {}, { resolver, lang: 'en', now: NOW, blocklists: [] });
  const message = await parseMessage(raw);
  const ctx: InspectContext = {
    message,
    content: await extractContent(message),
    report,
    dns: new DnsSession(resolver),
    now: NOW,
    trust,
  };
  const part = await inspectAuthenticity(ctx);
  return { ...part, ids: part.findings.map((f) => f.id), report };
}

describe('genuine mail with a trusted Gmail Authentication-Results', () => {
  it('is authenticated by mx.google.com, and the signature still verifies', async () => {
    const { data, findings, ids, report } = await inspect(
      delivered([...GMAIL_RECEIVED, GMAIL_PASS], await signed()),
    );
    expect(report.auth.dkim[0]?.result).toBe('pass');
    expect(data.trusted).toMatchObject({ index: 1, authservId: 'mx.google.com', trusted: true });
    expect(data.trusted?.results.map((r) => `${r.method}=${r.result}`)).toEqual([
      'dkim=pass',
      'spf=pass',
      'dmarc=pass',
    ]);
    expect(data.brokenSince).toEqual([]);
    expect(ids).toEqual(['inspect.authenticated']);
    expect(findings[0]?.params).toEqual({ by: 'mx.google.com', domain: 'example.com', via: 'dmarc' });
  });

  it('the ARC result comes from the trusted instance’s ARC-Authentication-Results', async () => {
    const receiver = [
      GMAIL_RECEIVED[0]!,
      'ARC-Authentication-Results: i=2; relay.untrusted.example; arc=fail',
      'ARC-Authentication-Results: i=1; mx.google.com; arc=pass (i=1); dkim=pass header.i=@example.com',
      ...GMAIL_RECEIVED.slice(1),
      GMAIL_PASS,
    ];
    const { data } = await inspect(delivered(receiver, await signed()));
    expect(data.arc).toBe('pass');
  });
});

describe('Authentication-Results the recipient cannot trust are ignored', () => {
  it('a forged field below the receiver’s (sent with the message) is ignored and said', async () => {
    const forged =
      'Authentication-Results: mx.google.com; dkim=pass header.d=bank.example; dmarc=pass header.from=bank.example';
    const { data, findings, ids } = await inspect(
      delivered([...GMAIL_RECEIVED, GMAIL_PASS], await signed({ headers: [forged] })),
    );
    expect(data.trusted?.index).toBe(1);
    expect(data.trusted?.results.some((r) => r.properties['header.from'] === 'bank.example')).toBe(false);
    expect(data.headers.map((h) => [h.index, h.trusted])).toEqual([
      [1, true],
      [2, false],
    ]);
    expect(ids).toContain('inspect.spoofed-auth-results');
    expect(findings.find((f) => f.id === 'inspect.spoofed-auth-results')?.params).toEqual({
      count: 1,
      ids: ['mx.google.com'],
    });
  });

  it('a forged field below a Received field the sender wrote is ignored even when the receiver wrote none', async () => {
    const sent = await signed({
      headers: [
        'Authentication-Results: mx.google.com; dkim=pass header.d=example.com; dmarc=pass header.from=example.com',
        'Received: from laptop (unknown [198.51.100.7]) by mail.example.com with ESMTPSA; Tue, 7 Jan 2025 02:00:01 -0800',
      ],
    });
    const { data, ids } = await inspect(delivered(GMAIL_RECEIVED, sent));
    expect(data.trusted).toBeNull();
    expect(ids).toEqual(['inspect.spoofed-auth-results', 'inspect.no-trusted-results']);
  });

  it.each([
    ['not trusted by default', [], null, ['inspect.untrusted-auth-results', 'inspect.no-trusted-results']],
    ['trusted when --trust names it', ['mail.corp.example'], 'mail.corp.example', ['inspect.authenticated']],
  ])('an unknown authserv-id: %s', async (_name, trust, trustedId, ids) => {
    const receiver = [
      'Received: from mail.example.com ([192.0.2.10]) by mail.corp.example with ESMTPS; Tue, 7 Jan 2025 10:00:04 +0000',
      'Authentication-Results: mail.corp.example; dkim=pass header.d=example.com; dmarc=pass header.from=example.com',
    ];
    const result = await inspect(delivered(receiver, await signed()), trust);
    expect(result.data.trusted?.authservId ?? null).toBe(trustedId);
    expect(result.ids).toEqual(ids);
  });

  it('with nothing trusted, the re-verification is what is left', async () => {
    const { findings } = await inspect(delivered(GMAIL_RECEIVED, await signed()));
    expect(findings).toEqual([{ id: 'inspect.no-trusted-results', params: { dkim: 'pass', dmarc: 'pass' } }]);
  });
});

describe('what the trusted receiver recorded', () => {
  it('a DMARC failure, with the policy from Gmail’s comment', async () => {
    const ar =
      'Authentication-Results: mx.google.com; spf=pass smtp.mailfrom=news@example.com; dmarc=fail (p=REJECT sp=REJECT dis=QUARANTINE) header.from=bank.example';
    const { findings } = await inspect(
      delivered([...GMAIL_RECEIVED, ar], await signed({ from: 'ceo@bank.example' })),
    );
    expect(findings).toEqual([
      {
        id: 'inspect.dmarc-fail',
        params: { by: 'mx.google.com', domain: 'bank.example', policy: 'reject', arc: 'none' },
      },
    ]);
  });

  it('no DMARC verdict and nothing aligned: not authenticated', async () => {
    const ar = 'Authentication-Results: mx.google.com; dkim=pass header.d=esp.example.net; spf=none';
    const { ids } = await inspect(delivered([...GMAIL_RECEIVED, ar], await signed()));
    expect(ids).toEqual(['inspect.not-authenticated']);
  });

  it('Microsoft’s field (no authserv-id) is trusted when the receiving MX is Microsoft’s', async () => {
    const receiver = [
      'Received: from AM0PR01MB5678.eurprd01.prod.outlook.com (2603:10a6:208:2::2) by AM0PR01MB1234.eurprd01.prod.outlook.com with HTTPS; Tue, 7 Jan 2025 10:00:06 +0000',
      'Received: from AM0EUR01FT001.eop-EUR01.prod.protection.outlook.com (2603:10a6:208:3::3) by AM0PR01MB5678.eurprd01.prod.outlook.com (2603:10a6:208:2::2) with Microsoft SMTP Server (version=TLS1_2, cipher=TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384) id 15.20.1; Tue, 7 Jan 2025 10:00:05 +0000',
      'Authentication-Results: spf=pass (sender IP is 192.0.2.10) smtp.mailfrom=example.com; dkim=pass (signature was verified) header.d=example.com;dmarc=pass action=none header.from=example.com;compauth=pass reason=100',
      'Received: from mail.example.com (192.0.2.10) by AM0EUR01FT001.mail.protection.outlook.com (10.152.0.1) with Microsoft SMTP Server (version=TLS1_2, cipher=TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384) id 15.20.1; Tue, 7 Jan 2025 10:00:04 +0000',
    ];
    const { data, ids } = await inspect(delivered(receiver, await signed()));
    expect(data.trusted?.authservId).toBe('');
    expect(ids).toEqual(['inspect.authenticated']);
  });
});

describe('well-known providers that write one field per method', () => {
  it('iCloud’s fields are read together; a repeated method below them is not iCloud’s', async () => {
    const receiver = [
      'Received: from mail.example.com (mail.example.com [192.0.2.10]) by ms12345.mail.icloud.com (Postfix) with ESMTPS id A1 for <me@icloud.com>; Tue, 7 Jan 2025 10:00:04 +0000',
      'Authentication-Results: dmarc.icloud.com; dmarc=pass header.from=example.com',
      'Authentication-Results: dkim-verifier.icloud.com; dkim=pass (2048-bit key) header.d=example.com header.i=@example.com header.b=AbCd1234',
      'Authentication-Results: spf.icloud.com; spf=pass (spf.icloud.com: domain of news@example.com designates 192.0.2.10 as permitted sender) smtp.mailfrom=news@example.com',
      'Authentication-Results: dmarc.icloud.com; dmarc=fail header.from=example.com',
    ];
    const { data, findings } = await inspect(delivered(receiver, await signed()));
    expect(data.trusted?.authservId).toBe('dmarc.icloud.com');
    expect(data.trusted?.results.map((r) => `${r.method}=${r.result}`)).toEqual([
      'dmarc=pass',
      'dkim=pass',
      'spf=pass',
    ]);
    expect(data.headers.map((h) => h.trusted)).toEqual([true, true, true, false]);
    expect(findings.map((f) => f.id)).toEqual(['inspect.spoofed-auth-results', 'inspect.authenticated']);
  });

  it('an ARC seal claiming the provider, sent with the message, is not the provider’s', async () => {
    const sent = await signed({
      headers: [
        'ARC-Authentication-Results: i=1; mx.google.com; arc=pass; dmarc=pass header.from=example.com',
      ],
    });
    const ar =
      'Authentication-Results: mx.google.com; dkim=pass header.i=@example.com header.s=s1; dmarc=pass header.from=example.com';
    const { data } = await inspect(delivered([...GMAIL_RECEIVED, ar], sent));
    expect(data.trusted?.authservId).toBe('mx.google.com');
    expect(data.arc).toBeNull();
  });
});

describe('DKIM then and now', () => {
  it('a signature that passed on arrival and fails now: the body was changed after delivery', async () => {
    const sent = await signed({ footer: '\r\n-- \r\nScanned by the gateway\r\n' });
    const { data, findings, report } = await inspect(delivered([...GMAIL_RECEIVED, GMAIL_PASS], sent));
    expect(report.auth.dkim[0]).toMatchObject({ result: 'fail', reason: 'body hash did not verify' });
    expect(data.brokenSince).toEqual(['d=example.com s=s1']);
    expect(findings).toContainEqual({
      id: 'inspect.dkim-broken-in-transit',
      params: { signatures: ['d=example.com s=s1'], part: 'body', by: 'mx.google.com' },
    });
    // The receiver's verdict on arrival still stands.
    expect(findings[0]?.id).toBe('inspect.authenticated');
  });

  it('a signature that failed on arrival and passes now: the key changed since', async () => {
    const ar =
      'Authentication-Results: mx.google.com; dkim=neutral (no key for signature) header.i=@example.com header.s=s1; dmarc=pass header.from=example.com';
    const { findings } = await inspect(delivered([...GMAIL_RECEIVED, ar], await signed()));
    expect(findings).toContainEqual({
      id: 'inspect.dkim-key-changed',
      params: { signatures: ['d=example.com s=s1'], by: 'mx.google.com' },
    });
  });
});

describe('hostile headers are bounded', () => {
  it.each([
    [
      '2 000 Authentication-Results fields',
      Array.from({ length: 2_000 }, (_, i) => `Authentication-Results: mx${i}.example; dkim=pass`),
    ],
    [
      'one field of 1 MB with 100 000 results',
      [
        `Authentication-Results: mx.google.com; ${Array.from({ length: 100_000 }, () => 'dkim=pass').join(';')}`.slice(
          0,
          1024 * 1024,
        ),
      ],
    ],
  ])('%s', async (_name, fields) => {
    const started = performance.now();
    const { data } = await inspect(delivered([...GMAIL_RECEIVED, ...fields], await signed()));
    expect(performance.now() - started).toBeLessThan(5_000);
    expect(data.headers.length).toBeLessThanOrEqual(50);
    for (const h of data.headers) expect(h.results.length).toBeLessThanOrEqual(64);
  });
});

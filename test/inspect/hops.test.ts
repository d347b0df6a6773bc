/** The Received chain of a received message: the first external hop, delays, TLS, dates that cannot be right. */
import { describe, expect, it } from 'vitest';
import { inspectHops } from '../../src/inspect/hops.js';
import type { InspectContext } from '../../src/inspect/types.js';
import { parseMessage } from '../../src/message/parse.js';
import { buildMessage } from '../support/sign.js';

const NOW = new Date('2025-01-07T12:00:00Z');

/** inspectHops reads the message and the clock only. */
async function hopsOf(received: string[], now = NOW) {
  const message = await parseMessage(buildMessage({ headers: received.map((r) => `Received: ${r}`) }));
  return inspectHops({ message, now, trust: [] } as unknown as InspectContext);
}

const MAILBOX = 'by 2002:a05:6838:1234::1 with SMTP id abc123; Tue, 7 Jan 2025 10:00:05 +0000';
const MX_TLS =
  'from mail.example.com (mail.example.com. [192.0.2.10]) by mx.google.com with ESMTPS id x1 for <me@gmail.com> (version=TLS1_3 cipher=TLS_AES_256_GCM_SHA384 bits=256/256); Tue, 7 Jan 2025 10:00:04 +0000';
const MX_PLAIN =
  'from mail.example.com (mail.example.com [192.0.2.10]) by mx.example.net (Postfix) with SMTP id 4Yx for <me@example.net>; Tue, 7 Jan 2025 10:00:04 +0000';
const SUBMISSION = (date: string) =>
  `from laptop (unknown [198.51.100.7]) by mail.example.com (Postfix) with ESMTPSA id 1A; ${date}`;

describe('inspectHops', () => {
  it('a Gmail delivery: hops, the first external hop, delays and TLS, no finding', async () => {
    const { data, findings } = await hopsOf([MAILBOX, MX_TLS, SUBMISSION('Tue, 7 Jan 2025 09:59:58 +0000')]);
    expect(data.hops.map((h) => h.index)).toEqual([1, 2, 3]);
    expect(data.firstExternal).toBe(2);
    expect(data.delays).toEqual([1, 6, null]);
    expect(data.hops[1]?.tls).toMatchObject({ encrypted: true, protocol: 'TLSv1.3' });
    expect(findings).toEqual([]);
  });

  it.each([
    [
      'the external hop was not encrypted',
      [MX_PLAIN],
      NOW,
      [{ id: 'inspect.hop-no-tls', params: { hop: 1, from: 'mail.example.com', by: 'mx.example.net' } }],
    ],
    [
      'a hop held up for three hours',
      [MX_TLS, SUBMISSION('Tue, 7 Jan 2025 07:00:04 +0000')],
      NOW,
      [{ id: 'inspect.hop-delay', params: { hop: 1, hours: 3, by: 'mx.google.com' } }],
    ],
    [
      'a hop dated in the future',
      [MX_TLS, SUBMISSION('Tue, 7 Jan 2025 13:00:00 +0000')],
      NOW,
      [{ id: 'inspect.hop-dates', params: { future: ['2'], outOfOrder: ['2→1'] } }],
    ],
    [
      'a hop dated a day later than the hop above it (forged below)',
      [MX_TLS, SUBMISSION('Tue, 7 Jan 2025 10:00:00 +0000'), SUBMISSION('Wed, 8 Jan 2025 10:00:00 +0000')],
      new Date('2025-01-09T00:00:00Z'),
      [{ id: 'inspect.hop-dates', params: { future: 'none', outOfOrder: ['3→2'] } }],
    ],
    [
      'a few minutes of clock drift is not out of order',
      [MX_TLS, SUBMISSION('Tue, 7 Jan 2025 10:04:00 +0000')],
      NOW,
      [],
    ],
  ])('%s', async (_name, received, now, findings) => {
    expect((await hopsOf(received, now)).findings).toEqual(findings);
  });

  it('Microsoft’s own hops on public IPv6 addresses are the recipient’s side', async () => {
    const { data } = await hopsOf([
      'from AM0PR01MB5678.eurprd01.prod.outlook.com (2603:10a6:208:2::2) by AM0PR01MB1234.eurprd01.prod.outlook.com with HTTPS; Tue, 7 Jan 2025 10:00:06 +0000',
      'from mail.example.com (192.0.2.10) by AM0EUR01FT001.mail.protection.outlook.com (10.152.0.1) with Microsoft SMTP Server (version=TLS1_2, cipher=TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384) id 15.20.1; Tue, 7 Jan 2025 10:00:04 +0000',
    ]);
    expect(data.firstExternal).toBe(2);
  });

  it('no Received field: no hop, nothing external', async () => {
    expect(await hopsOf([])).toEqual({ data: { hops: [], firstExternal: null, delays: [] }, findings: [] });
  });

  it('hostile: 2 000 Received fields with garbage dates are bounded', async () => {
    const received = Array.from({ length: 2_000 }, (_, i) =>
      i % 2
        ? SUBMISSION(`Tue, 7 Jan 2025 ${String(i % 24).padStart(2, '0')}:00:00 +0000`)
        : 'x'.repeat(5_000),
    );
    const started = performance.now();
    const { data, findings } = await hopsOf(received);
    expect(performance.now() - started).toBeLessThan(2_000);
    expect(data.hops.length).toBe(100);
    expect(data.delays.length).toBe(100);
    for (const f of findings) {
      for (const v of Object.values(f.params ?? {}))
        if (Array.isArray(v)) expect(v.length).toBeLessThanOrEqual(10);
    }
  });
});

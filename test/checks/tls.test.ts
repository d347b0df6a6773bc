import { describe, expect, it } from 'vitest';
import { checkTls, isOutdatedTls } from '../../src/checks/tls.js';
import type { CheckContext } from '../../src/checks/types.js';
import { DnsResolver } from '../../src/dns/resolver.js';
import { DnsSession } from '../../src/dns/session.js';
import { checkText } from '../../src/i18n/index.js';
import { parseMessage } from '../../src/message/parse.js';
import type { TlsInfo } from '../../src/report/types.js';

const message = await parseMessage(
  Buffer.from('From: Sender <news@example.com>\r\nSubject: hi\r\nMessage-ID: <1@x>\r\n\r\nbody\r\n'),
);

// checkTls makes no lookups; the session only fills the context (nothing listens on port 9).
const contextFor = (tls: TlsInfo | null, mailFrom: string | null): CheckContext => ({
  message,
  envelope: { clientIp: '192.0.2.1', helo: null, mailFrom, rcptTo: [], tls },
  dns: new DnsSession(new DnsResolver({ servers: [{ host: '127.0.0.1', port: 9 }] })),
  now: new Date('2025-01-01T00:00:00Z'),
});

describe('isOutdatedTls', () => {
  it.each([
    ['SSLv2', true],
    ['SSLv3', true],
    ['TLSv1', true],
    ['TLSv1.1', true],
    ['TLSv1.2', false],
    ['TLSv1.3', false],
    // what people type for --tls
    ['tlsv1', true],
    ['TLSv1.0', true],
    ['TLS1.0', true],
    ['TLS 1.1', true],
    [' TLSv1.1 ', true],
    ['TLS1.2', false],
    ['TLS 1.3', false],
    ['tlsv1.3', false],
  ])('%j → %s', (protocol, outdated) => {
    expect(isOutdatedTls(protocol)).toBe(outdated);
  });
});

describe('checkTls', () => {
  const AES = 'TLS_AES_256_GCM_SHA384';
  it.each([
    [null, 'bounce@news.example.net', 'tls.none', 'news.example.net'],
    [null, '', 'tls.none', 'example.com'],
    [null, null, 'tls.none', 'example.com'],
    [{ protocol: 'TLSv1.3', cipher: AES }, 'a@example.org', 'tls.pass', 'example.org'],
    [{ protocol: 'TLSv1.2', cipher: 'ECDHE-RSA-AES128-GCM-SHA256' }, null, 'tls.pass', 'example.com'],
    [{ protocol: 'TLSv1.1', cipher: 'ECDHE-RSA-AES128-SHA' }, null, 'tls.old', 'example.com'],
    [{ protocol: 'TLSv1', cipher: 'AES128-SHA' }, null, 'tls.old', 'example.com'],
    [{ protocol: 'SSLv3', cipher: 'RC4-SHA' }, null, 'tls.old', 'example.com'],
  ] as const)('%j from %j → %s', (tls, mailFrom, id, domain) => {
    const ctx = contextFor(tls, mailFrom);
    const output = checkTls(ctx);
    ctx.dns.close();
    expect(output.findings).toHaveLength(1);
    expect(output.findings[0]).toMatchObject({ id, params: { domain } });
    if (tls) expect(output.findings[0]!.params).toMatchObject({ protocol: tls.protocol, cipher: tls.cipher });
  });

  it('names the protocol and the sender domain in the words', () => {
    const ctx = contextFor({ protocol: 'TLSv1', cipher: 'AES128-SHA' }, 'bounce@news.example.net');
    const text = checkText(checkTls(ctx).findings[0]!, 'en');
    ctx.dns.close();
    expect(text.title).toContain('TLSv1');
    expect(text.fix).toContain('news.example.net');
  });
});

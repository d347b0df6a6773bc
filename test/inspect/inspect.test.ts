/**
 * The whole inspection (src/inspect/inspect.ts) on messages built and signed here, against the fixture DNS
 * server: the verdict, the reasons behind it, forwards unwrapped, and hostile input bounded.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DnsResolver } from '../../src/dns/resolver.js';
import { inspectMessage, PLACEHOLDER_IP } from '../../src/inspect/inspect.js';
import type { InspectionVerdict } from '../../src/inspect/types.js';
import { LIMITS } from '../../src/limits.js';
import type { Report } from '../../src/report/types.js';
import { INSPECTION_RULES } from '../../src/scoring/inspection.js';
import { startFixtureDns, type FixtureDnsServer } from '../support/dns-server.js';
import { buildMessage, dkimKeyName, dkimKeyRecord, generateDkimKey, signMessage } from '../support/sign.js';

const NOW = new Date('2025-01-07T10:05:00Z');
const key = generateDkimKey('rsa-2048');
let dns: FixtureDnsServer;
let resolver: DnsResolver;

beforeAll(async () => {
  dns = await startFixtureDns({
    zone: {
      'example.com': { TXT: ['v=spf1 ip4:198.51.100.0/24 -all'] },
      [dkimKeyName('s1', 'example.com')]: { TXT: [dkimKeyRecord(key)] },
      '_dmarc.example.com': { TXT: ['v=DMARC1; p=reject'] },
      'mail.example.com': { A: ['198.51.100.10'] },
      '10.100.51.198.in-addr.arpa': { PTR: ['mail.example.com'] },
    },
  });
  resolver = new DnsResolver({ servers: [dns.server], timeoutMs: 500 });
});
afterAll(() => dns.stop());

const inspect = (raw: Buffer, trust: string[] = []) =>
  inspectMessage(raw, { resolver, lang: 'en', now: NOW, trust, deadlineMs: 3_000 });

/** The receiving provider's Received field: the sender's server handed it over from `ip`. */
const receivedBy = (by: string, ip = '198.51.100.10', helo = 'mail.example.com') =>
  `Received: from ${helo} (${helo} [${ip}]) by ${by} with ESMTPS id abc123; Tue, 07 Jan 2025 10:00:05 +0000`;

const genuineResults = (authservId: string) =>
  `Authentication-Results: ${authservId}; dkim=pass header.d=example.com header.s=s1; spf=pass smtp.mailfrom=example.com; dmarc=pass (p=REJECT) header.from=example.com`;

const signed = (body?: string, headers: string[] = []) =>
  signMessage(buildMessage({ from: 'billing@example.com', headers, ...(body && { body }) }), {
    domain: 'example.com',
    selector: 's1',
    key,
  });

/** Received and Authentication-Results on top, as the receiving provider adds them after signing. */
const delivered = (message: Buffer, fields: string[]) =>
  Buffer.concat([Buffer.from(fields.map((f) => `${f}\r\n`).join('')), message]);

const ids = (report: Report) => report.inspection!.reasons.map((r) => r.id);

/** A multipart message with one attachment (base64). */
function withAttachment(
  name: string,
  type: string,
  data: Buffer,
  text = 'Please see the attached file.',
): Buffer {
  const lines = [
    'From: Sender <billing@example.com>',
    'To: you@example.net',
    'Subject: Invoice',
    'Date: Tue, 07 Jan 2025 10:00:00 +0000',
    'Message-ID: <att.1@example.com>',
    'MIME-Version: 1.0',
    'Content-Type: multipart/mixed; boundary="b1"',
    '',
    '--b1',
    'Content-Type: text/plain; charset=utf-8',
    '',
    text,
    '--b1',
    `Content-Type: ${type}; name="${name}"`,
    `Content-Disposition: attachment; filename="${name}"`,
    'Content-Transfer-Encoding: base64',
    '',
    data.toString('base64').replace(/.{76}/g, '$&\r\n'),
    '--b1--',
    '',
  ];
  return Buffer.from(lines.join('\r\n'));
}

/** A ZIP (stored) holding invoice.pdf.exe, an MZ program: made with Python's zipfile. */
const ZIP_DOUBLE_EXTENSION = Buffer.from(
  'UEsDBBQAAAAAAJdOfF3TAEmIQAAAAEAAAAAPAAAAaW52b2ljZS5wZGYuZXhlTVqQkJCQkJCQkJCQkJCQkJCQkJCQkJCQkJCQkJCQkJCQkJCQkJCQkJCQkJCQkJCQkJCQkJCQkJCQkJCQkJCQkFBLAQIUAxQAAAAAAJdOfF3TAEmIQAAAAEAAAAAPAAAAAAAAAAAAAACAAQAAAABpbnZvaWNlLnBkZi5leGVQSwUGAAAAAAEAAQA9AAAAbQAAAAAA',
  'base64',
);
/** Made with `zip macro.docx '[Content_Types].xml' word/vbaProject.bin`: an OOXML package carrying VBA. */
const DOCX_WITH_VBA = Buffer.from(
  'UEsDBAoAAAAAAGw6fF3uR1hmHQAAAB0AAAATABwAW0NvbnRlbnRfVHlwZXNdLnhtbFVUCQADfIAKa3yACmt1eAsAAQQAAAAABAAAAAA8P3htbCB2ZXJzaW9uPSIxLjAiPz48VHlwZXMvPlBLAwQKAAAAAABsOnxdkHYwbgQAAAAEAAAAEwAcAHdvcmQvdmJhUHJvamVjdC5iaW5VVAkAA3yACmt8gAprdXgLAAEEAAAAAAQAAAAA0M8R4FBLAQIeAwoAAAAAAGw6fF3uR1hmHQAAAB0AAAATABgAAAAAAAEAAACkgQAAAABbQ29udGVudF9UeXBlc10ueG1sVVQFAAN8gAprdXgLAAEEAAAAAAQAAAAAUEsBAh4DCgAAAAAAbDp8XZB2MG4EAAAABAAAABMAGAAAAAAAAAAAAKSBagAAAHdvcmQvdmJhUHJvamVjdC5iaW5VVAUAA3yACmt1eAsAAQQAAAAABAAAAABQSwUGAAAAAAIAAgCyAAAAuwAAAAAA',
  'base64',
);

/** An HTML message whose link shows one domain and goes to another. */
function linkMismatch(): Buffer {
  return Buffer.from(
    [
      'From: Sender <billing@example.com>',
      'To: you@example.net',
      'Subject: Your account',
      'Date: Tue, 07 Jan 2025 10:00:00 +0000',
      'Message-ID: <link.1@example.com>',
      'MIME-Version: 1.0',
      'Content-Type: text/html; charset=utf-8',
      '',
      '<p>Sign in at <a href="https://login.evil-site.example/x">https://www.example.com/account</a></p>',
      '',
    ].join('\r\n'),
  );
}

/** `inner` forwarded as an attachment (message/rfc822), with a short note. */
function forwarded(inner: Buffer, note = 'FYI, is this real?', boundary = 'fw'): Buffer {
  return Buffer.concat([
    Buffer.from(
      [
        'From: Me <me@example.net>',
        'To: security@example.net',
        'Subject: Fwd: Invoice',
        'Date: Tue, 07 Jan 2025 11:00:00 +0000',
        'Message-ID: <fwd.1@example.net>',
        'MIME-Version: 1.0',
        `Content-Type: multipart/mixed; boundary="${boundary}"`,
        '',
        `--${boundary}`,
        'Content-Type: text/plain; charset=utf-8',
        '',
        note,
        `--${boundary}`,
        'Content-Type: message/rfc822',
        'Content-Disposition: attachment; filename="original.eml"',
        '',
        '',
      ].join('\r\n'),
    ),
    inner,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
}

describe('the verdict on fixture messages', () => {
  const cases: Array<[string, () => Promise<Buffer>, string[], InspectionVerdict]> = [
    [
      'genuine, with Gmail’s Authentication-Results',
      async () => delivered(await signed(), [genuineResults('mx.google.com'), receivedBy('mx.google.com')]),
      [],
      'genuine',
    ],
    [
      'genuine, with the user’s own server trusted',
      async () =>
        delivered(await signed(), [genuineResults('mx.corp.example'), receivedBy('mx.corp.example')]),
      ['mx.corp.example'],
      'genuine',
    ],
    [
      'forged Authentication-Results written by the sender (untrusted host)',
      async () =>
        delivered(
          buildMessage({
            from: 'ceo@example.com',
            headers: [
              'Authentication-Results: evil.example; dkim=pass header.d=example.com; dmarc=pass header.from=example.com',
            ],
          }),
          [receivedBy('mx.corp.example', '203.0.113.5', 'evil.example')],
        ),
      [],
      // example.com publishes p=reject: a message from it that fails DMARC is disowned, not just doubtful.
      'dangerous',
    ],
    [
      'a display-name spoof',
      async () =>
        delivered(
          Buffer.from(
            buildMessage({ from: 'x@random-sender.example' })
              .toString()
              .replace(
                'From: Sender <x@random-sender.example>',
                'From: "service@paypal.com" <x@random-sender.example>',
              ),
          ),
          [receivedBy('mx.corp.example', '203.0.113.5', 'random-sender.example')],
        ),
      [],
      'suspicious',
    ],
    [
      'a double extension inside a zip',
      async () =>
        delivered(withAttachment('invoice.zip', 'application/zip', ZIP_DOUBLE_EXTENSION), [
          receivedBy('mx.corp.example'),
        ]),
      [],
      'dangerous',
    ],
    [
      'a macro document',
      async () =>
        delivered(
          withAttachment('order.docm', 'application/vnd.ms-word.document.macroEnabled.12', DOCX_WITH_VBA),
          [receivedBy('mx.corp.example')],
        ),
      [],
      'dangerous',
    ],
    [
      'a link-text mismatch',
      // Signed, so DMARC passes: the link alone is what makes it suspicious.
      async () =>
        delivered(await signMessage(linkMismatch(), { domain: 'example.com', selector: 's1', key }), [
          receivedBy('mx.corp.example'),
        ]),
      [],
      'suspicious',
    ],
  ];

  it.each(cases)('%s', async (_name, build, trust, verdict) => {
    const { report } = await inspect(await build(), trust);
    expect(report.inspection!.verdict).toBe(verdict);
    // Every reason has its words, and the heaviest come first.
    for (const reason of report.inspection!.reasons) {
      expect(reason.title).not.toMatch(/\{|\}/);
      expect(reason.detail.length).toBeGreaterThan(0);
    }
    const weights = report.inspection!.reasons.map(
      (r) => ({ danger: 0, warning: 1, ok: 2, info: 3 })[r.severity],
    );
    expect(weights).toEqual([...weights].sort((a, b) => a - b));
    expect(report.inspection!.advice.length).toBeGreaterThan(0);
    // Links are never fetched by an inspection.
    expect(report.checks.some((c) => c.id === 'links.reachable' || c.id === 'links.broken')).toBe(false);
  });

  it('says why: the forged results are not the trusted ones, the attachment and link reasons are named', async () => {
    const forged = await inspect(
      delivered(
        buildMessage({
          from: 'ceo@example.com',
          headers: ['Authentication-Results: evil.example; dmarc=pass header.from=example.com'],
        }),
        [receivedBy('mx.corp.example', '203.0.113.5', 'evil.example')],
      ),
    );
    expect(forged.report.inspection!.authenticity.trusted?.authservId).not.toBe('evil.example');
    expect(ids(forged.report)).not.toContain('inspect.sender-confirmed');
    expect(ids(forged.report)).not.toContain('inspect.authenticated');

    const zip = await inspect(
      delivered(withAttachment('invoice.zip', 'application/zip', ZIP_DOUBLE_EXTENSION), [
        receivedBy('mx.corp.example'),
      ]),
    );
    expect(ids(zip.report)).toContain('attachments.double-extension');
    expect(zip.report.inspection!.reasons[0]!.severity).toBe('danger');

    const link = await inspect(delivered(linkMismatch(), [receivedBy('mx.corp.example')]));
    expect(ids(link.report)).toContain('links.text-mismatch');
  });

  it('advises confirming by a number already known when in doubt, and never repeats the message’s words', async () => {
    const { report } = await inspect(delivered(linkMismatch(), [receivedBy('mx.corp.example')]));
    expect(report.inspection!.advice.join(' ')).toMatch(/phone with a number you already have/);
    expect(report.inspection!.advice.join(' ')).not.toMatch(/evil-site/);
  });
});

describe('forwarded as an attachment', () => {
  it('inspects the attached original and says so', async () => {
    const inner = delivered(withAttachment('invoice.zip', 'application/zip', ZIP_DOUBLE_EXTENSION), [
      receivedBy('mx.corp.example'),
    ]);
    const { report } = await inspect(forwarded(inner));
    expect(report.inspection!.unwrapped).toBe(true);
    expect(ids(report)).toContain('inspect.unwrapped');
    expect(report.message.subject).toBe('Invoice');
    expect(report.inspection!.verdict).toBe('dangerous');
  });

  it('unwraps a forward of a forward, within the bound', async () => {
    const inner = delivered(await signed(), [genuineResults('mx.google.com'), receivedBy('mx.google.com')]);
    let raw: Buffer = inner;
    for (let i = 0; i < LIMITS.inspectUnwrapDepth + 2; i++) raw = forwarded(raw, 'FYI', `fw${i}`);
    const { report } = await inspect(raw);
    expect(report.inspection!.unwrapped).toBe(true);
    // Past the bound the message judged is still a forward, not the original.
    expect(report.message.subject).toBe('Fwd: Invoice');
  });

  it('does not unwrap a message that carries more than the forwarded one', async () => {
    const { report } = await inspect(withAttachment('invoice.zip', 'application/zip', ZIP_DOUBLE_EXTENSION));
    expect(report.inspection!.unwrapped).toBe(false);
  });
});

describe('a message with no external hop', () => {
  it('is still inspected: the placeholder envelope, no checks of the sending server, and a finding saying so', async () => {
    const { report } = await inspect(await signed());
    expect(report.envelope.clientIp).toBe(PLACEHOLDER_IP);
    expect(ids(report)).toContain('inspect.no-external-hop');
    for (const area of ['spf.', 'iprev.', 'helo.', 'blocklists.']) {
      expect(report.checks.some((c) => c.id.startsWith(area))).toBe(false);
    }
    // DKIM needs no IP: the signature still confirms the sender's domain through DMARC.
    expect(report.inspection!.verdict).toBe('genuine');
  });
});

describe('hostile input', () => {
  it('bounds a message of thousands of links and fields, and forwards nested past the bound', async () => {
    const links = Array.from(
      { length: 5_000 },
      (_, i) => `<a href="http://10.0.0.${i % 250}/${i}">https://bank.example/${i}</a>`,
    );
    const headers = Array.from(
      { length: 3_000 },
      (_, i) => `Authentication-Results: x${i}.example; dmarc=pass`,
    );
    const raw = Buffer.from(
      buildMessage({ from: 'x@example.com', headers, body: links.join('\n') })
        .toString()
        .replace('text/plain', 'text/html'),
    );
    const started = Date.now();
    const { report } = await inspect(raw);
    expect(Date.now() - started).toBeLessThan(20_000);
    expect(report.inspection!.reasons.length).toBeLessThanOrEqual(LIMITS.inspectReasons);
    expect(report.inspection!.authenticity.headers.length).toBeLessThanOrEqual(LIMITS.authResultsFields);
    expect(report.inspection!.verdict).not.toBe('genuine');
  }, 30_000);

  it('judges an attachment named .eml that is not a message as it is', async () => {
    const { report } = await inspect(forwarded(Buffer.from('\u0000\u0001 not a message at all')));
    expect(report.inspection).toBeDefined();
  });
});

describe('the verdict table', () => {
  it('has a severity and a reason for every inspect id', () => {
    for (const [id, rule] of Object.entries(INSPECTION_RULES)) {
      expect(['danger', 'warning', 'info', 'ok'], id).toContain(rule.severity);
      expect(rule.why.length, id).toBeGreaterThan(0);
    }
  });
});

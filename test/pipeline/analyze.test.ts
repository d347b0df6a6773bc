/**
 * Whole reports through the one pipeline, against a real DNS server: the senders a mail administrator
 * actually is (set up right, set up not at all, sending through a third-party service), with the score,
 * the deductions and the Gmail prediction that follow from the contract.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DnsResolver } from '../../src/dns/resolver.js';
import {
  analyze as analyzeWithFindings,
  analyzeMessage,
  localizeReport,
  type EnvelopeInput,
} from '../../src/pipeline/analyze.js';
import type { Report } from '../../src/report/types.js';
import { CHECK_RULES } from '../../src/scoring/deductions.js';
import { startFixtureDns, type FixtureDnsServer } from '../support/dns-server.js';
import { buildMessage, dkimKeyName, dkimKeyRecord, generateDkimKey, signMessage } from '../support/sign.js';

const NOW = new Date('2025-01-07T10:05:00Z');
const key = generateDkimKey('rsa-2048');
const espKey = generateDkimKey('rsa-2048');
let dns: FixtureDnsServer;
let resolver: DnsResolver;

beforeAll(async () => {
  dns = await startFixtureDns({
    zone: {
      // Set up right: SPF, DKIM, DMARC, forward-confirmed PTR, HELO = PTR.
      'example.com': { TXT: ['v=spf1 ip4:192.0.2.0/24 -all'], MX: [[10, 'mail.example.com']] },
      [dkimKeyName('s1', 'example.com')]: { TXT: [dkimKeyRecord(key)] },
      '_dmarc.example.com': { TXT: ['v=DMARC1; p=reject; rua=mailto:dmarc@example.com'] },
      'mail.example.com': { A: ['192.0.2.10'] },
      '10.2.0.192.in-addr.arpa': { PTR: ['mail.example.com'] },
      // Not set up at all: a domain with an A record and nothing else; an IP without PTR.
      'bare.example': { A: ['198.51.100.1'] },
      // A shop sending through an email service: the ESP signs and bounces with its own domain.
      'shop.example': { TXT: ['v=spf1 include:spf.esp.example.net -all'] },
      '_dmarc.shop.example': { TXT: ['v=DMARC1; p=none'] },
      'bounce.esp.example.net': { TXT: ['v=spf1 include:spf.esp.example.net -all'] },
      'spf.esp.example.net': { TXT: ['v=spf1 ip4:203.0.113.0/24 -all'] },
      [dkimKeyName('esp', 'esp.example.net')]: { TXT: [dkimKeyRecord(espKey)] },
      'o1.esp.example.net': { A: ['203.0.113.7'] },
      '7.113.0.203.in-addr.arpa': { PTR: ['o1.esp.example.net'] },
    },
  });
  resolver = new DnsResolver({ servers: [dns.server], timeoutMs: 500 });
});
afterAll(() => dns.stop());

const analyze = (raw: Buffer, envelope: EnvelopeInput, lang: 'en' | 'ja' = 'en') =>
  analyzeMessage(raw, envelope, { resolver, lang, now: NOW });

const deductions = (report: Report) =>
  Object.fromEntries(report.checks.filter((c) => c.deduction > 0).map((c) => [c.id, c.deduction]));

describe('a sender set up right', () => {
  let report: Report;
  beforeAll(async () => {
    const raw = await signMessage(buildMessage({ from: 'news@example.com' }), {
      domain: 'example.com',
      selector: 's1',
      key,
      signTime: new Date('2025-01-07T10:00:00Z'),
    });
    report = await analyze(raw, {
      clientIp: '192.0.2.10',
      helo: 'mail.example.com',
      mailFrom: 'bounce@example.com',
      rcptTo: ['test@mailscore.test'],
      tls: { protocol: 'TLSv1.3', cipher: 'TLS_AES_256_GCM_SHA384' },
    });
  });

  it('scores 10 with nothing deducted', () => {
    expect(deductions(report)).toEqual({});
    expect(report.score).toBe(10);
  });

  it('passes every authentication', () => {
    expect(report.auth.spf).toMatchObject({
      result: 'pass',
      domain: 'example.com',
      mechanism: 'ip4:192.0.2.0/24',
    });
    expect(report.auth.dkim).toEqual([
      expect.objectContaining({
        result: 'pass',
        domain: 'example.com',
        selector: 's1',
        keyBits: 2048,
        aligned: true,
      }),
    ]);
    expect(report.auth.dmarc).toMatchObject({
      result: 'pass',
      policy: 'reject',
      spfAligned: true,
      dkimAligned: true,
    });
    expect(report.auth.iprev).toMatchObject({ result: 'pass', ptr: ['mail.example.com'], fcrdns: true });
    expect(report.auth.senderId).toMatchObject({ result: 'pass', pra: 'news@example.com' });
  });

  it('shows in Gmail with no "?", no "via", no red padlock', () => {
    expect(report.gmail).toEqual({
      questionMark: false,
      via: null,
      redLock: false,
      mailedBy: 'example.com',
      signedBy: 'example.com',
    });
  });

  it('records the envelope and the message as given', () => {
    expect(report.envelope).toEqual({
      clientIp: '192.0.2.10',
      helo: 'mail.example.com',
      mailFrom: 'bounce@example.com',
      rcptTo: ['test@mailscore.test'],
      tls: { protocol: 'TLSv1.3', cipher: 'TLS_AES_256_GCM_SHA384' },
      clientIpSource: { kind: 'given' },
    });
    expect(report.message).toMatchObject({ from: 'news@example.com', subject: 'A test message' });
    expect(report.schema).toBe('mailscore.report/1');
  });
});

describe('a sender with nothing set up', () => {
  let report: Report;
  beforeAll(async () => {
    const raw = Buffer.from(
      'From: info@bare.example\r\nTo: test@mailscore.test\r\nSubject: hi\r\n\r\nhello\r\n',
    );
    report = await analyze(raw, {
      clientIp: '198.51.100.1',
      helo: 'bare.example',
      mailFrom: 'info@bare.example',
    });
  });

  it('loses the points the scoring table gives for each missing piece', () => {
    expect(deductions(report)).toEqual({
      'spf.none': CHECK_RULES['spf.none'].deduction,
      'dkim.none': CHECK_RULES['dkim.none'].deduction,
      'dmarc.none': CHECK_RULES['dmarc.none'].deduction,
      'iprev.no-ptr': CHECK_RULES['iprev.no-ptr'].deduction,
      'tls.none': CHECK_RULES['tls.none'].deduction,
      'format.no-date': CHECK_RULES['format.no-date'].deduction,
      'format.no-message-id': CHECK_RULES['format.no-message-id'].deduction,
      // The built-in content rules weigh the missing Date and Message-ID lightly too (0.3 each).
      'spamFilter.score': report.spamFilter!.score,
    });
    expect(report.spamFilter?.rules.map((rule) => rule.name).sort()).toEqual([
      'MS_NO_DATE',
      'MS_NO_MESSAGE_ID',
    ]);
    const total = Object.values(deductions(report)).reduce((a, b) => a + b, 0);
    expect(report.score).toBe(Math.round((10 - total) * 10) / 10);
  });

  it('says exactly what to publish, with the sender’s own domain and IP', () => {
    const fix = (id: string) => report.checks.find((c) => c.id === id)?.fix ?? '';
    expect(fix('spf.none')).toContain('v=spf1 ip4:198.51.100.1 -all');
    expect(fix('spf.none')).toContain('bare.example');
    expect(fix('dmarc.none')).toMatch(/_dmarc\.bare\.example/);
    expect(fix('dmarc.none')).toContain('v=DMARC1; p=none');
    expect(fix('iprev.no-ptr')).toContain('1.100.51.198.in-addr.arpa');
  });

  it('shows the grey "?" and the red padlock in Gmail', () => {
    expect(report.gmail).toEqual({
      questionMark: true,
      via: null,
      redLock: true,
      mailedBy: null,
      signedBy: null,
    });
  });

  it('renders a stored analysis again in the other language, changing only the words', async () => {
    const raw = Buffer.from(
      'From: info@bare.example\r\nTo: test@mailscore.test\r\nSubject: hi\r\n\r\nhello\r\n',
    );
    const analysis = await analyzeWithFindings(
      raw,
      { clientIp: '198.51.100.1', helo: 'bare.example', mailFrom: 'info@bare.example' },
      { resolver, lang: 'en', now: NOW },
    );
    const ja = localizeReport(analysis, 'ja');
    expect(ja.lang).toBe('ja');
    expect(ja.checks.map((c) => [c.id, c.deduction])).toEqual(
      analysis.report.checks.map((c) => [c.id, c.deduction]),
    );
    expect(ja.checks[0]!.title).not.toBe(analysis.report.checks[0]!.title);
    expect({ ...ja, lang: 'en', checks: [], spamFilter: null }).toEqual({
      ...analysis.report,
      checks: [],
      spamFilter: null,
    });
    // The built-in rules' descriptions are ours, so they follow the language too; names and points do not change.
    expect(ja.spamFilter?.engine).toBe('builtin');
    expect(ja.spamFilter!.rules.map((r) => [r.name, r.score])).toEqual(
      analysis.report.spamFilter!.rules.map((r) => [r.name, r.score]),
    );
    expect(ja.spamFilter!.rules.length).toBeGreaterThan(0);
    for (const rule of ja.spamFilter!.rules) expect(rule.description).toMatch(/[\u3040-\u30ff\u4e00-\u9fff]/);
    expect(localizeReport(analysis, 'en')).toBe(analysis.report);
  });

  it('speaks Japanese when asked, with the same findings', async () => {
    const raw = Buffer.from(
      'From: info@bare.example\r\nTo: test@mailscore.test\r\nSubject: hi\r\n\r\nhello\r\n',
    );
    const ja = await analyze(
      raw,
      { clientIp: '198.51.100.1', helo: 'bare.example', mailFrom: 'info@bare.example' },
      'ja',
    );
    expect(ja.checks.map((c) => c.id)).toEqual(report.checks.map((c) => c.id));
    expect(ja.score).toBe(report.score);
    const spf = ja.checks.find((c) => c.id === 'spf.none')!;
    expect(spf.title + spf.detail).toMatch(/[\u3040-\u30ff\u4e00-\u9fff]/);
    expect(spf.fix).toContain('v=spf1 ip4:198.51.100.1 -all');
  });
});

describe('a shop sending through an email service', () => {
  let report: Report;
  beforeAll(async () => {
    const raw = await signMessage(buildMessage({ from: 'sales@shop.example' }), {
      domain: 'esp.example.net',
      selector: 'esp',
      key: espKey,
      signTime: new Date('2025-01-07T10:00:00Z'),
    });
    report = await analyze(raw, {
      clientIp: '203.0.113.7',
      helo: 'o1.esp.example.net',
      mailFrom: 'bounce-123@bounce.esp.example.net',
      tls: { protocol: 'TLSv1.2', cipher: 'ECDHE-RSA-AES128-GCM-SHA256' },
    });
  });

  it('passes SPF and DKIM for the service, but not DMARC for the shop', () => {
    expect(report.auth.spf).toMatchObject({ result: 'pass', domain: 'bounce.esp.example.net' });
    expect(report.auth.dkim[0]).toMatchObject({ result: 'pass', domain: 'esp.example.net', aligned: false });
    expect(report.auth.dmarc).toMatchObject({
      result: 'fail',
      policy: 'none',
      spfAligned: false,
      dkimAligned: false,
    });
    expect(report.checks.map((c) => c.id)).toEqual(
      expect.arrayContaining(['dkim.third-party-only', 'dmarc.fail', 'alignment.partial']),
    );
  });

  it('shows "via" the service in Gmail', () => {
    expect(report.gmail).toEqual({
      questionMark: false,
      via: 'esp.example.net',
      redLock: false,
      mailedBy: 'bounce.esp.example.net',
      signedBy: 'esp.example.net',
    });
  });

  it('tells the shop to sign with its own domain', () => {
    const fix = report.checks.find((c) => c.id === 'dkim.third-party-only')?.fix ?? '';
    expect(fix).toContain('shop.example');
  });
});

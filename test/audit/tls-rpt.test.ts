import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditTlsRpt, isReportUri, parseTlsRpt } from '../../src/audit/tls-rpt.js';
import { checkText } from '../../src/i18n/index.js';
import { startFixtureDns, type FixtureDnsServer } from '../support/dns-server.js';
import { transportContext } from '../support/audit-transport.js';

describe('the TLS-RPT record (RFC 8460 3)', () => {
  it.each([
    ['v=TLSRPTv1; rua=mailto:tls@example.com', { rua: ['mailto:tls@example.com'] }],
    [
      'v=TLSRPTv1;rua=mailto:a@example.com, https://reports.example.net/tls;',
      {
        rua: ['mailto:a@example.com', 'https://reports.example.net/tls'],
      },
    ],
    ['v=TLSRPTv1; rua=mailto:a@example.com; ext=1', { rua: ['mailto:a@example.com'] }],
    ['v=TLSRPTv1', { error: 'syntax' }],
    ['v=TLSRPTv1; rua', { error: 'syntax' }],
    ['v=TLSRPTv2; rua=mailto:a@example.com', { error: 'syntax' }],
    ['v=TLSRPTv1; ruf=mailto:a@example.com', { error: 'no-rua' }],
    ['v=TLSRPTv1; rua=', { error: 'no-rua' }],
    ['v=TLSRPTv1; rua=a@example.com', { error: 'bad-uri' }],
    ['v=TLSRPTv1; rua=http://reports.example.net/', { error: 'bad-uri' }],
    ['v=TLSRPTv1; rua=mailto:a@example.com,mailto:nobody', { error: 'bad-uri' }],
  ])('%j', (record, expected) => expect(parseTlsRpt(record)).toEqual(expected));

  it.each([
    ['mailto:tls-reports@example.com', true],
    ['MAILTO:x@sub.example.co.jp', true],
    ['https://example.com/report', true],
    ['mailto:@example.com', false],
    ['mailto:a@localhost', false],
    ['ftp://example.com/', false],
    ['https://', false],
  ])('%s is a report destination: %s', (uri, ok) => expect(isReportUri(uri)).toBe(ok));
});

let dns: FixtureDnsServer;

const MX: Array<[number, string]> = [[10, 'mx.example.test']];

// prettier-ignore
const CASES: Array<[domain: string, records: string[] | null, ids: string[], error: string | null]> = [
  ['good.test', ['v=TLSRPTv1; rua=mailto:tls@good.test'], ['tlsRpt.pass'], null],
  ['other-txt.test', ['some verification token'], ['tlsRpt.none'], null],
  ['none.test', null, ['tlsRpt.none'], null],
  ['multiple.test', ['v=TLSRPTv1; rua=mailto:a@multiple.test', 'v=TLSRPTv1; rua=mailto:b@multiple.test'],
    ['tlsRpt.record-multiple'], 'multiple'],
  ['norua.test', ['v=TLSRPTv1; ruf=mailto:a@norua.test'], ['tlsRpt.record-syntax'], 'no-rua'],
  ['baduri.test', ['v=TLSRPTv1; rua=tls@baduri.test'], ['tlsRpt.record-syntax'], 'bad-uri'],
];

beforeAll(async () => {
  dns = await startFixtureDns({
    zone: {
      ...Object.fromEntries(CASES.map(([domain]) => [domain, { MX }])),
      ...Object.fromEntries(
        CASES.filter(([, records]) => records).map(([domain, records]) => [
          `_smtp._tls.${domain}`,
          { TXT: records! },
        ]),
      ),
      'nullmx.test': { MX: [[0, '.']] },
      'dnsfail.test': { MX },
      '_smtp._tls.dnsfail.test': { SERVFAIL: true },
    },
  });
});

afterAll(async () => {
  await dns?.stop();
});

describe('auditTlsRpt', () => {
  it.each(CASES)('%s', async (domain, _, ids, error) => {
    const { data, findings } = await auditTlsRpt(transportContext(dns, domain));
    expect(findings.map((f) => f.id)).toEqual(ids);
    expect(data.error).toBe(error);
    for (const finding of findings) {
      for (const lang of ['en', 'ja'] as const) {
        const words = checkText(finding, lang);
        expect(words.title + words.detail + (words.fix ?? '')).not.toMatch(/\{[a-zA-Z]+\}/);
      }
    }
  });

  it('keeps the destinations', async () => {
    const { data } = await auditTlsRpt(transportContext(dns, 'good.test'));
    expect(data).toEqual({
      record: 'v=TLSRPTv1; rua=mailto:tls@good.test',
      rua: ['mailto:tls@good.test'],
      error: null,
    });
  });

  it('gives the record to publish, recommending it with MTA-STS', async () => {
    const { findings } = await auditTlsRpt(transportContext(dns, 'none.test'));
    expect(findings[0]!.params!.suggested).toBe(
      '_smtp._tls.none.test. TXT "v=TLSRPTv1; rua=mailto:tls-reports@none.test"',
    );
    expect(checkText(findings[0]!, 'en').detail).toContain('MTA-STS');
    expect(checkText(findings[0]!, 'ja').fix).toContain('_smtp._tls.none.test.');
  });

  it('says nothing about a domain that receives no mail (null MX)', async () => {
    expect((await auditTlsRpt(transportContext(dns, 'nullmx.test'))).findings).toEqual([]);
  });

  it('turns a failed lookup into an error finding', async () => {
    const { data, findings } = await auditTlsRpt(transportContext(dns, 'dnsfail.test'));
    expect(findings).toEqual([{ id: 'tlsRpt.error', params: { domain: 'dnsfail.test', code: 'ESERVFAIL' } }]);
    expect(data.error).toBe('ESERVFAIL');
  });
});

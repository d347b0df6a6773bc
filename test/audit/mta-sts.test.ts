import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditMtaSts, mxMatches, parsePolicy, stsRecordId } from '../../src/audit/mta-sts.js';
import type { AuditFetchOptions } from '../../src/audit/types.js';
import { checkText } from '../../src/i18n/index.js';
import { startFixtureDns, type FixtureDnsServer, type FixtureZone } from '../support/dns-server.js';
import { startHttpsFixture, type CertificateKind, type HttpsFixture } from '../support/https-fixture.js';
import { transportContext } from '../support/audit-transport.js';

describe('the _mta-sts record (RFC 8461 3.1)', () => {
  it.each([
    ['v=STSv1; id=20260101000000', '20260101000000'],
    ['v=STSv1; id=abc;', 'abc'],
    ['v=STSv1;id=abc', 'abc'],
    ['v=STSv1; id=abc; ext_1=value', 'abc'],
    ['v=STSv1 ;\tid=A1 ', 'A1'],
    ['v=STSv1; id=', null],
    ['v=STSv1; id=has-dash', null],
    ['v=STSv1; id=123456789012345678901234567890123', null],
    ['v=STSv1', null],
    ['v=STSv1; id=a; id=b', null],
    ['v=STSv1;; id=a', null],
    ['v=stsv1; id=a', null],
    ['id=a; v=STSv1', null],
    ['v=STSv1; id=a; bad ext=x', null],
  ])('%j → id %j', (record, id) => expect(stsRecordId(record)).toBe(id));
});

describe('the policy (RFC 8461 3.2)', () => {
  it.each([
    [
      'CRLF lines',
      'version: STSv1\r\nmode: enforce\r\nmx: mx1.example.com\r\nmx: *.example.net\r\nmax_age: 604800\r\n',
      { mode: 'enforce', maxAge: 604800, mx: ['mx1.example.com', '*.example.net'], problems: [] },
    ],
    [
      'LF lines, no final newline, spaces after values, an unknown key',
      'version: STSv1\nmode: testing  \nmx:MX.Example.com.\nmax_age: 86400\nfuture: yes',
      { mode: 'testing', maxAge: 86400, mx: ['mx.example.com'], problems: [] },
    ],
    [
      'mode none needs no mx',
      'version: STSv1\nmode: none\nmax_age: 86400\n',
      { mode: 'none', maxAge: 86400, mx: [], problems: [] },
    ],
    [
      'the first of a repeated key wins',
      'version: STSv1\nmode: enforce\nmode: none\nmx: a.example\nmax_age: 60\nmax_age: 99999',
      { mode: 'enforce', maxAge: 60, mx: ['a.example'], problems: [] },
    ],
    ['an empty document', '', { mode: null, maxAge: null, mx: [], problems: ['version', 'mode', 'max-age'] }],
    [
      'wrong version, unknown mode, max_age over a year',
      'version: STSv2\nmode: strict\nmx: a.example\nmax_age: 31557601',
      { mode: null, maxAge: null, mx: ['a.example'], problems: ['version', 'mode', 'max-age'] },
    ],
    [
      'enforce without mx',
      'version: STSv1\nmode: enforce\nmax_age: 86400',
      { mode: 'enforce', maxAge: 86400, mx: [], problems: ['mx-missing'] },
    ],
    [
      'bad patterns and a line without a colon',
      'version: STSv1\nmode: enforce\nmx: *.*.example\nmx: a..example\nmx: ok.example\nthis is html\nmax_age: 86400',
      { mode: 'enforce', maxAge: 86400, mx: ['ok.example'], problems: ['mx-syntax', 'syntax'] },
    ],
    [
      'max_age not a number',
      'version: STSv1\nmode: enforce\nmx: a.example\nmax_age: 1e6',
      { mode: 'enforce', maxAge: null, mx: ['a.example'], problems: ['max-age'] },
    ],
    [
      'key case matters',
      'Version: STSv1\nmode: enforce\nmx: a.example\nmax_age: 86400',
      { mode: 'enforce', maxAge: 86400, mx: ['a.example'], problems: ['version'] },
    ],
  ])('%s', (_, text, expected) => {
    const policy = parsePolicy(text);
    expect({ mode: policy.mode, maxAge: policy.maxAge, mx: policy.mx, problems: policy.problems }).toEqual(
      expected,
    );
  });

  it('reads a hostile policy within its bounds', () => {
    const text = `version: STSv1\nmode: enforce\n${'mx: a.example\nmx: b'.repeat(20_000)}\nmax_age: 1`;
    const started = Date.now();
    const policy = parsePolicy(text);
    expect(Date.now() - started).toBeLessThan(500);
    expect(policy.mx.length).toBeLessThanOrEqual(100);
  });
});

describe('mx patterns (RFC 8461 4.1)', () => {
  it.each([
    ['mx.example.com', 'mx.example.com', true],
    ['mx.example.com', 'MX.EXAMPLE.COM.', true],
    ['mx.example.com', 'mx2.example.com', false],
    ['*.example.com', 'mx.example.com', true],
    ['*.example.com', 'example.com', false],
    ['*.example.com', 'a.b.example.com', false],
    ['*.example.com', 'mxexample.com', false],
    ['*.mail.example.com', 'a.mail.example.com', true],
  ])('%s matches %s: %s', (pattern, host, matches) => expect(mxMatches(pattern, host)).toBe(matches));
});

// ---- the section, against a fixture DNS server and a local HTTPS server with a test CA ----

interface Served {
  status?: number;
  type?: string;
  body?: string;
  location?: string;
}

interface Case {
  domain: string;
  records?: string[];
  mx?: Array<[number, string]>;
  /** What https://mta-sts.<domain>/.well-known/mta-sts.txt answers; omitted: the policy host has no address. */
  served?: Served;
  certificate?: CertificateKind;
  /** The policy host's address (default 127.0.0.1). */
  address?: string;
  ids: string[];
  error: string | null;
}

const RECORD = 'v=STSv1; id=20260101000000';
const policy = (mode: string, mx: string[], maxAge = 604800, eol = '\r\n') =>
  ['version: STSv1', `mode: ${mode}`, ...mx.map((m) => `mx: ${m}`), `max_age: ${maxAge}`].join(eol) + eol;
const text = (body: string): Served => ({ body });

// prettier-ignore
const CASES: Case[] = [
  { domain: 'good.test', mx: [[10, 'mx1.good.test'], [20, 'a.mail.good.test']],
    served: text(policy('enforce', ['mx1.good.test', '*.mail.good.test'])), ids: ['mtaSts.enforce'], error: null },
  { domain: 'lf.test', mx: [[10, 'mx.lf.test']], served: text(policy('enforce', ['mx.lf.test'], 604800, '\n')),
    ids: ['mtaSts.enforce'], error: null },
  { domain: 'testing.test', mx: [[10, 'mx.testing.test']], served: text(policy('testing', ['mx.testing.test'], 86400)),
    ids: ['mtaSts.testing'], error: null },
  { domain: 'withdrawn.test', mx: [[10, 'mx.withdrawn.test']], served: text('version: STSv1\nmode: none\nmax_age: 86400\n'),
    ids: ['mtaSts.mode-none'], error: null },
  { domain: 'uncovered.test', mx: [[10, 'mx1.uncovered.test'], [20, 'deep.mx.uncovered.test'], [30, 'backup.other.test']],
    served: text(policy('enforce', ['*.uncovered.test'])), ids: ['mtaSts.mx-not-covered'], error: null },
  { domain: 'uncovered-testing.test', mx: [[10, 'backup.other.test']],
    served: text(policy('testing', ['mx.uncovered-testing.test'])),
    ids: ['mtaSts.mx-not-covered-testing', 'mtaSts.testing'], error: null },
  { domain: 'short.test', mx: [[10, 'mx.short.test']], served: text(policy('enforce', ['mx.short.test'], 3600)),
    ids: ['mtaSts.max-age-short'], error: null },
  { domain: 'wrongname.test', served: text(policy('enforce', ['mx.wrongname.test'])), certificate: 'wrong-name',
    ids: ['mtaSts.policy-certificate'], error: 'certificate' },
  { domain: 'expired.test', served: text(policy('enforce', ['mx.expired.test'])), certificate: 'expired',
    ids: ['mtaSts.policy-certificate'], error: 'certificate' },
  { domain: 'selfsigned.test', served: text(policy('enforce', ['mx.selfsigned.test'])), certificate: 'self-signed',
    ids: ['mtaSts.policy-certificate'], error: 'certificate' },
  { domain: 'redirect.test', served: { status: 301, location: 'https://elsewhere.test/.well-known/mta-sts.txt' },
    ids: ['mtaSts.policy-unreachable'], error: 'redirect' },
  { domain: 'notfound.test', served: { status: 404, body: 'not here' }, ids: ['mtaSts.policy-unreachable'], error: 'http-status' },
  { domain: 'nohost.test', ids: ['mtaSts.policy-unreachable'], error: 'dns' },
  { domain: 'private.test', served: text(policy('enforce', ['mx.private.test'])), address: '10.1.2.3',
    ids: ['mtaSts.policy-unreachable'], error: 'private-address' },
  { domain: 'html.test', mx: [[10, 'mx.html.test']], served: { type: 'text/html', body: policy('enforce', ['mx.html.test']) },
    ids: ['mtaSts.policy-invalid'], error: 'invalid' },
  { domain: 'badmode.test', mx: [[10, 'mx.badmode.test']], served: text(policy('strict', ['mx.badmode.test'])),
    ids: ['mtaSts.policy-invalid'], error: 'invalid' },
  { domain: 'big.test', served: text(`version: STSv1\n${'# padding\n'.repeat(7_000)}`),
    ids: ['mtaSts.policy-unreachable'], error: 'too-large' },
  { domain: 'multiple.test', records: [RECORD, 'v=STSv1; id=2'], mx: [[10, 'mx.multiple.test']],
    served: text(policy('enforce', ['mx.multiple.test'])), ids: ['mtaSts.record-multiple'], error: 'multiple' },
  { domain: 'badrecord.test', records: ['v=STSv1; id=not-valid'], mx: [[10, 'mx.badrecord.test']],
    served: text(policy('enforce', ['mx.badrecord.test'])), ids: ['mtaSts.record-syntax'], error: 'syntax' },
  { domain: 'none.test', records: ['v=spf1 -all'], mx: [[10, 'mx.none.test']], ids: ['mtaSts.none'], error: null },
  { domain: 'nullmx.test', records: [], mx: [[0, '.']], ids: [], error: null },
];

let dns: FixtureDnsServer;
let https: HttpsFixture;
let fetchOptions: AuditFetchOptions;

const policyHost = (domain: string) => `mta-sts.${domain}`;

beforeAll(async () => {
  const served = new Map(CASES.filter((c) => c.served).map((c) => [policyHost(c.domain), c.served!]));
  https = await startHttpsFixture({
    certificates: {
      ...Object.fromEntries(
        CASES.filter((c) => c.served).map((c) => [policyHost(c.domain), c.certificate ?? 'valid']),
      ),
      'mta-sts.hang.test': 'valid',
    },
    handler: (request, response, host) => {
      if (host === 'mta-sts.hang.test') return; // never answers
      const answer = request.url === '/.well-known/mta-sts.txt' ? served.get(host) : undefined;
      if (!answer) {
        response.writeHead(404).end();
        return;
      }
      response.writeHead(answer.status ?? 200, {
        'content-type': answer.type ?? 'text/plain; charset=utf-8',
        ...(answer.location ? { location: answer.location } : {}),
      });
      response.end(answer.body ?? '');
    },
  });
  const zone: FixtureZone = {
    '_mta-sts.dnsfail.test': { TIMEOUT: true },
    'hang.test': { MX: [[10, 'mx.hang.test']] },
    '_mta-sts.hang.test': { TXT: [RECORD] },
    'mta-sts.hang.test': { A: ['127.0.0.1'] },
    'dnsfail.test': { MX: [[10, 'mx.dnsfail.test']] },
  };
  for (const c of CASES) {
    zone[c.domain] = { MX: c.mx ?? [[10, `mx.${c.domain}`]] };
    zone[`_mta-sts.${c.domain}`] = { TXT: c.records ?? [RECORD] };
    if (c.served) zone[policyHost(c.domain)] = { A: [c.address ?? '127.0.0.1'] };
  }
  dns = await startFixtureDns({ zone });
  fetchOptions = { ca: https.ca, allowLoopback: true, port: https.port };
});

afterAll(async () => {
  await https?.stop();
  await dns?.stop();
});

describe('auditMtaSts', () => {
  it.each(CASES.map((c) => [c.domain, c] as const))('%s', async (_, c) => {
    const { data, findings } = await auditMtaSts(transportContext(dns, c.domain, { fetch: fetchOptions }));
    expect(findings.map((f) => f.id)).toEqual(c.ids);
    expect(data.error).toBe(c.error);
    expect(data.policyUrl).toBe(`https://mta-sts.${c.domain}/.well-known/mta-sts.txt`);
    // Every finding has words in both languages, with nothing left unfilled.
    for (const finding of findings) {
      for (const lang of ['en', 'ja'] as const) {
        const words = checkText(finding, lang);
        expect(words.title + words.detail + (words.fix ?? '')).not.toMatch(/\{[a-zA-Z]+\}/);
      }
    }
  });

  it('reads the enforced policy, asking by name (SNI and Host) at the checked address', async () => {
    const { data } = await auditMtaSts(transportContext(dns, 'good.test', { fetch: fetchOptions }));
    expect(data.record).toBe(RECORD);
    expect(data.id).toBe('20260101000000');
    expect(data.policy).toMatchObject({
      mode: 'enforce',
      maxAge: 604800,
      mx: ['mx1.good.test', '*.mail.good.test'],
    });
    expect(data.mxHosts).toEqual(['mx1.good.test', 'a.mail.good.test']);
    expect(data.uncoveredMx).toEqual([]);
    const request = https.seen.find((r) => r.host === 'mta-sts.good.test');
    expect(request).toMatchObject({ servername: 'mta-sts.good.test', path: '/.well-known/mta-sts.txt' });
    expect(request!.userAgent).toMatch(/^mailscore-audit\//);
  });

  it('names the MX hosts no pattern matches (one label per wildcard)', async () => {
    const { data, findings } = await auditMtaSts(
      transportContext(dns, 'uncovered.test', { fetch: fetchOptions }),
    );
    expect(data.uncoveredMx).toEqual(['deep.mx.uncovered.test', 'backup.other.test']);
    const params = findings[0]!.params!;
    expect(params.hosts).toEqual(['deep.mx.uncovered.test', 'backup.other.test']);
    expect(params.policy).toContain(
      'mx: *.uncovered.test\nmx: deep.mx.uncovered.test\nmx: backup.other.test',
    );
    expect(params.suggested).toBe('_mta-sts.uncovered.test. TXT "v=STSv1; id=20260301120000"');
  });

  it('never follows a redirect', async () => {
    const before = https.seen.length;
    const { findings } = await auditMtaSts(transportContext(dns, 'redirect.test', { fetch: fetchOptions }));
    expect(findings[0]!.params).toMatchObject({
      reason: 'redirect',
      detail: 'https://elsewhere.test/.well-known/mta-sts.txt',
    });
    expect(https.seen.slice(before).map((r) => r.host)).toEqual(['mta-sts.redirect.test']);
  });

  it.each([
    ['wrongname.test', 'ERR_TLS_CERT_ALTNAME_INVALID'],
    ['expired.test', 'CERT_HAS_EXPIRED'],
    ['selfsigned.test', 'DEPTH_ZERO_SELF_SIGNED_CERT'],
  ])('refuses the certificate of %s (%s)', async (domain, code) => {
    const { findings } = await auditMtaSts(transportContext(dns, domain, { fetch: fetchOptions }));
    expect(findings[0]!.params).toMatchObject({ code, host: `mta-sts.${domain}` });
  });

  it("trusts Node's CA store, not the test CA, when no CA is given", async () => {
    const { data } = await auditMtaSts(
      transportContext(dns, 'good.test', { fetch: { allowLoopback: true, port: https.port } }),
    );
    expect(data.error).toBe('certificate');
  });

  it('refuses loopback unless a test allows it, and never connects', async () => {
    const before = https.seen.length;
    const { findings } = await auditMtaSts(
      transportContext(dns, 'good.test', { fetch: { ca: https.ca, port: https.port } }),
    );
    expect(findings.map((f) => f.id)).toEqual(['mtaSts.policy-unreachable']);
    expect(findings[0]!.params).toMatchObject({ reason: 'private-address', detail: '127.0.0.1' });
    expect(https.seen.length).toBe(before);
  });

  it('fetches nothing when fetching is off', async () => {
    const before = https.seen.length;
    const { data, findings } = await auditMtaSts(
      transportContext(dns, 'good.test', { fetch: { enabled: false } }),
    );
    expect(findings.map((f) => f.id)).toEqual(['mtaSts.policy-not-checked']);
    expect(data.record).toBe(RECORD);
    expect(https.seen.length).toBe(before);
  });

  it('gives the records and the policy file to publish, with the domain and its MX hosts', async () => {
    const { findings } = await auditMtaSts(transportContext(dns, 'none.test', { fetch: fetchOptions }));
    expect(findings[0]!.params).toMatchObject({
      suggested: '_mta-sts.none.test. TXT "v=STSv1; id=20260301120000"',
      policy: 'version: STSv1\nmode: testing\nmx: mx.none.test\nmax_age: 86400',
      url: 'https://mta-sts.none.test/.well-known/mta-sts.txt',
      suggestedRecord: '_smtp._tls.none.test. TXT "v=TLSRPTv1; rua=mailto:tls-reports@none.test"',
    });
    const en = checkText(findings[0]!, 'en').fix!;
    expect(en).toContain('_mta-sts.none.test. TXT "v=STSv1; id=20260301120000"');
    expect(en).toContain('mode: testing');
    expect(checkText(findings[0]!, 'ja').fix).toContain('_smtp._tls.none.test.');
  });

  it("ends a fetch that outlives the audit's deadline", async () => {
    const started = Date.now();
    const { findings } = await auditMtaSts(transportContext(dns, 'hang.test', { fetch: fetchOptions }, 800));
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(findings.map((f) => f.id)).toEqual(['mtaSts.policy-unreachable']);
    expect(findings[0]!.params).toMatchObject({ reason: 'timeout', detail: 'audit deadline' });
  });

  it('turns a failed record lookup into an error finding', async () => {
    const { data, findings } = await auditMtaSts(
      transportContext(dns, 'dnsfail.test', { fetch: fetchOptions }),
    );
    expect(findings).toEqual([{ id: 'mtaSts.error', params: { domain: 'dnsfail.test', code: 'ETIMEOUT' } }]);
    expect(data.error).toBe('ETIMEOUT');
  });
});

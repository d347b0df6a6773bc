/** The RFC 8601 Authentication-Results parser: the RFC's examples, real providers' fields, hostile ones. */
import { describe, expect, it } from 'vitest';
import { LIMITS } from '../../src/limits.js';
import { parseAuthResults } from '../../src/message/auth-results.js';

const summary = (value: string) =>
  parseAuthResults(value).results.map((r) => ({ method: r.method, result: r.result, ...r.properties }));

describe('parseAuthResults', () => {
  it.each([
    ['RFC 8601 B.2: no results', 'example.org 1; none', 'example.org', []],
    [
      'RFC 8601 B.3: one result with a comment',
      'example.com; spf=pass smtp.mailfrom=example.net',
      'example.com',
      [{ method: 'spf', result: 'pass', 'smtp.mailfrom': 'example.net' }],
    ],
    [
      'RFC 8601 B.4: version, comments everywhere, two methods',
      'example.com 1 (comment) ; auth (c) = (c) pass (cmt) smtp.auth=sender@example.com; spf=pass smtp.mailfrom=example.com',
      'example.com',
      [
        { method: 'auth', result: 'pass', 'smtp.auth': 'sender@example.com' },
        { method: 'spf', result: 'pass', 'smtp.mailfrom': 'example.com' },
      ],
    ],
    [
      'method version, CFWS around the dot, quoted value',
      'mx.example.net; dkim/1=pass header . d = "example.com" header.i="@example.com"',
      'mx.example.net',
      [{ method: 'dkim', result: 'pass', 'header.d': 'example.com', 'header.i': '@example.com' }],
    ],
    [
      'Gmail, folded, header.b with / and +',
      'mx.google.com;\r\n       dkim=pass header.i=@example.com header.s=s1 header.b=Ab/+3x9Q;\r\n       spf=pass (google.com: domain of a@example.com designates 192.0.2.10 as permitted sender) smtp.mailfrom=a@example.com;\r\n       dmarc=pass (p=REJECT sp=REJECT dis=NONE) header.from=example.com',
      'mx.google.com',
      [
        {
          method: 'dkim',
          result: 'pass',
          'header.i': '@example.com',
          'header.s': 's1',
          'header.b': 'Ab/+3x9Q',
        },
        { method: 'spf', result: 'pass', 'smtp.mailfrom': 'a@example.com' },
        { method: 'dmarc', result: 'pass', 'header.from': 'example.com' },
      ],
    ],
    [
      'Microsoft: no authserv-id, bare action=',
      'spf=pass (sender IP is 192.0.2.10) smtp.mailfrom=example.com; dkim=pass (signature was verified) header.d=example.com;dmarc=pass action=none header.from=example.com;compauth=pass reason=100',
      '',
      [
        { method: 'spf', result: 'pass', 'smtp.mailfrom': 'example.com' },
        { method: 'dkim', result: 'pass', 'header.d': 'example.com' },
        { method: 'dmarc', result: 'pass', action: 'none', 'header.from': 'example.com' },
        { method: 'compauth', result: 'pass' },
      ],
    ],
    [
      'garbage between results is skipped to the next ";"',
      'mx.example.net; @@@ !!; dkim=fail header.d=example.com; =pass; spf',
      'mx.example.net',
      [{ method: 'dkim', result: 'fail', 'header.d': 'example.com' }],
    ],
    [
      'an unclosed comment and quote',
      'mx.example.net; spf=pass (never closed; dkim="x',
      'mx.example.net',
      [{ method: 'spf', result: 'pass' }],
    ],
    ['empty', '', '', []],
  ])('%s', (_name, value, id, results) => {
    expect(parseAuthResults(value).authservId).toBe(id);
    expect(summary(value)).toEqual(results);
  });

  it('keeps reason= and the comments (where Gmail writes the DMARC policy)', () => {
    const [dmarc] = parseAuthResults(
      'mx.google.com; dmarc=fail (p=REJECT sp=NONE dis=QUARANTINE) reason="bad \\"x\\"" header.from=example.com',
    ).results;
    expect(dmarc?.reason).toBe('bad "x"');
    expect(dmarc?.comments).toEqual(['p=REJECT sp=NONE dis=QUARANTINE']);
  });

  it('a trailing dot and capitals in the authserv-id are normalized', () => {
    expect(parseAuthResults('MX.Google.COM.; none').authservId).toBe('mx.google.com');
  });

  describe('hostile fields are bounded and never throw', () => {
    it('100 000 results: the field is cut and at most the bound is kept', () => {
      const value = `mx.example.net; ${Array.from({ length: 100_000 }, (_, i) => `dkim=pass header.d=d${i}.example`).join('; ')}`;
      const started = performance.now();
      const parsed = parseAuthResults(value);
      expect(performance.now() - started).toBeLessThan(500);
      expect(parsed.truncated).toBe(true);
      expect(parsed.results.length).toBeGreaterThan(0);
      expect(parsed.results.length).toBeLessThanOrEqual(LIMITS.authResultsPerField);
    });

    it.each([
      ['a 1 MB value', `mx.example.net; spf=pass smtp.mailfrom=${'a'.repeat(1024 * 1024)}`],
      [
        '1 MB of nested comments',
        `mx.example.net; spf=pass ${'('.repeat(512 * 1024)}${')'.repeat(512 * 1024)}`,
      ],
      ['1 MB of quoted pairs', `mx.example.net; spf=pass x.y="${'\\"'.repeat(512 * 1024)}`],
      ['1 MB of semicolons', `mx.example.net${';'.repeat(1024 * 1024)}`],
      ['1 MB of dots', `mx.example.net; spf=pass ${'a.'.repeat(512 * 1024)}`],
    ])('%s', (_name, value) => {
      const started = performance.now();
      const parsed = parseAuthResults(value);
      expect(performance.now() - started).toBeLessThan(500);
      expect(parsed.truncated).toBe(true);
      expect(parsed.authservId).toBe('mx.example.net');
      for (const r of parsed.results)
        for (const v of Object.values(r.properties)) expect(v.length).toBeLessThanOrEqual(512);
    });
  });
});

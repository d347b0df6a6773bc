/** What the audit accepts as a domain, DKIM selectors and a sending IP, and why it refuses the rest. */
import { describe, expect, it } from 'vitest';
import {
  domainProblemMessage,
  parseAuditDomain,
  parseAuditIp,
  parseSelectors,
  type DomainProblem,
} from '../../src/audit/target.js';
import { LIMITS } from '../../src/limits.js';

describe('parseAuditDomain: accepted', () => {
  it.each([
    ['example.com', 'example.com'],
    ['  Example.COM  ', 'example.com'],
    ['example.com.', 'example.com'],
    ['mail.example.co.jp', 'mail.example.co.jp'],
    ['例え.jp', 'xn--r8jz45g.jp'],
    ['xn--r8jz45g.jp', 'xn--r8jz45g.jp'],
    ['MÜNCHEN.de', 'xn--mnchen-3ya.de'],
    // Full-width letters and the ideographic full stop, as a Japanese keyboard types them (UTS 46 maps them).
    ['ＥＸＡＭＰＬＥ．ｃｏｍ', 'example.com'],
    ['example。jp', 'example.jp'],
    ['example.test', 'example.test'],
    ['a-b.example', 'a-b.example'],
    [`${'a'.repeat(63)}.com`, `${'a'.repeat(63)}.com`],
  ])('%j → %s', (input, domain) => {
    expect(parseAuditDomain(input)).toEqual({ ok: true, domain });
  });
});

describe('parseAuditDomain: refused, with the reason', () => {
  it.each<[string, DomainProblem['reason']]>([
    ['', 'empty'],
    ['   ', 'empty'],
    ['.', 'empty'],
    ['x'.repeat(2_000), 'too-long'],
    [`${'abcdefghi.'.repeat(26)}com`, 'too-long'],
    [`${'a'.repeat(64)}.com`, 'label-too-long'],
    ['a..b', 'empty-label'],
    ['.example.com', 'empty-label'],
    ['example.com..', 'empty-label'],
    ['ex ample.com', 'bad-characters'],
    ['ex\u0000ample.com', 'bad-characters'],
    ['a_b.example.com', 'bad-characters'],
    ['-a.example.com', 'bad-characters'],
    ['<script>.com', 'bad-characters'],
    ['"onmouseover=alert(1)"', 'bad-characters'],
    ['example', 'single-label'],
    ['localhost', 'single-label'],
    ['example.123', 'numeric-tld'],
    ['192.0.2.1', 'ip-address'],
    ['2001:db8::1', 'ip-address'],
    ['[2001:db8::1]', 'ip-address'],
    ['alice@example.com', 'email-address'],
    ['https://www.example.com/path', 'url'],
    ['mail.localhost', 'special-use'],
    ['printer.local', 'special-use'],
    ['x.invalid', 'special-use'],
    ['1.2.0.192.in-addr.arpa', 'special-use'],
  ])('%j → %s', (input, reason) => {
    const parsed = parseAuditDomain(input);
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.problem.reason).toBe(reason);
    // Every reason has a one-line message for the CLI and the API.
    expect(domainProblemMessage(parsed.problem)).toMatch(/^[^\n]{10,}$/);
  });

  it('names the domain inside an address or a URL, so the user can take it', () => {
    expect(parseAuditDomain('Alice@Example.COM')).toEqual({
      ok: false,
      problem: { reason: 'email-address', domain: 'example.com' },
    });
    expect(parseAuditDomain('https://例え.jp/')).toEqual({
      ok: false,
      problem: { reason: 'url', domain: 'xn--r8jz45g.jp' },
    });
    expect(parseAuditDomain('a@b@')).toEqual({
      ok: false,
      problem: { reason: 'email-address', domain: null },
    });
  });
});

describe('parseSelectors', () => {
  it.each([
    [[], []],
    [['google'], ['google']],
    [
      ['Selector1, selector2', 's1 s2'],
      ['selector1', 'selector2', 's1', 's2'],
    ],
    [['k1', 'K1,k1'], ['k1']],
    [['mxvault.'], ['mxvault']],
    [
      ['s1._sub', 'a-b.c'],
      ['s1._sub', 'a-b.c'],
    ],
    [[' , '], []],
  ])('%j → %j', (values, selectors) => {
    expect(parseSelectors(values)).toEqual({ ok: true, selectors });
  });

  it.each([['bad!'], ['a..b'], ['-x'], ['<script>'], ['a'.repeat(64)], ['x'.repeat(2_000)]])(
    'refuses %j',
    (value) => {
      expect(parseSelectors([value])).toMatchObject({ ok: false, problem: { reason: 'bad-selector' } });
    },
  );

  it('refuses a selector whose key name would not fit in a DNS name', () => {
    const domain = `${'d'.repeat(60)}.${'e'.repeat(60)}.${'f'.repeat(60)}.com`;
    expect(parseSelectors(['short'], domain).ok).toBe(true);
    expect(parseSelectors(['a'.repeat(63)], domain)).toMatchObject({ ok: false });
  });

  it(`takes at most ${LIMITS.auditUserSelectors} selectors`, () => {
    const many = Array.from({ length: LIMITS.auditUserSelectors + 1 }, (_, i) => `s${i}`);
    expect(parseSelectors(many.slice(0, -1)).ok).toBe(true);
    expect(parseSelectors([many.join(',')])).toEqual({
      ok: false,
      problem: { reason: 'too-many-selectors', max: LIMITS.auditUserSelectors },
    });
  });
});

describe('parseAuditIp', () => {
  it.each([
    ['192.0.2.1', '192.0.2.1'],
    [' 198.51.100.7 ', '198.51.100.7'],
    ['::ffff:192.0.2.1', '192.0.2.1'],
    ['2001:DB8::1', '2001:db8::1'],
  ])('%j → %s', (input, ip) => {
    expect(parseAuditIp(input)).toEqual({ ok: true, ip });
  });

  it.each([
    ['10.1.2.3', 'special-address'],
    ['127.0.0.1', 'special-address'],
    ['::1', 'special-address'],
    ['169.254.1.1', 'special-address'],
    ['fe80::1', 'special-address'],
    ['example.com', 'not-an-ip'],
    ['1.2.3', 'not-an-ip'],
    ['01.2.3.4', 'not-an-ip'],
    ['', 'not-an-ip'],
  ])('refuses %j (%s)', (input, reason) => {
    expect(parseAuditIp(input)).toMatchObject({ ok: false, problem: { reason } });
  });
});

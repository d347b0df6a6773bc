/** Targets parsed from what people type, and the query names (RFC 5782) the lists are asked. */
import { describe, expect, it } from 'vitest';
import {
  blocklistDomain,
  domainQueryName,
  ipQueryName,
  nonPublicAddress,
  parseBlocklistTarget,
} from '../../src/blocklists/query.js';
import { parseIp } from '../../src/checks/iprev.js';

describe('parseBlocklistTarget', () => {
  // prettier-ignore
  const cases: Array<[string, { kind: string; target: string } | null]> = [
    ['192.0.2.1', { kind: 'ip', target: '192.0.2.1' }],
    [' 192.0.2.1 ', { kind: 'ip', target: '192.0.2.1' }],
    ['2001:DB8:0:0:0:0:0:1', { kind: 'ip', target: '2001:db8::1' }],
    ['2001:db8::25', { kind: 'ip', target: '2001:db8::25' }],
    ['::ffff:192.0.2.1', { kind: 'ip', target: '192.0.2.1' }],
    ['::ffff:c000:201', { kind: 'ip', target: '192.0.2.1' }],
    ['Example.COM', { kind: 'domain', target: 'example.com' }],
    ['example.com.', { kind: 'domain', target: 'example.com' }],
    ['mail.example.co.jp', { kind: 'domain', target: 'mail.example.co.jp' }],
    ['例え.jp', { kind: 'domain', target: 'xn--r8jz45g.jp' }],
    ['ＥＸＡＭＰＬＥ．ｃｏｍ', { kind: 'domain', target: 'example.com' }],
    ['xn--r8jz45g.jp', { kind: 'domain', target: 'xn--r8jz45g.jp' }],
    ['', null],
    ['   ', null],
    ['localhost', null],
    ['com', null],
    ['1.2.3', null],
    ['192.0.2.256', null],
    ['192.0.2.01', null],
    ['exa mple.com', null],
    ['example..com', null],
    ['-example.com', null],
    ['example-.com', null],
    ['under_score.example.com', null],
    ['user@example.com', null],
    ['http://example.com/', null],
    ['2001:db8::zz', null],
    ['[2001:db8::1]', null],
    [`${'a'.repeat(64)}.com`, null],
    [`${'a.'.repeat(130)}com`, null],
    ['a'.repeat(5_000), null],
  ];
  const label = (input: string) =>
    input.length > 40 ? `${input.slice(0, 20)}… (${input.length} chars)` : input;
  it.each(cases.map(([input, expected]) => [label(input), input, expected] as const))(
    '%j',
    (_, input, expected) => {
      expect(parseBlocklistTarget(input)).toEqual(expected);
    },
  );

  it('keeps names of up to 253 characters', () => {
    const name = `${'a'.repeat(63)}.${'b'.repeat(63)}.${'c'.repeat(63)}.${'d'.repeat(57)}.com`;
    expect(name).toHaveLength(253);
    expect(blocklistDomain(name)).toBe(name);
    expect(blocklistDomain(`x${name}`)).toBeNull();
  });
});

describe('query names', () => {
  it.each([
    ['192.0.2.1', 'zen.spamhaus.org', '1.2.0.192.zen.spamhaus.org'],
    ['::ffff:198.51.100.25', 'bl.spamcop.net', '25.100.51.198.bl.spamcop.net'],
    [
      '2001:db8::25',
      'zen.spamhaus.org',
      '5.2.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.8.b.d.0.1.0.0.2.zen.spamhaus.org',
    ],
    [
      '2001:db8:1234:5678:9abc:def0:1:ff',
      'list.dnswl.org',
      'f.f.0.0.1.0.0.0.0.f.e.d.c.b.a.9.8.7.6.5.4.3.2.1.8.b.d.0.1.0.0.2.list.dnswl.org',
    ],
  ])('%s on %s → %s', (ip, zone, name) => {
    expect(ipQueryName(parseIp(ip)!, zone)).toBe(name);
  });

  it('asks a domain as it is, unless the name would be too long', () => {
    expect(domainQueryName('example.com', 'dbl.spamhaus.org')).toBe('example.com.dbl.spamhaus.org');
    expect(domainQueryName(`${'a'.repeat(240)}.com`, 'dbl.spamhaus.org')).toBeNull();
  });
});

describe('nonPublicAddress', () => {
  it.each([
    ['127.0.0.1', '127.0.0.0/8 (RFC 1122)'],
    ['10.1.2.3', '10.0.0.0/8 (RFC 1918)'],
    ['192.168.1.1', '192.168.0.0/16 (RFC 1918)'],
    ['100.64.0.1', '100.64.0.0/10 (RFC 6598)'],
    ['::1', '::1/128 (RFC 4291)'],
    ['fe80::1', 'fe80::/10 (RFC 4291)'],
    ['::ffff:10.0.0.1', '10.0.0.0/8 (RFC 1918)'],
    ['192.0.2.1', null],
    ['198.51.100.25', null],
    ['2001:db8::1', null],
    ['8.8.8.8', null],
  ])('%s → %s', (ip, block) => {
    expect(nonPublicAddress(ip)).toBe(block);
  });
});

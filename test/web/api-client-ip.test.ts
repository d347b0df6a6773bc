/** Client IP, the daily limit's key and language negotiation: the pure rules, table by table. */
import { describe, expect, it } from 'vitest';
import { langFromAcceptLanguage, pickLang, rateLimitKey, startOfUtcDay } from '../../src/service/tests.js';
import { clientIpOf, entryToIp, normalizeIp, UNKNOWN_IP } from '../../src/web/client-ip.js';

describe('normalizeIp / entryToIp', () => {
  it.each([
    ['192.0.2.1', '192.0.2.1'],
    [' 192.0.2.1 ', '192.0.2.1'],
    ['::ffff:192.0.2.1', '192.0.2.1'],
    ['::FFFF:192.0.2.1', '192.0.2.1'],
    ['2001:DB8::1', '2001:db8::1'],
    ['fe80::1%eth0', 'fe80::1'],
    ['192.0.2.1:8080', '192.0.2.1'],
    ['[2001:db8::1]:443', '2001:db8::1'],
    ['[2001:db8::1]', '2001:db8::1'],
    ['for=192.0.2.60;proto=http;by=203.0.113.43', '192.0.2.60'],
    ['For="[2001:db8:cafe::17]:4711"', '2001:db8:cafe::17'],
    ['proto=https', null],
    ['for=unknown', null],
    ['for=_hidden', null],
    ['unknown', null],
    ['192.0.2.256', null],
    ['', null],
    ['<script>', null],
  ])('%j → %j', (entry, ip) => {
    expect(entryToIp(entry)).toBe(ip);
  });

  it('refuses what is no address', () => {
    expect(normalizeIp('example.com')).toBeNull();
    expect(normalizeIp('1.2.3')).toBeNull();
  });
});

describe('clientIpOf', () => {
  const socket = '10.0.0.1';
  it.each<[string | null, Record<string, string | string[]>, string]>([
    [null, { 'x-forwarded-for': '192.0.2.1' }, socket],
    ['x-forwarded-for', { 'x-forwarded-for': '192.0.2.1' }, '192.0.2.1'],
    ['X-Forwarded-For', { 'x-forwarded-for': '198.51.100.9, 192.0.2.1' }, '192.0.2.1'],
    ['x-forwarded-for', { 'x-forwarded-for': ['198.51.100.9', '192.0.2.1'] }, '192.0.2.1'],
    ['x-forwarded-for', { 'x-forwarded-for': '192.0.2.1, garbage' }, socket],
    ['x-forwarded-for', { 'x-forwarded-for': '' }, socket],
    ['x-forwarded-for', {}, socket],
    ['x-forwarded-for', { 'x-forwarded-for': `${'1.1.1.1,'.repeat(1000)}192.0.2.1` }, socket],
    ['x-real-ip', { 'x-real-ip': '2001:db8::5' }, '2001:db8::5'],
    ['forwarded', { forwarded: 'for=198.51.100.9, for="[2001:db8::5]:1234";proto=https' }, '2001:db8::5'],
  ])('trust %j with %j → %s', (trust, headers, ip) => {
    expect(clientIpOf(socket, headers, trust)).toBe(ip);
  });

  it('normalizes the socket address and survives a missing one', () => {
    expect(clientIpOf('::ffff:192.0.2.7', {}, null)).toBe('192.0.2.7');
    expect(clientIpOf(undefined, {}, null)).toBe(UNKNOWN_IP);
  });
});

describe('rateLimitKey', () => {
  it.each([
    ['192.0.2.1', '192.0.2.1'],
    ['::ffff:192.0.2.1', '192.0.2.1'],
    ['2001:db8:1:2::1', '2001:db8:1:2::/64'],
    ['2001:0DB8:0001:0002:ffff:ffff:ffff:ffff', '2001:db8:1:2::/64'],
    ['2001:db8::1', '2001:db8:0:0::/64'],
    ['::1', '0:0:0:0::/64'],
    ['::', '0:0:0:0::/64'],
    ['64:ff9b::192.0.2.1', '64:ff9b:0:0::/64'],
  ])('%s → %s', (ip, key) => {
    expect(rateLimitKey(ip)).toBe(key);
  });
});

describe('language', () => {
  it.each<[string | undefined, 'en' | 'ja' | null]>([
    [undefined, null],
    ['', null],
    ['ja', 'ja'],
    ['ja-JP', 'ja'],
    ['en-US,en;q=0.9,ja;q=0.8', 'en'],
    ['fr-FR, ja;q=0.4, en;q=0.3', 'ja'],
    ['ja;q=0, en', 'en'],
    ['ja;q=2', null],
    ['ja;q=abc, de', null],
    ['*', null],
    [`${'de, '.repeat(100)}ja`, null],
  ])('Accept-Language %j → %j', (header, lang) => {
    expect(langFromAcceptLanguage(header)).toBe(lang);
  });

  it('?lang= wins and must be en or ja', () => {
    expect(pickLang('ja', 'en')).toEqual({ lang: 'ja' });
    expect(pickLang(undefined, 'ja')).toEqual({ lang: 'ja' });
    expect(pickLang(undefined, undefined)).toEqual({ lang: 'en' });
    expect(pickLang('de', 'ja')).toHaveProperty('error');
  });
});

it('the daily limit counts from midnight UTC', () => {
  expect(startOfUtcDay(new Date('2030-03-04T23:59:59.999+09:00')).toISOString()).toBe(
    '2030-03-04T00:00:00.000Z',
  );
});

/**
 * Every return code of the default lists decoded (tag, meaning, weight), the refusal codes read as errors and
 * never as listings, and the rules every list shares (only 127.0.0.0/8 answers are codes).
 */
import { describe, expect, it } from 'vitest';
import { decodeAnswers, heaviestWeight, reweighed } from '../../src/blocklists/decode.js';
import type { BlocklistZone } from '../../src/blocklists/types.js';
import { DEFAULT_BLOCKLIST_ZONES } from '../../src/blocklists/zones.js';

const zone = (name: string): BlocklistZone => {
  const found = DEFAULT_BLOCKLIST_ZONES.find((z) => z.zone === name);
  if (!found) throw new Error(`no zone ${name}`);
  return found;
};

const decode = (name: string, answers: string[]) => {
  const decoded = decodeAnswers(zone(name), answers);
  return {
    status: decoded.status,
    listings: decoded.listings.map((l) => `${l.tag}:${l.meaning}:${l.weight}`),
    error: decoded.error,
  };
};

describe('the default set', () => {
  it('has the lists of issue 5 and no SORBS', () => {
    const zones = DEFAULT_BLOCKLIST_ZONES.map((z) => `${z.kind} ${z.role} ${z.zone}`);
    expect(zones).toEqual([
      'ip block zen.spamhaus.org',
      'ip block bl.spamcop.net',
      'ip block b.barracudacentral.org',
      'ip block dnsbl-1.uceprotect.net',
      'ip block dnsbl-2.uceprotect.net',
      'ip block dnsbl-3.uceprotect.net',
      'ip block psbl.surriel.com',
      'ip block bl.mailspike.net',
      'ip block ix.dnsbl.manitu.net',
      'ip allow list.dnswl.org',
      'ip allow wl.mailspike.net',
      'domain block dbl.spamhaus.org',
      'domain block multi.surbl.org',
      'domain block multi.uribl.com',
      'domain allow dwl.dnswl.org',
    ]);
    expect(DEFAULT_BLOCKLIST_ZONES.some((z) => z.zone.includes('sorbs'))).toBe(false);
  });

  it('asks IPv6 only of the lists that hold it (Spamhaus ZEN, DNSWL)', () => {
    const v6 = DEFAULT_BLOCKLIST_ZONES.filter((z) => z.kind === 'ip' && (z.families ?? [4]).includes(6));
    expect(v6.map((z) => z.zone)).toEqual(['zen.spamhaus.org', 'list.dnswl.org']);
  });

  it('gives every blocklist a removal page and marks Barracuda as needing a registered resolver', () => {
    for (const z of DEFAULT_BLOCKLIST_ZONES.filter((z) => z.role === 'block'))
      expect(z.removal, z.zone).toMatch(/^https:\/\//);
    expect(zone('b.barracudacentral.org').note).toBe('registered-resolver');
  });
});

describe('return codes', () => {
  // prettier-ignore
  const cases: Array<[string, string[], string, string[], string | null]> = [
    // zone, answers, status, tag:meaning:weight, error
    ['zen.spamhaus.org', ['127.0.0.2'], 'listed', ['SBL:spam-source:major'], null],
    ['zen.spamhaus.org', ['127.0.0.3'], 'listed', ['CSS:snowshoe:major'], null],
    ['zen.spamhaus.org', ['127.0.0.4'], 'listed', ['XBL:exploited:major'], null],
    ['zen.spamhaus.org', ['127.0.0.4', '127.0.0.5', '127.0.0.6', '127.0.0.7'], 'listed', ['XBL:exploited:major'], null],
    ['zen.spamhaus.org', ['127.0.0.9'], 'listed', ['DROP:hijacked-network:major'], null],
    ['zen.spamhaus.org', ['127.0.0.10'], 'listed', ['PBL:policy-isp:info'], null],
    ['zen.spamhaus.org', ['127.0.0.11'], 'listed', ['PBL:policy-spamhaus:info'], null],
    ['zen.spamhaus.org', ['127.0.0.2', '127.0.0.11'], 'listed', ['SBL:spam-source:major', 'PBL:policy-spamhaus:info'], null],
    ['zen.spamhaus.org', ['127.0.0.8'], 'listed', ['127.0.0.8:unknown:minor'], null],
    ['zen.spamhaus.org', ['127.255.255.254'], 'error', [], 'refused'],
    ['zen.spamhaus.org', ['127.255.255.255'], 'error', [], 'refused'],
    ['zen.spamhaus.org', ['127.255.255.252'], 'error', [], 'bad-query'],
    ['zen.spamhaus.org', ['127.0.0.2', '127.255.255.254'], 'error', [], 'refused'],
    ['zen.spamhaus.org', ['127.0.1.2'], 'error', [], 'unexpected'],
    ['zen.spamhaus.org', ['198.51.100.7'], 'error', [], 'unexpected'],
    ['zen.spamhaus.org', ['::1'], 'error', [], 'unexpected'],
    ['zen.spamhaus.org', [], 'clean', [], null],
    ['bl.spamcop.net', ['127.0.0.2'], 'listed', ['SCBL:spam-reports:minor'], null],
    ['bl.spamcop.net', ['127.255.255.254'], 'error', [], 'refused'],
    ['b.barracudacentral.org', ['127.0.0.2'], 'listed', ['BRBL:poor-reputation:major'], null],
    ['dnsbl-1.uceprotect.net', ['127.0.0.2'], 'listed', ['UCEPROTECT-1:spamtrap-hits:minor'], null],
    ['dnsbl-2.uceprotect.net', ['127.0.0.2'], 'listed', ['UCEPROTECT-2:bad-neighbourhood:info'], null],
    ['dnsbl-3.uceprotect.net', ['127.0.0.2'], 'listed', ['UCEPROTECT-3:bad-network:info'], null],
    ['psbl.surriel.com', ['127.0.0.2'], 'listed', ['PSBL:spamtrap-hits:minor'], null],
    ['bl.mailspike.net', ['127.0.0.2'], 'listed', ['ZBI:spam-wave:minor'], null],
    ['bl.mailspike.net', ['127.0.0.10'], 'listed', ['L5:reputation-worst:minor'], null],
    ['bl.mailspike.net', ['127.0.0.11'], 'listed', ['L4:reputation-very-bad:minor'], null],
    ['bl.mailspike.net', ['127.0.0.12'], 'listed', ['L3:reputation-bad:minor'], null],
    ['bl.mailspike.net', ['127.0.0.13'], 'listed', ['L2:reputation-suspicious:info'], null],
    ['bl.mailspike.net', ['127.0.0.2', '127.0.0.10'], 'listed', ['ZBI:spam-wave:minor', 'L5:reputation-worst:minor'], null],
    ['ix.dnsbl.manitu.net', ['127.0.0.2'], 'listed', ['NiX:spamtrap-hits:minor'], null],
    ['list.dnswl.org', ['127.0.15.0'], 'listed', ['NONE:trust-none:info'], null],
    ['list.dnswl.org', ['127.0.3.1'], 'listed', ['LOW:trust-low:info'], null],
    ['list.dnswl.org', ['127.0.9.2'], 'listed', ['MED:trust-medium:info'], null],
    ['list.dnswl.org', ['127.0.5.3'], 'listed', ['HI:trust-high:info'], null],
    ['list.dnswl.org', ['127.0.0.255'], 'error', [], 'refused'],
    ['list.dnswl.org', ['127.0.5.9'], 'listed', ['127.0.5.9:unknown:info'], null],
    ['list.dnswl.org', ['127.1.5.3'], 'error', [], 'unexpected'],
    ['wl.mailspike.net', ['127.0.0.17'], 'listed', ['H2:reputation-average:info'], null],
    ['wl.mailspike.net', ['127.0.0.20'], 'listed', ['H5:reputation-excellent:info'], null],
    ['dbl.spamhaus.org', ['127.0.1.2'], 'listed', ['127.0.1.2:spam:major'], null],
    ['dbl.spamhaus.org', ['127.0.1.4'], 'listed', ['127.0.1.4:phish:major'], null],
    ['dbl.spamhaus.org', ['127.0.1.102'], 'listed', ['127.0.1.102:abused-spam:minor'], null],
    ['dbl.spamhaus.org', ['127.0.1.106'], 'listed', ['127.0.1.106:abused-botnet:minor'], null],
    ['dbl.spamhaus.org', ['127.0.1.255'], 'error', [], 'bad-query'],
    ['dbl.spamhaus.org', ['127.255.255.254'], 'error', [], 'refused'],
    ['multi.surbl.org', ['127.0.0.8'], 'listed', ['PH:phish:major'], null],
    ['multi.surbl.org', ['127.0.0.128'], 'listed', ['CR:cracked:minor'], null],
    ['multi.surbl.org', ['127.0.0.1'], 'error', [], 'refused'],
    ['multi.uribl.com', ['127.0.0.2'], 'listed', ['black:black:major'], null],
    ['multi.uribl.com', ['127.0.0.12'], 'listed', ['grey:grey:minor', 'red:red:minor'], null],
    ['multi.uribl.com', ['127.0.0.1'], 'error', [], 'refused'],
    ['dwl.dnswl.org', ['127.0.2.3'], 'listed', ['HI:trust-high:info'], null],
    ['dwl.dnswl.org', ['127.0.0.255'], 'error', [], 'refused'],
  ];
  it.each(cases)('%s %j → %s %j %s', (name, answers, status, listings, error) => {
    expect(decode(name, answers)).toEqual({ status, listings, error });
  });

  it('reads 127.255.255.0/24 as a refusal on every list, whatever its table says', () => {
    const careless: BlocklistZone = {
      zone: 'careless.example',
      name: 'Careless',
      kind: 'ip',
      role: 'block',
      decode: () => ({ listings: [{ tag: 'X', meaning: 'listed', weight: 'major' }] }),
    };
    for (const code of ['127.255.255.0', '127.255.255.1', '127.255.255.254'])
      expect(decodeAnswers(careless, [code])).toEqual({ status: 'error', listings: [], error: 'refused' });
    expect(decodeAnswers(careless, ['10.0.0.2']).error).toBe('unexpected');
    expect(decodeAnswers(careless, ['127.0.0.2']).status).toBe('listed');
  });

  it('turns a decoder that throws into an unexpected answer', () => {
    const broken: BlocklistZone = {
      ...zone('bl.spamcop.net'),
      decode: () => {
        throw new Error('boom');
      },
    };
    expect(decodeAnswers(broken, ['127.0.0.2']).error).toBe('unexpected');
  });
});

describe('weights', () => {
  it('finds the heaviest', () => {
    expect(heaviestWeight([])).toBeNull();
    expect(
      decodeAnswers(zone('zen.spamhaus.org'), ['127.0.0.10', '127.0.0.3']).listings.map((l) => l.weight),
    ).toEqual(['info', 'major']);
    expect(
      heaviestWeight(decodeAnswers(zone('zen.spamhaus.org'), ['127.0.0.10', '127.0.0.3']).listings),
    ).toBe('major');
  });

  it('reweighs a whole list, or some of its codes', () => {
    const uce = reweighed(zone('dnsbl-1.uceprotect.net'), 'info');
    expect(decodeAnswers(uce, ['127.0.0.2']).listings[0]!.weight).toBe('info');
    const zen = reweighed(zone('zen.spamhaus.org'), { '127.0.0.10': 'minor' });
    expect(decodeAnswers(zen, ['127.0.0.10']).listings[0]!.weight).toBe('minor');
    expect(decodeAnswers(zen, ['127.0.0.11']).listings[0]!.weight).toBe('info');
    expect(decodeAnswers(zen, ['127.255.255.254']).error).toBe('refused');
  });

  it('never gives an allowlist a weight', () => {
    const dnswl = reweighed(zone('list.dnswl.org'), 'major');
    expect(decodeAnswers(dnswl, ['127.0.5.3']).listings[0]!.weight).toBe('info');
  });
});

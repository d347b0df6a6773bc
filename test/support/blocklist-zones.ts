/**
 * Small blocklists of our own for the blocklist command, API and page tests: a major and a minor IP list,
 * a list that refuses every query (as lists refuse public resolvers), a list that never answers, an
 * allowlist and a domain list, with the fixture DNS records that make one address listed and one clean.
 */
import type {
  BlocklistListing,
  BlocklistWeight,
  BlocklistZone,
  DecodedAnswer,
} from '../../src/blocklists/types.js';
import type { FixtureZone } from './dns-server.js';

/** Public addresses as the iprev check sees them (documentation ranges count as public there). */
export const LISTED_IP = '198.51.100.25';
export const CLEAN_IP = '198.51.100.26';
export const LISTED_V6 = '2001:db8::25';
export const LISTED_DOMAIN = 'spammer.example';
export const CLEAN_DOMAIN = 'clean.example';

const listing = (tag: string, meaning: string, weight: BlocklistWeight): BlocklistListing => ({
  tag,
  meaning,
  weight,
});

/** A decoder from a table of codes; 127.255.255.x is the refusal code, anything else unexpected. */
function decoder(codes: Record<string, BlocklistListing>) {
  return (address: string): DecodedAnswer => {
    if (Object.hasOwn(codes, address)) return { listings: [codes[address]!] };
    if (address.startsWith('127.255.255.')) return { error: 'refused' };
    return { error: 'unexpected' };
  };
}

export const ZONES = {
  major: 'major.bl.test',
  minor: 'minor.bl.test',
  refusing: 'refusing.bl.test',
  silent: 'silent.bl.test',
  allow: 'allow.wl.test',
  domain: 'dbl.bl.test',
} as const;

export const TEST_ZONES: readonly BlocklistZone[] = [
  {
    zone: ZONES.major,
    name: 'Major List',
    kind: 'ip',
    role: 'block',
    families: [4, 6],
    removal: 'https://lists.example/removal',
    decode: decoder({ '127.0.0.2': listing('SBL', 'spam-source', 'major') }),
  },
  {
    zone: ZONES.minor,
    name: 'Minor List',
    kind: 'ip',
    role: 'block',
    decode: decoder({ '127.0.0.3': listing('MINOR', 'spam-reports', 'minor') }),
  },
  {
    zone: ZONES.refusing,
    name: 'Refusing List',
    kind: 'ip',
    role: 'block',
    decode: decoder({ '127.0.0.2': listing('R', 'spam-source', 'major') }),
  },
  {
    zone: ZONES.silent,
    name: 'Silent List',
    kind: 'ip',
    role: 'block',
    decode: decoder({ '127.0.0.2': listing('S', 'spam-source', 'major') }),
  },
  {
    zone: ZONES.allow,
    name: 'Good Senders',
    kind: 'ip',
    role: 'allow',
    decode: decoder({ '127.0.10.2': listing('high', 'trusted', 'info') }),
  },
  {
    zone: ZONES.domain,
    name: 'Domain List',
    kind: 'domain',
    role: 'block',
    decode: decoder({ '127.0.1.2': listing('127.0.1.2', 'spam', 'major') }),
  },
];

const reversed = (ip: string) => ip.split('.').reverse().join('.');
/** 2001:db8::25 as 32 nibbles, least significant first. */
const V6_NIBBLES = '5.2.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.8.b.d.0.1.0.0.2';

/** The records behind the zones: LISTED_IP on the major and minor lists, CLEAN_IP on the allowlist. */
export function blocklistFixture(): FixtureZone {
  const zone: FixtureZone = {
    [`${reversed(LISTED_IP)}.${ZONES.major}`]: { A: ['127.0.0.2'] },
    [`${reversed(LISTED_IP)}.${ZONES.minor}`]: { A: ['127.0.0.3'] },
    [`${reversed(CLEAN_IP)}.${ZONES.allow}`]: { A: ['127.0.10.2'] },
    [`${V6_NIBBLES}.${ZONES.major}`]: { A: ['127.0.0.2'] },
    [`${LISTED_DOMAIN}.${ZONES.domain}`]: { A: ['127.0.1.2'] },
  };
  for (const ip of [LISTED_IP, CLEAN_IP, '127.0.0.2']) {
    zone[`${reversed(ip)}.${ZONES.refusing}`] = { A: ['127.255.255.254'] };
    zone[`${reversed(ip)}.${ZONES.silent}`] = { TIMEOUT: true };
  }
  return zone;
}
